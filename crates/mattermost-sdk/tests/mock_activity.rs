//! The rest of one user's lists and actions through the facade (issue 12, users 3 of 3),
//! against `MockTransport` expectations: each method sends exactly its wire form, the paged
//! ones walk their pages by their rule, and bad input fails before any request.

use mattermost_sdk::models::UploadType;
use mattermost_sdk::{BuildError, Error};
use mattermost_sdk_core::http::Method;
use mattermost_sdk_mock::MockTransport;
use serde_json::json;

mod common;
use common::mock_client as client;

const U: &str = "u1u1u1u1u1u1u1u1u1u1u1u1u1";
const T: &str = "t1t1t1t1t1t1t1t1t1t1t1t1t1";
const C: &str = "c1c1c1c1c1c1c1c1c1c1c1c1c1";
const C2: &str = "c2c2c2c2c2c2c2c2c2c2c2c2c2";
const P: &str = "p1p1p1p1p1p1p1p1p1p1p1p1p1";

#[tokio::test]
async fn lists_across_teams_send_their_paths_and_options() {
    let mock = MockTransport::new();
    let c = client(&mock);
    mock.expect(Method::GET, &format!("/api/v4/users/{U}/channels"))
        .header("authorization", "Bearer tok")
        .query([("include_deleted", "true"), ("last_delete_at", "5")])
        .no_body()
        .respond_json(200, json!([{"id": C, "team_id": T, "type": "D"}]));
    let chans = c
        .user(U)
        .all_channels()
        .include_deleted(true)
        .last_delete_at(5)
        .await
        .unwrap();
    assert_eq!(chans[0].id, C);

    mock.expect(Method::GET, "/api/v4/users/me/teams/members")
        .no_body()
        .respond_json(
            200,
            json!([{"team_id": T, "user_id": U, "roles": "team_user"}]),
        );
    let teams = c.user("me").team_members().await.unwrap();
    assert_eq!(teams[0].roles, "team_user");

    mock.expect(Method::GET, &format!("/api/v4/users/{U}/teams/unread"))
        .query([("exclude_team", T), ("include_collapsed_threads", "true")])
        .respond_json(200, json!([{"team_id": "other", "msg_count": 2}]));
    let unread = c
        .users()
        .teams_unread(U)
        .exclude_team(T)
        .include_collapsed_threads(true)
        .await
        .unwrap();
    assert_eq!(unread[0].msg_count, 2);

    mock.expect(Method::GET, "/api/v4/users/me/uploads")
        .no_body()
        .respond_json(
            200,
            json!([{"id": "up", "type": "import", "user_id": U, "filename": "a.zip",
                    "file_size": 9, "file_offset": 9}]),
        );
    let uploads = c.user("me").uploads().await.unwrap();
    assert_eq!(uploads[0].upload_type, UploadType::Import);
    mock.verify();
}

#[tokio::test]
async fn channel_memberships_page_until_an_empty_page() {
    let mock = MockTransport::new();
    let c = client(&mock);
    let path = format!("/api/v4/users/{U}/channel_members");
    let member = |ch: &str| json!({"channel_id": ch, "user_id": U, "team_name": "t"});
    // A page shortened by the server's filtering is not the end.
    mock.expect(Method::GET, &path)
        .query([("page", "0"), ("per_page", "2")])
        .respond_json(200, json!([member(C)]));
    mock.expect(Method::GET, &path)
        .query([("page", "1"), ("per_page", "2")])
        .respond_json(200, json!([member(C2)]));
    mock.expect(Method::GET, &path)
        .query([("page", "2"), ("per_page", "2")])
        .respond_json(200, json!([]));
    let all = c
        .user(U)
        .channel_memberships()
        .per_page(2)
        .all()
        .await
        .unwrap();
    let ids: Vec<&str> = all.iter().map(|m| m.member.channel_id.as_str()).collect();
    assert_eq!(ids, [C, C2]);
    mock.verify();
}

#[tokio::test]
async fn retention_policies_stop_on_a_short_page() {
    let mock = MockTransport::new();
    let c = client(&mock);
    let path = format!("/api/v4/users/{U}/data_retention/team_policies");
    mock.expect(Method::GET, &path)
        .query([("page", "0"), ("per_page", "1")])
        .respond_json(
            200,
            json!({"policies": [{"team_id": T, "post_duration": 30}], "total_count": 2}),
        );
    mock.expect(Method::GET, &path)
        .query([("page", "1"), ("per_page", "1")])
        .respond_json(200, json!({"policies": null, "total_count": 2}));
    let all = c
        .user(U)
        .team_retention_policies()
        .per_page(1)
        .all()
        .await
        .unwrap();
    assert_eq!(all.len(), 1);
    assert_eq!(all[0].post_duration, 30);

    mock.expect(
        Method::GET,
        &format!("/api/v4/users/{U}/data_retention/channel_policies"),
    )
    .query([("page", "3"), ("per_page", "10")])
    .respond_json(200, json!({"policies": [], "total_count": 0}));
    let page = c
        .users()
        .channel_retention_policies(U)
        .page(3)
        .per_page(10)
        .await
        .unwrap();
    assert_eq!(page.total_count, 0);
    mock.verify();
}

#[tokio::test]
async fn posts_reminders_and_typing_send_their_bodies() {
    let mock = MockTransport::new();
    let c = client(&mock);
    mock.expect(
        Method::GET,
        &format!("/api/v4/users/{U}/channels/{C}/posts/unread"),
    )
    .query([
        ("limit_before", "5"),
        ("limit_after", "10"),
        ("collapsedThreads", "true"),
    ])
    .no_body()
    .respond_json(
        200,
        json!({"order": [P], "posts": {P: {"id": P, "message": "new"}}, "next_post_id": ""}),
    );
    let list = c
        .user(U)
        .posts_around_last_unread(C)
        .limit_before(5)
        .limit_after(10)
        .collapsed_threads(true)
        .await
        .unwrap();
    assert_eq!(list.ordered().next().unwrap().message, "new");

    mock.expect(
        Method::POST,
        &format!("/api/v4/users/{U}/posts/{P}/reminder"),
    )
    .json_body(json!({"target_time": 1_800_000_000}))
    .respond_json(200, json!({"status": "OK"}));
    let ok = c.user(U).set_post_reminder(P, 1_800_000_000).await.unwrap();
    assert_eq!(ok.status, "OK");

    mock.expect(Method::POST, "/api/v4/users/me/typing")
        .json_body(json!({"channel_id": C, "parent_id": P}))
        .respond_json(200, json!({"status": "OK"}));
    c.user("me").publish_typing(C).parent_id(P).await.unwrap();
    mock.expect(Method::POST, &format!("/api/v4/users/{U}/typing"))
        .json_body(json!({"channel_id": C}))
        .respond_json(200, json!({"status": "OK"}));
    c.users().publish_typing(U, C).await.unwrap();
    mock.verify();
}

#[tokio::test]
async fn bad_input_fails_before_any_io() {
    let mock = MockTransport::new();
    let c = client(&mock);
    let r = c.user(U).posts_around_last_unread(C).limit_after(0).await;
    assert!(
        matches!(
            r,
            Err(Error::Build(BuildError::InvalidParam {
                param: "limit_after",
                ..
            }))
        ),
        "{r:?}"
    );
    let r = c.user(U).all_channels().last_delete_at(-1).await;
    assert!(matches!(r, Err(Error::Build(_))), "{r:?}");
    let r = c.user(U).set_post_reminder("not a post", 1).await;
    assert!(
        matches!(r, Err(Error::Build(BuildError::InvalidId { .. }))),
        "{r:?}"
    );
    let r = c.user(U).publish_typing(C).parent_id("x").await;
    assert!(matches!(r, Err(Error::Build(_))), "{r:?}");
    let r = c.user(U).teams_unread().exclude_team("bad team").await;
    assert!(matches!(r, Err(Error::Build(_))), "{r:?}");
    let r = c.user(U).channel_memberships().per_page(500).all().await;
    assert!(matches!(r, Err(Error::Build(_))), "{r:?}");
    assert!(mock.requests().is_empty());
}
