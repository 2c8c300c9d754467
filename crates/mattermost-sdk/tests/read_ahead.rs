//! Read-ahead page walks (`Call::read_ahead`, the default of `.pages()`, `.stream()`,
//! `.all()`): the same items in the same order as the sequential walk, at most
//! `read_ahead + 1` requests in flight, errors in their place, and dropping the stream
//! cancels what is in flight. Over a `FakeServer` behind a transport that counts requests in
//! flight and holds each one for a moment, so that requests really overlap.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use futures_util::{StreamExt, TryStreamExt};
use mattermost_sdk::Client;
use mattermost_sdk_core::http::{Request, Response, StatusCode};
use mattermost_sdk_core::{Transport, TransportError};
use mattermost_sdk_mock::{fake, FakeServer};
use serde_json::json;

/// What the counting transport saw.
#[derive(Debug, Default)]
struct Counts {
    in_flight: AtomicUsize,
    max_in_flight: AtomicUsize,
    sent: AtomicUsize,
    /// Requests whose future was dropped before it answered.
    cancelled: AtomicUsize,
    /// The `page` of every request, in the order they were sent.
    pages: Mutex<Vec<u32>>,
}

type Answer = dyn Fn(Request<Bytes>) -> Response<Bytes> + Send + Sync;

/// A transport that answers with `answer` after `delay`, counting requests in flight.
#[derive(Clone)]
struct Counting {
    answer: Arc<Answer>,
    /// How long the request for a page takes.
    delay: fn(u32) -> Duration,
    counts: Arc<Counts>,
}

impl std::fmt::Debug for Counting {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Counting")
            .field("counts", &self.counts)
            .finish()
    }
}

/// Marks a request done (or cancelled, if dropped before it answered).
struct InFlight {
    counts: Arc<Counts>,
    done: bool,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.counts.in_flight.fetch_sub(1, Ordering::SeqCst);
        if !self.done {
            self.counts.cancelled.fetch_add(1, Ordering::SeqCst);
        }
    }
}

fn page_of(req: &Request<Bytes>) -> u32 {
    req.uri()
        .query()
        .unwrap_or("")
        .split('&')
        .find_map(|kv| kv.strip_prefix("page="))
        .and_then(|p| p.parse().ok())
        .unwrap_or(0)
}

impl Transport for Counting {
    fn send(
        &self,
        req: Request<Bytes>,
    ) -> impl std::future::Future<Output = Result<Response<Bytes>, TransportError>> + Send {
        let this = self.clone();
        async move {
            let counts = &this.counts;
            let now = counts.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            counts.max_in_flight.fetch_max(now, Ordering::SeqCst);
            counts.sent.fetch_add(1, Ordering::SeqCst);
            let page = page_of(&req);
            counts.pages.lock().unwrap().push(page);
            let mut guard = InFlight {
                counts: counts.clone(),
                done: false,
            };
            tokio::time::sleep((this.delay)(page)).await;
            let resp = (this.answer)(req);
            guard.done = true;
            Ok(resp)
        }
    }
}

/// A fake holding the default data plus `extra` users (`user0000`, `user0001`, ...).
fn fake_with(extra: usize) -> FakeServer {
    let mut b = FakeServer::builder().with_default_data();
    for i in 0..extra {
        b = b.user(
            &format!("readahead{i:017}"),
            &format!("user{i:04}"),
            "Passw0rd!",
            "system_user",
        );
    }
    b.build()
}

fn client_over(answer: Arc<Answer>) -> (Client, Arc<Counts>) {
    let counts = Arc::new(Counts::default());
    let t = Counting {
        answer,
        delay: |_| Duration::from_millis(2),
        counts: counts.clone(),
    };
    let client = Client::builder("http://fake")
        .token(fake::ADMIN_TOKEN)
        .transport(t)
        .build()
        .unwrap();
    (client, counts)
}

fn fake_client(fake: &FakeServer) -> (Client, Arc<Counts>) {
    let fake = fake.clone();
    client_over(Arc::new(move |req| fake.handle(req)))
}

async fn usernames(client: &Client, per_page: u32, read_ahead: usize) -> Vec<String> {
    client
        .users()
        .list()
        .per_page(per_page)
        .read_ahead(read_ahead)
        .stream()
        .map_ok(|u| u.username)
        .try_collect()
        .await
        .unwrap()
}

#[tokio::test]
async fn read_ahead_walks_yield_what_the_sequential_walk_yields_in_order() {
    // 4 default users + 21: pages of 5 end on a full page (one more, empty, request), pages
    // of 7 and 3 do not.
    let fake = fake_with(21);
    let (client, counts) = fake_client(&fake);
    for per_page in [1, 3, 5, 7, 200] {
        let sequential = usernames(&client, per_page, 0).await;
        assert!(sequential.len() > 21, "per_page {per_page}");
        for read_ahead in [1, 2, 5, 40] {
            let ahead = usernames(&client, per_page, read_ahead).await;
            assert_eq!(
                ahead, sequential,
                "per_page {per_page}, read_ahead {read_ahead}"
            );
        }
    }
    // `.all()` and `.pages()` with the default read-ahead agree too.
    let all: Vec<String> = client
        .users()
        .list()
        .per_page(5)
        .all()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.username)
        .collect();
    assert_eq!(all, usernames(&client, 5, 0).await);
    let sizes: Vec<usize> = client
        .users()
        .list()
        .per_page(7)
        .pages()
        .map_ok(|p| p.len())
        .try_collect()
        .await
        .unwrap();
    assert_eq!(sizes, [7, 7, 7, 4]);
    assert!(counts.sent.load(Ordering::SeqCst) > 0);
}

#[tokio::test]
async fn at_most_read_ahead_plus_one_requests_are_in_flight() {
    let fake = fake_with(60);
    for read_ahead in [0, 1, 3] {
        let (client, counts) = fake_client(&fake);
        let got = usernames(&client, 4, read_ahead).await;
        assert_eq!(got.len(), 64);
        let max = counts.max_in_flight.load(Ordering::SeqCst);
        // 16 pages: the window fills, so the bound is reached, never passed.
        assert_eq!(max, read_ahead + 1, "read_ahead {read_ahead}");
        let sent = counts.sent.load(Ordering::SeqCst);
        // 16 full pages, then the empty page 16 ends the walk; read-ahead sends at most
        // `read_ahead` more past it.
        assert!(
            (17..=17 + read_ahead).contains(&sent),
            "read_ahead {read_ahead}: {sent} requests"
        );
        // Requests go out in page order.
        let pages = counts.pages.lock().unwrap().clone();
        assert_eq!(pages, (0..sent as u32).collect::<Vec<_>>());
    }
}

#[tokio::test]
async fn the_default_walks_one_request_at_a_time_and_read_ahead_is_opt_in() {
    assert_eq!(mattermost_sdk::DEFAULT_READ_AHEAD, 0);
    let fake = fake_with(60);
    let (client, counts) = fake_client(&fake);
    let n = client.users().list().per_page(8).all().await.unwrap().len();
    assert_eq!(n, 64);
    assert_eq!(counts.max_in_flight.load(Ordering::SeqCst), 1);
    let (client, counts) = fake_client(&fake);
    let n = client
        .users()
        .list()
        .per_page(8)
        .read_ahead(1)
        .all()
        .await
        .unwrap()
        .len();
    assert_eq!(n, 64);
    assert_eq!(counts.max_in_flight.load(Ordering::SeqCst), 2);
}

/// The fake's answers, except a 500 for `GET /users?page={fail}`.
fn failing_at(fake: &FakeServer, fail: u32) -> Arc<Answer> {
    let fake = fake.clone();
    Arc::new(move |req| {
        if req.uri().path().ends_with("/users") && page_of(&req) == fail {
            let body = json!({"id": "app.user.get_profiles.app_error", "message": "boom",
                "status_code": 500});
            let mut resp = Response::new(Bytes::from(body.to_string()));
            *resp.status_mut() = StatusCode::INTERNAL_SERVER_ERROR;
            return resp;
        }
        fake.handle(req)
    })
}

#[tokio::test]
async fn an_error_ends_the_stream_in_its_place() {
    let fake = fake_with(16); // 20 users: pages 0..4 of 5, page 4 empty
    let (client, _) = client_over(failing_at(&fake, 2));
    let pages: Vec<_> = client
        .users()
        .list()
        .per_page(5)
        .read_ahead(3)
        .pages()
        .collect()
        .await;
    // Pages 0 and 1, then page 2's error, then nothing: pages 3 and 4 were requested ahead
    // and are dropped.
    assert_eq!(pages.len(), 3);
    assert_eq!(pages[0].as_ref().unwrap().len(), 5);
    assert_eq!(pages[1].as_ref().unwrap().len(), 5);
    let err = pages[2].as_ref().unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::INTERNAL_SERVER_ERROR));
}

#[tokio::test]
async fn a_failing_request_past_the_end_changes_nothing() {
    let fake = fake_with(8); // 12 users: pages of 5 are 5, 5, 2
    let (client, counts) = client_over(failing_at(&fake, 3));
    let all = client
        .users()
        .list()
        .per_page(5)
        .read_ahead(4)
        .all()
        .await
        .unwrap();
    assert_eq!(all.len(), 12);
    // Page 3 (after the short page 2) was asked for ahead, and failed: not our business.
    assert!(counts.pages.lock().unwrap().contains(&3));
}

#[tokio::test]
async fn dropping_the_stream_cancels_the_requests_in_flight() {
    let fake = fake_with(60);
    let counts = Arc::new(Counts::default());
    let slow = Counting {
        answer: Arc::new({
            let fake = fake.clone();
            move |req| fake.handle(req)
        }),
        // Page 0 at once, the others never (within the test).
        delay: |page| Duration::from_secs(if page == 0 { 0 } else { 3600 }),
        counts: counts.clone(),
    };
    let client = Client::builder("http://fake")
        .token(fake::ADMIN_TOKEN)
        .transport(slow)
        .build()
        .unwrap();
    let mut pages = client.users().list().per_page(4).read_ahead(3).pages();
    let first = pages.next().await.unwrap().unwrap();
    assert_eq!(first.len(), 4);
    // Pages 1..=3 went out with page 0; asking for page 1 tops the window up with page 4.
    assert_eq!(counts.in_flight.load(Ordering::SeqCst), 3);
    pages.next().now_or_never_pending();
    assert_eq!(counts.in_flight.load(Ordering::SeqCst), 3 + 1);
    drop(pages);
    assert_eq!(counts.in_flight.load(Ordering::SeqCst), 0);
    assert_eq!(counts.cancelled.load(Ordering::SeqCst), 4);
    assert_eq!(counts.sent.load(Ordering::SeqCst), 5);
}

/// Polls a future once and checks it is still pending.
trait PendingOnce {
    fn now_or_never_pending(self);
}

impl<F: std::future::Future + Unpin> PendingOnce for F {
    fn now_or_never_pending(mut self) {
        let waker = futures_util::task::noop_waker();
        let mut cx = std::task::Context::from_waker(&waker);
        assert!(std::pin::Pin::new(&mut self).poll(&mut cx).is_pending());
    }
}

/// A server that reads `page` as a row offset (`getFlaggedPostsForUser` on current servers):
/// page 1 overlaps page 0. The read-ahead walk guesses page numbers, finds out, drops its
/// guesses and still yields every post once, in order, like the sequential walk.
#[tokio::test]
async fn a_row_offset_server_gets_the_same_posts_with_read_ahead() {
    const U: &str = "4xp9fdt77pncbef59f4k1qe83o";
    let rows: Vec<String> = (0..11).map(|i| format!("post{i:022}")).collect();
    let answer: Arc<Answer> = Arc::new(move |req| {
        let per_page = 3;
        let start = page_of(&req) as usize;
        let ids: Vec<&String> = rows.iter().skip(start).take(per_page).collect();
        let posts: serde_json::Map<String, serde_json::Value> = ids
            .iter()
            .map(|id| (id.to_string(), json!({"id": id})))
            .collect();
        Response::new(Bytes::from(
            json!({"order": ids, "posts": posts}).to_string(),
        ))
    });
    let (client, _) = client_over(answer);
    let walk = |read_ahead| {
        client
            .user(U)
            .get_flagged_posts()
            .per_page(3)
            .read_ahead(read_ahead)
            .stream()
            .map_ok(|p| p.id)
            .try_collect::<Vec<String>>()
    };
    let sequential = walk(0).await.unwrap();
    assert_eq!(sequential.len(), 11);
    for read_ahead in [1, 2, 4] {
        assert_eq!(walk(read_ahead).await.unwrap(), sequential);
    }
}
