//! A user's sessions, every user's sessions, and the session's mobile device.

use serde_json::json;

use crate::body::Body;
use crate::error::BuildError;
use crate::ids::{SessionId, UserId};
use crate::models::{Session, StatusOk};

endpoint! {
    /// Lists the user's sessions.
    GET "/users/{user_id}/sessions" => GetSessions -> Vec<Session> {
        /// The user, or `me`.
        user_id: UserId,
    }
    path(user_id)
}

endpoint! {
    /// Revokes one session of the user.
    POST "/users/{user_id}/sessions/revoke" => RevokeSession -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
        /// The session to revoke.
        session_id: SessionId,
    }
    path(user_id)
    body(|ep| Body::json(&json!({ "session_id": ep.session_id })))
}

endpoint! {
    /// Revokes every session of the user (the user ID is in the path, as it must be).
    POST "/users/{user_id}/sessions/revoke/all" => RevokeAllSessions -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
    }
    path(user_id)
}

endpoint! {
    /// Revokes every session of every user: everyone, the caller included, must log in
    /// again (personal access tokens stay valid). Needs `manage_system`
    /// (`revokeAllSessionsAllUsers`, `server/channels/api4/user.go`).
    POST "/users/sessions/revoke/all" => RevokeSessionsFromAllUsers -> StatusOk {}
    path()
}

/// True for a version `semver.Parse` (github.com/blang/semver, as `handleDeviceProps` in
/// `server/channels/api4/user.go` uses it) accepts: `MAJOR.MINOR.PATCH`, numbers without
/// leading zeros, then optional `-pre.release` and `+build` parts of `[0-9A-Za-z-]`
/// identifiers (numeric pre-release identifiers without leading zeros).
pub fn is_semver(v: &str) -> bool {
    let ident =
        |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-');
    let number = |s: &str| {
        !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit()) && (s == "0" || !s.starts_with('0'))
    };
    let (rest, build) = match v.split_once('+') {
        Some((r, b)) => (r, Some(b)),
        None => (v, None),
    };
    let (core, pre) = match rest.split_once('-') {
        Some((c, p)) => (c, Some(p)),
        None => (rest, None),
    };
    let parts: Vec<&str> = core.split('.').collect();
    parts.len() == 3
        && parts.iter().all(|p| number(p))
        && pre.is_none_or(|p| {
            p.split('.')
                .all(|i| ident(i) && (!i.bytes().all(|b| b.is_ascii_digit()) || number(i)))
        })
        && build.is_none_or(|b| b.split('.').all(ident))
}

endpoint! {
    /// Attaches the session's mobile device and its properties. The server reads the body as
    /// a string map (`model.MapFromJSON`, `handleDeviceProps` in
    /// `server/channels/api4/user.go`): a non-empty `device_id` (`android:..`, `apple:..`)
    /// ends the caller's other sessions on that device and makes this one a mobile session;
    /// `deviceNotificationDisabled` is the STRING `"true"` or `"false"`; `mobileVersion`
    /// must parse as semver (each checked before I/O, as the server answers 400). Set at
    /// least one.
    PUT "/users/sessions/device" => AttachDeviceExtraProps -> StatusOk {}
    optional {
        /// The mobile device ID (`android:<id>` or `apple:<id>`).
        device_id: String,
        /// Whether the device has notifications off (sent as the string `"true"`/`"false"`).
        device_notification_disabled: bool,
        /// The mobile app's version, semver (`2.21.0`).
        mobile_version: String,
    }
    path()
    body(|ep| {
        if ep.device_id.is_none() && ep.device_notification_disabled.is_none() && ep.mobile_version.is_none() {
            return Err(BuildError::InvalidParam { param: "device_id", reason: "set a device ID, the notification flag or the mobile version".into() });
        }
        let mut map = crate::models::StringMap::new();
        if let Some(id) = &ep.device_id {
            map.insert("device_id".into(), id.clone());
        }
        if let Some(off) = ep.device_notification_disabled {
            map.insert("deviceNotificationDisabled".into(), off.to_string());
        }
        if let Some(v) = &ep.mobile_version {
            if !is_semver(v) {
                return Err(BuildError::InvalidParam { param: "mobileVersion", reason: format!("{v:?} is not a semantic version (MAJOR.MINOR.PATCH)") });
            }
            map.insert("mobileVersion".into(), v.clone());
        }
        Body::json(&map)
    })
}
