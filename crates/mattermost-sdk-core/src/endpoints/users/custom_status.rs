//! A user's custom status: set, clear, and forget one of the recent ones. Checks and error
//! ids follow `server/channels/api4/status.go` (`updateUserCustomStatus`,
//! `removeUserCustomStatus`, `removeUserRecentCustomStatus`) and
//! `server/public/model/custom_status.go`. Each needs the user themself or
//! `edit_other_users`, and `TeamSettings.EnableCustomUserStatuses` (501
//! `api.custom_status.disabled` otherwise).

use crate::body::Body;
use crate::error::BuildError;
use crate::ids::UserId;
use crate::models::{CustomStatus, StatusOk, CUSTOM_STATUS_DURATIONS, GO_ZERO_TIME};

fn invalid(param: &'static str, reason: impl Into<String>) -> BuildError {
    BuildError::InvalidParam {
        param,
        reason: reason.into(),
    }
}

/// Seconds since the epoch, now.
fn now_unix() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// What the server refuses in a custom status it decodes: an emoji and a text both empty,
/// or an `expires_at` that is not RFC 3339 (a JSON decoding error there). `param` names
/// the body as the server does.
fn check_readable(cs: &CustomStatus, param: &'static str) -> Result<(), BuildError> {
    if cs.emoji.is_empty() && cs.text.is_empty() {
        return Err(invalid(param, "set an emoji or a text"));
    }
    if !cs.expires_at.is_empty() && cs.expires_at != GO_ZERO_TIME && cs.expires_at_unix().is_none()
    {
        return Err(invalid(
            param,
            format!(
                "expires_at {:?} is not an RFC 3339 date-time",
                cs.expires_at
            ),
        ));
    }
    Ok(())
}

/// `updateUserCustomStatus`'s checks (`server/channels/api4/status.go`): emoji or text set,
/// and `CustomStatus.AreDurationAndExpirationTimeValid` at `now` (seconds since the epoch):
/// no duration with no expiry or one not in the past, or a known duration with an expiry
/// not in the past. The server answers 400 `custom_status` otherwise.
pub fn check_custom_status(cs: &CustomStatus, now: i64) -> Result<(), BuildError> {
    check_readable(cs, "custom_status")?;
    let expires = cs.expires_at_unix();
    let not_past = expires.is_some_and(|t| t >= now);
    let ok = if cs.duration.is_empty() {
        expires.is_none() || not_past
    } else {
        CUSTOM_STATUS_DURATIONS.contains(&cs.duration.as_str()) && not_past
    };
    if ok {
        return Ok(());
    }
    Err(invalid(
        "custom_status",
        if !cs.duration.is_empty() && !CUSTOM_STATUS_DURATIONS.contains(&cs.duration.as_str()) {
            format!(
                "duration {:?} is not one of {CUSTOM_STATUS_DURATIONS:?}",
                cs.duration
            )
        } else if expires.is_none() {
            format!(
                "duration {:?} needs an expires_at in the future",
                cs.duration
            )
        } else {
            format!("expires_at {:?} is in the past", cs.expires_at)
        },
    ))
}

endpoint! {
    /// Sets the user's custom status (body: `model.CustomStatus`, `emoji`, `text`,
    /// `duration`, `expires_at`). Checked before I/O as the server checks it (400
    /// `custom_status`): an emoji or a text; `duration` empty or one of
    /// [`CUSTOM_STATUS_DURATIONS`]; with a duration, `expires_at` in the future; without
    /// one, `expires_at` blank or in the future. The server cuts the text to 100
    /// characters, records a blank duration with an expiry as `date_and_time`, stores the
    /// status in the user's `props.customStatus` (a JSON string) and puts it first in the
    /// recent list (preference `custom_status`/`recent_custom_statuses`, at most five, one
    /// per text).
    PUT "/users/{user_id}/status/custom" => UpdateUserCustomStatus -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
        /// The status to set.
        custom_status: CustomStatus,
    }
    path(user_id)
    body(|ep| {
        check_custom_status(&ep.custom_status, now_unix())?;
        Body::json(&ep.custom_status)
    })
}

endpoint! {
    /// Clears the user's custom status (`props.customStatus` becomes empty); the recent list
    /// stays.
    DELETE "/users/{user_id}/status/custom" => UnsetUserCustomStatus -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
    }
    path(user_id)
}

/// The body of both "remove a recent custom status" operations: the status exactly as the
/// recent list holds it (the server compares the JSON encodings); emoji or text set,
/// `expires_at` RFC 3339 or blank (400 `recent_custom_status` otherwise).
fn recent_body(cs: &CustomStatus) -> Result<Body, BuildError> {
    check_readable(cs, "recent_custom_status")?;
    Body::json(cs)
}

endpoint! {
    /// Removes one status from the user's recent custom statuses, given exactly as the list
    /// holds it (400 `api.custom_status.recent_custom_statuses.delete.app_error` if it is
    /// not there). A DELETE with a body; [`PostUserRecentCustomStatusDelete`] is the same
    /// operation as a POST, which the server prefers.
    DELETE "/users/{user_id}/status/custom/recent" => RemoveRecentCustomStatus -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
        /// The recent status to remove.
        custom_status: CustomStatus,
    }
    path(user_id)
    body(|ep| recent_body(&ep.custom_status))
}

endpoint! {
    /// Removes one status from the user's recent custom statuses, given exactly as the list
    /// holds it (400 `api.custom_status.recent_custom_statuses.delete.app_error` if it is
    /// not there): [`RemoveRecentCustomStatus`] as a POST, for clients that cannot send a
    /// body with DELETE.
    POST "/users/{user_id}/status/custom/recent/delete" => PostUserRecentCustomStatusDelete -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
        /// The recent status to remove.
        custom_status: CustomStatus,
    }
    path(user_id)
    body(|ep| recent_body(&ep.custom_status))
}
