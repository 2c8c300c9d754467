//! Tracing: one span per call with the operation's facts, retries as events, and never a
//! token or a password at any level (everything is captured at TRACE and searched).

use std::collections::HashMap;
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use mattermost_sdk::retry::{InstantSleeper, RetryConfig};
use mattermost_sdk::Client;
use mattermost_sdk_mock::{fake, serve, FakeServer};
use mattermost_sdk_reqwest::ReqwestTransport;
use tracing::field::{Field, Visit};
use tracing::span::{Attributes, Id, Record};
use tracing::{Event, Metadata, Subscriber};
use tracing_core::span::Current;

/// Writes every span (name and fields), every recorded field and every event, at every
/// level, into one text.
#[derive(Clone, Default)]
struct Capture {
    text: Arc<Mutex<String>>,
    next: Arc<AtomicU64>,
    /// Each span's metadata, and the stack of entered spans (for `Span::current`).
    spans: Arc<Mutex<HashMap<u64, &'static Metadata<'static>>>>,
    stack: Arc<Mutex<Vec<u64>>>,
}

struct Writer<'a>(&'a mut String);

impl Visit for Writer<'_> {
    fn record_debug(&mut self, field: &Field, value: &dyn std::fmt::Debug) {
        let _ = write!(self.0, " {}={:?}", field.name(), value);
    }
    fn record_str(&mut self, field: &Field, value: &str) {
        let _ = write!(self.0, " {}={}", field.name(), value);
    }
}

impl Subscriber for Capture {
    fn enabled(&self, _: &Metadata<'_>) -> bool {
        true
    }
    fn new_span(&self, span: &Attributes<'_>) -> Id {
        let mut t = self.text.lock().unwrap();
        let _ = write!(t, "\nSPAN {}", span.metadata().name());
        span.record(&mut Writer(&mut t));
        let id = self.next.fetch_add(1, Ordering::Relaxed) + 1;
        self.spans.lock().unwrap().insert(id, span.metadata());
        Id::from_u64(id)
    }
    fn record(&self, _: &Id, values: &Record<'_>) {
        let mut t = self.text.lock().unwrap();
        t.push_str("\nRECORD");
        values.record(&mut Writer(&mut t));
    }
    fn record_follows_from(&self, _: &Id, _: &Id) {}
    fn event(&self, event: &Event<'_>) {
        let mut t = self.text.lock().unwrap();
        let _ = write!(
            t,
            "\nEVENT {} {}",
            event.metadata().level(),
            event.metadata().target()
        );
        event.record(&mut Writer(&mut t));
    }
    fn enter(&self, id: &Id) {
        self.stack.lock().unwrap().push(id.into_u64());
    }
    fn exit(&self, id: &Id) {
        let mut stack = self.stack.lock().unwrap();
        if let Some(at) = stack.iter().rposition(|&i| i == id.into_u64()) {
            stack.remove(at);
        }
    }
    fn current_span(&self) -> Current {
        let top = self.stack.lock().unwrap().last().copied();
        match top.and_then(|id| Some((id, *self.spans.lock().unwrap().get(&id)?))) {
            Some((id, meta)) => Current::new(Id::from_u64(id), meta),
            None => Current::none(),
        }
    }
}

#[tokio::test]
async fn a_call_has_a_span_with_its_facts_and_no_secret_is_ever_logged() {
    let capture = Capture::default();
    let _guard = tracing::subscriber::set_default(capture.clone());

    let fake = FakeServer::new();
    let handle = serve(fake.clone(), "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    fake.rate_limit_first_of_each_kind(Some(1));
    let client = Client::builder(handle.base_url())
        .transport(ReqwestTransport::new())
        .retry(RetryConfig::default().sleeper(InstantSleeper::new()))
        .login(fake::USER_LOGIN, fake::USER_PASSWORD)
        .renew_expired_sessions()
        .await
        .unwrap();
    let me = client.me().await.unwrap();
    assert_eq!(me.id, fake::USER_ID);
    let with_token = Client::builder(handle.base_url())
        .transport(ReqwestTransport::new())
        .token(fake::USER_TOKEN)
        .no_retry()
        .build()
        .unwrap();
    with_token.me().await.unwrap();

    let text = capture.text.lock().unwrap().clone();
    // The span and its facts.
    assert!(
        text.contains(
            "SPAN mattermost_sdk.call operation_id=GetUser method=GET path=/users/{user_id}"
        ),
        "{text}"
    );
    assert!(
        text.contains("operation_id=Login method=POST path=/users/login"),
        "{text}"
    );
    assert!(
        text.contains("status=429") && text.contains("status=200"),
        "{text}"
    );
    assert!(text.contains("attempt=2"), "{text}");
    assert!(text.contains("request_id="), "{text}");
    assert!(text.contains("duration_ms="), "{text}");
    assert!(text.contains("retrying after a wait"), "{text}");
    // Never a secret.
    let token = client.build_request(&mattermost_sdk::core::endpoints::users::GetUser::new(
        mattermost_sdk::UserId::me(),
    ));
    let session_token = token.unwrap().headers()["authorization"]
        .to_str()
        .unwrap()
        .trim_start_matches("Bearer ")
        .to_owned();
    for secret in [
        fake::USER_PASSWORD,
        fake::USER_TOKEN,
        session_token.as_str(),
        "Bearer",
    ] {
        assert!(
            !text.contains(secret),
            "{secret:?} in the trace output:\n{text}"
        );
    }
}
