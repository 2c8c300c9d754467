//! [`FakeServerBuilder`]: a fake with the data a test needs, and hooks for the routes the fake
//! does not model.

use std::fmt;
use std::sync::{Arc, Mutex};

use bytes::Bytes;
use http::{Method, Request, Response};
use serde_json::{json, Value};

use super::state::{user_json, Pref, State};
use super::FakeServer;

/// A hook's answer to a request: any response.
type HookFn = dyn Fn(&Request<Bytes>) -> Response<Bytes> + Send + Sync;
/// A fallback's answer: a response, or `None` for the fake's own 404.
type FallbackFn = dyn Fn(&Request<Bytes>) -> Option<Response<Bytes>> + Send + Sync;

/// The routes a test added: checked before the fake's own routes, and the fallback after.
#[derive(Default)]
pub(crate) struct Hooks {
    routes: Vec<(Method, Vec<String>, Arc<HookFn>)>,
    fallback: Option<Arc<FallbackFn>>,
}

impl fmt::Debug for Hooks {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Hooks")
            .field("routes", &self.routes.len())
            .field("fallback", &self.fallback.is_some())
            .finish()
    }
}

impl Hooks {
    /// The added route for `method` and the request's path (below `/api/v4`), if any.
    pub(crate) fn route_for(&self, method: &Method, uri_path: &str) -> Option<Arc<HookFn>> {
        if self.routes.is_empty() || !uri_path.contains("/api/v4/") {
            return None;
        }
        let segs = crate::util::segments(crate::util::api_relative(uri_path));
        self.routes
            .iter()
            .find(|(m, pattern, _)| {
                m == method
                    && pattern.len() == segs.len()
                    && pattern.iter().zip(&segs).all(|(p, s)| p == "{}" || p == s)
            })
            .map(|(_, _, f)| Arc::clone(f))
    }

    pub(crate) fn fallback(&self) -> Option<Arc<FallbackFn>> {
        self.fallback.clone()
    }
}

/// A copy of a request (its extensions left out), for a hook called after the original was
/// taken apart.
pub(crate) fn copy_request(req: &Request<Bytes>) -> Request<Bytes> {
    let mut copy = Request::new(req.body().clone());
    *copy.method_mut() = req.method().clone();
    *copy.uri_mut() = req.uri().clone();
    *copy.version_mut() = req.version();
    *copy.headers_mut() = req.headers().clone();
    copy
}

/// `/channels/{channel_id}/posts` → `["channels", "{}", "posts"]`.
fn pattern(path: &str) -> Vec<String> {
    let path = path.strip_prefix("/api/v4").unwrap_or(path);
    path.split('/')
        .filter(|s| !s.is_empty())
        .map(|s| {
            if s.starts_with('{') && s.ends_with('}') {
                "{}".to_owned()
            } else {
                s.to_owned()
            }
        })
        .collect()
}

/// Builds a [`FakeServer`] with the users, teams, channels, tokens and preferences a test
/// needs, and with answers for routes the fake does not model. Start from
/// [`FakeServer::builder`] (no data) and add [`with_default_data`](Self::with_default_data)
/// for the data of [`FakeServer::new`].
///
/// IDs are the test's to choose: give 26 characters of `[a-z0-9]`, as the server's IDs are
/// (the fake answers 400 for a path ID of another shape, like the server).
///
/// ```
/// use mattermost_sdk_core::{bytes::Bytes, http::{Request, Response, StatusCode}};
/// use mattermost_sdk_mock::FakeServer;
///
/// const DAVE: &str = "dave0000000000000000000001";
/// const TEAM: &str = "team0000000000000000000001";
/// let fake = FakeServer::builder()
///     .user(DAVE, "dave", "Dave-Passw0rd!", "system_user")
///     .access_token(DAVE, "davetoken00000000000000001")
///     .team(TEAM, "gamma")
///     .team_member(TEAM, DAVE)
///     .preference(DAVE, "display_settings", "use_military_time", "true")
///     // A route the fake does not model: `{...}` matches one path segment.
///     .route("GET", "/api/v4/channels/{channel_id}/stats", |req| {
///         Response::new(Bytes::from(r#"{"channel_id":"c","member_count":3}"#))
///     })
///     .build();
///
/// let get = |path: &str| {
///     let req = Request::get(format!("http://fake{path}"))
///         .header("Authorization", "Bearer davetoken00000000000000001")
///         .body(Bytes::new())
///         .unwrap();
///     fake.handle(req)
/// };
/// let me: serde_json::Value = serde_json::from_slice(get("/api/v4/users/me").body()).unwrap();
/// assert_eq!(me["username"], "dave");
/// let teams: serde_json::Value =
///     serde_json::from_slice(get("/api/v4/users/me/teams").body()).unwrap();
/// assert_eq!(teams[0]["name"], "gamma");
/// let stats = get("/api/v4/channels/anychannel/stats");
/// assert_eq!(stats.status(), StatusCode::OK);
/// assert!(stats.headers().contains_key("x-request-id"));
/// ```
pub struct FakeServerBuilder {
    st: State,
    hooks: Hooks,
}

impl fmt::Debug for FakeServerBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeServerBuilder")
            .field("users", &self.st.users.len())
            .field("teams", &self.st.teams.len())
            .field("hooks", &self.hooks)
            .finish_non_exhaustive()
    }
}

impl FakeServerBuilder {
    pub(crate) fn new() -> Self {
        FakeServerBuilder {
            st: State::default(),
            hooks: Hooks::default(),
        }
    }

    /// Adds the data [`FakeServer::new`] starts with (the admin, alice, bob, carol, their
    /// teams, sessions, tokens and preferences; see the [module docs](super)).
    pub fn with_default_data(mut self) -> Self {
        super::seed::seed(&mut self.st);
        self
    }

    /// Adds an active user with the usual fields, email `{username}@example.com`, `password`
    /// and space-separated `roles` (`system_user`, or `system_admin system_user` for an
    /// admin). Replaces a user with the same ID.
    pub fn user(mut self, id: &str, username: &str, password: &str, roles: &str) -> Self {
        let at = self.st.now();
        let email = format!("{username}@example.com");
        let user = user_json(id, username, &email, roles, ("", ""), at);
        self.st.insert_user(user, password);
        self
    }

    /// Adds a user from its JSON object (as `GET /users/{id}` returns it; it must have a
    /// string `id`), with `password`. Fields the fake does not know are kept and returned.
    /// Fields missing from `user` take the defaults of [`user`](Self::user). Not an object, or
    /// no `id`: nothing is added.
    pub fn user_json(mut self, user: Value, password: &str) -> Self {
        let Value::Object(fields) = user else {
            return self;
        };
        let Some(id) = fields.get("id").and_then(Value::as_str).map(str::to_owned) else {
            return self;
        };
        let username = fields
            .get("username")
            .and_then(Value::as_str)
            .unwrap_or(&id);
        let at = self.st.now();
        let mut full = user_json(
            &id,
            username,
            &format!("{username}@example.com"),
            "system_user",
            ("", ""),
            at,
        );
        full.extend(fields);
        self.st.insert_user(full, password);
        self
    }

    /// Adds an open team with `name` (its display name too).
    pub fn team(mut self, id: &str, name: &str) -> Self {
        let at = self.st.now();
        let team = json!({
            "id": id, "create_at": at, "update_at": at, "delete_at": 0,
            "display_name": name, "name": name, "description": "",
            "email": "", "type": "O", "company_name": "",
            "allowed_domains": "", "invite_id": "", "allow_open_invite": true,
            "scheme_id": null, "group_constrained": false, "policy_id": null,
        });
        if let Value::Object(team) = team {
            self.st.teams.insert(id.to_owned(), team);
        }
        self
    }

    /// Makes `user_id` a member of `team_id`.
    pub fn team_member(mut self, team_id: &str, user_id: &str) -> Self {
        let pair = (team_id.to_owned(), user_id.to_owned());
        if !self.st.memberships.contains(&pair) {
            self.st.memberships.push(pair);
        }
        self
    }

    /// Adds a channel in `team_id`.
    pub fn channel(mut self, id: &str, team_id: &str) -> Self {
        self.st.channels.insert(id.to_owned(), team_id.to_owned());
        self
    }

    // issue 12, users 3 of 3: retention policies and uploads
    /// Gives `team_id` a data retention policy keeping posts `post_duration_days` days; its
    /// members see it in `GET /users/{id}/data_retention/team_policies`.
    pub fn team_retention_policy(mut self, team_id: &str, post_duration_days: i64) -> Self {
        self.st
            .chan
            .team_policies
            .insert(team_id.to_owned(), post_duration_days);
        self
    }

    /// Gives `channel_id` a data retention policy keeping posts `post_duration_days` days;
    /// its members see it in `GET /users/{id}/data_retention/channel_policies`.
    pub fn channel_retention_policy(mut self, channel_id: &str, post_duration_days: i64) -> Self {
        self.st
            .chan
            .channel_policies
            .insert(channel_id.to_owned(), post_duration_days);
        self
    }

    /// Adds an upload session `id` of `file_size` bytes of `filename` by `user_id` into
    /// `channel_id`, nothing received yet (see `FakeServer::add_upload`).
    pub fn upload(
        mut self,
        id: &str,
        user_id: &str,
        channel_id: &str,
        filename: &str,
        file_size: i64,
    ) -> Self {
        let at = self.st.now();
        self.st
            .add_upload(id, user_id, channel_id, filename, file_size, at);
        self
    }

    /// Adds a login session of `user_id` whose token is `token` (as after a login).
    pub fn session(mut self, user_id: &str, token: &str) -> Self {
        let added = self.st.add_session(user_id, "", "fake");
        if let Some(s) = self.st.sessions.iter_mut().find(|s| s.token == added) {
            s.token = token.to_owned();
        }
        self
    }

    /// Adds a personal access token of `user_id`.
    pub fn access_token(mut self, user_id: &str, token: &str) -> Self {
        self.st
            .add_personal_token(None, user_id, token, "added by the test");
        self
    }

    /// Sets a preference of `user_id` (replacing one with the same category and name).
    pub fn preference(mut self, user_id: &str, category: &str, name: &str, value: &str) -> Self {
        self.st.upsert_pref(Pref {
            user_id: user_id.to_owned(),
            category: category.to_owned(),
            name: name.to_owned(),
            value: value.to_owned(),
        });
        self
    }

    /// Answers `method` on `path` with `handler`, before the fake's own routes (so it can also
    /// replace one). `path` is below `/api/v4` (with or without that prefix); a `{name}`
    /// segment matches any one segment. The handler gets the whole request (no auth is
    /// checked: the handler decides); the fake adds an `X-Request-Id` if the response has
    /// none and logs the request in [`FakeServer::requests`].
    /// `handler` runs without the fake's lock held.
    ///
    /// # Panics
    ///
    /// If `method` is not a valid HTTP method.
    pub fn route(
        mut self,
        method: &str,
        path: &str,
        handler: impl Fn(&Request<Bytes>) -> Response<Bytes> + Send + Sync + 'static,
    ) -> Self {
        let method = Method::from_bytes(method.as_bytes())
            .unwrap_or_else(|_| panic!("not an HTTP method: {method:?}"));
        self.hooks
            .routes
            .push((method, pattern(path), Arc::new(handler)));
        self
    }

    /// Called for every request the fake has no route for (instead of its 404
    /// `api.context.404.app_error`); `None` keeps that 404. Like [`route`](Self::route), it
    /// runs without the fake's lock held, and its answers get an `X-Request-Id` and are logged.
    /// A second call replaces the first.
    pub fn fallback(
        mut self,
        handler: impl Fn(&Request<Bytes>) -> Option<Response<Bytes>> + Send + Sync + 'static,
    ) -> Self {
        self.hooks.fallback = Some(Arc::new(handler));
        self
    }

    /// The fake server.
    pub fn build(self) -> FakeServer {
        FakeServer {
            state: Arc::new(Mutex::new(self.st)),
            hooks: Arc::new(self.hooks),
        }
    }
}
