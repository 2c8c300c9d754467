//! [`FakeServer`]: an in-memory, stateful fake of Mattermost's users API.
//!
//! It answers `http::Request<Bytes>` like a Mattermost server would, for the users operations
//! this SDK implements (the workspace's `ENDPOINTS.md` lists them) plus `POST /users/login`,
//! `POST /users/logout` and `GET /system/ping`. It implements [`Transport`], so a client can use it directly, and with
//! the `serve` feature it can be served over loopback HTTP (`mattermost_sdk_mock::serve`).
//!
//! ```
//! use mattermost_sdk_mock::fake::{self, FakeServer};
//! use mattermost_sdk_core::{bytes::Bytes, http::Request};
//!
//! let server = FakeServer::new();
//! let req = Request::get("http://fake/api/v4/users/me")
//!     .header("Authorization", format!("Bearer {}", fake::USER_TOKEN))
//!     .body(Bytes::new())
//!     .unwrap();
//! let resp = server.handle(req);
//! assert_eq!(resp.status(), 200);
//! let me: serde_json::Value = serde_json::from_slice(resp.body()).unwrap();
//! assert_eq!(me["username"], fake::USER_LOGIN);
//! ```
//!
//! # Behaviour
//!
//! - **Paths**: any scheme and host; the path is taken from the URI from `/api/v4/` on (a
//!   prefix such as `/chat/api/v4/` is fine). Segments are percent-decoded. `me` is the
//!   caller. A path ID that is not 26 characters of `[a-z0-9]` is a 400
//!   (`api.context.invalid_url_param.app_error`); an unknown route is a 404 and a known route
//!   with another method a 405.
//! - **Order of checks and missing rows** follow each server handler, so "missing" is not
//!   always a 404: reading an unknown user is a 404 (`app.user.missing_account.const`), but
//!   where the permission check comes first a user gets a 403, setting roles of an unknown
//!   user is a 400, an unknown session ID or a preference missing by name is a 400
//!   (`app.session.get.app_error`, `app.preference.get.app_error`), and the sessions and
//!   preferences of an unknown user are simply empty (200) for an admin.
//! - **Auth**: every route but login, logout and ping needs `Authorization: Bearer <token>`
//!   (or `Token <token>`) naming a live session or personal access token of an active user;
//!   otherwise 401 `api.context.session_expired.app_error`. Logging in creates a session;
//!   logging out, deactivation and the revoke operations end sessions.
//! - **Permissions** (simpler than the server's): an *admin* is a user whose roles include
//!   `system_admin`. Anyone signed in may read any user, their status and their image.
//!   `update_roles` and `update_authentication_method` are admin-only; `update_active` is
//!   admin-only except to deactivate oneself; everything else is allowed on oneself, and on
//!   others only for admins (403 `api.context.permissions.app_error` otherwise).
//!   Self-deactivation is allowed (the server's `EnableUserDeactivation` on).
//! - **Bodies** are checked the way the server decodes them, so wire bugs show up as 400
//!   `api.context.invalid_body_param.app_error` naming the field: `update_roles` needs
//!   `roles` as one string; `update_mfa` needs a boolean `activate` and, to activate, a
//!   *string* `code` (the fake accepts [`MFA_CODE`]); `update_password` needs `new_password`
//!   and, for one's own password, `current_password`, and the new password must satisfy the
//!   [`PasswordPolicy`] (the server's default configuration unless
//!   [`FakeServer::set_password_policy`] changes it); `set_status` needs a `user_id` equal to
//!   the path's real user ID (even for `me`); `update_authentication_method` needs
//!   `auth_data` and `auth_service`; `PUT /users/{id}` needs the body's `id` to be the path's
//!   user. A body sent to an operation that takes none is ignored.
//! - **Values are validated as the server validates them**: roles must be real role names
//!   ([`BUILT_IN_ROLES`]; `junk` is a 400 `app.role.check_roles_exist.role_not_found`);
//!   preferences come 1 to 100 at a time and pass `Preference.IsValid` (category, name and
//!   value lengths, a `theme` that is a JSON object, `limit_visible_dms_gms` from 1 to 40), a
//!   flagged post must exist; a timezone longer than 256 characters is refused.
//! - **Error ids match**: at login, an MFA code that is not six digits is 400
//!   `mfa.validate_token.authenticate.app_error`; a well-formed wrong code is 401
//!   `api.user.check_user_mfa.bad_code.app_error`.
//! - **Sanitising**: like `User.PreUpdate`, `PUT /users/{id}` and `/patch` silently drop the
//!   Unicode characters the server filters (BiDi controls, line separators, BOM, language
//!   tags, ...) from `username`, `first_name`, `last_name` and `nickname`, and lowercase the
//!   username and email, instead of refusing them; `POST /users` cleans the same names.
//!   Custom profile attribute text values are stored trimmed. Search results show
//!   `auth_data` to admins only.
//! - **Creating users** (`POST /users`): a body naming an `id` is refused, the password
//!   must pass the [`PasswordPolicy`], and email accounts must be at
//!   `TeamSettings.RestrictCreationToDomains` (`example.com` by default, settable as
//!   [`FakeSettings::restrict_creation_to_domains`]; LDAP and SAML accounts are exempt). A `t` (invitation token) is always unknown (404).
//! - **ETags**: `GET /users/{id}`, `/users/username/{name}`, `/users/email/{email}` and the
//!   plain, `in_team` and `not_in_team` listings of `GET /users` send an `ETag` and answer a
//!   matching `If-None-Match` with a 304; profile images send one but never answer 304, as
//!   on the server.
//! - **Bots**: a user converted to a bot cannot log in (401
//!   `api.user.login.bot_login_forbidden.app_error`) and counts in `GET /users/stats`.
//! - **Groups**: the fixture LDAP group ([`GROUP_ID`]) answers `in_group` / `not_in_group`
//!   listings and searches for admins (licence feature off: 403; regular users: 403).
//! - **Unknown fields survive**: users are stored as JSON objects, and `PUT /users/{id}` and
//!   `/patch` keep every field the client sends except server-controlled ones (`roles`,
//!   `create_at`, `delete_at`, `mfa_active`, `auth_*`, ...). The real server drops unknown
//!   fields; the fake keeps them so a test can prove a client's get → modify → update round
//!   trip does not lose them.
//! - **Images**: `POST /users/{id}/image` takes `multipart/form-data` with a file part named
//!   `image`, stored with the part's content type; `GET` returns it, or
//!   [`DEFAULT_PROFILE_IMAGE`] as `image/png`. Uploading the picture the user already has
//!   leaves `last_picture_update` unchanged, as on the server.
//! - **New users** ([`FakeServer::add_user`]) start with the preferences the server creates
//!   for every new user.
//! - **Flags and authorized apps** are preferences (`flagged_post`, `oauth_app`), as on the
//!   server; flagged posts come back as a `PostList` object.
//! - **Administration** (`handlers/admin.rs`, `handlers/cpa.rs`): audits, conversion to a
//!   bot (the user shows `is_bot`, their sessions end), demotion to guest (`roles` becomes
//!   `system_guest` in every answer) and promotion back (`system_user`), groups, the default
//!   profile image, failed login attempts (counted by login, locked at 10, reset by an
//!   admin), custom profile attribute values, and `DELETE /users/{id}?permanent=true`, which
//!   removes the user and everything that names them. What a server's settings and licence
//!   decide is in [`FakeSettings`] ([`FakeServer::configure`]): permanent deletion is off by
//!   default, as on the server. LDAP and SAML migration always answer 501 (no such licence),
//!   and `DELETE /users` answers 404, as the server does over TCP (it serves that route only
//!   on its local-mode socket).
//! - **Sign-in flows** (`handlers/signin.rs`): `POST /users/login/switch` makes the four
//!   switches of `switchAccountType` (email → SAML answers a link, email → GitLab one when
//!   [`FakeSettings::enable_gitlab`] is on, SSO → email sets the password and ends the
//!   user's sessions; the fake has no LDAP, so the LDAP switches end in the server's 501);
//!   `POST /users/login/cws` logs in with [`FakeSettings::cws_cloud_token`] once, on a
//!   Cloud licence ([`FakeSettings::cloud_license`]), answering a `302` with the session
//!   cookies; `POST /users/login/sso/code-exchange` exchanges a code from
//!   [`FakeServer::issue_sso_login_code`] (PKCE `S256`, see [`s256_challenge`]).
//! - **Deterministic**: IDs, tokens and request IDs come from a counter (26 characters of
//!   `[a-z0-9]`), times from a clock that starts at 2023-11-14 and ticks one second per use.
//!   Every response carries an `X-Request-Id`, and every response to an `/api/v4/` path an
//!   `X-Version-Id` ([`FAKE_SERVER_VERSION`]), as the server's handlers set it.
//!
//! # Your own data and routes
//!
//! [`FakeServer::builder`] starts a fake with no data (or, with
//! [`with_default_data`](FakeServerBuilder::with_default_data), the data below) and adds the
//! users, teams, channels, sessions, access tokens and preferences a test needs; the fake's
//! operations see them like any other. For the rest of the API, which the fake does not model,
//! [`route`](FakeServerBuilder::route) answers one method and path with your closure, and
//! [`fallback`](FakeServerBuilder::fallback) sees every request no route matched:
//!
//! ```
//! use mattermost_sdk_core::{bytes::Bytes, http::{Request, Response, StatusCode}};
//! use mattermost_sdk_mock::fake::{self, FakeServer};
//!
//! let fake = FakeServer::builder()
//!     .with_default_data()
//!     .user("dave0000000000000000000001", "dave", "Dave-Passw0rd!", "system_user")
//!     .team_member(fake::TEAM_ALPHA_ID, "dave0000000000000000000001")
//!     .fallback(|req: &Request<Bytes>| {
//!         // Every channel exists and is empty; everything else stays a 404.
//!         req.uri().path().starts_with("/api/v4/channels/")
//!             .then(|| Response::new(Bytes::from_static(b"[]")))
//!     })
//!     .build();
//!
//! let get = |path: &str| {
//!     fake.handle(Request::get(format!("http://fake{path}"))
//!         .header("Authorization", format!("Bearer {}", fake::ADMIN_TOKEN))
//!         .body(Bytes::new()).unwrap())
//! };
//! assert_eq!(get("/api/v4/users/dave0000000000000000000001").status(), StatusCode::OK);
//! assert_eq!(get("/api/v4/channels/x/members").body().as_ref(), b"[]");
//! assert_eq!(get("/api/v4/emoji").status(), StatusCode::NOT_FOUND);
//! ```
//!
//! # Local mode
//!
//! Served with `serve_unix` (feature `serve`), the fake plays the server's local mode: requests
//! on that socket need no token and act with every permission, and only the operations the
//! server registers for local mode answer (others are 404). Requests that reach the fake any
//! other way are never local mode.
//!
//! # Starting data
//!
//! [`FakeServer::new`] starts with:
//!
//! | who | ID | login / password | token | notes |
//! |---|---|---|---|---|
//! | admin | [`ADMIN_ID`] | [`ADMIN_LOGIN`] / [`ADMIN_PASSWORD`] | [`ADMIN_TOKEN`], [`ADMIN_PERSONAL_TOKEN`] | `system_admin system_user`, online |
//! | alice | [`USER_ID`] | [`USER_LOGIN`] / [`USER_PASSWORD`] | [`USER_TOKEN`], [`USER_MOBILE_TOKEN`] | MFA off, away, 2 sessions |
//! | bob | [`MFA_USER_ID`] | [`MFA_USER_LOGIN`] / [`MFA_USER_PASSWORD`] + [`MFA_CODE`] | [`MFA_USER_TOKEN`] | MFA on, dnd |
//! | carol | [`DEACTIVATED_USER_ID`] | [`DEACTIVATED_LOGIN`] / [`DEACTIVATED_PASSWORD`] | – | deactivated |
//!
//! Teams: [`TEAM_ALPHA_ID`] (admin, alice, bob, carol) and [`TEAM_BETA_ID`] (admin, alice),
//! with channels [`CHANNEL_ALPHA_ID`] and [`CHANNEL_BETA_ID`]. Alice has flagged
//! [`FLAGGED_POST_ID`], reacted with [`REACTION_EMOJI`] (and `+1`) to [`REACTION_POST_ID`],
//! authorized the OAuth app [`OAUTH_APP_ID`], and has a few `display_settings` preferences.
//!
//! # Server configuration and deliberate differences
//!
//! The fake behaves like a server with its default configuration, except where it
//! deliberately differs (each difference is a checked row of the crate's scenario suite,
//! `tests/scenarios`):
//!
//! - `TeamSettings.EnableUserDeactivation` is on: users may deactivate themselves (the
//!   server's default refuses with a 401).
//! - MFA is enabled and licensed (`ServiceSettings.EnableMultifactorAuthentication`), and the
//!   OAuth service provider is on (`EnableOAuthServiceProvider`): the server's defaults answer
//!   501 for these operations.
//! - `PUT /users/{id}` and `/patch` keep fields the fake does not know (see above).
//! - `PUT /users/{id}/roles` refuses an empty `roles` string, which the server would store.
//! - [`FakeSettings::ldap_groups`] off models a licence without the LDAP-groups feature:
//!   `GET /users/{id}/groups` answers 403 `api.ldap_groups.license_error`, where the
//!   server's own test (TestGetGroupsByUserId) removes the licence altogether and gets 501.
//!
//! # What the fake does not model
//!
//! Licences and every licensed feature (guest accounts, LDAP/SAML synchronisation, compliance),
//! plugins, notification email (the password-reset and verification emails are captured:
//! [`FakeServer::sent_emails`]), remote (shared channel) users, OAuth sessions, permission
//! schemes and roles other than `system_admin` and `system_user` (no `system_user_manager`,
//! no team or channel roles taking effect), archived channels, sidebar favourites kept in
//! step with the `favorite_channel` preference and a muted category muting its channels,
//! statuses set by activity (only `PUT /users/{id}/status` sets one), LDAP logins, open
//! sign-up (`EnableOpenServer` is off, as in the server's default configuration), team
//! invitations, direct and group message channels, custom (non-LDAP) groups,
//! `last_activity_at`, privacy settings that hide email or full name (`ShowEmailAddress` and
//! `ShowFullName` are on), and the server's ping options.

mod builder;
#[allow(dead_code)] // some accessors are for the sidebar and thread handlers
mod channels;
mod handlers;
mod limits;
pub(crate) mod local;
mod multipart;
mod reply;
mod routes;
mod rules;
mod seed;
mod state;

use std::fmt;
use std::future::{ready, Future};
use std::sync::{Arc, Mutex, MutexGuard};

use bytes::Bytes;
use http::header::HeaderValue;
use http::{Method, Request, Response, StatusCode};
use mattermost_sdk_core::{Transport, TransportError};
use serde_json::Value;

/// The `X-Version-Id` the fake sends on every API response, in the server's format
/// (`{version}.{build number}.{client config hash}.{licensed}`,
/// `server/channels/web/handlers.go`): version 11.1.0 (the API reference the fake follows is
/// of 2025-10-24), build `fake`, licensed.
pub const FAKE_SERVER_VERSION: &str = "11.1.0.fake.0000000000000000000000000000000.true";

pub use builder::FakeServerBuilder;
pub use handlers::account::{EmailKind, SentEmail};
pub use handlers::admin::{FakeSettings, CPA_FIELD_ID, CPA_MANAGED_FIELD_ID, GROUP_ID};
pub use handlers::terms_status::TERMS_OF_SERVICE_ID;
// sign-in flows (issue 11)
pub use handlers::signin::s256_challenge;
pub use limits::FakeRateLimit;
pub use rules::{PasswordPolicy, BUILT_IN_ROLES, PASSWORD_MAXIMUM_LENGTH};
pub use seed::*;

use routes::{Auth, Ctx};
use state::{user_json, State};

/// One request the fake answered: method, path below `/api/v4`, query string (both as sent)
/// and the response status.
///
/// ```
/// use mattermost_sdk_mock::{fake, FakeServer};
/// use mattermost_sdk_core::http::{Method, Request};
/// use bytes::Bytes;
///
/// let fake = FakeServer::new();
/// let req = Request::builder()
///     .method(Method::GET)
///     .uri("http://fake/api/v4/users?page=2&per_page=50&in_team=x%20y")
///     .header("authorization", format!("Bearer {}", fake::ADMIN_TOKEN))
///     .body(Bytes::new())
///     .unwrap();
/// fake.handle(req);
/// let seen = &fake.requests()[0];
/// assert_eq!(seen.path, "/users");
/// assert_eq!(seen.raw_query.as_deref(), Some("page=2&per_page=50&in_team=x%20y"));
/// assert_eq!(seen.query("per_page").as_deref(), Some("50"));
/// assert_eq!(seen.query("in_team").as_deref(), Some("x y"));
/// assert_eq!(seen.query_pairs()[0], ("page".to_owned(), "2".to_owned()));
/// ```
///
/// `Debug` shows the query with the values of secret-looking parameters (`token`, `password`,
/// `secret`, `code`, ...) replaced by `<redacted>`.
#[derive(Clone, PartialEq, Eq)]
pub struct FakeRequest {
    /// The method.
    pub method: Method,
    /// The path from `/api/v4` on, without it and without the query (`/users/me/teams`),
    /// still percent-encoded.
    pub path: String,
    /// The query string as sent, still percent-encoded, without the `?`
    /// (`page=0&per_page=60`); `None` when the URI had no `?`. Use
    /// [`query`](Self::query) or [`query_pairs`](Self::query_pairs) for decoded values.
    pub raw_query: Option<String>,
    /// The status of the response.
    pub status: StatusCode,
}

impl FakeRequest {
    /// Records a request to `uri` with `method`, answered with `status`.
    pub(crate) fn new(method: Method, uri: &http::Uri, status: StatusCode) -> Self {
        FakeRequest {
            method,
            path: crate::util::api_relative(uri.path()).to_owned(),
            raw_query: uri.query().map(str::to_owned),
            status,
        }
    }

    /// The decoded query parameters in the order sent (`+` is a space, percent-escapes are
    /// decoded, a name without `=` has the value `""`); empty without a query. Repeated
    /// names appear once per occurrence.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        crate::util::query_pairs(self.raw_query.as_deref())
    }

    /// The first value of the query parameter `name`, decoded; `None` if it was not sent.
    /// The same as [`RecordedRequest::query`](crate::RecordedRequest::query).
    pub fn query(&self, name: &str) -> Option<String> {
        crate::util::query_value(self.raw_query.as_deref(), name)
    }
}

impl fmt::Debug for FakeRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("FakeRequest")
            .field("method", &self.method)
            .field("path", &self.path)
            .field(
                "query",
                &self
                    .raw_query
                    .as_ref()
                    .map(|_| crate::util::describe_query(&self.query_pairs())),
            )
            .field("status", &self.status)
            .finish()
    }
}

/// An in-memory fake Mattermost server for the users API. Cheap to clone: clones share
/// state. See the [module docs](self) for what it implements.
#[derive(Clone)]
pub struct FakeServer {
    state: Arc<Mutex<State>>,
    /// Routes and a fallback added by [`FakeServer::builder`].
    hooks: Arc<builder::Hooks>,
}

impl Default for FakeServer {
    fn default() -> Self {
        FakeServer::new()
    }
}

impl fmt::Debug for FakeServer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let st = self.lock();
        f.debug_struct("FakeServer")
            .field("users", &st.users.len())
            .field("sessions", &st.sessions.len())
            .field("requests", &st.log.len())
            .finish_non_exhaustive()
    }
}

impl FakeServer {
    /// A fake with the starting data (see the constants of this module).
    pub fn new() -> Self {
        let mut st = State::default();
        seed::seed(&mut st);
        FakeServer {
            state: Arc::new(Mutex::new(st)),
            hooks: Arc::default(),
        }
    }

    /// A builder for a fake with the data and extra routes a test needs (starting with no
    /// data); see [`FakeServerBuilder`].
    pub fn builder() -> FakeServerBuilder {
        FakeServerBuilder::new()
    }

    /// A fake with no data at all; add users with [`add_user`](Self::add_user).
    pub fn empty() -> Self {
        FakeServer {
            state: Arc::new(Mutex::new(State::default())),
            hooks: Arc::default(),
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Answers one request. Never panics (unless a handler added with the
    /// [builder](Self::builder) does).
    pub fn handle(&self, req: Request<Bytes>) -> Response<Bytes> {
        // The rate limiter and injected faults answer before any handler, as the server's
        // limiter does (`limits.rs`).
        let limit_headers = match self.intercept(&req) {
            limits::Intercept::Pass(headers) => headers,
            limits::Intercept::Stop(resp) => return resp,
        };
        let api = req.uri().path().contains("/api/v4/");
        let mut resp = self.handle_inner(req);
        resp.headers_mut().extend(limit_headers);
        if api
            && !resp
                .headers()
                .contains_key(&mattermost_sdk_core::VERSION_HEADER)
        {
            resp.headers_mut().insert(
                mattermost_sdk_core::VERSION_HEADER,
                HeaderValue::from_static(FAKE_SERVER_VERSION),
            );
        }
        resp
    }

    fn handle_inner(&self, req: Request<Bytes>) -> Response<Bytes> {
        // Routes a test added come first, and run without the lock.
        if let Some(hook) = self.hooks.route_for(req.method(), req.uri().path()) {
            let resp = hook(&req);
            return self.log_hooked(req.method().clone(), req.uri(), resp);
        }
        let fallback = self.hooks.fallback();
        let copy = fallback.as_ref().map(|_| builder::copy_request(&req));
        let local = req.extensions().get::<local::LocalMode>().is_some();
        let (parts, body) = req.into_parts();
        let path = crate::util::api_relative(parts.uri.path()).to_owned();
        let mut st = self.lock();
        let request_id = st.new_request_id();
        let result = if parts.uri.path().contains("/api/v4/") {
            let segs = crate::util::segments(&path);
            let mut ctx = Ctx {
                query: crate::util::query_pairs(parts.uri.query()),
                headers: &parts.headers,
                body: &body,
                auth: Auth::default(),
                local,
            };
            routes::dispatch(&mut st, &parts.method, &segs, &mut ctx)
        } else {
            Err(reply::Fail::no_route())
        };
        let unrouted = matches!(&result, Err(f) if f.id == reply::Fail::no_route().id);
        if let (true, Some(fallback), Some(copy)) = (unrouted, fallback, copy) {
            drop(st);
            if let Some(resp) = fallback(&copy) {
                return self.log_hooked(parts.method, &parts.uri, resp);
            }
            st = self.lock();
        }
        let mut resp = result.unwrap_or_else(|fail| fail.into_reply(&request_id));
        if let Ok(v) = HeaderValue::try_from(request_id.as_str()) {
            resp.headers_mut().insert("x-request-id", v);
        }
        st.log
            .push(FakeRequest::new(parts.method, &parts.uri, resp.status()));
        resp
    }

    /// Logs a response of an added route or the fallback, with an `X-Request-Id` if it has none.
    fn log_hooked(
        &self,
        method: Method,
        uri: &http::Uri,
        mut resp: Response<Bytes>,
    ) -> Response<Bytes> {
        let mut st = self.lock();
        let request_id = st.new_request_id();
        if !resp.headers().contains_key("x-request-id") {
            if let Ok(v) = HeaderValue::try_from(request_id.as_str()) {
                resp.headers_mut().insert("x-request-id", v);
            }
        }
        st.log.push(FakeRequest::new(method, uri, resp.status()));
        resp
    }

    /// Adds an active user with `username`, `username@example.com`, `password` and
    /// space-separated `roles` (e.g. `system_user`); returns the new ID. Like a user the
    /// server creates, it starts with the server's new-user preferences
    /// (`recommended_next_steps`/`hide`, `tutorial_step`/(its ID), `system_notice`/`GMasDM`).
    pub fn add_user(&self, username: &str, password: &str, roles: &str) -> String {
        let mut st = self.lock();
        let id = st.new_id();
        let at = st.now();
        let user = user_json(
            &id,
            username,
            &format!("{username}@example.com"),
            roles,
            ("", ""),
            at,
        );
        st.insert_user(user, password);
        st.add_new_user_preferences(&id);
        id
    }

    /// Sets the password policy that `PUT /users/{id}/password` enforces (default: the
    /// server's default configuration, see [`PasswordPolicy`]).
    pub fn set_password_policy(&self, policy: PasswordPolicy) {
        self.lock().password_policy = policy;
    }

    /// The password policy in force.
    pub fn password_policy(&self) -> PasswordPolicy {
        self.lock().password_policy
    }

    /// Every route the fake answers, as (method, path below `/api/v4/` with `{}` for each
    /// parameter), e.g. `("PUT", "users/{}/roles")`. Routes added by
    /// [`FakeServer::new`]'s handler areas only; lets a test check it covers them all.
    pub fn routes() -> Vec<(&'static str, &'static str)> {
        routes::all()
    }

    /// Starts a session for `user_id` as a login would; returns its token, or `None` if
    /// there is no such active user.
    pub fn create_session(&self, user_id: &str) -> Option<String> {
        let mut st = self.lock();
        if !st.is_active(user_id) {
            return None;
        }
        Some(st.add_session(user_id, "", "fake"))
    }

    /// True if `token` is a live session or personal token of an active user.
    pub fn token_is_valid(&self, token: &str) -> bool {
        let st = self.lock();
        let user = st
            .sessions
            .iter()
            .find(|s| s.token == token)
            .map(|s| s.user_id.as_str())
            .or_else(|| st.personal_token_owner(token));
        user.is_some_and(|u| st.is_active(u))
    }

    /// The stored user object.
    pub fn user(&self, id: &str) -> Option<Value> {
        self.lock().users.get(id).cloned().map(Value::Object)
    }

    /// Every user object, by ID.
    pub fn users(&self) -> Vec<Value> {
        self.lock()
            .users
            .values()
            .cloned()
            .map(Value::Object)
            .collect()
    }

    /// True if `password` is the user's password.
    pub fn check_password(&self, user_id: &str, password: &str) -> bool {
        self.lock()
            .passwords
            .get(user_id)
            .is_some_and(|p| p == password)
    }

    /// The user's sessions as the API lists them (tokens blanked).
    pub fn sessions_of(&self, user_id: &str) -> Vec<Value> {
        let st = self.lock();
        st.sessions
            .iter()
            .filter(|s| s.user_id == user_id)
            .map(|s| st.session_json(s))
            .collect()
    }

    /// The user's status (`offline` if never set).
    pub fn status_of(&self, user_id: &str) -> Value {
        self.lock().status_of(user_id)
    }

    /// The user's preferences.
    pub fn preferences_of(&self, user_id: &str) -> Vec<Value> {
        self.lock()
            .prefs_of(user_id)
            .map(state::Pref::to_json)
            .collect()
    }

    /// The reactions on a post.
    pub fn reactions_on(&self, post_id: &str) -> Vec<Value> {
        self.lock()
            .reactions
            .iter()
            .filter(|r| r.post_id == post_id)
            .map(state::Reaction::to_json)
            .collect()
    }

    /// The stored profile image (content type, bytes), if one was uploaded.
    pub fn profile_image(&self, user_id: &str) -> Option<(String, Bytes)> {
        self.lock().images.get(user_id).cloned()
    }

    /// The teams a user belongs to.
    pub fn teams_of(&self, user_id: &str) -> Vec<Value> {
        let st = self.lock();
        st.memberships
            .iter()
            .filter(|(_, u)| u == user_id)
            .filter_map(|(t, _)| st.teams.get(t).cloned().map(Value::Object))
            .collect()
    }

    /// Every request answered so far, in order.
    pub fn requests(&self) -> Vec<FakeRequest> {
        self.lock().log.clone()
    }

    /// Forgets the request log.
    pub fn clear_requests(&self) {
        self.lock().log.clear();
    }
}

impl Transport for FakeServer {
    fn send(
        &self,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> + Send {
        ready(Ok(self.handle(req)))
    }
}
