//! The thread operations through the facade, against `MockTransport` expectations: each
//! facade method sends exactly its wire form and decodes the answer; `.all()` follows the
//! cursor.

use mattermost_sdk::Error;
use mattermost_sdk_core::http::Method;
use mattermost_sdk_mock::MockTransport;
use serde_json::{json, Value};

mod common;
use common::mock_client as client;

const U: &str = "u1u1u1u1u1u1u1u1u1u1u1u1u1";
const T: &str = "t1t1t1t1t1t1t1t1t1t1t1t1t1";
const TH: &str = "p1p1p1p1p1p1p1p1p1p1p1p1p1";
const P2: &str = "p2p2p2p2p2p2p2p2p2p2p2p2p2";
const TPATH: &str =
    "/api/v4/users/u1u1u1u1u1u1u1u1u1u1u1u1u1/teams/t1t1t1t1t1t1t1t1t1t1t1t1t1/threads";

fn thread(id: &str, unread: i64) -> Value {
    json!({"id": id, "reply_count": 2, "last_reply_at": 20, "last_viewed_at": 10,
        "participants": [{"id": U}], "post": {"id": id, "message": "root"},
        "unread_replies": unread, "unread_mentions": 0, "is_urgent": false, "delete_at": 0})
}

fn expect(mock: &MockTransport, method: Method, path: &str, answer: Value) {
    mock.expect(method, path)
        .header("authorization", "Bearer tok")
        .no_body()
        .respond_json(200, answer);
}

#[tokio::test]
async fn each_thread_method_sends_its_wire_form() {
    let mock = MockTransport::new();
    let c = client(&mock);
    let team = c.user(U).team(T);
    let th = team.thread(TH);

    mock.expect(Method::GET, TPATH)
        .query([("since", "5"), ("unread", "true")])
        .no_body()
        .respond_json(
            200,
            json!({"total": 1, "total_unread_threads": 1, "total_unread_mentions": 0,
            "total_unread_urgent_mentions": 0, "threads": [thread(TH, 2)]}),
        );
    let got = team.threads().since(5).unread(true).await.unwrap();
    assert_eq!((got.total, got.threads[0].unread_replies), (1, 2));

    expect(
        &mock,
        Method::GET,
        &format!("{TPATH}/mention_counts"),
        json!({"c": 3}),
    );
    assert_eq!(team.thread_mention_counts().await.unwrap()["c"], 3);

    expect(
        &mock,
        Method::PUT,
        &format!("{TPATH}/read"),
        json!({"status": "OK"}),
    );
    team.mark_all_threads_read().await.unwrap();

    mock.expect(Method::GET, &format!("{TPATH}/{TH}"))
        .query([("extended", "true")])
        .respond_json(200, thread(TH, 0));
    assert_eq!(th.get().extended(true).await.unwrap().id, TH);

    expect(
        &mock,
        Method::PUT,
        &format!("{TPATH}/{TH}/following"),
        json!({"status": "OK"}),
    );
    th.follow().await.unwrap();
    expect(
        &mock,
        Method::DELETE,
        &format!("{TPATH}/{TH}/following"),
        json!({"status": "OK"}),
    );
    th.unfollow().await.unwrap();

    expect(
        &mock,
        Method::PUT,
        &format!("{TPATH}/{TH}/read/1700000000000"),
        thread(TH, 0),
    );
    assert_eq!(
        th.mark_read(1_700_000_000_000)
            .await
            .unwrap()
            .unread_replies,
        0
    );

    expect(
        &mock,
        Method::POST,
        &format!("{TPATH}/{TH}/set_unread/{P2}"),
        thread(TH, 1),
    );
    assert_eq!(th.set_unread(P2).await.unwrap().unread_replies, 1);
    mock.verify();
}

#[tokio::test]
async fn all_walks_by_before_until_a_short_page() {
    let mock = MockTransport::new();
    let c = client(&mock);
    let page = |ids: &[&str]| {
        json!({"total": 3, "total_unread_threads": 0, "total_unread_mentions": 0,
            "total_unread_urgent_mentions": 0,
            "threads": ids.iter().map(|i| thread(i, 0)).collect::<Vec<_>>()})
    };
    const A: &str = "a1a1a1a1a1a1a1a1a1a1a1a1a1";
    const B: &str = "b1b1b1b1b1b1b1b1b1b1b1b1b1";
    const C: &str = "c1c1c1c1c1c1c1c1c1c1c1c1c1";
    mock.expect(Method::GET, TPATH)
        .query([("per_page", "2")])
        .respond_json(200, page(&[A, B]));
    mock.expect(Method::GET, TPATH)
        .query([("before", B), ("per_page", "2")])
        .respond_json(200, page(&[C]));
    let all = c.user(U).team(T).threads().per_page(2).all().await.unwrap();
    let ids: Vec<&str> = all.iter().map(|t| t.id.as_str()).collect();
    assert_eq!(ids, [A, B, C]);
    assert_eq!(mock.request_count(), 2, "a short page ends the walk");
    mock.verify();
}

#[tokio::test]
async fn bad_input_is_refused_before_any_request() {
    let mock = MockTransport::new();
    let c = client(&mock);
    let th = c.user(U).team(T).thread(TH);
    assert!(matches!(th.mark_read(-5).await, Err(Error::Build(_))));
    assert!(matches!(
        th.set_unread("bad id").await,
        Err(Error::Build(_))
    ));
    assert!(matches!(
        c.user(U).team(T).thread("x").get().await,
        Err(Error::Build(_))
    ));
    assert!(matches!(
        c.user(U)
            .team(T)
            .threads()
            .totals_only(true)
            .threads_only(true)
            .await,
        Err(Error::Build(_))
    ));
    assert!(matches!(
        c.user(U).team(T).threads().per_page(0).all().await,
        Err(Error::Build(_))
    ));
    assert_eq!(mock.request_count(), 0);
}
