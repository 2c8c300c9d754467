//! Custom status (`model.CustomStatus`, `server/public/model/custom_status.go`) and a user's
//! acceptance of the terms of service (`model.UserTermsOfService`,
//! `server/public/model/user_terms_of_service.go`).

use serde::{Serialize, Serializer};

use mattermost_sdk_derive::DeserializeExtra;

use super::JsonMap;

/// Go's zero `time.Time` as `encoding/json` writes it: the server's "no expiry".
pub const GO_ZERO_TIME: &str = "0001-01-01T00:00:00Z";

/// The durations the server accepts (`validCustomStatusDuration`,
/// `server/public/model/custom_status.go`); empty means "until cleared" (or until
/// `expires_at`, which the server then records as `date_and_time`).
pub const CUSTOM_STATUS_DURATIONS: &[&str] = &[
    "thirty_minutes",
    "one_hour",
    "four_hours",
    "today",
    "this_week",
    "date_and_time",
];

/// The longest text the server keeps, in characters (`CustomStatusTextMaxRunes`); it cuts
/// longer text rather than refusing it.
pub const CUSTOM_STATUS_TEXT_MAX_CHARS: usize = 100;

/// A user's custom status (`model.CustomStatus`). The server stores the one in force as a
/// JSON string in the user's `props` under `customStatus`, and the last five set in the
/// preference `custom_status`/`recent_custom_statuses` (a JSON array of these).
///
/// `expires_at` is an RFC 3339 date-time string (Go `time.Time`), e.g.
/// `2030-01-01T12:00:00Z`; blank, or [`GO_ZERO_TIME`] as the server writes it, means no
/// expiry. A blank one is sent as [`GO_ZERO_TIME`] (the server cannot read an empty string).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, DeserializeExtra)]
pub struct CustomStatus {
    /// The emoji's name, without colons (`palm_tree`); the server's default when the text
    /// alone is set is `speech_balloon`.
    #[serde(default)]
    pub emoji: String,
    /// The text, at most 100 characters kept.
    #[serde(default)]
    pub text: String,
    /// One of [`CUSTOM_STATUS_DURATIONS`], or empty.
    #[serde(default)]
    pub duration: String,
    /// When it ends, RFC 3339; blank or [`GO_ZERO_TIME`] for never.
    #[serde(default, serialize_with = "zero_time_if_blank")]
    pub expires_at: String,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}

fn zero_time_if_blank<S: Serializer>(v: &str, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(if v.is_empty() { GO_ZERO_TIME } else { v })
}

impl CustomStatus {
    /// A custom status with an emoji name and a text (either may be empty, not both), no
    /// duration, no expiry.
    pub fn new(emoji: impl Into<String>, text: impl Into<String>) -> Self {
        CustomStatus {
            emoji: emoji.into(),
            text: text.into(),
            ..CustomStatus::default()
        }
    }

    /// Sets the duration (one of [`CUSTOM_STATUS_DURATIONS`]) and when it ends (RFC 3339).
    /// The server needs an end time in the future with every duration.
    pub fn until(mut self, duration: impl Into<String>, expires_at: impl Into<String>) -> Self {
        self.duration = duration.into();
        self.expires_at = expires_at.into();
        self
    }

    /// The end time in seconds since the epoch, `None` for no expiry (blank or Go's zero
    /// time) or an unreadable value.
    pub fn expires_at_unix(&self) -> Option<i64> {
        if self.expires_at.is_empty() || self.expires_at == GO_ZERO_TIME {
            return None;
        }
        rfc3339_unix_seconds(&self.expires_at)
    }
}

/// Seconds since the epoch of an RFC 3339 date-time as Go's `time.Time` JSON decoding reads
/// it (`YYYY-MM-DDTHH:MM:SS`, optional fraction, then `Z` or `±HH:MM`); `None` if it does
/// not parse.
pub fn rfc3339_unix_seconds(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        (!part.is_empty() && part.bytes().all(|c| c.is_ascii_digit()))
            .then(|| part.parse().ok())
            .flatten()
    };
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || b[10] != b'T'
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    let days_in_month = match mo {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        _ => return None,
    };
    if d < 1 || d > days_in_month || h > 23 || mi > 59 || sec > 59 {
        return None;
    }
    let mut i = 19;
    if b[i] == b'.' {
        i += 1;
        let start = i;
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        if i == start {
            return None;
        }
    }
    let offset = match &s[i..] {
        "Z" => 0,
        z if z.len() == 6 && (z.starts_with('+') || z.starts_with('-')) && &z[3..4] == ":" => {
            let (oh, om) = (num(i + 1..i + 3)?, num(i + 4..i + 6)?);
            if oh > 23 || om > 59 {
                return None;
            }
            let off = oh * 3600 + om * 60;
            if z.starts_with('-') {
                -off
            } else {
                off
            }
        }
        _ => return None,
    };
    // Days from the civil date (Howard Hinnant's algorithm).
    let y2 = if mo <= 2 { y - 1 } else { y };
    let era = y2.div_euclid(400);
    let yoe = y2 - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + h * 3600 + mi * 60 + sec - offset)
}

/// A user's acceptance of the terms of service (`model.UserTermsOfService`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, DeserializeExtra)]
pub struct UserTermsOfService {
    /// The user's ID.
    #[serde(default)]
    pub user_id: String,
    /// The ID of the terms of service the user accepted.
    #[serde(default)]
    pub terms_of_service_id: String,
    /// When the user accepted them, milliseconds since the epoch.
    #[serde(default)]
    pub create_at: i64,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}
