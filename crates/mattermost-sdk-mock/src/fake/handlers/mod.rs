//! The fake's handlers, one file per API area (as core's `endpoints/users/*.rs`), and the
//! helpers they share. Checks run in the real server's order where it matters: path IDs (400),
//! then body shape (400), then permissions (403), then existence (404).
//!
//! Each area file declares its routes in a `ROUTES` table; [`AREAS`] lists the tables.

use bytes::Bytes;
use http::header::{HeaderValue, CACHE_CONTROL, CONTENT_TYPE, ETAG};
use http::StatusCode;
use mattermost_sdk_core::is_valid_id;
use std::collections::BTreeMap;

use serde_json::{json, Map, Value};

use super::multipart;
use super::reply::{bytes_reply, json_reply, status_ok, Fail, Reply};
use super::routes::Ctx;
use super::rules::{is_valid_role_name, is_well_formed_mfa_code, sanitize_unicode, BUILT_IN_ROLES};
use super::seed::{DEFAULT_PROFILE_IMAGE, MFA_CODE};
use super::state::{status_json, Obj, Pref, State};

use super::routes::Route;

pub(super) type Res = Result<Reply, Fail>;

pub(super) mod account;
// issue 12, users 3 of 3: memberships, reminders, typing, uploads, retention policies
mod activity;
pub(super) mod admin;
mod auth;
mod channels;
mod cpa;
mod directory;
mod image;
mod posts;
mod preferences;
mod profile;
mod search;
mod security;
mod sessions;
// sidebar categories (issue 12)
pub(super) mod sidebar;
// sign-in flows (issue 11)
pub(super) mod signin;
mod stats;
mod status;
pub(super) mod terms_status;
pub(super) mod threads;
mod tokens;

/// Every area's route table. Order does not matter: the dispatcher prefers literal segments.
pub(super) static AREAS: &[&[Route]] = &[
    auth::ROUTES,
    profile::ROUTES,
    security::ROUTES,
    image::ROUTES,
    status::ROUTES,
    sessions::ROUTES,
    preferences::ROUTES,
    posts::ROUTES,
    directory::ROUTES,
    search::ROUTES,
    stats::ROUTES,
    admin::ROUTES,
    cpa::ROUTES,
    tokens::ROUTES,
    account::ROUTES,
    terms_status::ROUTES,
    threads::ROUTES,
    channels::ROUTES,
    // sidebar categories (issue 12)
    sidebar::ROUTES,
    // issue 12, users 3 of 3
    activity::ROUTES,
    // sign-in flows (issue 11)
    signin::ROUTES,
];

// ---------------------------------------------------------------- helpers

/// A 200 JSON answer with an `ETag`; a request whose `If-None-Match` equals it gets a 304
/// with no body (the server's `c.HandleEtag`, server/channels/web/context.go).
pub(super) fn etag_reply(ctx: &Ctx<'_>, etag: &str, body: &Value) -> Reply {
    let mut resp = if ctx
        .headers
        .get(http::header::IF_NONE_MATCH)
        .is_some_and(|v| v.as_bytes() == etag.as_bytes())
    {
        bytes_reply(StatusCode::NOT_MODIFIED, "application/json", Bytes::new())
    } else {
        json_reply(StatusCode::OK, body)
    };
    if let Ok(v) = HeaderValue::try_from(etag) {
        resp.headers_mut().insert(ETAG, v);
    }
    resp
}

/// A user's `ETag`: ID and `update_at` (`User.Etag`).
pub(super) fn user_etag(user: &Obj) -> String {
    format!(
        "{}.{}",
        str_field(user, "id").unwrap_or(""),
        user.get("update_at").and_then(Value::as_i64).unwrap_or(0)
    )
}

/// The path's user: `me` is the caller; anything else must be a valid ID.
pub(super) fn uid(ctx: &Ctx<'_>, raw: &str) -> Result<String, Fail> {
    if raw == "me" && !ctx.auth.user_id.is_empty() {
        Ok(ctx.auth.user_id.clone())
    } else if is_valid_id(raw) {
        Ok(raw.to_owned())
    } else {
        Err(Fail::invalid_url("user_id"))
    }
}

/// The caller must be `id` or an admin.
pub(super) fn self_or_admin(ctx: &Ctx<'_>, id: &str, permission: &str) -> Result<(), Fail> {
    if ctx.auth.user_id == id || ctx.auth.admin {
        Ok(())
    } else {
        Err(Fail::forbidden(&ctx.auth.user_id, permission))
    }
}

/// The caller must be an admin.
pub(super) fn admin_only(ctx: &Ctx<'_>, permission: &str) -> Result<(), Fail> {
    if ctx.auth.admin {
        Ok(())
    } else {
        Err(Fail::forbidden(&ctx.auth.user_id, permission))
    }
}

/// The body as a JSON object; `param` names it in the 400 error.
pub(super) fn body_obj(ctx: &Ctx<'_>, param: &str) -> Result<Obj, Fail> {
    match serde_json::from_slice::<Value>(ctx.body) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(_) => Err(Fail::invalid_body(param).detail("the body is not a JSON object")),
        Err(e) => Err(Fail::invalid_body(param).detail(e.to_string())),
    }
}

/// A string field (absent, null or another type: `None`).
pub(super) fn str_field<'a>(obj: &'a Obj, key: &str) -> Option<&'a str> {
    obj.get(key).and_then(Value::as_str)
}

/// A non-empty string field, or a 400 naming it.
pub(super) fn required_str<'a>(obj: &'a Obj, key: &str) -> Result<&'a str, Fail> {
    str_field(obj, key)
        .filter(|s| !s.is_empty())
        .ok_or_else(|| Fail::invalid_body(key))
}

/// `page` and `per_page` as the server reads them: bad values fall back to the defaults,
/// `per_page` is capped at 200.
pub(super) fn paging(ctx: &Ctx<'_>, default_per_page: usize) -> (usize, usize) {
    let page = ctx.query("page").and_then(|v| v.parse().ok()).unwrap_or(0);
    let per_page = ctx
        .query("per_page")
        .and_then(|v| v.parse().ok())
        .unwrap_or(default_per_page)
        .min(mattermost_sdk_core::MAX_PER_PAGE as usize);
    (page, per_page)
}

pub(super) fn page_of<T>(items: Vec<T>, page: usize, per_page: usize) -> Vec<T> {
    items
        .into_iter()
        .skip(page.saturating_mul(per_page))
        .take(per_page)
        .collect()
}

pub(super) fn set_now(st: &mut State, id: &str, field: &str) {
    let now = st.now();
    if let Some(u) = st.users.get_mut(id) {
        u.insert(field.to_owned(), json!(now));
        if field != "update_at" {
            u.insert("update_at".to_owned(), json!(now));
        }
    }
}

pub(super) fn base64(data: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(data.len().div_ceil(3) * 4);
    for chunk in data.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(T[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}
