//! End to end over loopback against a fast in-process hyper server answering a fixed user:
//! the facade (`Client`) with each transport beside a hand-written call of the same HTTP
//! stack that sends the same request and decodes into the same `User`, one request at a
//! time and 64 in flight; then the facade over `MockTransport` (no network at all).
//!
//! Run with `cargo bench --bench e2e`; see BENCHMARKS.md.

mod fixtures;
mod paired;

use std::convert::Infallible;
use std::future::Future;
use std::hint::black_box;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use http::header::{ACCEPT, ACCEPT_ENCODING, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::{HeaderValue, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use mattermost_sdk::models::User;
use mattermost_sdk::Client;
use mattermost_sdk_core::endpoints::users::GetUser;
use mattermost_sdk_core::transport_support::ACCEPT_ENCODING_VALUE;
use mattermost_sdk_core::{build_request, parse_response, BaseUrl, Token, Transport, UserId};
use mattermost_sdk_hyper::HyperTransport;
use mattermost_sdk_mock::MockTransport;
use mattermost_sdk_reqwest::{reqwest, ReqwestTransport, USER_AGENT_VALUE};
use tokio::net::TcpListener;
use tokio::runtime::Runtime;
use tokio::task::JoinSet;

/// Requests in flight at once in the concurrent benchmarks.
const IN_FLIGHT: usize = 64;

/// The path every benchmark requests.
const PATH: &str = "/api/v4/users/me";

fn runtime() -> Runtime {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime")
}

/// Starts the server on `127.0.0.1:0`: HTTP/1.1 keep-alive, `GET /api/v4/users/me` answers
/// the user with the headers a Mattermost server sends, anything else 404.
fn start_server(rt: &Runtime, body: Bytes) -> SocketAddr {
    let listener = rt
        .block_on(TcpListener::bind("127.0.0.1:0"))
        .expect("bind 127.0.0.1:0");
    let addr = listener.local_addr().expect("local addr");
    rt.spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let _ = stream.set_nodelay(true);
            let body = body.clone();
            tokio::spawn(async move {
                let service = service_fn(move |req: Request<Incoming>| {
                    let ok = req.method() == Method::GET && req.uri().path() == PATH;
                    let mut resp =
                        Response::new(Full::new(if ok { body.clone() } else { Bytes::new() }));
                    let h = resp.headers_mut();
                    h.insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
                    h.insert(
                        "x-request-id",
                        HeaderValue::from_static("s4xqy7oh3tgk3n9wqrbzo6kdbe"),
                    );
                    h.insert(
                        "x-version-id",
                        HeaderValue::from_static("10.5.0.13192.abc.true"),
                    );
                    h.insert("vary", HeaderValue::from_static("Accept-Encoding"));
                    if !ok {
                        *resp.status_mut() = StatusCode::NOT_FOUND;
                    }
                    async move { Ok::<_, Infallible>(resp) }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    addr
}

/// One way of fetching the user, cheap to clone into tasks.
trait Fetch: Clone + Send + Sync + 'static {
    fn fetch(&self) -> impl Future<Output = User> + Send;
}

/// Our facade with any transport: `client.me().await`.
#[derive(Clone)]
struct Facade(Client);

impl Fetch for Facade {
    async fn fetch(&self) -> User {
        match self.0.me().await {
            Ok(u) => u,
            Err(e) => panic!("facade: {e}"),
        }
    }
}

/// The transport without the facade: `build_request`, `Transport::send`, `parse_response`.
/// Compared with the raw call in the paired rounds, it splits our cost between the
/// transport and the facade.
struct TransportOnly<T> {
    transport: Arc<T>,
    base: Arc<BaseUrl>,
    token: Arc<Token>,
}

impl<T> Clone for TransportOnly<T> {
    fn clone(&self) -> Self {
        TransportOnly {
            transport: self.transport.clone(),
            base: self.base.clone(),
            token: self.token.clone(),
        }
    }
}

impl<T: Transport + 'static> TransportOnly<T> {
    fn new(transport: T, base: &str) -> Self {
        TransportOnly {
            transport: Arc::new(transport),
            base: Arc::new(BaseUrl::parse(base).expect("base URL")),
            token: Arc::new(Token::new(fixtures::TOKEN)),
        }
    }
}

impl<T: Transport + 'static> Fetch for TransportOnly<T> {
    async fn fetch(&self) -> User {
        let ep = GetUser::new(UserId::me());
        let req = build_request(&ep, &self.base, Some(&self.token)).expect("build");
        let resp = self.transport.send(req).await.expect("transport");
        parse_response::<GetUser>(resp).expect("decode")
    }
}

/// A raw call inside `tokio::time::timeout(30 s)`, like every transport of the SDK does by
/// default: shows how much of the gap is the timer alone.
#[derive(Clone)]
struct WithTimeout<F>(F);

impl<F: Fetch> Fetch for WithTimeout<F> {
    async fn fetch(&self) -> User {
        match tokio::time::timeout(Duration::from_secs(30), self.0.fetch()).await {
            Ok(u) => u,
            Err(_) => panic!("raw call with timeout: timed out"),
        }
    }
}

/// A hand-written reqwest call: the same method, URL and headers, the body decoded with
/// `serde_json` into the same `User`.
#[derive(Clone)]
struct RawReqwest {
    client: reqwest::Client,
    url: Arc<str>,
    auth: HeaderValue,
}

impl Fetch for RawReqwest {
    async fn fetch(&self) -> User {
        let resp = self
            .client
            .get(&*self.url)
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .header(AUTHORIZATION, self.auth.clone())
            .header(USER_AGENT, HeaderValue::from_static(USER_AGENT_VALUE))
            .header(
                ACCEPT_ENCODING,
                HeaderValue::from_static(ACCEPT_ENCODING_VALUE),
            )
            .send()
            .await
            .expect("raw reqwest: send");
        assert!(resp.status().is_success(), "raw reqwest: {}", resp.status());
        let bytes = resp.bytes().await.expect("raw reqwest: body");
        serde_json::from_slice(&bytes).expect("raw reqwest: decode")
    }
}

/// A hand-written hyper-util call with the same connector settings as `HyperTransport::new`.
#[derive(Clone)]
struct RawHyper {
    client: hyper_util::client::legacy::Client<HttpConnector, Full<Bytes>>,
    uri: http::Uri,
    auth: HeaderValue,
}

impl Fetch for RawHyper {
    async fn fetch(&self) -> User {
        let req = Request::get(self.uri.clone())
            .header(ACCEPT, HeaderValue::from_static("application/json"))
            .header(AUTHORIZATION, self.auth.clone())
            .header(USER_AGENT, HeaderValue::from_static(USER_AGENT_VALUE))
            .header(
                ACCEPT_ENCODING,
                HeaderValue::from_static(ACCEPT_ENCODING_VALUE),
            )
            .body(Full::new(Bytes::new()))
            .expect("raw hyper: request");
        let resp = self.client.request(req).await.expect("raw hyper: send");
        assert!(resp.status().is_success(), "raw hyper: {}", resp.status());
        let bytes = resp
            .into_body()
            .collect()
            .await
            .expect("raw hyper: body")
            .to_bytes();
        serde_json::from_slice(&bytes).expect("raw hyper: decode")
    }
}

fn auth_value() -> HeaderValue {
    let mut v = HeaderValue::try_from(format!("Bearer {}", fixtures::TOKEN)).expect("header");
    v.set_sensitive(true);
    v
}

/// `iters` requests from each of `tasks` tasks, all started at once (so `tasks` requests are
/// always in flight), timed as a whole.
async fn in_flight<F: Fetch>(f: &F, tasks: usize, iters: u64) -> Duration {
    let start = Instant::now();
    let mut set = JoinSet::new();
    for _ in 0..tasks {
        let f = f.clone();
        set.spawn(async move {
            for _ in 0..iters {
                black_box(f.fetch().await);
            }
        });
    }
    while let Some(r) = set.join_next().await {
        r.expect("task");
    }
    start.elapsed()
}

/// `iters` requests one after the other, timed.
async fn one_at_a_time<F: Fetch>(f: &F, iters: u64) -> Duration {
    let start = Instant::now();
    for _ in 0..iters {
        black_box(f.fetch().await);
    }
    start.elapsed()
}

/// Runs `iters` requests per task with `tasks` tasks (one at a time when `tasks` is 1).
fn run<F: Fetch>(rt: &Runtime, f: &F, tasks: usize, iters: u64) -> Duration {
    if tasks == 1 {
        rt.block_on(one_at_a_time(f, iters))
    } else {
        rt.block_on(in_flight(f, tasks, iters))
    }
}

/// `sdk`'s throughput over the raw call's (see `paired`), with `tasks` requests in flight.
fn paired<A: Fetch, B: Fetch>(rt: &Runtime, name: &str, sdk: &A, raw: &B, tasks: usize) {
    paired::compare(
        &format!("paired/{name}/{tasks}"),
        "requests",
        tasks as u64,
        |n| run(rt, sdk, tasks, n),
        |n| run(rt, raw, tasks, n),
    );
}

fn bench_pair<A: Fetch, B: Fetch, T: Fetch>(
    c: &mut Criterion,
    rt: &Runtime,
    name: &str,
    sdk: A,
    raw: B,
    transport_only: T,
) {
    // All must work, and agree, before anything is measured.
    let (a, b, t) = rt.block_on(async {
        (
            sdk.fetch().await,
            raw.fetch().await,
            transport_only.fetch().await,
        )
    });
    assert!(a == b && b == t, "{name}: the calls decode different users");

    let mut g = c.benchmark_group(format!("e2e/{name}"));
    g.throughput(Throughput::Elements(1));
    g.bench_function(BenchmarkId::new("sdk", 1), |bench| {
        bench.to_async(rt).iter(|| sdk.fetch())
    });
    g.bench_function(BenchmarkId::new("raw", 1), |bench| {
        bench.to_async(rt).iter(|| raw.fetch())
    });
    g.throughput(Throughput::Elements(IN_FLIGHT as u64));
    g.bench_function(BenchmarkId::new("sdk", IN_FLIGHT), |bench| {
        bench
            .to_async(rt)
            .iter_custom(|iters| in_flight(&sdk, IN_FLIGHT, iters))
    });
    g.bench_function(BenchmarkId::new("raw", IN_FLIGHT), |bench| {
        bench
            .to_async(rt)
            .iter_custom(|iters| in_flight(&raw, IN_FLIGHT, iters))
    });
    g.finish();

    paired(rt, name, &sdk, &raw, 1);
    paired(rt, name, &sdk, &raw, IN_FLIGHT);
    let only = format!("{name}-transport-only");
    paired(rt, &only, &transport_only, &raw, 1);
    paired(rt, &only, &transport_only, &raw, IN_FLIGHT);
    let timer = format!("{name}-raw-with-timeout");
    paired(rt, &timer, &WithTimeout(raw.clone()), &raw, IN_FLIGHT);
}

/// The three ways of fetching the user over one transport.
struct Contenders<S, R, T> {
    sdk: S,
    raw: R,
    transport_only: T,
}

fn reqwest_contenders(
    rt: &Runtime,
    base: &str,
    url: &Arc<str>,
) -> Contenders<Facade, RawReqwest, TransportOnly<ReqwestTransport>> {
    let _guard = rt.enter();
    // The transport and the raw call each get their own default client (with redirects
    // off, as the transport's), so pools are not shared.
    Contenders {
        sdk: Facade(
            Client::builder(base)
                .token(fixtures::TOKEN)
                .transport(ReqwestTransport::new())
                .build()
                .expect("client"),
        ),
        raw: RawReqwest {
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("reqwest client"),
            url: url.clone(),
            auth: auth_value(),
        },
        transport_only: TransportOnly::new(ReqwestTransport::new(), base),
    }
}

fn hyper_contenders(
    rt: &Runtime,
    base: &str,
    url: &Arc<str>,
) -> Contenders<Facade, RawHyper, TransportOnly<HyperTransport>> {
    let _guard = rt.enter();
    // HyperTransport::new() is hyper-util's pooled client over an HttpConnector with
    // TCP_NODELAY and the Tokio timer; the raw client is built the same way.
    let mut http = HttpConnector::new();
    http.set_nodelay(true);
    let client = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
        .pool_timer(TokioTimer::new())
        .build(http);
    Contenders {
        sdk: Facade(
            Client::builder(base)
                .token(fixtures::TOKEN)
                .transport(HyperTransport::new())
                .build()
                .expect("client"),
        ),
        raw: RawHyper {
            client,
            uri: url.parse().expect("uri"),
            auth: auth_value(),
        },
        transport_only: TransportOnly::new(HyperTransport::new(), base),
    }
}

/// The default client over `transport`, with `no_retry()` (see [`layers`]).
fn no_retry(base: &str, transport: impl mattermost_sdk::Transport + 'static) -> Facade {
    Facade(
        Client::builder(base)
            .token(fixtures::TOKEN)
            .transport(transport)
            .no_retry()
            .build()
            .expect("client"),
    )
}

/// `E2E_COUNT=<transport>-<sdk|sdk-noretry|raw|transport-only>[:<requests per task>]` runs only that
/// contender, `IN_FLIGHT` tasks at once (default 100 requests each, after 5 to warm up), and
/// exits: a fixed amount of work to count with `valgrind --tool=callgrind` or `perf stat`,
/// which a shared machine does not disturb the way it disturbs timings.
fn count_mode(rt: &Runtime, base: &str, url: &Arc<str>) {
    let Ok(spec) = std::env::var("E2E_COUNT") else {
        return;
    };
    let (which, iters) = match spec.split_once(':') {
        Some((w, n)) => (
            w.to_owned(),
            n.parse().expect("E2E_COUNT: requests per task"),
        ),
        None => (spec.clone(), 100),
    };
    fn go<F: Fetch>(rt: &Runtime, f: &F, iters: u64) {
        run(rt, f, IN_FLIGHT, 5);
        let t = run(rt, f, IN_FLIGHT, iters);
        eprintln!("{} requests in {t:?}", iters * IN_FLIGHT as u64);
    }
    let (transport, contender) = which.split_once('-').expect("E2E_COUNT: <transport>-<who>");
    let _guard = rt.enter();
    match transport {
        "reqwest" => {
            let c = reqwest_contenders(rt, base, url);
            match contender {
                "sdk" => go(rt, &c.sdk, iters),
                "sdk-noretry" => go(rt, &no_retry(base, ReqwestTransport::new()), iters),
                "raw" => go(rt, &c.raw, iters),
                "transport-only" => go(rt, &c.transport_only, iters),
                other => panic!("E2E_COUNT: unknown contender {other:?}"),
            }
        }
        "hyper" => {
            let c = hyper_contenders(rt, base, url);
            match contender {
                "sdk" => go(rt, &c.sdk, iters),
                "sdk-noretry" => go(rt, &no_retry(base, HyperTransport::new()), iters),
                "raw" => go(rt, &c.raw, iters),
                "transport-only" => go(rt, &c.transport_only, iters),
                other => panic!("E2E_COUNT: unknown contender {other:?}"),
            }
        }
        other => panic!("E2E_COUNT: unknown transport {other:?}"),
    }
    std::process::exit(0);
}

fn loopback(c: &mut Criterion) {
    let rt = runtime();
    let body = Bytes::from(fixtures::user_json(1));
    let addr = start_server(&rt, body);
    let base = format!("http://{addr}");
    let url: Arc<str> = format!("{base}{PATH}").into();
    count_mode(&rt, &base, &url);

    let r = reqwest_contenders(&rt, &base, &url);
    bench_pair(c, &rt, "reqwest", r.sdk, r.raw, r.transport_only);
    let h = hyper_contenders(&rt, &base, &url);
    bench_pair(c, &rt, "hyper", h.sdk, h.raw, h.transport_only);

    layers(&rt, "reqwest", &base, || {
        mattermost_sdk::Client::builder(&base).transport(ReqwestTransport::new())
    });
    layers(&rt, "hyper", &base, || {
        mattermost_sdk::Client::builder(&base).transport(HyperTransport::new())
    });
}

/// `paired/layers-<transport>/<in flight>`: the default client (retries on, so the retry
/// layer keeps a copy of each request; pacing; the tracing span; the timeout layer with no
/// timeout set) over the same client with what can be switched off switched off
/// (`no_retry()`: one attempt, no copy; no pacing happens on a server that sends no
/// rate-limit headers). Each has its own transport, so its own connection pool.
fn layers(
    rt: &Runtime,
    name: &str,
    base: &str,
    builder: impl Fn() -> mattermost_sdk::ClientBuilder,
) {
    let _guard = rt.enter();
    let on = Facade(builder().token(fixtures::TOKEN).build().expect("client"));
    let off = Facade(
        builder()
            .token(fixtures::TOKEN)
            .no_retry()
            .build()
            .expect("client"),
    );
    let (a, b) = rt.block_on(async { (on.fetch().await, off.fetch().await) });
    assert!(
        a == b,
        "{name} at {base}: the clients decode different users"
    );
    let id = format!("layers-{name}");
    paired(rt, &id, &on, &off, 1);
    paired(rt, &id, &on, &off, IN_FLIGHT);
}

/// The facade over `MockTransport`: request building, the mock's matching and recording,
/// status check and decoding, no network. A fresh mock (expecting exactly `iters` calls)
/// per sample keeps its request log bounded.
fn mock(c: &mut Criterion) {
    let rt = runtime();
    let body = Bytes::from(fixtures::user_json(1));
    let auth = format!("Bearer {}", fixtures::TOKEN);
    let mut g = c.benchmark_group("facade_over_mock");
    g.throughput(Throughput::Elements(1));
    g.bench_function("me", |bench| {
        bench.to_async(&rt).iter_custom(|iters| {
            let mock = MockTransport::new();
            mock.expect(Method::GET, PATH)
                .header("authorization", &auth)
                .times(usize::try_from(iters).unwrap_or(usize::MAX))
                .respond_bytes(200, "application/json", body.clone());
            let client = Client::builder("http://127.0.0.1:1")
                .token(fixtures::TOKEN)
                .transport(mock.clone())
                .build()
                .expect("client");
            let facade = Facade(client);
            async move {
                let start = Instant::now();
                for _ in 0..iters {
                    black_box(facade.fetch().await);
                }
                let elapsed = start.elapsed();
                mock.verify();
                elapsed
            }
        })
    });
    g.finish();
}

criterion_group! {
    name = e2e;
    config = Criterion::default()
        .sample_size(30)
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(4));
    targets = loopback, mock
}

criterion_main!(e2e);
