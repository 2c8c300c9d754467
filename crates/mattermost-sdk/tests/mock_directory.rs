//! The directory facade over `MockTransport`: every method sends the documented wire form
//! and decodes the answer; bad input fails before any request; long lists are split.

// Page walks over exact mock expectations go one request at a time (`.read_ahead(0)`):
// a read-ahead walk may also ask for the page after the last one. Read-ahead walks are
// tested in `tests/read_ahead.rs`.

use mattermost_sdk::models::{NewUser, Role, UserSearch, UserSort};
use mattermost_sdk::Error;
use mattermost_sdk_core::http::Method;
use mattermost_sdk_mock::MockTransport;
use serde_json::{json, Value};

mod common;
use common::mock_client as client;

const U: &str = "u1u1u1u1u1u1u1u1u1u1u1u1u1";
const U2: &str = "u2u2u2u2u2u2u2u2u2u2u2u2u2";
const TEAM: &str = "t1t1t1t1t1t1t1t1t1t1t1t1t1";
const CHANNEL: &str = "c1c1c1c1c1c1c1c1c1c1c1c1c1";

fn user(id: &str, name: &str) -> Value {
    json!({"id": id, "username": name, "email": format!("{name}@example.com"), "future": {"kept": true}})
}

#[tokio::test]
async fn list_sends_filters_and_decodes() {
    let mock = MockTransport::new();
    mock.expect(Method::GET, "/api/v4/users")
        .query([
            ("in_team", TEAM),
            ("active", "true"),
            ("roles", "system_admin,system_user"),
            ("sort", "last_activity_at"),
            ("page", "1"),
            ("per_page", "10"),
        ])
        .header("authorization", "Bearer tok")
        .no_body()
        .respond_json(200, json!([user(U, "alice")]));
    let c = client(&mock);
    let users = c
        .users()
        .list()
        .in_team(TEAM)
        .active(true)
        .roles([Role::SystemAdmin, Role::SystemUser])
        .sort(UserSort::LastActivityAt)
        .page(1)
        .per_page(10)
        .await
        .unwrap();
    assert_eq!(users[0].username, "alice");
    assert_eq!(users[0].extra["future"], json!({"kept": true}));
    mock.verify();
}

#[tokio::test]
async fn list_all_walks_pages_until_a_short_one() {
    let mock = MockTransport::new();
    for (page, answer) in [
        ("0", json!([user(U, "a"), user(U2, "b")])),
        ("1", json!([user(U, "c")])),
    ] {
        mock.expect(Method::GET, "/api/v4/users")
            .query([("inactive", "true"), ("page", page), ("per_page", "2")])
            .respond_json(200, answer);
    }
    let c = client(&mock);
    let all = c
        .users()
        .list()
        .inactive(true)
        .per_page(2)
        .read_ahead(0)
        .all()
        .await
        .unwrap();
    let names: Vec<&str> = all.iter().map(|u| u.username.as_str()).collect();
    assert_eq!(names, ["a", "b", "c"]);
    mock.verify();
}

#[tokio::test]
async fn refused_combinations_send_nothing() {
    let mock = MockTransport::new();
    let c = client(&mock);
    let calls = [
        c.users().list().not_in_channel(CHANNEL).await.err(),
        c.users().list().active(true).inactive(true).await.err(),
        c.users().list().sort(UserSort::Status).await.err(),
        c.users().list().in_team("not-an-id").await.err(),
    ];
    for e in calls {
        assert!(matches!(e, Some(Error::Build(_))), "{e:?}");
    }
    assert!(matches!(c.users().search("").await, Err(Error::Build(_))));
    assert!(matches!(
        c.users().get_by_ids(Vec::<&str>::new()).await,
        Err(Error::Build(_))
    ));
    assert!(matches!(
        c.users().get_by_usernames(Vec::<String>::new()).await,
        Err(Error::Build(_))
    ));
    assert!(matches!(
        c.users().statuses(Vec::<&str>::new()).await,
        Err(Error::Build(_))
    ));
    assert!(matches!(
        c.users().get_by_username("Not Valid").await,
        Err(Error::Build(_))
    ));
    assert!(matches!(
        c.users().get_by_email("nobody").await,
        Err(Error::Build(_))
    ));
    assert!(matches!(
        c.users().autocomplete("a").in_channel(CHANNEL).await,
        Err(Error::Build(_))
    ));
    assert_eq!(mock.request_count(), 0);
}

#[tokio::test]
async fn create_with_invite_id() {
    let mock = MockTransport::new();
    mock.expect(Method::POST, "/api/v4/users")
        .query([("iid", "invite123")])
        .json_body(
            json!({"username": "dora", "email": "dora@example.com", "password": "Dora-Passw0rd!"}),
        )
        .respond_json(201, user(U, "dora"));
    let c = client(&mock);
    let call = c
        .users()
        .create(NewUser::new("dora", "dora@example.com", "Dora-Passw0rd!"))
        .invite_id("invite123");
    assert!(
        !format!("{call:?}").contains("Dora-Passw0rd!"),
        "password in Debug"
    );
    let created = call.await.unwrap();
    assert_eq!(created.id, U);
    mock.verify();
}

#[tokio::test]
async fn lookups() {
    let mock = MockTransport::new();
    mock.expect(Method::GET, "/api/v4/users/username/alice")
        .respond_json(200, user(U, "alice"));
    mock.expect(Method::GET, "/api/v4/users/email/alice@example.com")
        .respond_json(200, user(U, "alice"));
    mock.expect(Method::GET, "/api/v4/users/known")
        .respond_json(200, json!([U2]));
    mock.expect(Method::POST, "/api/v4/users/group_channels")
        .json_body(json!([CHANNEL]))
        .respond_json(200, json!({CHANNEL: [user(U2, "bob")]}));
    let c = client(&mock);
    assert_eq!(c.users().get_by_username("alice").await.unwrap().id, U);
    assert_eq!(
        c.users()
            .get_by_email("alice@example.com")
            .await
            .unwrap()
            .id,
        U
    );
    assert_eq!(c.users().known().await.unwrap(), [U2]);
    let gm = c.users().get_by_group_channel_ids([CHANNEL]).await.unwrap();
    assert_eq!(gm[CHANNEL][0].username, "bob");
    mock.verify();
}

#[tokio::test]
async fn get_by_ids_resolves_me_and_sends_since() {
    let mock = MockTransport::new();
    mock.expect(Method::GET, "/api/v4/users/me")
        .respond_json(200, user(U, "alice"));
    mock.expect(Method::POST, "/api/v4/users/ids")
        .query([("since", "5")])
        .json_body(json!([U, U2]))
        .respond_json(200, json!([user(U, "alice"), user(U2, "bob")]));
    let c = client(&mock);
    let users = c.users().get_by_ids(["me", U2, U]).since(5).await.unwrap();
    assert_eq!(users.len(), 2);
    mock.verify();
}

#[tokio::test]
async fn get_by_usernames_splits_long_lists() {
    let mock = MockTransport::new();
    let names: Vec<String> = (0..2100).map(|i| format!("user{i}")).collect();
    for chunk in names.chunks(1000) {
        let answer: Vec<Value> = chunk.iter().take(2).map(|n| user(U, n)).collect();
        mock.expect(Method::POST, "/api/v4/users/usernames")
            .json_body(json!(chunk))
            .respond_json(200, json!(answer));
    }
    let c = client(&mock);
    let batch = c.users().get_by_usernames(names.clone());
    assert_eq!(batch.requests().unwrap().len(), 3);
    let found = batch.await.unwrap();
    let got: Vec<&str> = found.iter().map(|u| u.username.as_str()).collect();
    assert_eq!(
        got,
        ["user0", "user1", "user1000", "user1001", "user2000", "user2001"]
    );
    mock.verify();
}

#[tokio::test]
async fn a_failing_chunk_fails_the_batch() {
    let mock = MockTransport::new();
    mock.expect(Method::POST, "/api/v4/users/status/ids")
        .any_query()
        .respond_json(
            400,
            json!({"id": "api.context.invalid_body_param.app_error", "status_code": 400}),
        );
    let c = client(&mock);
    let ids: Vec<String> = (0..1500).map(|i| format!("{i:026}")).collect();
    let err = c.users().statuses(ids).await.unwrap_err();
    assert_eq!(err.as_api().unwrap().status.as_u16(), 400);
    assert_eq!(mock.request_count(), 1, "stops at the first failed chunk");
}

#[tokio::test]
async fn search_autocomplete_stats_statuses_invalid_emails() {
    let mock = MockTransport::new();
    mock.expect(Method::POST, "/api/v4/users/search")
        .json_body(json!({"term": "ali", "team_id": TEAM, "allow_inactive": true}))
        .respond_json(200, json!([user(U, "alice")]));
    mock.expect(Method::POST, "/api/v4/users/search")
        .json_body(json!({"term": "bo"}))
        .respond_json(200, json!([]));
    mock.expect(Method::GET, "/api/v4/users/autocomplete")
        .query([("in_team", TEAM), ("name", "al"), ("limit", "5")])
        .respond_json(200, json!({"users": [user(U, "alice")]}));
    mock.expect(Method::GET, "/api/v4/users/stats")
        .respond_json(200, json!({"total_users_count": 7}));
    mock.expect(Method::GET, "/api/v4/users/stats/filtered")
        .query([
            ("in_team", TEAM),
            ("include_deleted", "true"),
            ("team_roles", "team_admin"),
        ])
        .respond_json(200, json!({"total_users_count": 2}));
    mock.expect(Method::POST, "/api/v4/users/status/ids")
        .json_body(json!([U]))
        .respond_json(200, json!([{"user_id": U, "status": "away"}]));
    mock.expect(Method::GET, "/api/v4/users/invalid_emails")
        .query([("page", "0"), ("per_page", "200")])
        .respond_json(200, json!([user(U2, "bob")]));
    let c = client(&mock);
    let mut s = UserSearch::new("ali");
    s.team_id = Some(TEAM.parse().unwrap());
    s.allow_inactive = Some(true);
    assert_eq!(c.users().search(s).await.unwrap()[0].id, U);
    assert!(c.users().search("bo").await.unwrap().is_empty());
    let auto = c
        .users()
        .autocomplete("al")
        .in_team(TEAM)
        .limit(5)
        .await
        .unwrap();
    assert_eq!(auto.users[0].username, "alice");
    assert_eq!(c.users().stats().await.unwrap().total_users_count, 7);
    let n = c
        .users()
        .stats_filtered()
        .in_team(TEAM)
        .include_deleted(true)
        .team_roles([Role::Other("team_admin".into())])
        .await
        .unwrap();
    assert_eq!(n.total_users_count, 2);
    assert_eq!(c.users().statuses([U]).await.unwrap()[0].user_id, U);
    let invalid = c
        .users()
        .invalid_emails()
        .read_ahead(0)
        .all()
        .await
        .unwrap();
    assert_eq!(invalid[0].username, "bob");
    mock.verify();
}
