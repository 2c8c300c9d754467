//! Pure, I/O-free costs: `build_request` for every seed operation, and `parse_response`
//! beside plain `serde_json::from_slice` of the same bytes into the same type.
//!
//! Run with `cargo bench --bench codec`; see BENCHMARKS.md.

mod fixtures;
mod paired;

use std::collections::BTreeSet;
use std::hint::black_box;
use std::time::{Duration, Instant};

use bytes::Bytes;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
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

    // Every endpoint of the users API is benchmarked: a new one must be added above.
    let all: BTreeSet<&str> = endpoints::ALL.iter().map(|i| i.operation_id).collect();
    assert_eq!(
        seen, all,
        "benchmarked operations differ from endpoints::ALL"
    );
}

/// A 200 response with the headers a server sends and `body`.
fn response(body: &Bytes) -> Response<Bytes> {
    let mut resp = Response::new(body.clone());
    resp.headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    resp
}

/// `parse_response::<E>` beside `serde_json::from_slice::<T>` of the same bytes.
fn bench_decode<E, T>(c: &mut Criterion, name: &str, body: String)
where
    E: Endpoint<Output = T>,
    T: serde::de::DeserializeOwned,
{
    let body = Bytes::from(body);
    // Both must succeed on the fixture, or we would measure the error path.
    parse_response::<E>(response(&body)).unwrap_or_else(|e| panic!("{name}: {e}"));
    serde_json::from_slice::<T>(&body).unwrap_or_else(|e| panic!("{name}: {e}"));

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
    g.finish();

    // The same comparison in interleaved rounds (see `paired`).
    paired::compare(
        &format!("paired/parse_response/{name}"),
        "decodes",
        1,
        |n| decode_batch(&body, n, |r| parse_response::<E>(r).is_ok()),
        |n| decode_batch(&body, n, |r| serde_json::from_slice::<T>(r.body()).is_ok()),
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
    bench_decode::<GetUser, User>(c, "GetUser", fixtures::user_json(1));
    type UsersPage = mattermost_sdk_core::Json<GetUser, Vec<User>>;
    // Type-checks that `json()` gives exactly this endpoint type.
    let _: UsersPage = json::<Vec<User>, _>(GetUser::new(UserId::me()));
    bench_decode::<UsersPage, Vec<User>>(c, "users_page_200", fixtures::users_page_json(200));
    bench_decode::<GetFlaggedPostsForUser, PostList>(
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

criterion_main!(build, decode);
