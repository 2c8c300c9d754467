//! `client.users().batching_lookup(window)`: concurrent single-user lookups are coalesced
//! into `POST /users/ids` and `POST /users/usernames`, at most `MAX_LOOKUP_BATCH` a request,
//! and every caller gets what its single call gets. Over a `FakeServer`, whose request log
//! counts the requests.
//!
//! What is compared: the whole `User` (every field, unknown ones included, `PartialEq` on
//! the model) for users found, and status plus Mattermost error id for lookups that fail.
//! The lookups made by a plain user of other users: the case the loader coalesces, where the
//! server's single and batch handlers sanitize alike (see the `lookup` module docs; the
//! caller's own lookups and a system admin's are single calls and are checked to be).
//!
//! The cap on batches in flight (`max_batches_in_flight`) over a transport that holds the
//! batch requests and counts those in flight (`Held`), on a paused clock: the cap is never
//! passed and is reached, lookups made at the cap go out together when an answer comes back,
//! and a batch that panics or whose runtime shuts down leaves no lookup waiting.

use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use futures_util::future::join_all;
use mattermost_sdk::{Client, Error, UserLoader, DEFAULT_MAX_BATCHES_IN_FLIGHT, MAX_LOOKUP_BATCH};
use mattermost_sdk_core::http::{Method, Request, Response};
use mattermost_sdk_core::models::User;
use mattermost_sdk_core::{Transport, TransportError};
use mattermost_sdk_mock::{fake, FakeServer};
use tokio::sync::Semaphore;
use tokio::task::{JoinHandle, JoinSet};

/// Records the number of items in every batch request's body before the fake answers.
#[derive(Debug, Clone)]
struct Recording {
    fake: FakeServer,
    batch_sizes: Arc<Mutex<Vec<usize>>>,
}

impl Transport for Recording {
    fn send(
        &self,
        req: Request<Bytes>,
    ) -> impl std::future::Future<Output = Result<Response<Bytes>, TransportError>> + Send {
        if req.method() == Method::POST {
            if let Ok(items) = serde_json::from_slice::<Vec<String>>(req.body()) {
                self.batch_sizes.lock().unwrap().push(items.len());
            }
        }
        let resp = self.fake.handle(req);
        async move { Ok(resp) }
    }
}

fn name(i: usize) -> String {
    format!("member{i:05}")
}

fn id(i: usize) -> String {
    format!("lookupuser{i:016}")
}

fn fake_with(n: usize) -> FakeServer {
    let mut b = FakeServer::builder().with_default_data();
    for i in 0..n {
        b = b.user(&id(i), &name(i), "Passw0rd!", "system_user");
    }
    b.build()
}

fn client(fake: &FakeServer, token: &str) -> (Client, Arc<Mutex<Vec<usize>>>) {
    let sizes = Arc::new(Mutex::new(Vec::new()));
    let t = Recording {
        fake: fake.clone(),
        batch_sizes: sizes.clone(),
    };
    let client = Client::builder("http://fake")
        .token(token)
        .transport(t)
        .build()
        .unwrap();
    (client, sizes)
}

/// How many requests the fake saw with this method and path.
fn count(fake: &FakeServer, method: &str, path: &str) -> usize {
    fake.requests()
        .iter()
        .filter(|r| r.method.as_str() == method && r.path == path)
        .count()
}

/// The same outcome: the same user, or an error with the same status and error id.
fn assert_same(batched: &Result<User, Error>, single: &Result<User, Error>, what: &str) {
    match (batched, single) {
        (Ok(a), Ok(b)) => assert_eq!(a, b, "{what}"),
        (Err(a), Err(b)) => {
            assert_eq!(a.status(), b.status(), "{what}: {a} vs {b}");
            assert_eq!(a.api_error_id(), b.api_error_id(), "{what}");
        }
        _ => panic!("{what}: {batched:?} vs {single:?}"),
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_caller_gets_what_its_single_call_gets_in_one_request_per_kind() {
    let fake = fake_with(40);
    let (client, sizes) = client(&fake, fake::USER_TOKEN);
    let loader = client.users().batching_lookup(Duration::from_millis(20));

    let mut names: Vec<String> = (0..40).map(name).collect();
    names.extend(["nobody".into(), "member00007".into(), "ghost-user".into()]);
    names.push(fake::USER_LOGIN.into()); // the caller: a single call
    let mut ids: Vec<String> = (0..40).rev().map(id).collect();
    ids.push("unknownuser000000000000001".into());
    ids.push(fake::USER_ID.into()); // the caller again
    ids.push(id(3)); // asked twice

    fake.clear_requests();
    let by_name = join_all(names.iter().map(|n| loader.get_by_username(n.clone())));
    let by_id = join_all(ids.iter().map(|i| loader.get(i.as_str())));
    let (by_name, by_id) = tokio::join!(by_name, by_id);

    assert_eq!(count(&fake, "GET", "/users/me"), 1);
    assert_eq!(count(&fake, "POST", "/users/usernames"), 1);
    assert_eq!(count(&fake, "POST", "/users/ids"), 1);
    // Single calls: the two unknown names, the unknown ID (asked again after the batch left
    // them out) and the caller's own lookups.
    assert_eq!(count(&fake, "GET", "/users/username/nobody"), 1);
    assert_eq!(count(&fake, "GET", "/users/username/ghost-user"), 1);
    assert_eq!(count(&fake, "GET", "/users/unknownuser000000000000001"), 1);
    assert_eq!(
        count(
            &fake,
            "GET",
            &format!("/users/username/{}", fake::USER_LOGIN)
        ),
        1
    );
    assert_eq!(count(&fake, "GET", &format!("/users/{}", fake::USER_ID)), 1);
    assert_eq!(fake.requests().len(), 1 + 2 + 5);
    // Repeats are sent once: 40 + "nobody" + "ghost-user"; 40 + the unknown ID.
    let mut sizes = sizes.lock().unwrap().clone();
    sizes.sort();
    assert_eq!(sizes, [41, 42]);

    for (n, got) in names.iter().zip(&by_name) {
        let single = client.users().get_by_username(n.clone()).await;
        assert_same(got, &single, n);
    }
    for (i, got) in ids.iter().zip(&by_id) {
        let single = client.user(i.as_str()).get().await;
        assert_same(got, &single, i);
    }
    assert!(by_name[40].as_ref().unwrap_err().is_not_found());
    assert_eq!(by_name[41].as_ref().unwrap().username, "member00007");
    assert_eq!(by_id[0].as_ref().unwrap().id, id(39));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn batches_hold_at_most_the_limit_and_a_full_batch_goes_at_once() {
    let n = 2 * MAX_LOOKUP_BATCH + 500;
    let fake = fake_with(n);
    let (client, sizes) = client(&fake, fake::USER_TOKEN);
    // A window far longer than the test: only full batches can go before it ends.
    let loader = client.users().batching_lookup(Duration::from_millis(300));
    fake.clear_requests();
    let started = std::time::Instant::now();
    let got = join_all((0..n).map(|i| loader.get_by_username(name(i)))).await;
    assert!(got.iter().all(Result::is_ok));
    assert_eq!(got[n - 1].as_ref().unwrap().username, name(n - 1));
    let sizes = sizes.lock().unwrap().clone();
    assert_eq!(sizes, [MAX_LOOKUP_BATCH, MAX_LOOKUP_BATCH, 500]);
    assert_eq!(count(&fake, "POST", "/users/usernames"), 3);
    assert!(started.elapsed() >= Duration::from_millis(250)); // the last batch waited
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_system_admins_lookups_are_single_calls() {
    let fake = fake_with(5);
    let (client, sizes) = client(&fake, fake::ADMIN_TOKEN);
    let loader = client.users().batching_lookup(Duration::ZERO);
    fake.clear_requests();
    let got = join_all((0..5).map(|i| loader.get_by_username(name(i)))).await;
    assert!(got.iter().all(Result::is_ok));
    assert!(sizes.lock().unwrap().is_empty());
    assert_eq!(count(&fake, "POST", "/users/usernames"), 0);
    assert_eq!(fake.requests().len(), 1 + 5);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_malformed_username_is_the_single_calls_build_error_before_any_request() {
    let fake = fake_with(1);
    let (client, _) = client(&fake, fake::USER_TOKEN);
    let loader = client.users().batching_lookup(Duration::ZERO);
    fake.clear_requests();
    let err = loader.get_by_username("Not A Name").await.unwrap_err();
    assert!(matches!(err, Error::Build(_)), "{err:?}");
    let err = loader.get("not-an-id").await.unwrap_err();
    assert!(matches!(err, Error::Build(_)), "{err:?}");
    assert!(fake.requests().is_empty());
}

/// On one thread, so that "made together" is exact: all 64 are queued before the batch's
/// task gets its turn.
#[tokio::test]
async fn a_zero_window_still_coalesces_lookups_made_together() {
    let fake = fake_with(64);
    let (client, _) = client(&fake, fake::USER_TOKEN);
    let loader = client.users().batching_lookup(Duration::ZERO);
    loader.get_by_username(name(0)).await.unwrap(); // fetches the caller first
    fake.clear_requests();
    let got = join_all((0..64).map(|i| loader.get_by_username(name(i)))).await;
    assert!(got.iter().all(Result::is_ok));
    assert_eq!(count(&fake, "POST", "/users/usernames"), 1);
    assert_eq!(fake.requests().len(), 1);
}

// ------------------------------------------------------------------ batches in flight

/// Answers from the fake, but holds each batch request (`POST` with a JSON list body)
/// `hold` long, and (if `gated`) until a permit of `gate` is added; counts the batch
/// requests in flight and the most at once; can panic in the first batch request or hang
/// in it forever.
#[derive(Debug, Clone)]
struct Held {
    fake: FakeServer,
    hold: Duration,
    gated: bool,
    gate: Arc<Semaphore>,
    first: Arc<AtomicBool>,
    first_does: FirstBatch,
    in_flight: Arc<AtomicUsize>,
    most: Arc<AtomicUsize>,
    sizes: Arc<Mutex<Vec<usize>>>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
enum FirstBatch {
    Answers,
    Panics,
    Hangs,
}

impl Held {
    fn new(fake: &FakeServer, hold: Duration, gated: bool) -> Self {
        Held {
            fake: fake.clone(),
            hold,
            gated,
            gate: Arc::new(Semaphore::new(0)),
            first: Arc::new(AtomicBool::new(true)),
            first_does: FirstBatch::Answers,
            in_flight: Arc::new(AtomicUsize::new(0)),
            most: Arc::new(AtomicUsize::new(0)),
            sizes: Arc::new(Mutex::new(Vec::new())),
        }
    }

    fn client(&self, token: &str) -> Client {
        Client::builder("http://fake")
            .token(token)
            .transport(self.clone())
            .build()
            .unwrap()
    }

    fn sizes(&self) -> Vec<usize> {
        self.sizes.lock().unwrap().clone()
    }

    fn most(&self) -> usize {
        self.most.load(Ordering::SeqCst)
    }
}

/// Decrements the in-flight count however the request ends (answered, dropped, unwound).
struct Leaving(Arc<AtomicUsize>);

impl Drop for Leaving {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

impl Transport for Held {
    fn send(
        &self,
        req: Request<Bytes>,
    ) -> impl std::future::Future<Output = Result<Response<Bytes>, TransportError>> + Send {
        let this = self.clone();
        async move {
            let batch = if req.method() == Method::POST {
                serde_json::from_slice::<Vec<String>>(req.body()).ok()
            } else {
                None
            };
            let Some(items) = batch else {
                return Ok(this.fake.handle(req));
            };
            this.sizes.lock().unwrap().push(items.len());
            let now = this.in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            this.most.fetch_max(now, Ordering::SeqCst);
            let _leaving = Leaving(this.in_flight.clone());
            let first = this.first.swap(false, Ordering::SeqCst);
            if first && this.first_does == FirstBatch::Hangs {
                std::future::pending::<()>().await;
            }
            tokio::time::sleep(this.hold).await;
            if this.gated {
                this.gate.acquire().await.unwrap().forget();
            }
            if first && this.first_does == FirstBatch::Panics {
                panic!("the transport panics in the first batch request (on purpose)");
            }
            Ok(this.fake.handle(req))
        }
    }
}

/// `callers` tasks, the `t`-th starting `t % 10` ms late, each taking the next name until
/// none is left; the outcomes in the names' order.
async fn resolve_staggered(
    loader: &UserLoader,
    names: &Arc<Vec<String>>,
    callers: usize,
) -> Vec<Result<User, Error>> {
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = JoinSet::new();
    for t in 0..callers {
        let (loader, names, next) = (loader.clone(), names.clone(), next.clone());
        tasks.spawn(async move {
            tokio::time::sleep(Duration::from_millis(t as u64 % 10)).await;
            let mut got = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::SeqCst);
                let Some(name) = names.get(i) else {
                    return got;
                };
                got.push((i, loader.get_by_username(name.clone()).await));
            }
        });
    }
    let mut all = Vec::new();
    while let Some(got) = tasks.join_next().await {
        all.extend(got.unwrap());
    }
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, got)| got).collect()
}

/// Paused clock, one thread: deterministic. 64 callers arriving over 10 ms, each batch
/// answered after 10 ms: without a cap about ten batches are in flight at once; with a cap
/// of `n`, exactly `n` at most and at least once, and fewer batch requests in all. Every
/// outcome equals the single call's, misses included.
#[tokio::test(start_paused = true)]
async fn the_cap_bounds_the_batches_in_flight_and_results_stay_those_of_single_calls() {
    let fake = fake_with(300);
    let mut names: Vec<String> = (0..300).map(name).collect();
    for i in (0..300).step_by(37) {
        names.insert(i, format!("missing{i}")); // unknown: asked singly, 404
    }
    let names = Arc::new(names);
    let expected = {
        let client = Held::new(&fake, Duration::ZERO, false).client(fake::USER_TOKEN);
        let mut out = Vec::new();
        for n in names.iter() {
            out.push(client.users().get_by_username(n.clone()).await);
        }
        out
    };
    assert!(expected[0].as_ref().unwrap_err().is_not_found());

    let mut batches = Vec::new();
    // `None`: the loader as made, with the default cap.
    for set in [Some(1), Some(2), Some(4), Some(usize::MAX), None] {
        let held = Held::new(&fake, Duration::from_millis(10), false);
        let client = held.client(fake::USER_TOKEN);
        let mut loader = client.users().batching_lookup(Duration::ZERO);
        if let Some(cap) = set {
            loader = loader.max_batches_in_flight(cap);
        }
        let cap = set.unwrap_or(DEFAULT_MAX_BATCHES_IN_FLIGHT);
        let got = tokio::time::timeout(
            Duration::from_secs(60),
            resolve_staggered(&loader, &names, 64),
        )
        .await
        .expect("every lookup answered");
        for ((n, got), single) in names.iter().zip(&got).zip(&expected) {
            assert_same(got, single, &format!("{n} (cap {cap})"));
        }
        if cap == usize::MAX {
            assert!(held.most() > 4, "no cap: {} at most", held.most());
        } else {
            assert_eq!(held.most(), cap, "most batches in flight at once");
        }
        assert_eq!(held.in_flight.load(Ordering::SeqCst), 0);
        batches.push(held.sizes().len());
    }
    // Groups merge under a cap: fewer, fuller batches.
    assert!(
        batches[0] < batches[3],
        "batch requests by cap: {batches:?}"
    );
    assert!(
        batches[1] < batches[3],
        "batch requests by cap: {batches:?}"
    );
}

/// Spawns a lookup of `name` on the current runtime.
fn spawn_lookup(loader: &UserLoader, name: String) -> JoinHandle<Result<User, Error>> {
    let loader = loader.clone();
    tokio::spawn(async move { loader.get_by_username(name).await })
}

/// Lets the runtime run `ms` (of paused time, in the paused tests).
async fn settle(ms: u64) {
    tokio::time::sleep(Duration::from_millis(ms)).await;
}

/// Lookups made while the one batch allowed is unanswered wait, and go out together as
/// the next batch when its answer comes back; without the cap they would have gone at once.
#[tokio::test(start_paused = true)]
async fn lookups_queued_at_the_cap_go_as_one_batch_when_the_answer_comes_back() {
    let fake = fake_with(10);
    for (cap, second_goes_at_once) in [(1, false), (usize::MAX, true)] {
        let held = Held::new(&fake, Duration::ZERO, true);
        let client = held.client(fake::USER_TOKEN);
        let loader = client
            .users()
            .batching_lookup(Duration::ZERO)
            .max_batches_in_flight(cap);
        let first = spawn_lookup(&loader, name(0));
        settle(5).await;
        assert_eq!(held.sizes(), [1], "cap {cap}");
        let later: Vec<_> = (1..4).map(|i| spawn_lookup(&loader, name(i))).collect();
        settle(5).await;
        if second_goes_at_once {
            assert_eq!(held.sizes(), [1, 3]);
            assert_eq!(held.in_flight.load(Ordering::SeqCst), 2);
        } else {
            assert_eq!(held.sizes(), [1], "queued behind the batch in flight");
            assert!(later.iter().all(|h| !h.is_finished()));
        }
        held.gate.add_permits(1); // answers the first batch
        settle(5).await;
        assert_eq!(held.sizes(), [1, 3]);
        held.gate.add_permits(1);
        let first = first.await.unwrap();
        assert_eq!(first.unwrap().username, name(0));
        for (i, h) in (1..4).zip(later) {
            let got = h.await.unwrap();
            assert_same(
                &got,
                &client.users().get_by_username(name(i)).await,
                &name(i),
            );
        }
        assert_eq!(held.most(), if second_goes_at_once { 2 } else { 1 });
    }
}

/// A window counts from the first lookup of a batch: lookups that waited behind the cap
/// longer than the window go out as soon as the answer is in, not a window later; a full
/// batch at the cap waits for its place too, then goes without waiting for the window.
#[tokio::test(start_paused = true)]
async fn at_the_cap_the_window_counts_from_the_first_waiting_lookup() {
    let fake = fake_with(MAX_LOOKUP_BATCH + 2);
    let held = Held::new(&fake, Duration::ZERO, true);
    let client = held.client(fake::USER_TOKEN);
    let loader = client
        .users()
        .batching_lookup(Duration::from_millis(20))
        .max_batches_in_flight(1);
    loader.get_by_username(fake::USER_LOGIN).await.unwrap(); // the caller: fetched, single
    let start = tokio::time::Instant::now();
    let first = spawn_lookup(&loader, name(0));
    settle(25).await; // the window passed: the first batch is out
    assert_eq!(held.sizes(), [1]);
    // A full batch and one more, all at the cap: none goes.
    let full: Vec<_> = (1..=MAX_LOOKUP_BATCH + 1)
        .map(|i| spawn_lookup(&loader, name(i)))
        .collect();
    settle(100).await;
    assert_eq!(held.sizes(), [1]);
    held.gate.add_permits(1);
    // The full batch goes at once; the one left over waits for its place, and then not for
    // another window (its first lookup is 100 ms old).
    settle(1).await;
    assert_eq!(held.sizes(), [1, MAX_LOOKUP_BATCH]);
    held.gate.add_permits(1);
    settle(1).await;
    assert_eq!(held.sizes(), [1, MAX_LOOKUP_BATCH, 1]);
    assert!(
        start.elapsed() < Duration::from_millis(130),
        "{:?}",
        start.elapsed()
    );
    held.gate.add_permits(1);
    assert!(first.await.unwrap().is_ok());
    for h in full {
        assert!(h.await.unwrap().is_ok());
    }
}

/// A batch whose task panics (here: in the transport) fails its own lookups with a typed
/// error and gives its place back: the lookups waiting behind it are sent and answered.
#[tokio::test(start_paused = true)]
async fn a_panicking_batch_fails_its_lookups_and_frees_its_place() {
    let fake = fake_with(4);
    let mut held = Held::new(&fake, Duration::ZERO, true);
    held.first_does = FirstBatch::Panics;
    let client = held.client(fake::USER_TOKEN);
    let loader = client
        .users()
        .batching_lookup(Duration::ZERO)
        .max_batches_in_flight(1);
    let first = spawn_lookup(&loader, name(0));
    settle(5).await;
    let later: Vec<_> = (1..4).map(|i| spawn_lookup(&loader, name(i))).collect();
    settle(5).await;
    assert_eq!(held.sizes(), [1]);
    held.gate.add_permits(10);
    let err = tokio::time::timeout(Duration::from_secs(10), first)
        .await
        .expect("answered")
        .unwrap()
        .unwrap_err();
    assert!(matches!(err, Error::Build(_)), "{err:?}");
    for (i, h) in (1..4).zip(later) {
        let got = tokio::time::timeout(Duration::from_secs(10), h)
            .await
            .expect("answered")
            .unwrap();
        assert_eq!(got.unwrap().username, name(i));
    }
    assert_eq!(held.sizes(), [1, 3]);
    assert_eq!(held.in_flight.load(Ordering::SeqCst), 0);
}

fn current_thread() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap()
}

/// The runtime that runs a batch shuts down while its request is unanswered: a lookup
/// queued behind it from another runtime gets an answer or the typed error, never waits
/// forever, and the loader goes on working (the batch's place was given back).
#[test]
fn a_batch_dropped_with_its_runtime_leaves_no_lookup_waiting() {
    let fake = fake_with(4);
    let mut held = Held::new(&fake, Duration::ZERO, false);
    held.first_does = FirstBatch::Hangs;
    let client = held.client(fake::USER_TOKEN);
    let loader = client
        .users()
        .batching_lookup(Duration::ZERO)
        .max_batches_in_flight(1);

    let doomed = current_thread();
    let lost = {
        let loader = loader.clone();
        doomed.spawn(async move { loader.get_by_username(name(0)).await })
    };
    doomed.block_on(settle(5));
    assert_eq!(held.sizes(), [1]);
    assert_eq!(held.in_flight.load(Ordering::SeqCst), 1);

    let other = current_thread();
    let queued = {
        let _in = other.enter();
        spawn_lookup(&loader, name(1))
    };
    other.block_on(settle(5));
    assert!(!queued.is_finished(), "waits behind the batch in flight");
    drop(doomed);
    assert_eq!(held.in_flight.load(Ordering::SeqCst), 0);
    other.block_on(async {
        let got = tokio::time::timeout(Duration::from_secs(10), queued)
            .await
            .expect("answered, not left waiting")
            .unwrap();
        match got {
            Ok(user) => assert_eq!(user.username, name(1)),
            Err(e) => assert!(matches!(e, Error::Build(_)), "{e:?}"),
        }
        let again = tokio::time::timeout(Duration::from_secs(10), loader.get_by_username(name(2)))
            .await
            .expect("the loader still works");
        assert_eq!(again.unwrap().username, name(2));
    });
    // The lost lookup's task went with its runtime.
    drop(lost);
}
