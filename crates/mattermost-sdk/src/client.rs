//! [`Client`], [`ClientBuilder`] and the [`Call`] builder every operation returns.

use std::fmt;
use std::future::{Future, IntoFuture};
use std::marker::PhantomData;
use std::pin::Pin;
use std::sync::{Arc, OnceLock, RwLock};
use std::task::{Context, Poll};

use bytes::Bytes;
use http::header::AUTHORIZATION;
use http::{HeaderValue, Uri};
use mattermost_sdk_core::endpoints::users::{GetUser, Login, LoginResponse, Logout};
use mattermost_sdk_core::models::{StatusOk, User};
use mattermost_sdk_core::{
    build_request, check_status_for, decode_response, mark_sensitive_headers, parse_response,
    BaseUrl, BuildError, DynTransport, Endpoint, Error, FromResponse, Secret, Token, Transport,
    UserId,
};

use crate::response::Response;
use crate::retry::{CallFacts, CallOptions, RetryConfig};
use crate::service::RetryTransport;

/// A boxed future, as returned by the `IntoFuture` impls here.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A Mattermost API client. Cheap to clone: clones share the transport and the session.
#[derive(Clone)]
pub struct Client {
    inner: Arc<Inner>,
}

struct Inner {
    base: BaseUrl,
    /// The transport behind the client's own layers (retry, timeout, pacing, tracing).
    transport: RetryTransport,
    /// The current session, replaced as a whole (never edited in place) by `set_token`,
    /// a login or a logout. A call takes one snapshot (a clone of the `Arc`) and uses it from
    /// start to end; a write-back lands only if its snapshot is still the current one.
    session: RwLock<Arc<Session>>,
    /// With [`ClientBuilder::renew_expired_sessions`]: the login to repeat when the server
    /// says the session expired.
    relogin: Option<Relogin>,
    /// The server's version as the last answer stated it, kept by the transport layer
    /// (see [`Client::server_version`]).
    version: Arc<crate::service::VersionSeen>,
}

/// The credentials of a client built with `.login(..)` and
/// [`ClientBuilder::renew_expired_sessions`], and the gate that makes renewal single-flight.
struct Relogin {
    login_id: String,
    password: Secret,
    /// Held while one call renews a dead session; the others wait, then use the new one.
    gate: tokio::sync::Mutex<()>,
}

/// How the session's token was obtained.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Obtained {
    /// No token.
    None,
    /// Given to the builder or to `set_token`.
    Given,
    /// From a login.
    Login,
}

/// One session: the token, the user it belongs to (once known), and how it was obtained.
/// Token and user ID live in one value so they can never disagree.
pub(crate) struct Session {
    token: Option<Token>,
    /// Set at most once: by a login, or by the first call that resolved `me` with this
    /// session's token. Writing it into a session that was replaced meanwhile changes
    /// nothing the client still uses.
    user_id: OnceLock<UserId>,
    obtained: Obtained,
}

impl Session {
    fn new(token: Option<Token>, user_id: Option<UserId>, obtained: Obtained) -> Arc<Self> {
        let cell = OnceLock::new();
        if let Some(id) = user_id {
            let _ = cell.set(id);
        }
        Arc::new(Session {
            token,
            user_id: cell,
            obtained,
        })
    }
}

impl fmt::Debug for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Session")
            .field("token", &self.token)
            .field("user_id", &self.user_id.get())
            .field("obtained", &self.obtained)
            .finish()
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Client")
            .field("base", &self.inner.base)
            .field("transport", &self.inner.transport)
            .field("session", &self.snapshot())
            .finish()
    }
}

impl Client {
    /// Starts building a client for the server at `base_url` (`https://host`,
    /// `https://host/api/v4/` or a prefixed install such as `https://host/chat`).
    pub fn builder(base_url: impl AsRef<str>) -> ClientBuilder {
        ClientBuilder {
            base: BaseUrl::parse(base_url.as_ref()),
            token: None,
            login: None,
            transport: None,
            retry: Some(RetryConfig::default()),
            renew: false,
            timeout: None,
        }
    }

    /// The server's base URL.
    pub fn base_url(&self) -> &BaseUrl {
        &self.inner.base
    }

    /// The logged-in user's ID, if known (after a login, or after the first call that
    /// needed it).
    pub fn user_id(&self) -> Option<UserId> {
        self.snapshot().user_id.get().cloned()
    }

    /// The server's version as the last answer stated it (the `X-Version-Id` header every
    /// API response carries, `server/channels/web/handlers.go`; see [`ServerVersion`]), or
    /// `None` before any answer that carried one. Any answer counts, an error too, whichever
    /// call or clone of this client made it; an answer without the header (a proxy's own
    /// error page) leaves it as it was. Reading it does no I/O: to learn the version before
    /// any other call, send one first (`client.users().stats()`, or `GET /system/ping`
    /// through [`send_raw`](Self::send_raw)).
    ///
    /// ```
    /// # async fn run(client: mattermost_sdk::Client) -> Result<(), mattermost_sdk::Error> {
    /// client.me().await?;
    /// if client.server_version().is_some_and(|v| v.at_least(10, 0, 0)) {
    ///     // an operation only newer servers have
    /// }
    /// # Ok(()) }
    /// ```
    ///
    /// [`ServerVersion`]: mattermost_sdk_core::ServerVersion
    pub fn server_version(&self) -> Option<mattermost_sdk_core::ServerVersion> {
        self.inner.version.get()
    }

    /// True if the client has a token.
    pub fn is_authenticated(&self) -> bool {
        self.snapshot().token.is_some()
    }

    /// Replaces the session with one for `token` (for example after rotating a personal
    /// access token); its user is not known until a login or a call that resolves `me`.
    /// Calls already under way finish with the session they started with.
    pub fn set_token(&self, token: impl Into<Token>) {
        self.replace_session(Session::new(Some(token.into()), None, Obtained::Given));
    }

    /// The current session, as one snapshot.
    fn snapshot(&self) -> Arc<Session> {
        self.inner
            .session
            .read()
            .unwrap_or_else(|e| e.into_inner())
            .clone()
    }

    fn replace_session(&self, new: Arc<Session>) {
        *self
            .inner
            .session
            .write()
            .unwrap_or_else(|e| e.into_inner()) = new;
    }

    /// Replaces the session with `new` only if `from` is still the current one, so a login
    /// or logout that raced with `set_token` (or another login) does not undo it.
    fn replace_session_if_current(&self, from: &Arc<Session>, new: Arc<Session>) -> bool {
        let mut current = self
            .inner
            .session
            .write()
            .unwrap_or_else(|e| e.into_inner());
        let same = Arc::ptr_eq(&current, from);
        if same {
            *current = new;
        }
        same
    }

    /// Builds the HTTP request for `ep` with this client's base URL and token. Pure.
    pub fn build_request<E: Endpoint + ?Sized>(
        &self,
        ep: &E,
    ) -> Result<http::Request<Bytes>, BuildError> {
        self.build_in(&self.snapshot(), ep)
    }

    fn build_in<E: Endpoint + ?Sized>(
        &self,
        session: &Session,
        ep: &E,
    ) -> Result<http::Request<Bytes>, BuildError> {
        self.build_with(session, ep, CallOptions::default())
    }

    /// The request for `ep`, with the endpoint's facts and the call's options in its
    /// extensions ([`CallFacts`]) for the layers: what [`Call::request`] shows.
    fn build_with<E: Endpoint + ?Sized>(
        &self,
        session: &Session,
        ep: &E,
        options: CallOptions,
    ) -> Result<http::Request<Bytes>, BuildError> {
        let mut req = build_request(ep, &self.inner.base, session.token.as_ref())?;
        req.extensions_mut()
            .insert(CallFacts::new(E::INFO, options));
        Ok(req)
    }

    /// Sends `ep` with `session`'s token through the client's layers, which get the call's
    /// facts directly (the request's extensions stay empty unless the transport reads them:
    /// see [`RetryTransport::call`]).
    fn send_with<E: Endpoint + ?Sized>(
        &self,
        session: &Session,
        ep: &E,
        options: CallOptions,
    ) -> Result<crate::service::RetryFuture, BuildError> {
        let req = build_request(ep, &self.inner.base, session.token.as_ref())?;
        Ok(self
            .inner
            .transport
            .call(req, Some(CallFacts::new(E::INFO, options))))
    }

    /// Sends any endpoint and decodes its output.
    pub async fn execute<E: Endpoint + ?Sized>(&self, ep: &E) -> Result<E::Output, Error> {
        self.execute_in(&self.snapshot(), ep).await
    }

    pub(crate) async fn execute_in<E: Endpoint + ?Sized>(
        &self,
        session: &Session,
        ep: &E,
    ) -> Result<E::Output, Error> {
        self.execute_with(session, ep, CallOptions::default()).await
    }

    pub(crate) async fn execute_with<E: Endpoint + ?Sized>(
        &self,
        session: &Session,
        ep: &E,
        options: CallOptions,
    ) -> Result<E::Output, Error> {
        let out = parse_response::<E>(self.send_with(session, ep, options)?.await?);
        match out {
            Err(e) if e.is_session_expired() && self.renews(session) => {
                let fresh = self.renew_session(session).await?;
                parse_response::<E>(self.send_with(&fresh, ep, options)?.await?)
            }
            out => out,
        }
    }

    /// True if a `session_expired` answer to a call made with `session` leads to a re-login.
    fn renews(&self, session: &Session) -> bool {
        self.inner.relogin.is_some() && session.obtained == Obtained::Login
    }

    /// Single-flight renewal: the first call to see `dead` expire logs in again; calls that
    /// waited meanwhile find the session already replaced and use the new one.
    async fn renew_session(&self, dead: &Session) -> Result<Arc<Session>, Error> {
        let Some(relogin) = &self.inner.relogin else {
            return Ok(self.snapshot());
        };
        let _gate = relogin.gate.lock().await;
        let current = self.snapshot();
        if !std::ptr::eq(Arc::as_ptr(&current), dead) {
            return Ok(current);
        }
        tracing::debug!("mattermost_sdk: the session expired; logging in again");
        self.login_inner(Login::new(
            relogin.login_id.clone(),
            relogin.password.clone(),
        ))
        .await?;
        Ok(self.snapshot())
    }

    /// Sends any endpoint and returns its output with the response's status and headers.
    /// Credential headers (`Token`, `Set-Cookie`, ...) are marked sensitive, so `Debug` of
    /// the result does not show them.
    pub async fn execute_with_response<E: Endpoint + ?Sized>(
        &self,
        ep: &E,
    ) -> Result<Response<E::Output>, Error> {
        self.execute_with_response_in(&self.snapshot(), ep, CallOptions::default())
            .await
    }

    async fn execute_with_response_in<E: Endpoint + ?Sized>(
        &self,
        session: &Session,
        ep: &E,
        options: CallOptions,
    ) -> Result<Response<E::Output>, Error> {
        let check = check_status_for::<E::Output>;
        let resp = match check(self.send_with(session, ep, options)?.await?) {
            Err(e) if e.is_session_expired() && self.renews(session) => {
                let fresh = self.renew_session(session).await?;
                check(self.send_with(&fresh, ep, options)?.await?)?
            }
            other => other?,
        };
        let status = resp.status();
        let headers = resp.headers().clone();
        let value = E::Output::from_response(resp)?;
        Ok(Response {
            status,
            headers,
            value,
        })
    }

    /// Sends a hand-made request through the transport, unchanged except that a relative
    /// URI (`/api/v4/...`) is joined to the base URL and the token is added if the request
    /// has no `Authorization`. The status is not checked.
    pub async fn send_raw(
        &self,
        mut req: http::Request<Bytes>,
    ) -> Result<http::Response<Bytes>, Error> {
        if req.uri().scheme().is_none() {
            let pq = req
                .uri()
                .path_and_query()
                .map(|p| p.as_str())
                .unwrap_or("/");
            let full = format!("{}{}", self.inner.base.server_root(), pq);
            *req.uri_mut() = full
                .parse::<Uri>()
                .map_err(|e| BuildError::InvalidUri(e.to_string()))?;
        }
        mark_sensitive_headers(req.headers_mut());
        if !req.headers().contains_key(AUTHORIZATION) {
            if let Some(token) = self.snapshot().token.clone() {
                let mut v = HeaderValue::try_from(format!("Bearer {}", token.expose()))
                    .map_err(|_| BuildError::InvalidHeader("Authorization"))?;
                v.set_sensitive(true);
                req.headers_mut().insert(AUTHORIZATION, v);
            }
        }
        let mut resp = self.inner.transport.call(req, None).await?;
        mark_sensitive_headers(resp.headers_mut());
        Ok(resp)
    }

    /// Wraps an endpoint in a [`Call`] on this client.
    pub fn call<E: Endpoint>(&self, ep: E) -> Call<E> {
        Call::new(self, Ok(ep))
    }

    /// Logs in with a login ID (username or email) and password; the session token is kept
    /// for later calls. Returns the logged-in user.
    pub async fn login(
        &self,
        login_id: impl Into<String>,
        password: impl Into<Secret>,
    ) -> Result<User, Error> {
        self.login_inner(Login::new(login_id.into(), password.into()))
            .await
    }

    /// Logs in with a login ID, password and the current MFA code.
    pub async fn login_with_mfa(
        &self,
        login_id: impl Into<String>,
        password: impl Into<Secret>,
        mfa_code: impl Into<String>,
    ) -> Result<User, Error> {
        self.login_inner(
            Login::new(login_id.into(), password.into()).mfa_code(Secret::new(mfa_code.into())),
        )
        .await
    }

    /// Logs in with a login ID, password and [`LoginOptions`] (MFA code, LDAP only, device
    /// ID). `client.login_with_options(id, pw, LoginOptions::new().ldap_only(true))`.
    pub async fn login_with_options(
        &self,
        login_id: impl Into<String>,
        password: impl Into<Secret>,
        options: LoginOptions,
    ) -> Result<User, Error> {
        self.login_inner(options.apply(Login::new(login_id.into(), password.into())))
            .await
    }

    /// Logs in; the new session (token and user together) replaces the one the login started
    /// from, unless that one was replaced meanwhile (by `set_token` or another login): then the
    /// later choice stands and this login's token is dropped.
    async fn login_inner(&self, ep: Login) -> Result<User, Error> {
        let from = self.snapshot();
        let req = build_request(&ep, &self.inner.base, None)?;
        let facts = CallFacts::new(Login::INFO, CallOptions::default());
        let resp = self.inner.transport.call(req, Some(facts)).await?;
        let LoginResponse { user, token } = parse_response::<Login>(resp)?;
        let id = UserId::new(user.id.as_str()).ok();
        self.replace_session_if_current(&from, Session::new(Some(token), id, Obtained::Login));
        Ok(user)
    }

    /// `POST /api/v4/users/logout` (operationId `Logout`): ends the session and forgets the
    /// token. Only the session the logout was sent with is forgotten: if `set_token` or a
    /// login replaced it while the logout was under way, the new session stays.
    pub async fn logout(&self) -> Result<StatusOk, Error> {
        let from = self.snapshot();
        let out = self.execute_in(&from, &Logout::new()).await;
        if out.is_ok() {
            self.replace_session_if_current(&from, Session::new(None, None, Obtained::None));
        }
        out
    }

    /// The authenticated user (`GET /api/v4/users/me`, operationId `GetUser`).
    pub fn me(&self) -> Call<GetUser> {
        self.call(GetUser::new(UserId::me()))
    }

    /// The logged-in user's real ID: cached, or fetched once with `GET /users/me`.
    pub async fn resolve_me(&self) -> Result<UserId, Error> {
        self.resolve_me_in(&self.snapshot()).await
    }

    /// The user of `session`: cached in it, or fetched with its token and stored in it (so
    /// the ID lands only on the session it belongs to).
    async fn resolve_me_in(&self, session: &Session) -> Result<UserId, Error> {
        if let Some(id) = session.user_id.get() {
            return Ok(id.clone());
        }
        let user = self
            .execute_in(session, &GetUser::new(UserId::me()))
            .await?;
        let id = UserId::new(user.id)?;
        Ok(session.user_id.get_or_init(|| id).clone())
    }

    /// The users resource: every per-user operation, taking the user as an argument.
    pub fn users(&self) -> crate::users::Users {
        crate::users::Users::new(self)
    }

    /// A handle bound to one user (an ID, a string, `"me"` or a fetched [`User`]): every
    /// per-user operation without repeating the ID. A bad ID is reported when a call is sent.
    pub fn user(&self, user: impl crate::IdArg<UserId>) -> crate::users::UserHandle {
        crate::users::UserHandle::new(self, user.into_id())
    }
}

/// The options of a login beyond login ID and password: what `login` in
/// `server/channels/api4/user.go` reads besides them. All off by default; the MFA code is
/// redacted in `Debug`.
#[derive(Debug, Clone, Default, PartialEq)]
#[non_exhaustive]
pub struct LoginOptions {
    /// The current MFA code (sent as `token`).
    pub mfa_code: Option<Secret>,
    /// Authenticate against LDAP only (sent as the string `"true"`).
    pub ldap_only: bool,
    /// The mobile device ID to attach to the session (`device_id`).
    pub device_id: Option<String>,
}

impl LoginOptions {
    /// No options.
    pub fn new() -> Self {
        LoginOptions::default()
    }

    /// Sends the current MFA code.
    pub fn mfa_code(mut self, code: impl Into<String>) -> Self {
        self.mfa_code = Some(Secret::new(code.into()));
        self
    }

    /// Authenticates against LDAP only.
    pub fn ldap_only(mut self, ldap_only: bool) -> Self {
        self.ldap_only = ldap_only;
        self
    }

    /// Attaches a mobile device ID to the new session.
    pub fn device_id(mut self, device_id: impl Into<String>) -> Self {
        self.device_id = Some(device_id.into());
        self
    }

    /// The [`Login`] endpoint with these options set.
    pub fn apply(&self, mut ep: Login) -> Login {
        if let Some(code) = &self.mfa_code {
            ep = ep.mfa_code(code.clone());
        }
        if self.ldap_only {
            ep = ep.ldap_only(true);
        }
        if let Some(device) = &self.device_id {
            ep = ep.device_id(device.clone());
        }
        ep
    }
}

/// Builds a [`Client`]. See [`Client::builder`].
pub struct ClientBuilder {
    base: Result<BaseUrl, BuildError>,
    token: Option<Token>,
    login: Option<(String, Secret, LoginOptions)>,
    transport: Option<Arc<dyn DynTransport>>,
    retry: Option<RetryConfig>,
    renew: bool,
    timeout: Option<std::time::Duration>,
}

impl fmt::Debug for ClientBuilder {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ClientBuilder")
            .field("base", &self.base)
            .field("token", &self.token)
            .field(
                "login",
                &self
                    .login
                    .as_ref()
                    .map(|(id, pw, options)| (id, pw, options)),
            )
            .field("transport", &self.transport)
            .field("retry", &self.retry)
            .field("timeout", &self.timeout)
            .finish()
    }
}

impl ClientBuilder {
    /// Retries with `config`'s limits instead of the defaults (see [`crate::retry`]:
    /// `429` for any operation, connect failures for any operation, `502`/`503`/`504` and
    /// failures after sending only for operations safe to repeat).
    pub fn retry(mut self, config: RetryConfig) -> Self {
        self.retry = Some(config);
        self
    }

    /// Opt-in, for a client built with [`login`](Self::login): when a call is answered
    /// `401` with `api.context.session_expired.app_error`, the client logs in again with the
    /// same credentials (once per dead session, however many calls are in flight: the
    /// others wait for that login) and sends the call again, as a new call on the new
    /// session. The credentials are kept in memory in [`Secret`] for the client's life.
    ///
    /// Mind that the server answers `session_expired` for a **revoked** session too (and for
    /// a revoked or unknown token): with this on, a re-login undoes a revocation for as long
    /// as the password stays valid. A client built with a token, or with
    /// [`login_with_mfa`](Self::login_with_mfa) (whose code cannot be reused), returns the
    /// typed error ([`Error::is_session_expired`]) instead.
    pub fn renew_expired_sessions(mut self) -> Self {
        self.renew = true;
        self
    }

    /// Bounds each attempt of every call by `timeout` (a call can set its own with
    /// [`Call::timeout`]). Past it the attempt is a transport error of kind `Timeout`
    /// ([`Error::is_timeout`]), retried like any failure after sending: for operations safe
    /// to repeat only. Not set by default: the transport's own bound applies (30 s for both
    /// transports of this crate). See [`crate::timeout`].
    pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
        self.timeout = Some(timeout);
        self
    }

    /// No retries at all: every answer and error reaches the caller as it came. (Retries
    /// are on by default; a single call can also opt out with [`Call::no_retry`].)
    pub fn no_retry(mut self) -> Self {
        self.retry = None;
        self
    }

    /// Authenticates with a known token (personal access token, bot token, session token).
    pub fn token(mut self, token: impl Into<Token>) -> Self {
        self.token = Some(token.into());
        self
    }

    /// Logs in with a login ID and password when the builder is awaited.
    pub fn login(mut self, login_id: impl Into<String>, password: impl Into<Secret>) -> Self {
        self.login = Some((login_id.into(), password.into(), LoginOptions::new()));
        self
    }

    /// Logs in with a login ID, password and [`LoginOptions`] when the builder is awaited.
    pub fn login_with_options(
        mut self,
        login_id: impl Into<String>,
        password: impl Into<Secret>,
        options: LoginOptions,
    ) -> Self {
        self.login = Some((login_id.into(), password.into(), options));
        self
    }

    /// Logs in with a login ID, password and MFA code when the builder is awaited.
    pub fn login_with_mfa(
        mut self,
        login_id: impl Into<String>,
        password: impl Into<Secret>,
        mfa_code: impl Into<String>,
    ) -> Self {
        self.login = Some((
            login_id.into(),
            password.into(),
            LoginOptions::new().mfa_code(mfa_code),
        ));
        self
    }

    /// Uses `transport` instead of the default (reqwest).
    pub fn transport(mut self, transport: impl Transport + 'static) -> Self {
        self.transport = Some(Arc::new(transport));
        self
    }

    /// Uses an already shared transport.
    pub fn shared_transport(mut self, transport: Arc<dyn DynTransport>) -> Self {
        self.transport = Some(transport);
        self
    }

    /// Builds the client without I/O. Fails on a bad base URL, on a missing transport
    /// (without the `reqwest` feature), and if `.login(..)` was given: a login needs I/O,
    /// so await the builder instead.
    pub fn build(self) -> Result<Client, Error> {
        if self.login.is_some() {
            return Err(BuildError::InvalidParam {
                param: "login",
                reason: "logging in needs I/O: `.await` the builder instead of calling build()"
                    .into(),
            }
            .into());
        }
        self.build_inner()
    }

    fn build_inner(self) -> Result<Client, Error> {
        let base = self.base?;
        let transport = match self.transport {
            Some(t) => t,
            None => default_transport()?,
        };
        // Always layered, for the tracing span; `no_retry()` is one attempt.
        let config = self
            .retry
            .unwrap_or_else(|| RetryConfig::default().max_attempts(1));
        let layered = RetryTransport::new(transport, config).default_timeout(self.timeout);
        let version = layered.version_seen();
        Ok(Client {
            inner: Arc::new(Inner {
                base,
                transport: layered,
                version,
                relogin: None,
                session: RwLock::new(match self.token {
                    Some(t) => Session::new(Some(t), None, Obtained::Given),
                    None => Session::new(None, None, Obtained::None),
                }),
            }),
        })
    }

    async fn connect(mut self) -> Result<Client, Error> {
        let login = self.login.take();
        let renew = self.renew;
        let mut client = self.build_inner()?;
        // Renewal logs in again with the login ID and password alone: not for MFA logins
        // (the code is single-use).
        if let (true, Some((login_id, password, options))) = (renew, &login) {
            if options.mfa_code.is_none() {
                if let Some(inner) = Arc::get_mut(&mut client.inner) {
                    inner.relogin = Some(Relogin {
                        login_id: login_id.clone(),
                        password: password.clone(),
                        gate: tokio::sync::Mutex::new(()),
                    });
                }
            }
        }
        if let Some((login_id, password, options)) = login {
            client
                .login_with_options(login_id, password, options)
                .await?;
        }
        Ok(client)
    }
}

impl IntoFuture for ClientBuilder {
    type Output = Result<Client, Error>;
    type IntoFuture = BoxFuture<'static, Result<Client, Error>>;

    /// Builds the client and, if `.login(..)` was given, logs in.
    fn into_future(self) -> Self::IntoFuture {
        Box::pin(self.connect())
    }
}

#[cfg(feature = "reqwest")]
fn default_transport() -> Result<Arc<dyn DynTransport>, Error> {
    Ok(Arc::new(mattermost_sdk_reqwest::ReqwestTransport::new()))
}

#[cfg(not(feature = "reqwest"))]
fn default_transport() -> Result<Arc<dyn DynTransport>, Error> {
    Err(BuildError::InvalidParam {
        param: "transport",
        reason: "no transport: enable the `reqwest` feature or call `.transport(..)`".into(),
    }
    .into())
}

/// One pending API call: an endpoint bound to a client. `.await` it to send it.
///
/// Optional parameters are builder methods; [`Call::endpoint`] gives the pure value.
#[must_use = "a Call does nothing until it is awaited"]
pub struct Call<E> {
    client: Client,
    ep: Result<E, BuildError>,
    resolve_me: Option<fn(&mut E, UserId)>,
    options: CallOptions,
}

impl<E: fmt::Debug> fmt::Debug for Call<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call").field("endpoint", &self.ep).finish()
    }
}

impl<E> Call<E> {
    pub(crate) fn new(client: &Client, ep: Result<E, BuildError>) -> Self {
        Call {
            client: client.clone(),
            ep,
            resolve_me: None,
            options: CallOptions::default(),
        }
    }

    /// Sends this call once, without retries, whatever the client's retry settings: every
    /// answer and error reaches the caller as it came. Paged walks (`.pages()`, `.stream()`,
    /// `.all()`) send each page once.
    pub fn no_retry(mut self) -> Self {
        self.options.retry = false;
        self
    }

    /// Bounds each attempt of this call by `timeout`, instead of the client's default
    /// ([`ClientBuilder::timeout`]). Past it the attempt fails with a transport error of kind
    /// `Timeout` ([`Error::is_timeout`]); the retry layer repeats it only for operations safe
    /// to repeat (see [`crate::timeout`]). Paged walks (`.pages()`, `.stream()`, `.all()`)
    /// apply it to each page's request.
    pub fn timeout(mut self, timeout: std::time::Duration) -> Self {
        self.options.timeout = Some(timeout);
        self
    }

    /// This call's options (put into each of its requests' extensions, see
    /// [`CallFacts`]).
    pub fn options(&self) -> CallOptions {
        self.options
    }
}

impl<E: Endpoint + Send + Sync + 'static> Call<E>
where
    E::Output: Send,
{
    /// Before sending, resolves `me` to the logged-in user's real ID and lets `fill` put it
    /// into the endpoint.
    pub(crate) fn resolving_me(mut self, fill: fn(&mut E, UserId)) -> Self {
        self.resolve_me = Some(fill);
        self
    }

    /// The pure endpoint value this call will send, or the error that stops it.
    pub fn endpoint(&self) -> Result<&E, &BuildError> {
        self.ep.as_ref()
    }

    /// Consumes the call and returns its endpoint.
    pub fn into_endpoint(self) -> Result<E, BuildError> {
        self.ep
    }

    /// Changes the endpoint (for optional parameters without a builder method).
    pub fn map(mut self, f: impl FnOnce(E) -> E) -> Self {
        self.ep = self.ep.map(f);
        self
    }

    /// Changes the endpoint with a step that can fail (the error is reported on send).
    pub fn try_map(mut self, f: impl FnOnce(E) -> Result<E, BuildError>) -> Self {
        self.ep = self.ep.and_then(f);
        self
    }

    /// The HTTP request this call will send. Pure.
    pub fn request(&self) -> Result<http::Request<Bytes>, BuildError> {
        match &self.ep {
            Ok(ep) => self
                .client
                .build_with(&self.client.snapshot(), ep, self.options),
            Err(e) => Err(e.clone()),
        }
    }

    /// Takes the call's one session snapshot and, if asked, resolves `me` with it.
    pub(crate) async fn prepared(self) -> Result<(Client, E, Arc<Session>, CallOptions), Error> {
        let mut ep = self.ep?;
        let session = self.client.snapshot();
        if let Some(fill) = self.resolve_me {
            let id = self.client.resolve_me_in(&session).await?;
            fill(&mut ep, id);
        }
        Ok((self.client, ep, session, self.options))
    }

    /// Sends the call and returns the value with the response's status and headers.
    pub async fn with_response(self) -> Result<Response<E::Output>, Error> {
        let (client, ep, session, options) = self.prepared().await?;
        client
            .execute_with_response_in(&session, &ep, options)
            .await
    }

    /// Sends the call (what `.await` does). Every request of the call (the look-up of `me`
    /// included) uses the session as it was when the call started.
    pub async fn send(self) -> Result<E::Output, Error> {
        let (client, ep, session, options) = self.prepared().await?;
        client.execute_with(&session, &ep, options).await
    }
}

impl<E: Endpoint + Send + Sync + 'static> IntoFuture for Call<E>
where
    E::Output: Send,
{
    type Output = Result<E::Output, Error>;
    type IntoFuture = CallFuture<E::Output>;

    /// Builds the request now (with the token as it is now) and hands it to the transport,
    /// whose future does nothing until polled. A call that must first resolve `me` runs as
    /// one boxed future instead.
    fn into_future(self) -> Self::IntoFuture {
        let state = if self.resolve_me.is_some() || self.client.inner.relogin.is_some() {
            CallState::Boxed {
                call: Box::pin(self.send()),
            }
        } else {
            match self.ep.map_err(Error::from).and_then(|ep| {
                let session = self.client.snapshot();
                Ok(self.client.send_with(&session, &ep, self.options)?)
            }) {
                Ok(send) => CallState::Sending {
                    send,
                    output: PhantomData,
                },
                Err(e) => CallState::Failed { error: Some(e) },
            }
        };
        CallFuture { state }
    }
}

pin_project_lite::pin_project! {
    /// The future `.await` runs for a [`Call`]: the client's layers' future
    /// ([`RetryFuture`](crate::service::RetryFuture), held in place, not boxed), then the
    /// status check and decoding. It adds no allocation of its own to the transport's.
    #[must_use = "futures do nothing unless polled"]
    pub struct CallFuture<T> {
        #[pin]
        state: CallState<T>,
    }
}

pin_project_lite::pin_project! {
    #[project = CallStateProj]
    #[project_replace = CallStateDone]
    enum CallState<T> {
        /// Waiting for the response, which decodes into `T`.
        Sending {
            #[pin]
            send: crate::service::RetryFuture,
            output: PhantomData<fn() -> T>,
        },
        /// A call that resolves `me` first: the whole call as one future.
        Boxed { call: BoxFuture<'static, Result<T, Error>> },
        /// Failed before anything was sent; `None` once the error was returned.
        Failed { error: Option<Error> },
    }
}

impl<T> fmt::Debug for CallFuture<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = match &self.state {
            CallState::Sending { .. } => "sending",
            CallState::Boxed { .. } => "resolving me, then sending",
            CallState::Failed { .. } => "failed",
        };
        f.debug_struct("CallFuture").field("state", &state).finish()
    }
}

impl<T: FromResponse> Future for CallFuture<T> {
    type Output = Result<T, Error>;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        let mut state = self.project().state;
        let out = match state.as_mut().project() {
            CallStateProj::Sending { send, .. } => match send.poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(resp) => resp.map_err(Error::from).and_then(decode_response),
            },
            CallStateProj::Boxed { call } => match call.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                Poll::Ready(out) => out,
            },
            CallStateProj::Failed { error } => Err(error.take().unwrap_or_else(|| {
                BuildError::InvalidParam {
                    param: "call",
                    reason: "the call's future was polled after it completed".into(),
                }
                .into()
            })),
        };
        // Done: the transport's future is dropped now, and polling again is an error, not a
        // panic.
        state.project_replace(CallState::Failed { error: None });
        Poll::Ready(out)
    }
}
