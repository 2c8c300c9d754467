//! The route table, authentication and the per-request context.

use bytes::Bytes;
use http::header::AUTHORIZATION;
use http::{HeaderMap, Method};

use super::handlers as h;
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

type Handler = fn(&mut State, &Ctx<'_>, &[String]) -> Result<Reply, Fail>;

/// A route: method, path below `/api/v4/` with `{}` for parameters, whether a session is
/// required, and the handler.
struct Route(&'static str, &'static str, bool, Handler);

#[rustfmt::skip]
static ROUTES: &[Route] = &[
    Route("GET", "system/ping", false, h::ping),
    Route("POST", "users/login", false, h::login),
    Route("POST", "users/logout", false, h::logout),
    Route("POST", "users/sessions/revoke/all", true, h::revoke_all_sessions_everyone),
    Route("GET", "users/{}", true, h::get_user),
    Route("PUT", "users/{}", true, h::update_user),
    Route("DELETE", "users/{}", true, h::deactivate),
    Route("GET", "users/{}/teams", true, h::get_teams),
    Route("PUT", "users/{}/patch", true, h::patch_user),
    Route("PUT", "users/{}/roles", true, h::update_roles),
    Route("POST", "users/{}/mfa/generate", true, h::generate_mfa_secret),
    Route("PUT", "users/{}/mfa", true, h::update_mfa),
    Route("GET", "users/{}/image", true, h::get_image),
    Route("POST", "users/{}/image", true, h::set_image),
    Route("PUT", "users/{}/active", true, h::update_active),
    Route("PUT", "users/{}/password", true, h::update_password),
    Route("PUT", "users/{}/auth", true, h::update_auth),
    Route("GET", "users/{}/status", true, h::get_status),
    Route("PUT", "users/{}/status", true, h::set_status),
    Route("GET", "users/{}/sessions", true, h::get_sessions),
    Route("POST", "users/{}/sessions/revoke", true, h::revoke_session),
    Route("POST", "users/{}/sessions/revoke/all", true, h::revoke_all_sessions),
    Route("GET", "users/{}/preferences", true, h::get_preferences),
    Route("PUT", "users/{}/preferences", true, h::set_preferences),
    Route("POST", "users/{}/preferences/delete", true, h::delete_preferences),
    Route("GET", "users/{}/preferences/{}", true, h::preferences_by_category),
    Route("GET", "users/{}/preferences/{}/name/{}", true, h::preference_by_name),
    Route("GET", "users/{}/posts/flagged", true, h::flagged_posts),
    Route("DELETE", "users/{}/posts/{}/reactions/{}", true, h::remove_reaction),
    Route("GET", "users/{}/oauth/apps/authorized", true, h::authorized_apps),
];

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
    } else if let Some(user_id) = st.personal_tokens.get(token) {
        (user_id.clone(), None)
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
    let mut path_matched = false;
    for Route(m, pattern, needs_auth, handler) in ROUTES {
        let Some(params) = match_pattern(pattern, segs) else {
            continue;
        };
        path_matched = true;
        if method.as_str() != *m {
            continue;
        }
        ctx.auth = match authenticate(st, ctx.headers) {
            Ok(auth) => auth,
            Err(e) if *needs_auth => return Err(e),
            Err(_) => Auth::default(),
        };
        return handler(st, ctx, &params);
    }
    Err(if path_matched {
        Fail::method_not_allowed()
    } else {
        Fail::no_route()
    })
}
