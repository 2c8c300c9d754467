//! End to end over loopback against a fast in-process hyper server answering a fixed user:
//! the facade (`Client`) with each transport beside a hand-written call of the same HTTP
//! stack that sends the same request and decodes into the same `User`, one request at a
//! time and 64 in flight; then the facade over `MockTransport` (no network at all).
//!
//! Run with `cargo bench --bench e2e`; see BENCHMARKS.md.

mod fixtures;

use std::convert::Infallible;
use std::future::Future;
use std::hint::black_box;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use http::header::{ACCEPT, AUTHORIZATION, CONTENT_TYPE, USER_AGENT};
use http::{HeaderValue, Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper::body::Incoming;
use hyper::service::service_fn;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::{TokioExecutor, TokioIo, TokioTimer};
use mattermost_sdk::models::User;
use mattermost_sdk::Client;
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

/// `iters` rounds of `IN_FLIGHT` requests, `IN_FLIGHT` tasks each running `iters` in a row
/// (so `IN_FLIGHT` are always in flight), timed as a whole.
async fn in_flight<F: Fetch>(f: &F, iters: u64) -> Duration {
    let start = Instant::now();
    let mut set = JoinSet::new();
    for _ in 0..IN_FLIGHT {
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

fn bench_pair<A: Fetch, B: Fetch>(c: &mut Criterion, rt: &Runtime, name: &str, sdk: A, raw: B) {
    // Both must work before anything is measured.
    let (a, b) = rt.block_on(async { (sdk.fetch().await, raw.fetch().await) });
    assert_eq!(
        a, b,
        "{name}: the SDK and the raw call decode different users"
    );

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
            .iter_custom(|iters| in_flight(&sdk, iters))
    });
    g.bench_function(BenchmarkId::new("raw", IN_FLIGHT), |bench| {
        bench
            .to_async(rt)
            .iter_custom(|iters| in_flight(&raw, iters))
    });
    g.finish();
}

fn loopback(c: &mut Criterion) {
    let rt = runtime();
    let body = Bytes::from(fixtures::user_json(1));
    let addr = start_server(&rt, body);
    let base = format!("http://{addr}");
    let url: Arc<str> = format!("{base}{PATH}").into();

    // reqwest: the transport and the raw call each get their own default client (with
    // redirects off, as the transport's), so pools are not shared.
    let sdk = {
        let _guard = rt.enter();
        Client::builder(&base)
            .token(fixtures::TOKEN)
            .transport(ReqwestTransport::new())
            .build()
            .expect("client")
    };
    let raw = RawReqwest {
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("reqwest client"),
        url: url.clone(),
        auth: auth_value(),
    };
    bench_pair(c, &rt, "reqwest", Facade(sdk), raw);

    // hyper: HyperTransport::new() is hyper-util's pooled client over an HttpConnector with
    // TCP_NODELAY and the Tokio timer; the raw client is built the same way.
    let (sdk, raw) = {
        let _guard = rt.enter();
        let sdk = Client::builder(&base)
            .token(fixtures::TOKEN)
            .transport(HyperTransport::new())
            .build()
            .expect("client");
        let mut http = HttpConnector::new();
        http.set_nodelay(true);
        let client = hyper_util::client::legacy::Client::builder(TokioExecutor::new())
            .pool_timer(TokioTimer::new())
            .build(http);
        let raw = RawHyper {
            client,
            uri: url.parse().expect("uri"),
            auth: auth_value(),
        };
        (sdk, raw)
    };
    bench_pair(c, &rt, "hyper", Facade(sdk), raw);
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
