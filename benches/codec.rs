//! Pure, I/O-free costs: `build_request` for every operation of `endpoints::ALL` (one
//! realistic value each, from `benches/endpoints/`), and `parse_response`
//! beside plain `serde_json::from_slice` of the same bytes into the same type, into the same
//! fields without unknown-field capture (the limit), and into the same fields with serde's
//! `#[serde(flatten)]` (how the models decoded before their own derive).
//!
//! Run with `cargo bench --bench codec`; see BENCHMARKS.md.

mod endpoints;
mod fixtures;
mod mirrors;
mod paired;

use std::collections::BTreeSet;
use std::hint::black_box;
use std::time::{Duration, Instant};

use bytes::Bytes;
use criterion::{criterion_group, BatchSize, Criterion, Throughput};
use http::header::CONTENT_TYPE;
use http::{HeaderValue, Response};
use mattermost_sdk_core::endpoints::users::{GetFlaggedPostsForUser, GetUser};
use mattermost_sdk_core::endpoints::ALL;
use mattermost_sdk_core::models::{PostList, User};
use mattermost_sdk_core::{build_request, json, parse_response, BaseUrl, Endpoint, Token, UserId};

/// Records each value's operationId, and fails on a value that does not build (a failing
/// build would measure the error path).
struct Check(BTreeSet<&'static str>);

impl endpoints::Visit for Check {
    fn visit<E: Endpoint>(&mut self, ep: E) {
        let base = BaseUrl::parse("https://chat.example.com").expect("base URL");
        if let Err(e) = build_request(&ep, &base, Some(&Token::new(fixtures::TOKEN))) {
            panic!("{} does not build: {e}", E::INFO.operation_id);
        }
        assert!(
            self.0.insert(E::INFO.operation_id),
            "{} has two values in benches/endpoints",
            E::INFO.operation_id
        );
    }
}

/// Benchmarks `build_request` for each value, as `build_request/<operationId>`.
struct Bench<'a> {
    c: &'a mut Criterion,
    base: BaseUrl,
    token: Token,
}

impl endpoints::Visit for Bench<'_> {
    fn visit<E: Endpoint>(&mut self, ep: E) {
        let (base, token) = (&self.base, &self.token);
        self.c
            .bench_function(&format!("build_request/{}", E::INFO.operation_id), |b| {
                b.iter(|| build_request(black_box(&ep), base, Some(token)))
            });
    }
}

fn build_requests(c: &mut Criterion) {
    // Every operation of `ALL` has exactly one value (checked before any is measured).
    let mut check = Check(BTreeSet::new());
    endpoints::visit_all(&mut check);
    let all: BTreeSet<&str> = ALL.iter().map(|i| i.operation_id).collect();
    let missing: Vec<_> = all.difference(&check.0).collect();
    let unknown: Vec<_> = check.0.difference(&all).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "benches/endpoints/mod.rs must have one value of every operation of \
         endpoints::ALL: missing {missing:?}; not in endpoints::ALL {unknown:?}"
    );

    endpoints::visit_all(&mut Bench {
        c,
        base: BaseUrl::parse("https://chat.example.com").expect("base URL"),
        token: Token::new(fixtures::TOKEN),
    });
}

/// A 200 response with the headers a server sends and `body`.
fn response(body: &Bytes) -> Response<Bytes> {
    let mut resp = Response::new(body.clone());
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    resp
}

/// `parse_response::<E>` beside `serde_json::from_slice` of the same bytes into `T` (the
/// endpoint's output type), `P` (the same fields without unknown-field capture: the limit)
/// and `F` (the same fields with serde's `#[serde(flatten)]`: the models before their derive).
fn bench_decode<E, T, P, F>(c: &mut Criterion, name: &str, body: String)
where
    E: Endpoint<Output = T>,
    T: serde::de::DeserializeOwned,
    P: serde::de::DeserializeOwned,
    F: serde::de::DeserializeOwned,
{
    let body = Bytes::from(body);
    // All must succeed on the fixture, or we would measure the error path.
    parse_response::<E>(response(&body)).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_slice::<T>(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_slice::<P>(&body).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_slice::<F>(&body).unwrap_or_else(|e| panic!("{name}: {e}"));

    let mut g = c.benchmark_group(format!("parse_response/{name}"));
    g.throughput(Throughput::Bytes(body.len() as u64));
    g.bench_function("sdk", |b| {
        b.iter_batched(
            || response(&body),
            |resp| parse_response::<E>(resp),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("serde_json", |b| {
        b.iter_batched(
            || response(&body),
            |resp| serde_json::from_slice::<T>(resp.body()),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("serde_json_no_extra", |b| {
        b.iter_batched(
            || response(&body),
            |resp| serde_json::from_slice::<P>(resp.body()),
            BatchSize::SmallInput,
        )
    });
    g.bench_function("serde_flatten", |b| {
        b.iter_batched(
            || response(&body),
            |resp| serde_json::from_slice::<F>(resp.body()),
            BatchSize::SmallInput,
        )
    });
    g.finish();

    // The same comparisons in interleaved rounds (see `paired`): against the limit, and
    // serde's flatten (the models before their derive) against the same limit.
    paired::compare(
        &format!("paired/parse_response/{name}/sdk"),
        "decodes",
        1,
        |n| decode_batch(&body, n, |r| parse_response::<E>(r).is_ok()),
        |n| decode_batch(&body, n, |r| serde_json::from_slice::<P>(r.body()).is_ok()),
    );
    paired::compare(
        &format!("paired/parse_response/{name}/serde_flatten"),
        "decodes",
        1,
        |n| decode_batch(&body, n, |r| serde_json::from_slice::<F>(r.body()).is_ok()),
        |n| decode_batch(&body, n, |r| serde_json::from_slice::<P>(r.body()).is_ok()),
    );
}

/// `n` decodes of fresh responses carrying `body`, timed (building the responses is not).
fn decode_batch(body: &Bytes, n: u64, decode: impl Fn(Response<Bytes>) -> bool) -> Duration {
    let inputs: Vec<_> = (0..n).map(|_| response(body)).collect();
    let start = Instant::now();
    for resp in inputs {
        assert!(decode(black_box(resp)));
    }
    start.elapsed()
}

fn parse_responses(c: &mut Criterion) {
    use mirrors::*;
    bench_decode::<GetUser, User, UserPlain, UserFlatten>(c, "GetUser", fixtures::user_json(1));
    type UsersPage = mattermost_sdk_core::Json<GetUser, Vec<User>>;
    // Type-checks that `json()` gives exactly this endpoint type.
    let _: UsersPage = json::<Vec<User>, _>(GetUser::new(UserId::me()));
    bench_decode::<UsersPage, Vec<User>, Vec<UserPlain>, Vec<UserFlatten>>(
        c,
        "users_page_200",
        fixtures::users_page_json(200),
    );
    bench_decode::<GetFlaggedPostsForUser, PostList, PostListPlain, PostListFlatten>(
        c,
        "PostList_60",
        fixtures::post_list_json(60),
    );
}

criterion_group! {
    name = build;
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_millis(300))
        .measurement_time(Duration::from_secs(1));
    targets = build_requests
}

criterion_group! {
    name = decode;
    config = Criterion::default()
        .sample_size(50)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    targets = parse_responses
}

/// `CODEC_COUNT=<case>/<sdk|typed|no_extra|flatten>[:<decodes>]` (`typed`:
/// `serde_json::from_slice` into the model, without `parse_response`) (cases: `GetUser`,
/// `users_page_200`, `PostList_60`; default 100 decodes) decodes that many times and exits:
/// a fixed amount of work to count with `valgrind --tool=callgrind`, which a shared machine
/// does not disturb. Two runs with different counts give the instructions per decode.
fn count_mode() {
    use mirrors::*;
    let Ok(spec) = std::env::var("CODEC_COUNT") else {
        return;
    };
    let (which, n) = match spec.split_once(':') {
        Some((w, n)) => (w.to_owned(), n.parse().expect("CODEC_COUNT: decodes")),
        None => (spec.clone(), 100u64),
    };
    let (case, side) = which.split_once('/').expect("CODEC_COUNT: <case>/<side>");
    fn run<E, P, F>(body: String, side: &str, n: u64)
    where
        E: Endpoint,
        E::Output: serde::de::DeserializeOwned,
        P: serde::de::DeserializeOwned,
        F: serde::de::DeserializeOwned,
    {
        let body = Bytes::from(body);
        let ok = match side {
            "sdk" => decode_batch(&body, n, |r| parse_response::<E>(r).is_ok()),
            "typed" => decode_batch(&body, n, |r| {
                serde_json::from_slice::<E::Output>(r.body()).is_ok()
            }),
            "no_extra" => decode_batch(&body, n, |r| serde_json::from_slice::<P>(r.body()).is_ok()),
            "flatten" => decode_batch(&body, n, |r| serde_json::from_slice::<F>(r.body()).is_ok()),
            other => panic!("CODEC_COUNT: unknown side {other:?}"),
        };
        black_box(ok);
    }
    type UsersPage = mattermost_sdk_core::Json<GetUser, Vec<User>>;
    match case {
        "GetUser" => run::<GetUser, UserPlain, UserFlatten>(fixtures::user_json(1), side, n),
        "users_page_200" => run::<UsersPage, Vec<UserPlain>, Vec<UserFlatten>>(
            fixtures::users_page_json(200),
            side,
            n,
        ),
        "PostList_60" => run::<GetFlaggedPostsForUser, PostListPlain, PostListFlatten>(
            fixtures::post_list_json(60),
            side,
            n,
        ),
        other => panic!("CODEC_COUNT: unknown case {other:?}"),
    }
    std::process::exit(0);
}

fn main() {
    count_mode();
    build();
    decode();
    Criterion::default().configure_from_args().final_summary();
}
