//! Calls own their client: every kind of call is a `Send + 'static` future (or stream) that
//! goes straight into `tokio::spawn` or a `JoinSet`, and page streams follow each operation's
//! stop rule.

// Page walks over exact mock expectations go one request at a time (`.read_ahead(0)`):
// a read-ahead walk may also ask for the page after the last one. Read-ahead walks are
// tested in `tests/read_ahead.rs`.

use std::future::IntoFuture;

use futures_util::{Stream, StreamExt, TryStreamExt};
use mattermost_sdk::models::StatusValue;
use mattermost_sdk::Client;
use mattermost_sdk_core::http::Method;
use mattermost_sdk_mock::{fake, FakeServer, MockTransport};
use serde_json::json;

const U: &str = "4xp9fdt77pncbef59f4k1qe83o";

/// Compile-time proof: the argument can be spawned.
fn spawnable<F>(f: F) -> F
where
    F: IntoFuture,
    F::IntoFuture: Send + 'static,
    F::Output: Send + 'static,
{
    f
}

fn spawnable_stream<S: Stream + Send + 'static>(s: S) -> S {
    s
}

fn admin() -> (FakeServer, Client) {
    let fake = FakeServer::new();
    let client = Client::builder("http://fake")
        .token(fake::ADMIN_TOKEN)
        .transport(fake.clone())
        .build()
        .unwrap();
    (fake, client)
}

/// Every kind of call the facade makes, checked by the compiler (the test only needs to
/// build: nothing here is sent).
#[test]
fn every_kind_of_call_is_send_and_static() {
    let (_, c) = admin();
    // A plain call, one that resolves `me` first, one with a response, a paged one, its
    // streams, a batch, a login builder, a call from a handle that is dropped at once.
    drop(spawnable(c.users().get(U)));
    drop(spawnable(c.me()));
    drop(spawnable(c.user("me").set_status(StatusValue::Away)));
    drop(spawnable(c.user(U).get().with_response()));
    drop(spawnable(c.user(U).get_flagged_posts().all()));
    drop(spawnable_stream(c.user(U).get_flagged_posts().pages()));
    drop(spawnable_stream(c.users().list().stream()));
    drop(spawnable(c.users().get_by_usernames(["alice"])));
    drop(spawnable(c.users().list().all()));
    drop(spawnable(Client::builder("http://fake").login("a", "b")));
    let call = {
        let handle = c.user(U);
        handle.get_sessions()
    };
    drop(spawnable(call));
}

#[tokio::test]
async fn tokio_spawn_takes_a_call_directly() {
    let (_, client) = admin();
    let task = tokio::spawn(client.users().get(fake::USER_ID).into_future());
    let user = task.await.unwrap().unwrap();
    assert_eq!(user.username, fake::USER_LOGIN);
}

#[tokio::test]
async fn a_join_set_of_calls_outlives_the_handles_that_made_them() {
    let (_, client) = admin();
    let mut set = tokio::task::JoinSet::new();
    for id in [fake::USER_ID, fake::ADMIN_ID, fake::MFA_USER_ID] {
        set.spawn(client.user(id).get().into_future());
    }
    drop(client);
    let mut names = Vec::new();
    while let Some(done) = set.join_next().await {
        names.push(done.unwrap().unwrap().username);
    }
    names.sort();
    let mut want = vec![fake::USER_LOGIN, fake::ADMIN_LOGIN, fake::MFA_USER_LOGIN];
    want.sort();
    assert_eq!(names, want);
}

fn post_list(ids: &[&str]) -> serde_json::Value {
    let posts: serde_json::Map<String, serde_json::Value> = ids
        .iter()
        .map(|id| (id.to_string(), json!({"id": id})))
        .collect();
    json!({"order": ids, "posts": posts})
}

fn mock_client(mock: &MockTransport) -> Client {
    Client::builder("https://chat.example.com")
        .token("t")
        .transport(mock.clone())
        .build()
        .unwrap()
}

#[tokio::test]
async fn item_and_page_streams_follow_the_stop_rule_and_never_repeat() {
    let mock = MockTransport::new();
    let path = format!("/api/v4/users/{U}/posts/flagged");
    // page read as a row offset: page 1 repeats B.
    for (page, ids) in [(0, &["A", "B"][..]), (1, &["B", "C"][..]), (3, &[][..])] {
        mock.expect(Method::GET, &format!("{path}?page={page}&per_page=2"))
            .respond_json(200, post_list(ids));
    }
    let c = mock_client(&mock);
    let pages: Vec<Vec<String>> = c
        .user(U)
        .get_flagged_posts()
        .per_page(2)
        .read_ahead(0)
        .pages()
        .map_ok(|p| p.into_iter().map(|post| post.id).collect())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(pages, [vec!["A", "B"], vec!["C"]]);
    mock.verify();
}

#[tokio::test]
async fn an_item_stream_can_be_spawned_and_stops_on_error() {
    let mock = MockTransport::new();
    let path = format!("/api/v4/users/{U}/posts/flagged");
    mock.expect(Method::GET, &format!("{path}?page=0&per_page=2"))
        .respond_json(200, post_list(&["A", "B"]));
    mock.expect(Method::GET, &format!("{path}?page=1&per_page=2"))
        .respond_json(
            500,
            json!({"id": "app.post.get_flagged_posts.app_error", "message": "x"}),
        );
    let c = mock_client(&mock);
    let stream = c
        .user(U)
        .get_flagged_posts()
        .per_page(2)
        .read_ahead(0)
        .stream();
    let got: Vec<_> = tokio::spawn(stream.collect::<Vec<_>>()).await.unwrap();
    assert_eq!(got.len(), 3);
    assert_eq!(got[0].as_ref().unwrap().id, "A");
    assert_eq!(got[1].as_ref().unwrap().id, "B");
    let err = got[2].as_ref().unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(500));
    mock.verify();
}

#[tokio::test]
async fn per_page_above_the_servers_cap_is_a_typed_error_before_any_request() {
    let mock = MockTransport::new();
    let c = mock_client(&mock);
    let err = c
        .user(U)
        .get_flagged_posts()
        .per_page(201)
        .all()
        .await
        .unwrap_err();
    assert!(matches!(err, mattermost_sdk::Error::Build(_)), "{err:?}");
    assert!(mock.requests().is_empty());
}

#[tokio::test]
async fn a_stream_over_the_fake_lists_every_user_once() {
    let (fake, client) = admin();
    for i in 0..7 {
        fake.add_user(&format!("streamer{i}"), "Streamer-Passw0rd!", "system_user");
    }
    let all: Vec<String> = client
        .users()
        .list()
        .per_page(3)
        .stream()
        .map_ok(|u| u.id)
        .try_collect()
        .await
        .unwrap();
    let mut unique = all.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), all.len(), "no user twice");
    assert!(all.len() >= 11, "seeded users plus 7: {}", all.len());
}
