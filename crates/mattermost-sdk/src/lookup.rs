//! [`UserLoader`]: single-user lookups (by ID, by username) made at about the same time are
//! sent as one batch request (`POST /users/ids`, `POST /users/usernames`) and each caller
//! gets its own answer. Opt-in: [`Users::batching_lookup`].
//!
//!
//! What is coalesced and what is not, and why: [`UserLoader`].

use std::collections::HashMap;
use std::fmt;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Duration;

use futures_util::future::join_all;
use mattermost_sdk_core::batch::BATCH_CHUNK;
use mattermost_sdk_core::endpoints::users::{GetUsersByIds, GetUsersByUsernames};
use mattermost_sdk_core::models::{Role, User};
use mattermost_sdk_core::{BuildError, Error, UserId};
use tokio::runtime::Handle;
use tokio::sync::{oneshot, OnceCell};
use tokio::time::Instant;

use crate::client::Client;
use crate::users::Users;

/// Most IDs or usernames in one batch request.
pub const MAX_LOOKUP_BATCH: usize = BATCH_CHUNK;

/// Batch requests of one kind (by ID, by username) a [`UserLoader`] keeps in flight at
/// once unless [`UserLoader::max_batches_in_flight`] says otherwise.
///
/// Chosen by measurement (`benches/bulk.rs`; BENCHMARKS.md, "Item 3: a cap on batches in
/// flight"): 10,000 usernames resolved by 64 tasks at once against a fake server on
/// loopback, window 0. With no cap the callers stay split into the groups they first fell
/// into (each asks again only once its batch is answered), so batches averaged 12 to 20
/// names, varying with the machine's load; with a cap of 1 they merge into one group
/// (about 50 names a batch) but client and server take turns instead of working at once
/// (with 2 ms before each request, 1.22 times slower than a cap of 2); with 2, two groups
/// alternate, 26 to 29 names a batch in every run, 1.07 to 1.22 times faster than no cap
/// under load, as fast as a cap of 4, and on a quiet machine 1.34 times faster than a cap
/// of 1 (0.303 s against 0.406 s). A cap trades requests in flight for fuller
/// batches: against a distant server more batches in flight can hide more round trips
/// (with 2 ms before each request, no cap was no faster than 2 there).
pub const DEFAULT_MAX_BATCHES_IN_FLIGHT: usize = 2;

impl Users {
    /// A lookup handle that coalesces the single-user lookups made through it within
    /// `window` (measured from the first lookup of a batch) into batch requests; see
    /// [`UserLoader`]. `Duration::ZERO` sends a batch as soon as the lookups already under
    /// way have had their turn on the runtime (one task yield), which is the fastest when
    /// the lookups come from many tasks at once. At most
    /// [`DEFAULT_MAX_BATCHES_IN_FLIGHT`] batches of each kind are in flight at once; change
    /// it with [`UserLoader::max_batches_in_flight`].
    ///
    /// Needs a Tokio runtime (batches are sent from spawned tasks; without one, a lookup
    /// that would be batched fails with a typed error instead).
    pub fn batching_lookup(&self, window: Duration) -> UserLoader {
        UserLoader {
            inner: Arc::new(Inner {
                client: self.client().clone(),
                window,
                max_in_flight: AtomicUsize::new(DEFAULT_MAX_BATCHES_IN_FLIGHT),
                caller: OnceCell::new(),
                pending: Mutex::new(Pending::default()),
            }),
        }
    }
}

/// Coalesces concurrent `get user by ID` / `get user by username` calls into
/// `POST /users/ids` and `POST /users/usernames`. Cheap to clone: clones share the pending
/// batches (and the cap on batches in flight). Made by [`Users::batching_lookup`].
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
/// # Batches in flight
///
/// At most [`max_batches_in_flight`](Self::max_batches_in_flight) batch requests of each
/// kind are unanswered at once ([`DEFAULT_MAX_BATCHES_IN_FLIGHT`] unless set). While a kind
/// is at its cap, new lookups of that kind wait; when a batch's answer comes back, the
/// waiting lookups go out as the next batch (after the window, counted from the first of
/// them, which by then has usually passed). So callers that ask again as soon as they are
/// answered end up in one batch instead of staying split into the groups they first fell
/// into. The single calls for names a batch left out do not count against the cap.
///
/// # Limits
///
/// A batch holds at most [`MAX_LOOKUP_BATCH`] IDs or usernames (the chunk size of
/// [`mattermost_sdk_core::batch`]: the handlers cap nothing themselves, but the body must
/// stay under `ServiceSettings.MaximumPayloadSizeBytes`, 300,000 bytes by default); a full
/// batch is sent at once, without waiting for the window, if the cap allows; at the cap it
/// is the first to go when a batch's answer comes back.
///
/// # Cancellation and shutdown
///
/// Every lookup gets an answer or an error, never waits forever: if the task sending its
/// batch is dropped (the runtime shut down) or panics (in a custom transport), the lookups
/// in that batch fail with a [`BuildError::InvalidParam`] saying so, the batch's place
/// under the cap is given back, and the lookups waiting behind it go out as usual (or, if
/// the runtime is gone, fail the same way). A caller that drops its lookup future only
/// drops its own answer.
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
            .field("max_batches_in_flight", &self.inner.max_in_flight())
            .field("caller", &self.inner.caller.get())
            .finish_non_exhaustive()
    }
}

struct Inner {
    client: Client,
    window: Duration,
    /// Batch requests of one kind unanswered at once (at least 1).
    max_in_flight: AtomicUsize,
    /// Who is asking, fetched once (`GET /users/me`).
    caller: OnceCell<Caller>,
    pending: Mutex<Pending>,
}

impl Inner {
    fn max_in_flight(&self) -> usize {
        self.max_in_flight.load(Ordering::Relaxed).max(1)
    }

    fn lock(&self) -> MutexGuard<'_, Pending> {
        self.pending.lock().unwrap_or_else(|e| e.into_inner())
    }
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
type Batch = Vec<(String, Answer)>;

/// One kind's lookups waiting for a batch and its batches under way.
///
/// Invariant, restored by [`pump`] after every change: if `waiting` is not empty, a flush
/// is `scheduled` or `in_flight` is at the cap (so an answer will come back and pump).
#[derive(Default)]
struct Queue {
    waiting: Batch,
    /// When the oldest of `waiting` was queued.
    since: Option<Instant>,
    /// Batch requests sent (or about to be) and not yet answered.
    in_flight: usize,
    /// Whether a [`flush`] task is waiting for the window.
    scheduled: bool,
}

impl Queue {
    /// The next batch (at most `MAX_LOOKUP_BATCH` of the oldest waiting lookups), counted
    /// in flight.
    fn take(&mut self) -> Batch {
        let n = self.waiting.len().min(MAX_LOOKUP_BATCH);
        let rest = self.waiting.split_off(n);
        let batch = std::mem::replace(&mut self.waiting, rest);
        if self.waiting.is_empty() {
            self.since = None;
        }
        self.in_flight += 1;
        batch
    }

    /// Every waiting lookup, taken out to be dropped: their callers get the "batch dropped"
    /// error.
    fn abandon(&mut self) -> Batch {
        self.since = None;
        std::mem::take(&mut self.waiting)
    }
}

/// The lookups waiting for their batch, per kind.
#[derive(Default)]
struct Pending {
    ids: Queue,
    names: Queue,
}

impl Pending {
    fn of(&mut self, kind: Kind) -> &mut Queue {
        match kind {
            Kind::Id => &mut self.ids,
            Kind::Username => &mut self.names,
        }
    }
}

/// A batch's place under the cap, given back when dropped (answered, or its task dropped
/// or unwinding), which sends what waits behind it.
struct Slot {
    inner: Arc<Inner>,
    kind: Kind,
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.inner.lock().of(self.kind).in_flight -= 1;
        pump(&self.inner, self.kind);
    }
}

/// A scheduled flush; if its task is dropped before it runs (the runtime shut down), the
/// lookups it was to send fail instead of waiting for it.
struct FlushGuard {
    inner: Arc<Inner>,
    kind: Kind,
    armed: bool,
}

impl Drop for FlushGuard {
    fn drop(&mut self) {
        if self.armed {
            let dropped = {
                let mut pending = self.inner.lock();
                let q = pending.of(self.kind);
                q.scheduled = false;
                q.abandon()
            };
            drop(dropped); // outside the lock
        }
    }
}

/// Restores the [`Queue`] invariant: sends full batches while the cap allows, and schedules
/// a flush of the rest if a batch may go and none is scheduled. Spawns outside the lock (a
/// task spawned on a runtime that is shutting down may be dropped at once, which locks).
fn pump(inner: &Arc<Inner>, kind: Kind) {
    let Ok(runtime) = Handle::try_current() else {
        // No runtime to send from: fail what waits rather than leave it waiting.
        let dropped = inner.lock().of(kind).abandon();
        drop(dropped);
        return;
    };
    let cap = inner.max_in_flight();
    let (full, flush) = {
        let mut pending = inner.lock();
        let q = pending.of(kind);
        let mut full = Vec::new();
        while q.in_flight < cap && q.waiting.len() >= MAX_LOOKUP_BATCH {
            full.push(q.take());
        }
        let flush = if !q.waiting.is_empty() && q.in_flight < cap && !q.scheduled {
            q.scheduled = true;
            Some(q.since.unwrap_or_else(Instant::now) + inner.window)
        } else {
            None
        };
        (full, flush)
    };
    for batch in full {
        let slot = Slot {
            inner: inner.clone(),
            kind,
        };
        runtime.spawn(send_batch(inner.clone(), kind, batch, slot));
    }
    if let Some(deadline) = flush {
        let guard = FlushGuard {
            inner: inner.clone(),
            kind,
            armed: true,
        };
        runtime.spawn(flush_after(guard, deadline));
    }
}

/// Waits for the window (one yield if it is zero or has passed), then sends what waits as
/// one batch if the cap allows.
async fn flush_after(mut guard: FlushGuard, deadline: Instant) {
    if guard.inner.window.is_zero() || deadline <= Instant::now() {
        tokio::task::yield_now().await;
    } else {
        tokio::time::sleep_until(deadline).await;
    }
    guard.armed = false;
    let (inner, kind) = (guard.inner.clone(), guard.kind);
    drop(guard);
    let cap = inner.max_in_flight();
    let batch = {
        let mut pending = inner.lock();
        let q = pending.of(kind);
        q.scheduled = false;
        (q.in_flight < cap && !q.waiting.is_empty()).then(|| q.take())
    };
    // Built before pump, so that its place is counted; pump sees to anything left.
    let slot = batch.as_ref().map(|_| Slot {
        inner: inner.clone(),
        kind,
    });
    pump(&inner, kind);
    if let (Some(batch), Some(slot)) = (batch, slot) {
        send_batch(inner, kind, batch, slot).await;
    }
}

impl UserLoader {
    /// At most `n` batch requests of each kind (by ID, by username) in flight at once;
    /// lookups made while a kind is at its cap wait and go out together when an answer
    /// comes back (see [Batches in flight](Self#batches-in-flight)). `0` is read as `1`;
    /// `usize::MAX` is no cap (a batch goes after each window whatever is in flight).
    /// Default [`DEFAULT_MAX_BATCHES_IN_FLIGHT`].
    ///
    /// Shared with this loader's clones (they share its batches); set it before the first
    /// lookup.
    pub fn max_batches_in_flight(self, n: usize) -> Self {
        self.inner.max_in_flight.store(n.max(1), Ordering::Relaxed);
        self
    }

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

    /// Queues a lookup of its kind and waits for its answer.
    async fn enqueue(&self, kind: Kind, key: String) -> Result<User, Error> {
        if Handle::try_current().is_err() {
            return Err(dropped_error());
        }
        let (tx, rx) = oneshot::channel();
        {
            let mut pending = self.inner.lock();
            let q = pending.of(kind);
            q.since.get_or_insert_with(Instant::now);
            q.waiting.push((key, tx));
        }
        pump(&self.inner, kind);
        rx.await.unwrap_or_else(|_| Err(dropped_error()))
    }
}

/// What a lookup whose batch could not be sent or answered gets.
fn dropped_error() -> Error {
    BuildError::InvalidParam {
        param: "lookup",
        reason: "the batch of this lookup was dropped (no Tokio runtime, the runtime shut \
                 down, or the task sending it panicked)"
            .into(),
    }
    .into()
}

/// Sends one batch and answers every lookup in it.
/// `slot` is given back as soon as the batch's answer is in (before the single calls for
/// what it left out).
async fn send_batch(inner: Arc<Inner>, kind: Kind, batch: Batch, slot: Slot) {
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
    drop(slot);
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
