//! [`UserLoader`]: single-user lookups (by ID, by username) made at about the same time are
//! sent as one batch request (`POST /users/ids`, `POST /users/usernames`) and each caller
//! gets its own answer. Opt-in: [`Users::batching_lookup`].
//!
//!
//! What is coalesced and what is not, and why: [`UserLoader`].

use std::collections::HashMap;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use futures_util::future::join_all;
use mattermost_sdk_core::batch::BATCH_CHUNK;
use mattermost_sdk_core::endpoints::users::{GetUsersByIds, GetUsersByUsernames};
use mattermost_sdk_core::models::{Role, User};
use mattermost_sdk_core::{BuildError, Error, UserId};
use tokio::sync::{oneshot, OnceCell};

use crate::client::Client;
use crate::users::Users;

/// Most IDs or usernames in one batch request.
pub const MAX_LOOKUP_BATCH: usize = BATCH_CHUNK;

impl Users {
    /// A lookup handle that coalesces the single-user lookups made through it within
    /// `window` (measured from the first lookup of a batch) into batch requests; see
    /// [`UserLoader`]. `Duration::ZERO` sends a batch as soon as the lookups already under
    /// way have had their turn on the runtime (one task yield), which is the fastest when
    /// the lookups come from many tasks at once.
    ///
    /// Needs a Tokio runtime (batches are sent from spawned tasks).
    pub fn batching_lookup(&self, window: Duration) -> UserLoader {
        UserLoader {
            inner: Arc::new(Inner {
                client: self.client().clone(),
                window,
                caller: OnceCell::new(),
                pending: Mutex::new(Pending::default()),
            }),
        }
    }
}

/// Coalesces concurrent `get user by ID` / `get user by username` calls into
/// `POST /users/ids` and `POST /users/usernames`. Cheap to clone: clones share the pending
/// batches. Made by [`Users::batching_lookup`].
///
/// # When the batch answer is the single answer
///
/// `server/channels/api4/user.go`: `getUser` / `getUserByUsername` and `getUsersByIds` /
/// `getUsersByNames` load the same store rows but sanitize them differently:
///
/// - **yourself**: the single lookup sanitizes with `user.Sanitize({})`, which keeps
///   `notify_props`, `email_verified`, `allow_marketing`, `last_password_update`,
///   `failed_attempts`, `auth_service` (and `email`, `first_name`, `last_name` whatever the
///   privacy settings), and adds `terms_of_service_id` / `terms_of_service_create_at`; the
///   batch handlers run `SanitizeProfile`, which clears the first six
///   (`User.ClearNonProfileFields` in `server/public/model/user.go`) and hides the others as
///   the privacy settings say. Lookups of the caller are therefore always single calls.
/// - **a system admin's lookups**: both sanitize with the admin's options, but the single
///   lookup adds `terms_of_service_id` / `terms_of_service_create_at` of a user who accepted
///   the terms. A loader whose caller has the `system_admin` role therefore sends every lookup
///   as a single call.
/// - **anyone else's lookups by anyone else**: both are `App.SanitizeProfile(user, false)`
///   of the same row: the same user, field for field (unknown fields included). These are
///   coalesced.
///
/// The batch handlers leave out users the caller may not see (view restrictions) as they
/// leave out unknown ones, while the single lookup answers 404 or 403. A name or ID missing
/// from a batch answer is therefore asked again with the single call, so its caller gets
/// exactly the error (or user) the single call gives; misses cost one request each.
///
/// # Limits
///
/// A batch holds at most [`MAX_LOOKUP_BATCH`] IDs or usernames (the chunk size of
/// [`mattermost_sdk_core::batch`]: the handlers cap nothing themselves, but the body must
/// stay under `ServiceSettings.MaximumPayloadSizeBytes`, 300,000 bytes by default); a full
/// batch is sent at once, without waiting for the window.
///
/// ```no_run
/// # async fn demo(client: mattermost_sdk::Client) -> Result<(), mattermost_sdk::Error> {
/// use std::time::Duration;
/// let loader = client.users().batching_lookup(Duration::from_millis(2));
/// let (a, b) = tokio::join!(loader.get_by_username("alice"), loader.get_by_username("bob"));
/// println!("{} {}", a?.id, b?.id);
/// # Ok(()) }
/// ```
#[derive(Clone)]
pub struct UserLoader {
    inner: Arc<Inner>,
}

impl fmt::Debug for UserLoader {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("UserLoader")
            .field("window", &self.inner.window)
            .field("caller", &self.inner.caller.get())
            .finish_non_exhaustive()
    }
}

struct Inner {
    client: Client,
    window: Duration,
    /// Who is asking, fetched once (`GET /users/me`).
    caller: OnceCell<Caller>,
    pending: Mutex<Pending>,
}

/// What decides whether a lookup may be coalesced.
#[derive(Debug)]
struct Caller {
    id: String,
    username: String,
    admin: bool,
}

/// The two kinds of lookup.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Id,
    Username,
}

type Answer = oneshot::Sender<Result<User, Error>>;

/// The lookups waiting for their batch, per kind, and whether a send is scheduled.
#[derive(Default)]
struct Pending {
    ids: Vec<(String, Answer)>,
    names: Vec<(String, Answer)>,
    ids_scheduled: bool,
    names_scheduled: bool,
}

impl Pending {
    fn of(&mut self, kind: Kind) -> (&mut Vec<(String, Answer)>, &mut bool) {
        match kind {
            Kind::Id => (&mut self.ids, &mut self.ids_scheduled),
            Kind::Username => (&mut self.names, &mut self.names_scheduled),
        }
    }
}

impl UserLoader {
    /// The user with `id`, as `client.user(id).get()` returns it (the same user, or the same
    /// error). Coalesced unless it is the caller or the caller is a system admin.
    pub async fn get(&self, id: impl crate::IdArg<UserId>) -> Result<User, Error> {
        let id = id.into_id()?;
        let caller = self.caller().await?;
        if caller.admin || id.is_me() || id.as_str() == caller.id {
            return self.inner.client.user(id).get().await;
        }
        self.enqueue(Kind::Id, id.as_str().to_owned()).await
    }

    /// The user named `username`, as `client.users().get_by_username(username)` returns it
    /// (the same user, or the same error; a malformed name is the same `BuildError`, before
    /// any request). Coalesced unless it is the caller or the caller is a system admin.
    pub async fn get_by_username(&self, username: impl Into<String>) -> Result<User, Error> {
        let call = self.inner.client.users().get_by_username(username);
        let name = match call.endpoint() {
            Ok(ep) => ep.username.as_str().to_owned(),
            Err(e) => return Err(e.clone().into()),
        };
        let caller = self.caller().await?;
        if caller.admin || name == caller.username {
            return call.await;
        }
        self.enqueue(Kind::Username, name).await
    }

    async fn caller(&self) -> Result<&Caller, Error> {
        self.inner
            .caller
            .get_or_try_init(|| async {
                let me = self.inner.client.me().await?;
                Ok::<_, Error>(Caller {
                    admin: me.role_list().contains(&Role::SystemAdmin),
                    id: me.id,
                    username: me.username,
                })
            })
            .await
    }

    /// Adds a lookup to its kind's batch; sends the batch when it is full, else makes sure
    /// a send is scheduled after the window.
    async fn enqueue(&self, kind: Kind, key: String) -> Result<User, Error> {
        let (tx, rx) = oneshot::channel();
        let full = {
            let mut pending = self.inner.pending.lock().unwrap_or_else(|e| e.into_inner());
            let (list, scheduled) = pending.of(kind);
            list.push((key, tx));
            if list.len() >= MAX_LOOKUP_BATCH {
                Some(std::mem::take(list))
            } else {
                if !*scheduled {
                    *scheduled = true;
                    let inner = self.inner.clone();
                    tokio::spawn(async move {
                        if inner.window.is_zero() {
                            tokio::task::yield_now().await;
                        } else {
                            tokio::time::sleep(inner.window).await;
                        }
                        let batch = {
                            let mut pending =
                                inner.pending.lock().unwrap_or_else(|e| e.into_inner());
                            let (list, scheduled) = pending.of(kind);
                            *scheduled = false;
                            std::mem::take(list)
                        };
                        send_batch(inner, kind, batch).await;
                    });
                }
                None
            }
        };
        if let Some(batch) = full {
            tokio::spawn(send_batch(self.inner.clone(), kind, batch));
        }
        rx.await.unwrap_or_else(|_| {
            Err(BuildError::InvalidParam {
                param: "lookup",
                reason: "the batch of this lookup was dropped (the runtime shut down)".into(),
            }
            .into())
        })
    }
}

/// Sends one batch and answers every lookup in it.
async fn send_batch(inner: Arc<Inner>, kind: Kind, batch: Vec<(String, Answer)>) {
    if batch.is_empty() {
        return;
    }
    // Keys in first-asked order, each with everyone waiting for it.
    let mut order: Vec<String> = Vec::new();
    let mut waiting: HashMap<String, Vec<Answer>> = HashMap::with_capacity(batch.len());
    for (key, tx) in batch {
        waiting
            .entry(key)
            .or_insert_with_key(|k| {
                order.push(k.clone());
                Vec::new()
            })
            .push(tx);
    }
    let answer = match kind {
        Kind::Id => match order.iter().map(UserId::new).collect::<Result<Vec<_>, _>>() {
            Ok(ids) => inner.client.execute(&GetUsersByIds::new(ids)).await,
            Err(e) => Err(e.into()),
        },
        Kind::Username => inner.client.execute(&GetUsersByUsernames::new(order)).await,
    };
    if let Ok(users) = answer {
        for user in users {
            let key = match kind {
                Kind::Id => &user.id,
                Kind::Username => &user.username,
            };
            if let Some(mut txs) = waiting.remove(key.as_str()) {
                let last = txs.pop();
                for tx in txs {
                    let _ = tx.send(Ok(user.clone()));
                }
                if let Some(tx) = last {
                    let _ = tx.send(Ok(user));
                }
            }
        }
    }
    // Not in the answer (unknown, not visible, or the batch failed): the single call, so the
    // caller gets exactly what it would have got without batching.
    let single = waiting.into_iter().flat_map(|(key, txs)| {
        let client = inner.client.clone();
        txs.into_iter().map(move |tx| {
            let client = client.clone();
            let key = key.clone();
            async move {
                let out = match kind {
                    Kind::Id => client.user(key.as_str()).get().await,
                    Kind::Username => client.users().get_by_username(key).await,
                };
                let _ = tx.send(out);
            }
        })
    });
    join_all(single).await;
}
