//! Pure, I/O-free costs: `build_request` for every seed operation, and `parse_response`
//! beside plain `serde_json::from_slice` of the same bytes into the same type, into the same
//! fields without unknown-field capture (the limit), and into the same fields with serde's
//! `#[serde(flatten)]` (how the models decoded before their own derive).
//!
//! Run with `cargo bench --bench codec`; see BENCHMARKS.md.

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
use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::models::{
    PostList, Preference, Role, StatusValue, User, UserAuthData, UserPatch,
};
use mattermost_sdk_core::{
    build_request, endpoints, json, parse_response, BaseUrl, EmojiName, Endpoint, PostId,
    PreferenceCategory, PreferenceName, Secret, SessionId, TeamId, Token, UserId,
};

/// A 4 KiB stand-in for a profile picture: a PNG header followed by pseudo-random bytes.
fn image_bytes() -> Bytes {
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut x: u32 = 0x1234_5678;
    while v.len() < 4096 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        v.push(x as u8);
    }
    Bytes::from(v)
}

/// Benchmarks `build_request` for one endpoint value and records its operationId.
fn bench_build<E: Endpoint>(
    c: &mut Criterion,
    seen: &mut BTreeSet<&'static str>,
    base: &BaseUrl,
    token: &Token,
    ep: E,
) {
    // Every benchmarked value must build: a failing build would measure the error path.
    if let Err(e) = build_request(&ep, base, Some(token)) {
        panic!("{} does not build: {e}", E::INFO.operation_id);
    }
    seen.insert(E::INFO.operation_id);
    c.bench_function(&format!("build_request/{}", E::INFO.operation_id), |b| {
        b.iter(|| build_request(black_box(&ep), base, Some(token)))
    });
}

fn build_requests(c: &mut Criterion) {
    let base = BaseUrl::parse("https://chat.example.com").expect("base URL");
    let token = Token::new(fixtures::TOKEN);
    let uid = UserId::new(fixtures::id('u', 1)).expect("user ID");
    let me = UserId::me;
    let user: User = serde_json::from_str(&fixtures::user_json(1)).expect("user fixture");
    let category = || PreferenceCategory::new("display_settings").expect("category");
    let prefs = vec![
        Preference::new(
            uid.as_str(),
            "display_settings",
            "use_military_time",
            "true",
        ),
        Preference::new(
            uid.as_str(),
            "display_settings",
            "channel_display_mode",
            "full",
        ),
    ];
    let patch = UserPatch {
        nickname: Some("Al".into()),
        position: Some("Staff Engineer".into()),
        ..UserPatch::default()
    };
    let auth = UserAuthData {
        auth_service: "ldap".into(),
        auth_data: Some("cn=alice,ou=people".into()),
        ..UserAuthData::default()
    };

    let mut seen = BTreeSet::new();
    macro_rules! build {
        ($($ep:expr),* $(,)?) => {
            $( bench_build(c, &mut seen, &base, &token, $ep); )*
        };
    }
    build![
        Login::new(
            "alice@example.com".into(),
            Secret::new("correct horse battery staple")
        ),
        Logout::new(),
        GetUser::new(me()),
        UpdateUser::new(uid.clone(), user),
        DeleteUser::new(uid.clone()),
        PatchUser::new(me(), patch),
        UpdateUserActive::new(uid.clone(), false),
        GetTeamsForUser::new(me()),
        UpdateUserRoles::new(uid.clone(), vec![Role::SystemUser, Role::SystemAdmin]),
        GenerateMfaSecret::new(me()),
        UpdateUserMfa::new(me(), true).code("123456".into()),
        GetProfileImage::new(uid.clone()),
        SetProfileImage::new(me(), image_bytes(), "image/png".into()),
        UpdateUserPassword::new(me(), Secret::new("n3w-passw0rd!"))
            .current_password(Secret::new("0ld-passw0rd!")),
        UpdateUserAuth::new(uid.clone(), auth),
        GetUserStatus::new(uid.clone()),
        UpdateUserStatus::new(me(), uid.clone(), StatusValue::Dnd).dnd_end_time(1_720_000_000),
        GetSessions::new(me()),
        RevokeSession::new(
            me(),
            SessionId::new(fixtures::id('s', 1)).expect("session ID")
        ),
        RevokeAllSessions::new(uid.clone()),
        GetPreferences::new(me()),
        UpdatePreferences::new(me(), prefs.clone()),
        DeletePreferences::new(me(), prefs),
        GetPreferencesByCategory::new(me(), category()),
        GetPreferencesByCategoryByName::new(
            me(),
            category(),
            PreferenceName::new("use_military_time").expect("name"),
        ),
        GetFlaggedPostsForUser::new(me())
            .team_id(TeamId::new(fixtures::id('t', 1)).expect("team ID"))
            .page(0)
            .per_page(60),
        DeleteReaction::new(
            me(),
            PostId::new(fixtures::id('p', 1)).expect("post ID"),
            EmojiName::new("+1").expect("emoji"),
        ),
        GetAuthorizedOAuthAppsForUser::new(me())
            .page(0)
            .per_page(200),
    ];

    // The original 28 operations are benchmarked; the ones added since are not yet (the
    // check was an equality, which stopped the whole bench binary once they landed).
    let all: BTreeSet<&str> = endpoints::ALL.iter().map(|i| i.operation_id).collect();
    assert!(
        seen.is_subset(&all),
        "benchmarked operations missing from endpoints::ALL: {:?}",
        seen.difference(&all).collect::<Vec<_>>()
    );
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
