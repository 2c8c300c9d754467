//! Base URLs, path segments and query strings: what is accepted and how it is encoded.

mod common;

use common::*;
use mattermost_sdk_core::endpoints::users::{
    DeleteReaction, GetPreferencesByCategory, GetPreferencesByCategoryByName, GetUser,
};
use mattermost_sdk_core::{
    build_request, BaseUrl, BuildError, EmojiName, PathBuilder, PreferenceCategory, PreferenceName,
    Query, UserId,
};
use proptest::prelude::*;

#[test]
fn base_urls_are_normalized_to_one_api_root() {
    for (input, root) in [
        ("https://host", "https://host/api/v4/"),
        ("https://host/", "https://host/api/v4/"),
        ("https://host/api/v4", "https://host/api/v4/"),
        ("https://host/api/v4/", "https://host/api/v4/"),
        ("https://host/chat", "https://host/chat/api/v4/"),
        ("https://host/chat/", "https://host/chat/api/v4/"),
        ("https://host/chat/api/v4/", "https://host/chat/api/v4/"),
        ("http://127.0.0.1:8065", "http://127.0.0.1:8065/api/v4/"),
        ("http://[::1]:8065/", "http://[::1]:8065/api/v4/"),
        ("HTTPS://Host:443/", "https://host/api/v4/"),
        ("  https://host  ", "https://host/api/v4/"),
    ] {
        let base = BaseUrl::parse(input).unwrap_or_else(|e| panic!("{input}: {e}"));
        assert_eq!(base.api_root(), root, "{input}");
        assert_eq!(
            format!("{}/api/v4/", base.server_root()),
            root,
            "server_root of {input}"
        );
        let req = build_request(&GetUser::new(UserId::me()), &base, None).unwrap();
        assert_eq!(req.uri().to_string(), format!("{root}users/me"), "{input}");
    }
}

#[test]
fn bad_base_urls_are_rejected() {
    for input in [
        "ftp://x",
        "file:///etc/passwd",
        "not a url",
        "",
        "/api/v4",
        "host:8065",
        "https://",
        "https://user:pw@host",
        "https://user@host",
        "https://:pw@host",
        "https://host/?q=1",
        "https://host/?",
        "https://host/#f",
        "https://host/chat#",
    ] {
        match BaseUrl::parse(input) {
            Err(BuildError::InvalidBaseUrl { reason, .. }) => assert!(!reason.is_empty()),
            other => panic!("{input:?} gave {other:?}"),
        }
    }
}

fn enc(s: &str) -> Result<String, BuildError> {
    PathBuilder::new()
        .segment(s)
        .map(|b| b.build().as_str().to_owned())
}

#[test]
fn path_segments_are_strictly_percent_encoded() {
    for (raw, encoded) in [
        ("+1", "%2B1"),
        ("a/b", "a%2Fb"),
        ("a b", "a%20b"),
        ("é", "%C3%A9"),
        ("😀", "%F0%9F%98%80"),
        ("AZaz09-._~", "AZaz09-._~"),
        ("...", "..."),
        (".a", ".a"),
        ("%2e%2e", "%252e%252e"),
        (
            "?#&=;:@!$'()*,[]",
            "%3F%23%26%3D%3B%3A%40%21%24%27%28%29%2A%2C%5B%5D",
        ),
        ("\\\"<>^`{|}", "%5C%22%3C%3E%5E%60%7B%7C%7D"),
        ("\0\r\n\t\u{7f}", "%00%0D%0A%09%7F"),
    ] {
        assert_eq!(enc(raw).unwrap(), encoded, "{raw:?}");
    }
    let path = PathBuilder::new()
        .segment("users")
        .and_then(|b| b.segment("a/b"))
        .and_then(|b| b.segment("+1"))
        .unwrap()
        .build();
    assert_eq!(path.as_str(), "users/a%2Fb/%2B1");
}

#[test]
fn empty_and_dot_segments_are_rejected() {
    for bad in ["", ".", ".."] {
        assert!(
            matches!(enc(bad), Err(BuildError::InvalidSegment { .. })),
            "{bad:?}"
        );
    }
}

#[test]
fn templates_need_exactly_their_arguments() {
    let u = uid();
    assert!(matches!(
        PathBuilder::from_template("/users/{user_id}/teams", &[]),
        Err(BuildError::Template { .. })
    ));
    assert!(matches!(
        PathBuilder::from_template("/users/{user_id}", &[&u, &u]),
        Err(BuildError::Template { .. })
    ));
    let p = PathBuilder::from_template("/users/{user_id}/x/{name}", &[&u, &"a b"]).unwrap();
    assert_eq!(p.as_str(), format!("users/{U}/x/a%20b"));
}

#[test]
fn endpoint_paths_use_the_same_encoding() {
    // Preference segments only hold `[A-Za-z0-9_]` (the server's route pattern), so
    // they pass unchanged; `/`, space and `é` cannot be constructed (field_reports.rs).
    assert!(PreferenceCategory::new("a/b c").is_err());
    assert!(PreferenceName::new("é?").is_err());
    let cat = PreferenceCategory::new("display_settings").unwrap();
    let name = PreferenceName::new("use_Military_1").unwrap();
    let req = build(&GetPreferencesByCategoryByName::new(
        uid(),
        cat.clone(),
        name,
    ));
    assert_eq!(
        req.uri().path(),
        format!("/api/v4/users/{U}/preferences/display_settings/name/use_Military_1")
    );
    let req = build(&GetPreferencesByCategory::new(uid(), cat));
    assert_eq!(
        req.uri().path(),
        format!("/api/v4/users/{U}/preferences/display_settings")
    );
    let req = build(&DeleteReaction::new(
        UserId::me(),
        pid(),
        EmojiName::new("+1").unwrap(),
    ));
    assert_eq!(
        req.uri().path(),
        format!("/api/v4/users/me/posts/{P}/reactions/%2B1")
    );
}

#[test]
fn query_names_and_values_are_encoded_like_segments() {
    let q = Query::new()
        .with("q", "a b&c=d+e/é")
        .with("k y", 5)
        .with_opt("absent", None::<u32>)
        .with_opt("present", Some(""));
    let mut out = String::new();
    q.encode_into(&mut out);
    assert_eq!(out, "q=a%20b%26c%3Dd%2Be%2F%C3%A9&k%20y=5&present=");
    assert_eq!(
        q.pairs().collect::<Vec<_>>(),
        vec![("q", "a b&c=d+e/é"), ("k y", "5"), ("present", "")]
    );
    assert!(Query::new().is_empty());
}

/// Decodes `%XX` escapes; `None` if an escape is malformed or the result is not UTF-8.
fn percent_decode(s: &str) -> Option<String> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while i < b.len() {
        if b[i] == b'%' {
            let hex = std::str::from_utf8(b.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(b[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

/// Only unreserved characters and `%XX` with upper-case hex digits.
fn only_unreserved_and_escapes(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => i += 1,
            b'%' if b.len() >= i + 3
                && b[i + 1..i + 3]
                    .iter()
                    .all(|c| c.is_ascii_digit() || (b'A'..=b'F').contains(c)) =>
            {
                i += 3
            }
            _ => return false,
        }
    }
    true
}

/// Arbitrary strings, plus short strings made mostly of the characters that matter here.
fn segment_input() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[./%+ ?#&=~_a-zA-Z0-9é😀\\-]{0,6}",
        Just(String::new()),
        Just(".".to_owned()),
        Just("..".to_owned()),
    ]
}

proptest! {
    #[test]
    fn accepted_segments_encode_to_unreserved_and_decode_back(s in segment_input()) {
        match enc(&s) {
            Ok(e) => {
                prop_assert!(!matches!(s.as_str(), "" | "." | ".."));
                prop_assert!(only_unreserved_and_escapes(&e), "{:?} -> {:?}", s, e);
                prop_assert_eq!(percent_decode(&e), Some(s.clone()));
            }
            Err(err) => {
                prop_assert!(matches!(s.as_str(), "" | "." | ".."), "{:?} rejected: {}", s, err);
            }
        }
    }

    #[test]
    fn typed_segments_never_panic_and_encode_safely(s in segment_input()) {
        if let Ok(e) = EmojiName::new(s.clone()) {
            let req = build(&DeleteReaction::new(uid(), pid(), e));
            let last = req.uri().path().rsplit('/').next().unwrap().to_owned();
            prop_assert_eq!(percent_decode(&last), Some(s.clone()));
        }
        let _ = PreferenceCategory::new(s.clone());
        let _ = PreferenceName::new(s.clone());
        let _ = UserId::new(s.clone());
        let _ = BaseUrl::parse(&s);
    }

    #[test]
    fn query_values_encode_to_unreserved_and_decode_back(s in segment_input()) {
        let mut out = String::new();
        Query::new().with("v", &s).encode_into(&mut out);
        let value = out.strip_prefix("v=").unwrap();
        prop_assert!(only_unreserved_and_escapes(value), "{:?} -> {:?}", s, value);
        prop_assert_eq!(percent_decode(value), Some(s.clone()));
    }
}
