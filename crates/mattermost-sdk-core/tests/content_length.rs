//! `Content-Length: 0` on a bodiless POST, PUT or PATCH, as Go's net/http and the server's
//! own Client4 send it (some proxies answer 411 Length Required without it); never on GET or
//! DELETE, and never a second one next to a real body's.

use mattermost_sdk_core::endpoints::users::{
    DeleteUser, GenerateMfaSecret, GetUser, Logout, RevokeAllSessions, RevokeSession,
};
use mattermost_sdk_core::http::header::CONTENT_LENGTH;
use mattermost_sdk_core::http::{Method, Request};
use mattermost_sdk_core::{build_request, BaseUrl, Endpoint, SessionId, Token, UserId};

fn build(ep: &impl Endpoint) -> Request<mattermost_sdk_core::bytes::Bytes> {
    let base = BaseUrl::parse("https://chat.example.com").unwrap();
    build_request(ep, &base, Some(&Token::new("t"))).unwrap()
}

fn user() -> UserId {
    UserId::new("k3j5m1n8b0v2c4x6z9a7s5d3f1").unwrap()
}

#[test]
fn bodiless_posts_say_content_length_zero() {
    for req in [
        build(&RevokeAllSessions::new(user())),
        build(&GenerateMfaSecret::new(user())),
        build(&Logout::new()),
    ] {
        assert_eq!(req.method(), Method::POST);
        assert!(req.body().is_empty());
        let lengths: Vec<_> = req.headers().get_all(CONTENT_LENGTH).iter().collect();
        assert_eq!(lengths, ["0"], "{}", req.uri());
    }
}

#[test]
fn gets_and_deletes_have_no_content_length() {
    for req in [
        build(&GetUser::new(user())),
        build(&DeleteUser::new(user())),
    ] {
        assert!(req.headers().get(CONTENT_LENGTH).is_none(), "{}", req.uri());
    }
}

#[test]
fn a_request_with_a_body_leaves_the_length_to_the_transport() {
    let session = SessionId::new("abcdefghijklmnopqrstuvwxyz").unwrap();
    let req = build(&RevokeSession::new(user(), session));
    assert!(!req.body().is_empty());
    assert!(req.headers().get(CONTENT_LENGTH).is_none());
}
