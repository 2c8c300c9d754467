//! Small helpers shared by the mock and the fake: path and query parsing, redaction.

use std::borrow::Cow;

use http::HeaderMap;
use percent_encoding::percent_decode_str;
use serde_json::Value;

/// The part of `path` from `/api/v4/` on, without `/api/v4` (`/users/me`), or the whole
/// path if it has no `/api/v4/` (or ends with `/api/v4`).
pub(crate) fn api_relative(path: &str) -> &str {
    if let Some(i) = path.find("/api/v4/") {
        &path[i + "/api/v4".len()..]
    } else if path.ends_with("/api/v4") {
        "/"
    } else {
        path
    }
}

/// Percent-decodes one path segment (lossily: invalid UTF-8 becomes U+FFFD).
pub(crate) fn decode_segment(segment: &str) -> String {
    percent_decode_str(segment).decode_utf8_lossy().into_owned()
}

/// Splits an API-relative path (`/users/me/teams`) into decoded segments. A trailing slash is
/// ignored; empty segments in the middle are kept (they are invalid IDs, not separators).
pub(crate) fn segments(path: &str) -> Vec<String> {
    let trimmed = path.strip_prefix('/').unwrap_or(path);
    let trimmed = trimmed.strip_suffix('/').unwrap_or(trimmed);
    if trimmed.is_empty() {
        return Vec::new();
    }
    trimmed.split('/').map(decode_segment).collect()
}

/// Decodes a query string (`a=1&b=x%20y`) into pairs; `+` is a space.
pub(crate) fn query_pairs(query: Option<&str>) -> Vec<(String, String)> {
    let Some(q) = query else { return Vec::new() };
    q.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (decode_form(k), decode_form(v))
        })
        .collect()
}

/// The first value of the parameter `name` in `query`, decoded as [`query_pairs`] decodes.
pub(crate) fn query_value(query: Option<&str>, name: &str) -> Option<String> {
    query_pairs(query)
        .into_iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v)
}

fn decode_form(s: &str) -> String {
    let s: Cow<'_, str> = if s.contains('+') {
        Cow::Owned(s.replace('+', " "))
    } else {
        Cow::Borrowed(s)
    };
    percent_decode_str(&s).decode_utf8_lossy().into_owned()
}

/// True for header, query and JSON names whose values are secrets.
pub(crate) fn is_sensitive_name(name: &str) -> bool {
    let n = name.to_ascii_lowercase();
    n == "authorization"
        || n == "proxy-authorization"
        || n == "cookie"
        || n == "set-cookie"
        || n == "code"
        || ["token", "password", "secret"]
            .iter()
            .any(|s| n.contains(s))
}

/// `value` with every string (or other value) under a sensitive key replaced by `<redacted>`.
pub(crate) fn redact_json(value: &Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let v = if is_sensitive_name(k) && !v.is_null() {
                        Value::String("<redacted>".to_owned())
                    } else {
                        redact_json(v)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(redact_json).collect()),
        other => other.clone(),
    }
}

/// `name=value` pairs joined with `&`, sensitive values redacted (for messages).
pub(crate) fn describe_query(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| {
            if is_sensitive_name(k) {
                format!("{k}=<redacted>")
            } else {
                format!("{k}={v}")
            }
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// A header map for `Debug`: names with values, sensitive values redacted.
pub(crate) struct RedactedHeaders<'a>(pub(crate) &'a HeaderMap);

impl std::fmt::Debug for RedactedHeaders<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut m = f.debug_map();
        for (name, value) in self.0 {
            if is_sensitive_name(name.as_str()) {
                m.entry(&name.as_str(), &"<redacted>");
            } else {
                m.entry(&name.as_str(), &String::from_utf8_lossy(value.as_bytes()));
            }
        }
        m.finish()
    }
}

/// At most `max` characters of `s`, with `…` when cut.
pub(crate) fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_owned()
    } else {
        let mut out: String = s.chars().take(max).collect();
        out.push('…');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn api_relative_strips_prefixes() {
        assert_eq!(api_relative("/api/v4/users/me"), "/users/me");
        assert_eq!(api_relative("/chat/api/v4/users/me"), "/users/me");
        assert_eq!(api_relative("/users/me"), "/users/me");
    }

    #[test]
    fn segments_decode_each_part() {
        assert_eq!(
            segments("/users/me/reactions/%2B1"),
            vec!["users", "me", "reactions", "+1"]
        );
        assert_eq!(segments("/users//x/"), vec!["users", "", "x"]);
        assert_eq!(segments("/a%2Fb"), vec!["a/b"]);
    }

    #[test]
    fn query_pairs_decode() {
        assert_eq!(
            query_pairs(Some("a=1&b=x%20y+z&c")),
            vec![
                ("a".into(), "1".into()),
                ("b".into(), "x y z".into()),
                ("c".into(), "".into())
            ]
        );
    }

    #[test]
    fn redaction() {
        let v = serde_json::json!({"password": "p", "nested": {"new_password": "q", "x": 1}, "code": "1"});
        let r = redact_json(&v);
        let s = r.to_string();
        assert!(
            !s.contains("\"p\"") && !s.contains("\"q\"") && !s.contains("\"1\""),
            "{s}"
        );
        assert_eq!(r["nested"]["x"], 1);
    }
}
