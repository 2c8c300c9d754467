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

use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use futures_util::future::join_all;
use mattermost_sdk::{Client, Error, MAX_LOOKUP_BATCH};
use mattermost_sdk_core::http::{Method, Request, Response};
use mattermost_sdk_core::models::User;
use mattermost_sdk_core::{Transport, TransportError};
use mattermost_sdk_mock::{fake, FakeServer};

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
