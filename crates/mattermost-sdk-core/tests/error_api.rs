//! The error type as users meet it: predicates, one-line transport errors with the causes in
//! `source()`, and short quotes of bad input.

use std::error::Error as _;

use bytes::Bytes;
use mattermost_sdk_core::{
    check_status, BuildError, Error, StatusCode, TransportError, TransportErrorKind, UserId,
};

fn api_error(status: u16, body: &str) -> Error {
    let resp = http::Response::builder()
        .status(status)
        .body(Bytes::from(body.to_owned()))
        .unwrap();
    check_status(resp).unwrap_err()
}

#[test]
fn predicates_answer_without_the_http_crate() {
    let e = api_error(
        404,
        r#"{"id":"app.user.missing_account.const","message":"Unable to find the user.","status_code":404}"#,
    );
    assert!(e.is_not_found());
    assert!(!e.is_unauthorized() && !e.is_forbidden());
    assert_eq!(e.status(), Some(StatusCode::NOT_FOUND));
    assert_eq!(e.api_error_id(), Some("app.user.missing_account.const"));

    let e = api_error(
        401,
        r#"{"id":"api.context.session_expired.app_error","message":"x"}"#,
    );
    assert!(e.is_unauthorized() && !e.is_not_found());
    let e = api_error(403, "<html>forbidden</html>");
    assert!(e.is_forbidden());
    assert_eq!(
        e.api_error_id(),
        None,
        "a non-Mattermost body has no error id"
    );

    let e = Error::from(BuildError::invalid_id("user ID", "x"));
    assert_eq!(e.status(), None);
    assert!(!e.is_not_found());
    assert_eq!(e.transport_kind(), None);
}

#[derive(Debug)]
struct Cause(&'static str, Option<Box<Cause>>);

impl std::fmt::Display for Cause {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.0)
    }
}

impl std::error::Error for Cause {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        self.1.as_deref().map(|c| c as _)
    }
}

#[test]
fn a_transport_error_says_what_happened_once_and_leaves_causes_to_source() {
    let inner = Cause("tcp connect error: Connection refused", None);
    let outer = Cause("error sending request", Some(Box::new(inner)));
    let e = Error::from(TransportError::with_source(
        TransportErrorKind::Connect,
        mattermost_sdk_core::transport_support::kind_message(TransportErrorKind::Connect),
        outer,
    ));
    let shown = e.to_string();
    assert!(!shown.contains('\n'), "{shown}");
    assert!(!shown.contains("error sending request"), "{shown}");
    assert!(!shown.contains("Connection refused"), "{shown}");
    assert_eq!(e.transport_kind(), Some(TransportErrorKind::Connect));
    // Each cause exactly once along the chain, as anyhow/eyre print it.
    let mut chain = vec![shown];
    let mut next = e.source();
    while let Some(c) = next {
        chain.push(c.to_string());
        next = c.source();
    }
    let all = chain.join("\n");
    assert_eq!(all.matches("Connection refused").count(), 1, "{all}");
    assert_eq!(all.matches("error sending request").count(), 1, "{all}");
}

#[test]
fn an_invalid_id_error_quotes_a_short_prefix_and_the_length() {
    let huge = "a".repeat(10 << 20);
    let e = UserId::new(huge.clone()).unwrap_err();
    let shown = e.to_string();
    assert!(shown.len() < 200, "{} bytes", shown.len());
    assert!(shown.contains(&format!("{} bytes", huge.len())), "{shown}");
    assert!(format!("{e:?}").len() < 300);
    match e {
        BuildError::InvalidId { value, len, .. } => {
            assert!(value.len() <= BuildError::QUOTE_MAX);
            assert_eq!(len, huge.len());
        }
        other => panic!("{other:?}"),
    }
    // Cut at a character boundary, never inside one.
    let e = UserId::new("é".repeat(100)).unwrap_err();
    assert!(e.to_string().contains("200 bytes"));
}
