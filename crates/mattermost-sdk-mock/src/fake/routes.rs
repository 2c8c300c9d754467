//! The route table, authentication and the per-request context.

use bytes::Bytes;
use http::header::AUTHORIZATION;
use http::{HeaderMap, Method};

use super::handlers::AREAS;
use super::reply::{Fail, Reply};
use super::state::State;

/// Who is calling.
#[derive(Debug, Default, Clone)]
pub(crate) struct Auth {
    /// The user's ID; empty when anonymous.
    pub(crate) user_id: String,
    /// The session's ID, when authenticated by a session token (not a personal token).
    pub(crate) session_id: Option<String>,
    /// True if the user has `system_admin`.
    pub(crate) admin: bool,
}

/// One request, as handlers see it.
pub(crate) struct Ctx<'a> {
    pub(crate) query: Vec<(String, String)>,
    pub(crate) headers: &'a HeaderMap,
    pub(crate) body: &'a Bytes,
    pub(crate) auth: Auth,
    /// True on the local-mode socket (see `local.rs`): only `APILocal` routes, no token.
    pub(crate) local: bool,
}

impl Ctx<'_> {
    /// The first value of query parameter `name`.
    pub(crate) fn query(&self, name: &str) -> Option<&str> {
        self.query
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }
}

pub(crate) type Handler = fn(&mut State, &Ctx<'_>, &[String]) -> Result<Reply, Fail>;

/// A route: method, path below `/api/v4/` with `{}` for parameters, whether a session is
/// required, and the handler. Each handler area declares its own table
/// (`handlers::<area>::ROUTES`).
pub(crate) struct Route(
    pub(crate) &'static str,
    pub(crate) &'static str,
    pub(crate) bool,
    pub(crate) Handler,
);

/// Every (method, pattern) of every handler area.
pub(crate) fn all() -> Vec<(&'static str, &'static str)> {
    AREAS
        .iter()
        .flat_map(|area| area.iter())
        .map(|r| (r.0, r.1))
        .collect()
}

/// True if `a` is more specific than `b`: at the first segment where they differ, `a` has a
/// literal and `b` a parameter (so `users/stats` wins over `users/{}`, as in the server's
/// router).
fn more_specific(a: &str, b: &str) -> bool {
    for (x, y) in a.split('/').zip(b.split('/')) {
        match (x == "{}", y == "{}") {
            (false, true) => return true,
            (true, false) => return false,
            _ => {}
        }
    }
    false
}

/// The parameters if `segs` matches `pattern`.
fn match_pattern(pattern: &str, segs: &[String]) -> Option<Vec<String>> {
    let parts: Vec<&str> = pattern.split('/').collect();
    if parts.len() != segs.len() {
        return None;
    }
    let mut params = Vec::new();
    for (part, seg) in parts.iter().zip(segs) {
        if *part == "{}" {
            params.push(seg.clone());
        } else if part != seg {
            return None;
        }
    }
    Some(params)
}

/// The caller, from `Authorization: Bearer <token>` (or `Token <token>`).
fn authenticate(st: &State, headers: &HeaderMap) -> Result<Auth, Fail> {
    let value = headers
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let token = value
        .split_once(' ')
        .filter(|(scheme, _)| {
            scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("token")
        })
        .map(|(_, t)| t.trim())
        .filter(|t| !t.is_empty())
        .ok_or_else(Fail::session_expired)?;
    let (user_id, session_id) = if let Some(s) = st.sessions.iter().find(|s| s.token == token) {
        (s.user_id.clone(), Some(s.id.clone()))
    } else if let Some(user_id) = st.personal_token_owner(token) {
        // A disabled, revoked or switched-off token: `GetSession` fails and the web handler
        // answers 401 `api.context.session_expired.app_error` (`server/channels/web/handlers.go`).
        (user_id.to_owned(), None)
    } else {
        return Err(Fail::session_expired());
    };
    if !st.is_active(&user_id) {
        return Err(Fail::session_expired());
    }
    let admin = st.is_admin(&user_id);
    Ok(Auth {
        user_id,
        session_id,
        admin,
    })
}

/// Routes the request (path segments below `/api/v4/`) to its handler.
pub(crate) fn dispatch(
    st: &mut State,
    method: &Method,
    segs: &[String],
    ctx: &mut Ctx<'_>,
) -> Result<Reply, Fail> {
    let routes = || AREAS.iter().flat_map(|area| area.iter());
    // The most specific pattern that matches the path wins; then the method must match.
    let mut best: Option<&'static str> = None;
    for route in routes() {
        if match_pattern(route.1, segs).is_some() && best.is_none_or(|b| more_specific(route.1, b))
        {
            best = Some(route.1);
        }
    }
    let path_matched = best.is_some();
    let found = best.and_then(|p| routes().find(|r| r.1 == p && method.as_str() == r.0));
    if let Some(Route(_, pattern, needs_auth, handler)) = found {
        if ctx.local && !super::local::allows(method, pattern) {
            return Err(Fail::no_route());
        }
        let params = match_pattern(pattern, segs).unwrap_or_default();
        ctx.auth = if ctx.local {
            super::local::auth()
        } else {
            match authenticate(st, ctx.headers) {
                Ok(auth) => auth,
                Err(e) if *needs_auth => return Err(e),
                Err(_) => Auth::default(),
            }
        };
        return handler(st, ctx, &params);
    }
    let local_path = |p: &str| super::local::LOCAL_ROUTES.iter().any(|(_, lp)| *lp == p);
    Err(
        if path_matched && (!ctx.local || best.is_some_and(local_path)) {
            Fail::method_not_allowed()
        } else {
            Fail::no_route()
        },
    )
}
