//! The user's channels, channel members and unread counts through the facade, against
//! `MockTransport` expectations: each method sends exactly its wire form and decodes.

use mattermost_sdk::models::ChannelType;
use mattermost_sdk::{BuildError, Error};
use mattermost_sdk_core::http::Method;
use mattermost_sdk_mock::MockTransport;
use serde_json::json;

mod common;
use common::mock_client as client;

const U: &str = "u1u1u1u1u1u1u1u1u1u1u1u1u1";
const T: &str = "t1t1t1t1t1t1t1t1t1t1t1t1t1";
const C: &str = "c1c1c1c1c1c1c1c1c1c1c1c1c1";
const P: &str = "p1p1p1p1p1p1p1p1p1p1p1p1p1";

#[tokio::test]
async fn team_scoped_operations_send_their_paths() {
    let mock = MockTransport::new();
    let c = client(&mock);
    let base = format!("/api/v4/users/{U}/teams/{T}");
    mock.expect(Method::GET, &format!("{base}/channels"))
        .header("authorization", "Bearer tok")
        .no_body()
        .respond_json(
            200,
            json!([{"id": C, "team_id": T, "type": "P", "name": "x"}]),
        );
    let chans = c.user(U).team(T).channels().await.unwrap();
    assert_eq!(chans[0].channel_type, ChannelType::Private);

    mock.expect(
        Method::GET,
        "/api/v4/users/me/teams/t1t1t1t1t1t1t1t1t1t1t1t1t1/channels",
    )
    .query([("include_deleted", "true"), ("last_delete_at", "5")])
    .respond_json(200, json!([]));
    let chans = c
        .user("me")
        .team(T)
        .channels()
        .include_deleted(true)
        .last_delete_at(5)
        .await
        .unwrap();
    assert!(chans.is_empty());

    mock.expect(Method::GET, &format!("{base}/channels/members"))
        .no_body()
        .respond_json(
            200,
            json!([{"channel_id": C, "user_id": U, "msg_count": 4, "notify_props": {"push": "all"}}]),
        );
    let members = c.user(U).team(T).channel_members().await.unwrap();
    assert_eq!(members[0].msg_count, 4);
    assert_eq!(members[0].notify_props["push"], "all");

    mock.expect(Method::GET, &format!("{base}/unread"))
        .no_body()
        .respond_json(
            200,
            json!({"team_id": T, "msg_count": 2, "mention_count": 1}),
        );
    let unread = c.user(U).team(T).unread().await.unwrap();
    assert_eq!((unread.msg_count, unread.mention_count), (2, 1));
    mock.verify();
}

#[tokio::test]
async fn channel_and_post_operations_take_their_ids() {
    let mock = MockTransport::new();
    let c = client(&mock);
    mock.expect(
        Method::GET,
        &format!("/api/v4/users/{U}/channels/{C}/unread"),
    )
    .no_body()
    .respond_json(200, json!({"team_id": T, "channel_id": C, "msg_count": 3}));
    assert_eq!(c.user(U).channel_unread(C).await.unwrap().msg_count, 3);
    assert_eq!(
        c.users()
            .channel_unread(U, C)
            .endpoint()
            .unwrap()
            .channel_id
            .as_str(),
        C
    );

    mock.expect(
        Method::POST,
        &format!("/api/v4/users/{U}/posts/{P}/set_unread"),
    )
    .no_body()
    .respond_json(
        200,
        json!({"channel_id": C, "user_id": U, "msg_count": 1, "last_viewed_at": 9}),
    );
    let at = c.user(U).set_post_unread(P).await.unwrap();
    assert_eq!((at.msg_count, at.last_viewed_at), (1, 9));

    mock.expect(
        Method::POST,
        &format!("/api/v4/users/{U}/posts/{P}/set_unread"),
    )
    .json_body(json!({"collapsed_threads_supported": true}))
    .respond_json(200, json!({"channel_id": C}));
    c.users()
        .set_post_unread(U, P)
        .collapsed_threads_supported(true)
        .await
        .unwrap();
    mock.verify();
}

#[tokio::test]
async fn acknowledgements_send_their_paths() {
    let mock = MockTransport::new();
    let c = client(&mock);
    mock.expect(Method::POST, &format!("/api/v4/users/{U}/posts/{P}/ack"))
        .no_body()
        .respond_json(
            200,
            json!({"user_id": U, "post_id": P, "acknowledged_at": 7}),
        );
    assert_eq!(
        c.user(U).acknowledge_post(P).await.unwrap().acknowledged_at,
        7
    );
    mock.expect(Method::DELETE, &format!("/api/v4/users/{U}/posts/{P}/ack"))
        .no_body()
        .respond_json(200, json!({"status": "OK"}));
    assert_eq!(
        c.users().unacknowledge_post(U, P).await.unwrap().status,
        "OK"
    );
    mock.verify();
}

#[tokio::test]
async fn bad_ids_fail_before_any_io() {
    let mock = MockTransport::new();
    let c = client(&mock);
    let bad_team = c.user(U).team("not an id").channels().await;
    assert!(
        matches!(bad_team, Err(Error::Build(BuildError::InvalidId { .. }))),
        "{bad_team:?}"
    );
    let bad_user = c.user("nope").team(T).unread().await;
    assert!(matches!(bad_user, Err(Error::Build(_))), "{bad_user:?}");
    let bad_post = c.user(U).set_post_unread("x").await;
    assert!(matches!(bad_post, Err(Error::Build(_))), "{bad_post:?}");
    assert!(mock.requests().is_empty());
}
