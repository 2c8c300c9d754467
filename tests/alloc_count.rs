//! Counts the heap allocations of building one `GetUser` request with `build_request`.
//! Deterministic: it counts, it does not time. A test binary of its own, because it installs
//! a counting `#[global_allocator]`.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use http::HeaderValue;
use mattermost_sdk_core::endpoints::users::GetUser;
use mattermost_sdk_core::{build_request, BaseUrl, Token, UserId};

/// The system allocator, counting allocations made on threads that turned counting on.
struct Counting;

thread_local! {
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn note_allocation() {
    // `try_with`: during thread teardown the slots may be gone; such allocations are not ours.
    if COUNTING.try_with(Cell::get).unwrap_or(false) {
        let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
    }
}

// SAFETY: every call is forwarded to `System` unchanged; the counters are const-initialized
// thread-locals without destructors, so touching them never allocates or re-enters.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        note_allocation();
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        note_allocation();
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Heap allocations (and reallocations) `f` makes on this thread.
fn count_allocations<T>(f: impl FnOnce() -> T) -> (usize, T) {
    ALLOCATIONS.with(|n| n.set(0));
    COUNTING.with(|c| c.set(true));
    let out = f();
    COUNTING.with(|c| c.set(false));
    (ALLOCATIONS.with(Cell::get), out)
}

#[test]
fn building_a_get_user_request_allocates_a_fixed_small_number_of_times() {
    let base = BaseUrl::parse("https://chat.example.com").unwrap();
    // A 26-character personal access token, like the server issues.
    let token = Token::new("h4r8x1m9q7ew3bzkdc6yop5ntf");
    let ep = GetUser::new(UserId::new("k3j5m1n8b0v2c4x6z9a7s5d3f1").unwrap());

    // Warm up once: lazily initialized statics (if any) are not per-request costs.
    build_request(&ep, &base, Some(&token)).unwrap();

    let (n, req) = count_allocations(|| build_request(&ep, &base, Some(&token)).unwrap());
    let (n_again, _) = count_allocations(|| build_request(&ep, &base, Some(&token)).unwrap());
    assert_eq!(n, n_again, "the count must not vary between calls");

    // Sanity: this is the request we meant to count.
    assert_eq!(
        req.uri(),
        "https://chat.example.com/api/v4/users/k3j5m1n8b0v2c4x6z9a7s5d3f1"
    );
    assert_eq!(req.headers().len(), 2);

    // What the retry layer keeps of each request to send it again, the URI and the header
    // values, is reference-counted: copying them allocates nothing.
    let mut values: Vec<HeaderValue> = Vec::with_capacity(4);
    let (copied, uri) = count_allocations(|| {
        values.extend(req.headers().values().cloned());
        req.uri().clone()
    });
    assert_eq!(copied, 0, "copying the URI and the header values allocated");
    assert_eq!(uri, *req.uri());
    assert_eq!(values.len(), 2);

    // The headers every transport adds fit in the map as built: no growth.
    let mut req = req;
    let (grown, _) = count_allocations(|| {
        let h = req.headers_mut();
        h.insert(
            "user-agent",
            HeaderValue::from_static("mattermost-sdk/0.1.0"),
        );
        h.insert("host", HeaderValue::from_static("chat.example.com"));
    });
    assert_eq!(grown, 0, "adding User-Agent and Host grew the header map");

    assert_eq!(
        n, EXPECTED,
        "build_request(GetUser) made {n} heap allocations, expected {EXPECTED}: if fewer, \
         lower EXPECTED and its explanation; if more, find the new one"
    );
}

/// What building `GET /users/{id}` with a token allocates, one by one:
///
/// 1. `GetUser::path()` returns an owned `EncodedPath`: its `String` (`PathBuilder` reserves
///    64 bytes up front, so encoding the segments never grows it, and the `/api/v4/` root is
///    put in front of the path in the same buffer).
/// 2. That buffer becomes the URI's `PathAndQuery` without a copy; not being exactly sized,
///    its `Bytes` gets its shared header (one small allocation) at once, so the copy the
///    retry layer keeps of each request counts a reference instead of allocating it then.
///    The scheme and authority are clones of the ones `BaseUrl` parsed once (a reference
///    count, no allocation).
/// 3. and 4. The `HeaderMap`, on its first insert: its index table and its entry vector (room
///    for 6 headers, so the `User-Agent` and `Host` a transport adds do not grow it).
///
/// `Bearer <token>` is built once per `Token` (on the warm-up call above) and shared from
/// then on; the `Accept` value is static, the empty body is `Bytes::new()` (static), the
/// method is a constant and `Request::new` allocates nothing else (no extensions).
const EXPECTED: usize = 4;

/// A transport that answers at once with a small user and reads no extensions, as the
/// HTTP transports do: what is counted around it is the SDK's own.
#[derive(Debug)]
struct AnswersAtOnce;

const SMALL_USER: &[u8] = br#"{"id":"k3j5m1n8b0v2c4x6z9a7s5d3f1","username":"alice"}"#;

impl mattermost_sdk_core::Transport for AnswersAtOnce {
    fn send(
        &self,
        _req: http::Request<bytes::Bytes>,
    ) -> impl std::future::Future<
        Output = Result<http::Response<bytes::Bytes>, mattermost_sdk_core::TransportError>,
    > + Send {
        let resp = http::Response::builder()
            .status(200)
            .header(http::header::CONTENT_TYPE, "application/json")
            .body(bytes::Bytes::from_static(SMALL_USER))
            .expect("response");
        std::future::ready(Ok(resp))
    }

    fn reads_extensions(&self) -> bool {
        false
    }
}

#[test]
fn the_clients_layers_add_a_fixed_small_number_of_allocations_per_call() {
    use futures_util::FutureExt;
    use mattermost_sdk_core::{parse_response, Transport};
    use std::future::IntoFuture;

    let base = BaseUrl::parse("https://chat.example.com").unwrap();
    let token = Token::new("h4r8x1m9q7ew3bzkdc6yop5ntf");
    // `me`: a static ID, so cloning the endpoint for each call allocates nothing.
    let ep = GetUser::new(UserId::me());
    let client = mattermost_sdk::Client::builder("https://chat.example.com")
        .token(token.clone())
        .transport(AnswersAtOnce)
        .build()
        .unwrap();

    // The transport level: build, send, check and decode, no client.
    let transport_level = || {
        let req = build_request(&ep, &base, Some(&token)).unwrap();
        let resp = AnswersAtOnce.send(req).now_or_never().unwrap().unwrap();
        parse_response::<GetUser>(resp).unwrap()
    };
    // The same call through the default client: retry layer (with its copy of the
    // request), attempt timeout, pacing, span, session snapshot.
    let through_client = || {
        client
            .call(ep.clone())
            .into_future()
            .now_or_never()
            .expect("answered at once")
            .unwrap()
    };
    // Warm up both: callsite registration, the token's `Bearer` value, lazy statics.
    transport_level();
    through_client();

    let (bare, a) = count_allocations(transport_level);
    let (layered, b) = count_allocations(through_client);
    assert_eq!(a, b, "the same user either way");
    assert_eq!(count_allocations(through_client).0, layered, "stable");
    assert_eq!(
        layered - bare,
        CLIENT_EXTRA,
        "the client added {} allocations per call to the transport level's {bare}, expected \
         {CLIENT_EXTRA}: if fewer, lower CLIENT_EXTRA and its explanation; if more, find the \
         new one",
        layered - bare
    );
}

/// What the default client adds per call to building, sending and decoding a request, for a
/// transport that reads no extensions (reqwest's and hyper's):
///
/// 1. The boxed future of the transport below the retry layer (`TransportService`: a
///    `tower::Service` must name its future, and the client's transport is a `dyn`).
///
/// Nothing else: the layers' own future is held in the call's future, not boxed
/// (`RetryFuture`); the retry layer's copy of the request shares the URI, body and header
/// values by reference count and keeps the few headers in place; the call's facts go to the
/// layers directly, not into the request's extensions (three allocations for a transport
/// that reads them); the span records nothing without a subscriber.
const CLIENT_EXTRA: usize = 1;
