//! Per-call timeouts (a layer below the retries) and per-call options on paged walks, over
//! in-memory transports and tokio's paused clock: nothing here really waits.

use std::collections::VecDeque;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use futures_util::TryStreamExt;
use mattermost_sdk::core::endpoints::users::UpdateUserPassword;
use mattermost_sdk::retry::{CallFacts, CallOptions, InstantSleeper, RetryConfig};
use mattermost_sdk::{Client, Secret, Transport, TransportError, TransportErrorKind, UserId};
use mattermost_sdk_core::http::{Request, Response, StatusCode};
use mattermost_sdk_mock::{fake, FakeServer};

/// A transport in front of the in-memory fake that records each request's call options and
/// holds the answers to the next requests for the queued delays (tokio's clock).
#[derive(Debug, Clone)]
struct Slow {
    fake: FakeServer,
    delays: Arc<Mutex<VecDeque<Duration>>>,
    seen: Arc<Mutex<Vec<Option<CallOptions>>>>,
}

impl Slow {
    fn new(fake: &FakeServer) -> Self {
        Slow {
            fake: fake.clone(),
            delays: Arc::default(),
            seen: Arc::default(),
        }
    }

    /// Holds the answers to the next requests for these delays, in order.
    fn delay(&self, delays: &[Duration]) {
        self.delays.lock().unwrap().extend(delays.iter().copied());
    }

    /// The options each request came with (`None`: no call facts), in order.
    fn seen(&self) -> Vec<Option<CallOptions>> {
        self.seen.lock().unwrap().clone()
    }

    fn clear(&self) {
        self.seen.lock().unwrap().clear();
    }
}

impl Transport for Slow {
    fn send(
        &self,
        req: Request<Bytes>,
    ) -> impl Future<Output = Result<Response<Bytes>, TransportError>> + Send {
        self.seen
            .lock()
            .unwrap()
            .push(req.extensions().get::<CallFacts>().map(|f| f.options));
        let delay = self.delays.lock().unwrap().pop_front();
        let fake = self.fake.clone();
        async move {
            if let Some(d) = delay {
                tokio::time::sleep(d).await;
            }
            fake.send(req).await
        }
    }
}

fn client(slow: &Slow, token: &str, sleeper: &InstantSleeper) -> mattermost_sdk::ClientBuilder {
    Client::builder("http://fake.invalid")
        .token(token)
        .transport(slow.clone())
        .retry(RetryConfig::default().sleeper(sleeper.clone()))
}

const SEC: Duration = Duration::from_secs(1);

/// An attempt that outlives the call's timeout is a typed timeout error, which the retry
/// layer repeats for an operation safe to repeat: the second attempt answers in time.
#[tokio::test(start_paused = true)]
async fn a_timed_out_attempt_of_a_safe_operation_is_retried() {
    let fake = FakeServer::new();
    let slow = Slow::new(&fake);
    let sleeper = InstantSleeper::new();
    let c = client(&slow, fake::USER_TOKEN, &sleeper).build().unwrap();
    slow.delay(&[SEC * 60]);
    let me = c.me().timeout(SEC * 5).await.unwrap();
    assert_eq!(me.id, fake::USER_ID);
    assert_eq!(sleeper.waits().len(), 1, "one retry");
    let seen = slow.seen();
    assert_eq!(seen.len(), 2);
    // The layers below see the call's timeout in the request's extensions, on every attempt.
    for options in seen {
        assert_eq!(options.unwrap().timeout, Some(SEC * 5));
    }
}

/// The same for an operation not safe to repeat: the typed error at once, one attempt, and
/// (the fake having answered nothing) the password unchanged.
#[tokio::test(start_paused = true)]
async fn a_timed_out_unsafe_operation_returns_the_typed_error_without_a_retry() {
    let fake = FakeServer::new();
    let slow = Slow::new(&fake);
    let sleeper = InstantSleeper::new();
    let c = client(&slow, fake::USER_TOKEN, &sleeper).build().unwrap();
    slow.delay(&[SEC * 60]);
    let e = c
        .call(
            UpdateUserPassword::new(UserId::me(), Secret::new("N3w-Passw0rd!"))
                .current_password(Secret::new(fake::USER_PASSWORD)),
        )
        .timeout(SEC * 5)
        .await
        .unwrap_err();
    assert!(e.is_timeout(), "{e}");
    assert_eq!(e.transport_kind(), Some(TransportErrorKind::Timeout));
    assert!(e.to_string().contains("5s"), "{e}");
    assert!(sleeper.waits().is_empty(), "no retry");
    assert_eq!(slow.seen().len(), 1);
}

/// The client's default bounds every call; a call's own timeout overrides it; without
/// either, a slow answer is waited for.
#[tokio::test(start_paused = true)]
async fn the_clients_default_applies_and_a_calls_own_timeout_overrides_it() {
    let fake = FakeServer::new();
    let slow = Slow::new(&fake);
    let sleeper = InstantSleeper::new();
    let with_default = client(&slow, fake::USER_TOKEN, &sleeper)
        .timeout(SEC * 2)
        .no_retry()
        .build()
        .unwrap();
    slow.delay(&[SEC * 3]);
    let e = with_default.me().await.unwrap_err();
    assert!(e.is_timeout(), "{e}");
    slow.delay(&[SEC * 3]);
    with_default.me().timeout(SEC * 10).await.unwrap();
    let plain = client(&slow, fake::USER_TOKEN, &sleeper).build().unwrap();
    slow.delay(&[SEC * 20]);
    plain.me().await.unwrap();
    assert!(sleeper.waits().is_empty());
}

/// `.pages()`, `.stream()` and `.all()` send every page with the call's options:
/// `no_retry()` makes a 503 on a page end the walk at once, `timeout` reaches every page's
/// request.
#[tokio::test(start_paused = true)]
async fn paged_walks_keep_the_calls_options() {
    let fake = FakeServer::new();
    let slow = Slow::new(&fake);
    let sleeper = InstantSleeper::new();
    let c = client(&slow, fake::ADMIN_TOKEN, &sleeper).build().unwrap();

    // Retried by default: the walk gets through a 503.
    fake.fail_next(1, StatusCode::SERVICE_UNAVAILABLE, None);
    let all = c.users().list().per_page(1).all().await.unwrap();
    assert!(all.len() > 1);
    assert_eq!(sleeper.waits().len(), 1);

    // With no_retry(): the 503 ends the walk, one request, no wait.
    for walk in 0..3 {
        slow.clear();
        fake.fail_next(1, StatusCode::SERVICE_UNAVAILABLE, None);
        let call = c.users().list().per_page(1).no_retry();
        let e = match walk {
            0 => call.all().await.unwrap_err(),
            1 => call.stream().try_collect::<Vec<_>>().await.unwrap_err(),
            _ => call.pages().try_collect::<Vec<_>>().await.unwrap_err(),
        };
        assert_eq!(
            e.status(),
            Some(StatusCode::SERVICE_UNAVAILABLE),
            "walk {walk}"
        );
        assert_eq!(slow.seen().len(), 1, "walk {walk}");
        assert_eq!(sleeper.waits().len(), 1, "walk {walk}: no new wait");
    }

    // The timeout reaches every page, and bounds each page's request.
    slow.clear();
    let again = c
        .users()
        .list()
        .per_page(1)
        .timeout(SEC * 7)
        .all()
        .await
        .unwrap();
    assert_eq!(again.len(), all.len());
    let seen = slow.seen();
    assert_eq!(
        seen.len(),
        all.len() + 1,
        "one page per user, then an empty one"
    );
    for options in &seen {
        let options = options.unwrap();
        assert_eq!(options.timeout, Some(SEC * 7));
        assert!(options.retry);
    }
    slow.delay(&[SEC * 60]);
    let e = c
        .users()
        .list()
        .per_page(1)
        .timeout(SEC * 7)
        .no_retry()
        .all()
        .await
        .unwrap_err();
    assert!(e.is_timeout(), "{e}");
}
