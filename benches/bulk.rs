//! Bulk work against a `FakeServer` served on loopback (`mattermost_sdk_mock::serve`,
//! HTTP/1.1 through the default reqwest transport; the server on its own 2-worker Tokio
//! runtime, the client on another):
//!
//! - `bulk/list_users/*`: every user of a fake holding 100,000, pages of 200, through the
//!   read-ahead page stream (`.read_ahead(n).stream()`) against a hand-written sequential
//!   page loop (`list().page(p).per_page(200).await` until a short page). Users per second.
//! - `bulk/resolve_usernames/*`: 10,000 usernames resolved by 64 tasks at once, through the
//!   batching lookup (`users().batching_lookup(window).max_batches_in_flight(cap)`) against one
//!   `GET /users/username/{name}` per name. Usernames per second; requests sent are printed.
//!
//! After criterion: interleaved rounds (`bulk-paired/...`, the two sides alternate, median
//! and quartiles of the per-round ratios; for the lookups also the default cap on batches in
//! flight against the other caps, and with 2 ms of client-side waiting before each request), the peak heap of a listing at 10,000 and 100,000
//! users (a counting global allocator: bytes live above the level before the walk, server
//! included), and the request counts. Under `cargo test --benches` everything runs once
//! on small fakes (400 users, 200 names) and checks the contenders agree.
//!
//! Run with `cargo bench -p mattermost-sdk-tests --bench bulk`; see BENCHMARKS.md.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicIsize, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use criterion::{BenchmarkId, Criterion, Throughput};
use futures_util::TryStreamExt;
use mattermost_sdk::models::User;
use mattermost_sdk::{Client, UserLoader};
use mattermost_sdk_core::{Transport, TransportError};
use mattermost_sdk_mock::{fake, serve, FakeServer, ServeHandle};
use mattermost_sdk_reqwest::ReqwestTransport;
use tokio::runtime::Runtime;
use tokio::task::JoinSet;

// ------------------------------------------------------------------ counting allocator

/// The system allocator, counting (only while [`peak_above_start`] runs, so that the timed
/// benchmarks do not pay for shared counters) the bytes allocated net since the start and
/// the most of them at once.
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

fn grew(bytes: usize) {
    if COUNTING.load(Ordering::Relaxed) {
        let bytes = bytes as isize;
        let now = LIVE.fetch_add(bytes, Ordering::Relaxed) + bytes;
        PEAK.fetch_max(now, Ordering::Relaxed);
    }
}

fn shrank(bytes: usize) {
    if COUNTING.load(Ordering::Relaxed) {
        LIVE.fetch_sub(bytes as isize, Ordering::Relaxed);
    }
}

// SAFETY: forwards to `System` unchanged; only counts.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            grew(layout.size());
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract, passed on.
        unsafe { System.dealloc(ptr, layout) };
        shrank(layout.size());
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract, passed on.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            if new_size >= layout.size() {
                grew(new_size - layout.size());
            } else {
                shrank(layout.size() - new_size);
            }
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Runs `f` and returns the most bytes that were allocated (net of frees) at once since it
/// started, by every thread: client, server and runtime.
fn peak_above_start(f: impl FnOnce()) -> usize {
    LIVE.store(0, Ordering::SeqCst);
    PEAK.store(0, Ordering::SeqCst);
    COUNTING.store(true, Ordering::SeqCst);
    f();
    COUNTING.store(false, Ordering::SeqCst);
    PEAK.load(Ordering::SeqCst).max(0) as usize
}

// ------------------------------------------------------------------ setup

/// Whether this invocation measures (criterion's rule: `--bench` without `--test`);
/// under `cargo test --benches` the sizes are small and the interleaved rounds skipped.
fn measuring() -> bool {
    let has = |flag: &str| std::env::args().skip(1).any(|a| a == flag);
    has("--bench") && !has("--test") && !has("--list")
}

/// Items per page (the server's cap).
const PER_PAGE: u32 = 200;
/// Lookups in flight at once.
const CONCURRENCY: usize = 64;

struct Sizes {
    users: usize,
    small_users: usize,
    lookups: usize,
}

fn sizes() -> &'static Sizes {
    static S: OnceLock<Sizes> = OnceLock::new();
    S.get_or_init(|| {
        if measuring() {
            Sizes {
                users: 100_000,
                small_users: 10_000,
                lookups: 10_000,
            }
        } else {
            Sizes {
                users: 400,
                small_users: 100,
                lookups: 200,
            }
        }
    })
}

fn username(i: usize) -> String {
    format!("bulkuser{i:06}")
}

/// A fake holding the default data and `n` more users.
fn fake_with(n: usize) -> FakeServer {
    let mut b = FakeServer::builder().with_default_data();
    for i in 0..n {
        b = b.user(
            &format!("bulkuser{i:018}"),
            &username(i),
            "Passw0rd!",
            "system_user",
        );
    }
    b.build()
}

/// The default transport, waiting `delay` before sending each request: a network round
/// trip's worth of waiting that costs no CPU (the fake's `delay_next` needs the number of
/// requests in advance, which a batching lookup does not have).
#[derive(Debug, Clone)]
struct Delayed {
    inner: ReqwestTransport,
    delay: Duration,
}

impl Transport for Delayed {
    fn send(
        &self,
        req: http::Request<bytes::Bytes>,
    ) -> impl std::future::Future<Output = Result<http::Response<bytes::Bytes>, TransportError>> + Send
    {
        let (inner, delay) = (self.inner.clone(), self.delay);
        async move {
            tokio::time::sleep(delay).await;
            inner.send(req).await
        }
    }
}

/// Wait before each request of the `*_2ms_latency` rounds.
const LATENCY: Duration = Duration::from_millis(2);

/// One served fake and its clients.
struct Served {
    fake: FakeServer,
    _server: ServeHandle,
    /// As the admin (listing).
    admin: Client,
    /// As a plain user (lookups: an admin's are not coalesced).
    user: Client,
    /// As a plain user, [`LATENCY`] before each request.
    user_far: Client,
    /// Users `GET /users` lists (the fake's default data included).
    listed: usize,
}

fn serve_fake(server_rt: &Runtime, rt: &Runtime, fake: FakeServer) -> Served {
    let server = server_rt
        .block_on(serve(fake.clone(), "127.0.0.1:0".parse().expect("addr")))
        .expect("serve the fake");
    let client = |token: &str| {
        Client::builder(server.base_url())
            .token(token)
            .build()
            .expect("client")
    };
    let (admin, user) = (client(fake::ADMIN_TOKEN), client(fake::USER_TOKEN));
    let user_far = Client::builder(server.base_url())
        .token(fake::USER_TOKEN)
        .transport(Delayed {
            inner: ReqwestTransport::new(),
            delay: LATENCY,
        })
        .build()
        .expect("client");
    let listed = rt.block_on(list_sequential(&admin));
    Served {
        fake,
        _server: server,
        admin,
        user,
        user_far,
        listed,
    }
}

struct World {
    /// The server's own runtime (its handlers block on the fake's lock: they must not hold
    /// up the client's I/O, as a real server in its own process would not).
    _server_rt: Runtime,
    /// The client's.
    rt: Runtime,
    big: Served,
    small: Served,
    names: Arc<Vec<String>>,
}

fn world() -> &'static World {
    static W: OnceLock<World> = OnceLock::new();
    W.get_or_init(|| {
        let s = sizes();
        let runtime = || {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .enable_all()
                .build()
                .expect("tokio runtime")
        };
        let (server_rt, rt) = (runtime(), runtime());
        let started = Instant::now();
        let big = serve_fake(&server_rt, &rt, fake_with(s.users));
        let small = serve_fake(&server_rt, &rt, fake_with(s.small_users));
        eprintln!(
            "bulk: fakes of {} and {} users seeded and served in {:.1?}",
            big.listed,
            small.listed,
            started.elapsed()
        );
        // Every (users / lookups)-th user, so the names spread over the whole store.
        let step = (s.users / s.lookups).max(1);
        let names = (0..s.lookups).map(|i| username(i * step)).collect();
        World {
            _server_rt: server_rt,
            rt,
            big,
            small,
            names: Arc::new(names),
        }
    })
}

// ------------------------------------------------------------------ contenders

/// The hand-written loop: one page at a time until a short page.
async fn list_sequential(client: &Client) -> usize {
    let mut seen = 0;
    let mut page = 0;
    loop {
        let users = client
            .users()
            .list()
            .page(page)
            .per_page(PER_PAGE)
            .await
            .expect("page");
        seen += users
            .iter()
            .map(|u| black_box(u.username.len()).min(1))
            .sum::<usize>();
        if users.len() < PER_PAGE as usize {
            return seen;
        }
        page += 1;
    }
}

/// The page stream with `read_ahead` pages in flight ahead.
async fn list_read_ahead(client: &Client, read_ahead: usize) -> usize {
    client
        .users()
        .list()
        .per_page(PER_PAGE)
        .read_ahead(read_ahead)
        .stream()
        .try_fold(0, |seen, u| async move {
            Ok(seen + black_box(u.username.len()).min(1))
        })
        .await
        .expect("stream")
}

/// How a name is resolved.
#[derive(Clone)]
enum Resolver {
    Single(Client),
    Batching(UserLoader),
}

/// Resolves every name with `CONCURRENCY` tasks taking the next name as they finish one;
/// the users in the names' order.
async fn resolve(resolver: Resolver, names: Arc<Vec<String>>) -> Vec<User> {
    let next = Arc::new(AtomicUsize::new(0));
    let mut tasks = JoinSet::new();
    for _ in 0..CONCURRENCY {
        let (resolver, names, next) = (resolver.clone(), names.clone(), next.clone());
        tasks.spawn(async move {
            let mut got = Vec::new();
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(name) = names.get(i) else {
                    return got;
                };
                let user = match &resolver {
                    Resolver::Single(c) => c.users().get_by_username(name.clone()).await,
                    Resolver::Batching(l) => l.get_by_username(name.clone()).await,
                };
                got.push((i, user.expect("lookup")));
            }
        });
    }
    let mut all = Vec::with_capacity(names.len());
    while let Some(got) = tasks.join_next().await {
        all.extend(got.expect("task"));
    }
    all.sort_by_key(|(i, _)| *i);
    all.into_iter().map(|(_, u)| u).collect()
}

/// The batching lookups measured: (window, most batches in flight per kind; `usize::MAX`
/// is no cap).
const LOOKUPS: [(Duration, usize); 5] = [
    (Duration::ZERO, usize::MAX),
    (Duration::ZERO, 1),
    (Duration::ZERO, 2),
    (Duration::ZERO, 4),
    (Duration::from_millis(1), usize::MAX),
];

fn lookup_name((window, cap): (Duration, usize)) -> String {
    let cap = if cap == usize::MAX {
        "nocap".to_owned()
    } else {
        format!("cap{cap}")
    };
    format!("batched_{}us_{cap}", window.as_micros())
}

fn single(w: &World) -> Resolver {
    Resolver::Single(w.big.user.clone())
}

/// A fresh loader per run (its first lookup fetches the caller: one request).
fn batching(w: &World, (window, cap): (Duration, usize)) -> Resolver {
    Resolver::Batching(
        w.big
            .user
            .users()
            .batching_lookup(window)
            .max_batches_in_flight(cap),
    )
}

// ------------------------------------------------------------------ criterion

fn list_users(c: &mut Criterion) {
    let w = world();
    let mut g = c.benchmark_group("bulk/list_users");
    g.throughput(Throughput::Elements(w.big.listed as u64));
    g.sample_size(10);
    g.bench_function("sequential", |b| {
        b.to_async(&w.rt).iter(|| list_sequential(&w.big.admin))
    });
    for ra in [1, 2] {
        g.bench_with_input(BenchmarkId::new("read_ahead", ra), &ra, |b, &ra| {
            b.to_async(&w.rt).iter(|| list_read_ahead(&w.big.admin, ra))
        });
    }
    g.finish();
}

fn resolve_usernames(c: &mut Criterion) {
    let w = world();
    let mut g = c.benchmark_group("bulk/resolve_usernames");
    g.throughput(Throughput::Elements(w.names.len() as u64));
    g.sample_size(10);
    g.bench_function("single", |b| {
        b.to_async(&w.rt)
            .iter(|| resolve(single(w), w.names.clone()))
    });
    for lookup in LOOKUPS {
        g.bench_function(lookup_name(lookup), |b| {
            b.to_async(&w.rt)
                .iter(|| resolve(batching(w, lookup), w.names.clone()))
        });
    }
    g.finish();
}

// ------------------------------------------------------------------ beyond criterion

/// Interleaved rounds of two whole runs (A B, B A, ...): the median and quartiles of the
/// per-round time ratios b / a (a's speed over b's), and both mean times.
fn interleaved(
    id: &str,
    rounds: usize,
    mut a: impl FnMut() -> Duration,
    mut b: impl FnMut() -> Duration,
) {
    let mut ratios = Vec::with_capacity(rounds);
    let (mut ta_all, mut tb_all) = (Vec::new(), Vec::new());
    for round in 0..rounds {
        let (ta, tb) = if round % 2 == 0 {
            let ta = a();
            (ta, b())
        } else {
            let tb = b();
            (a(), tb)
        };
        ratios.push(tb.as_secs_f64() / ta.as_secs_f64());
        ta_all.push(ta.as_secs_f64());
        tb_all.push(tb.as_secs_f64());
    }
    let q = |v: &mut Vec<f64>, p: f64| {
        v.sort_by(f64::total_cmp);
        v[((v.len() - 1) as f64 * p).round() as usize]
    };
    println!(
        "{id:<48} speed-up: median {:.2} [p25 {:.2}, p75 {:.2}] over {rounds} rounds; \
         time median {:.3} s vs {:.3} s",
        q(&mut ratios, 0.5),
        q(&mut ratios, 0.25),
        q(&mut ratios, 0.75),
        q(&mut ta_all, 0.5),
        q(&mut tb_all, 0.5),
    );
}

/// Whether a part after criterion runs: with no filter on the command line every part does,
/// else those whose id contains one (`cargo bench --bench bulk -- latency`).
fn selected(id: &str) -> bool {
    let filters: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| !a.starts_with('-'))
        .collect();
    filters.is_empty() || filters.iter().any(|f| id.contains(f.as_str()))
}

/// Queues `latency` before each of the next `n` answers of the served fake (a network
/// round trip or a database the fake does not have).
fn with_latency(fake: &FakeServer, n: usize, latency: Duration) {
    fake.delay_next(n, latency);
}

fn timed<T>(rt: &Runtime, f: impl std::future::Future<Output = T>) -> (Duration, T) {
    let start = Instant::now();
    let out = rt.block_on(f);
    (start.elapsed(), out)
}

fn extras() {
    let measuring = measuring();
    let w = world();

    if selected("bulk/checks") {
        checks(w);
    }
    if selected("bulk/peak_heap") {
        peak_heap(w);
    }
    if measuring {
        paired_rounds(w);
    }
}

fn checks(w: &World) {
    let rt = &w.rt;
    // Same results: every contender lists the same number of users and resolves every name
    // to the same user, field for field.
    for ra in [0, 1, 2, 4] {
        assert_eq!(rt.block_on(list_read_ahead(&w.big.admin, ra)), w.big.listed);
    }
    let expected = rt.block_on(resolve(single(w), w.names.clone()));
    assert_eq!(expected.len(), w.names.len());
    for (u, n) in expected.iter().zip(w.names.iter()) {
        assert_eq!(&u.username, n);
    }

    // Requests sent.
    w.big.fake.clear_requests();
    rt.block_on(resolve(single(w), w.names.clone()));
    let single_requests = w.big.fake.requests().len();
    println!(
        "bulk/requests/single                             {single_requests} requests for {} usernames",
        w.names.len()
    );
    for lookup in LOOKUPS {
        w.big.fake.clear_requests();
        let got = rt.block_on(resolve(batching(w, lookup), w.names.clone()));
        assert!(got == expected, "batched lookups differ from single ones");
        let requests = w.big.fake.requests();
        let batches = requests
            .iter()
            .filter(|r| r.path == "/users/usernames")
            .count();
        println!(
            "bulk/requests/{:<35} {} requests ({batches} POST /users/usernames) for {} usernames: {:.1}x fewer",
            lookup_name(lookup),
            requests.len(),
            w.names.len(),
            single_requests as f64 / requests.len() as f64
        );
    }
    w.big.fake.clear_requests();
}

fn peak_heap(w: &World) {
    let rt = &w.rt;
    // Peak heap of one listing: bounded by the pages in flight, not by the user count.
    for served in [&w.small, &w.big] {
        for ra in [0usize, 1, 2, 4] {
            let seq = ra == 0;
            let mut seen = 0;
            let peak = peak_above_start(|| {
                seen = if seq {
                    rt.block_on(list_sequential(&served.admin))
                } else {
                    rt.block_on(list_read_ahead(&served.admin, ra))
                };
            });
            served.fake.clear_requests();
            println!(
                "bulk/peak_heap/{:>6}_users/{:<20} {:>7.0} KiB above the start ({} users)",
                served.listed,
                if seq {
                    "sequential".to_owned()
                } else {
                    format!("read_ahead_{ra}")
                },
                peak as f64 / 1024.0,
                seen
            );
        }
    }
}

fn paired_rounds(w: &World) {
    let rt = &w.rt;
    let rounds = 7;
    // With 2 ms of latency per answer, on the 10,000-user fake (51 pages).
    let latency = Duration::from_millis(2);
    let pages = w.small.listed / PER_PAGE as usize + 1;
    for ra in [1, 2] {
        let id = format!("bulk-paired/list_users_2ms_latency/read_ahead_{ra}_vs_sequential");
        if !selected(&id) {
            continue;
        }
        interleaved(
            &id,
            rounds,
            || {
                with_latency(&w.small.fake, pages + ra, latency);
                timed(rt, list_read_ahead(&w.small.admin, ra)).0
            },
            || {
                with_latency(&w.small.fake, pages, latency);
                timed(rt, list_sequential(&w.small.admin)).0
            },
        );
        w.small.fake.clear_requests();
    }
    for ra in [1, 2] {
        if !selected(&format!(
            "bulk-paired/list_users/read_ahead_{ra}_vs_sequential"
        )) {
            continue;
        }
        interleaved(
            &format!("bulk-paired/list_users/read_ahead_{ra}_vs_sequential"),
            rounds,
            || timed(rt, list_read_ahead(&w.big.admin, ra)).0,
            || timed(rt, list_sequential(&w.big.admin)).0,
        );
        w.big.fake.clear_requests();
    }
    for lookup in LOOKUPS {
        let id = format!(
            "bulk-paired/resolve_usernames/{}_vs_single",
            lookup_name(lookup)
        );
        if !selected(&id) {
            continue;
        }
        interleaved(
            &id,
            rounds,
            || timed(rt, resolve(batching(w, lookup), w.names.clone())).0,
            || timed(rt, resolve(single(w), w.names.clone())).0,
        );
        w.big.fake.clear_requests();
    }
    // With LATENCY before each request, window 0: the default cap against single calls and
    // against the other caps.
    let far = |lookup: Option<(Duration, usize)>| {
        let resolver = match lookup {
            None => Resolver::Single(w.big.user_far.clone()),
            Some((window, cap)) => Resolver::Batching(
                w.big
                    .user_far
                    .users()
                    .batching_lookup(window)
                    .max_batches_in_flight(cap),
            ),
        };
        timed(rt, resolve(resolver, w.names.clone())).0
    };
    let default = (
        Duration::ZERO,
        mattermost_sdk::DEFAULT_MAX_BATCHES_IN_FLIGHT,
    );
    for other in [
        None,
        Some((Duration::ZERO, 1)),
        Some((Duration::ZERO, usize::MAX)),
    ] {
        let id = format!(
            "bulk-paired/resolve_usernames_2ms_latency/{}_vs_{}",
            lookup_name(default),
            other.map_or("single".to_owned(), lookup_name)
        );
        if !selected(&id) {
            continue;
        }
        interleaved(&id, rounds, || far(Some(default)), || far(other));
        w.big.fake.clear_requests();
    }
    // The default cap against the others, batched against batched (cheap: more rounds).
    let default = (
        Duration::ZERO,
        mattermost_sdk::DEFAULT_MAX_BATCHES_IN_FLIGHT,
    );
    for other in LOOKUPS {
        if other == default || other.0 != default.0 {
            continue;
        }
        let id = format!(
            "bulk-paired/resolve_usernames/{}_vs_{}",
            lookup_name(default),
            lookup_name(other)
        );
        if !selected(&id) {
            continue;
        }
        interleaved(
            &id,
            15,
            || timed(rt, resolve(batching(w, default), w.names.clone())).0,
            || timed(rt, resolve(batching(w, other), w.names.clone())).0,
        );
        w.big.fake.clear_requests();
    }
}

fn main() {
    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(2))
        .measurement_time(Duration::from_secs(10))
        .configure_from_args();
    list_users(&mut c);
    resolve_usernames(&mut c);
    c.final_summary();
    extras();
}
