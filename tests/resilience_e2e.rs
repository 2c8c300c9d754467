//! Retries and rate limits end to end over loopback, through reqwest and hyper, against the
//! served `FakeServer` with its rate limiter and fault injection on.

use std::future::IntoFuture;
use std::time::Duration;

use mattermost_sdk::retry::{InstantSleeper, RetryConfig};
use mattermost_sdk::{Client, ClientBuilder};
use mattermost_sdk_core::http::StatusCode;
use mattermost_sdk_hyper::HyperTransport;
use mattermost_sdk_mock::{fake, serve, FakeRateLimit, FakeServer, ServeHandle};
use mattermost_sdk_reqwest::ReqwestTransport;

#[derive(Clone, Copy, Debug)]
enum Via {
    Reqwest,
    Hyper,
}

const BOTH: [Via; 2] = [Via::Reqwest, Via::Hyper];

async fn served() -> (FakeServer, ServeHandle) {
    let fake = FakeServer::new();
    let handle = serve(fake.clone(), "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    (fake, handle)
}

fn builder(handle: &ServeHandle, via: Via) -> ClientBuilder {
    let b = Client::builder(handle.base_url());
    match via {
        Via::Reqwest => b.transport(ReqwestTransport::new()),
        Via::Hyper => b.transport(HyperTransport::new()),
    }
}

/// A client with the fixture user's token whose retry waits are recorded, not slept.
fn user_client(handle: &ServeHandle, via: Via) -> (Client, InstantSleeper) {
    let sleeper = InstantSleeper::new();
    let client = builder(handle, via)
        .token(fake::USER_TOKEN)
        .retry(RetryConfig::default().sleeper(sleeper.clone()))
        .build()
        .unwrap();
    (client, sleeper)
}

/// A server that answers the first request of each kind with `429`, `Retry-After: 1` and a
/// plain-text body: the client (retries on by default, the clock injected) logs in and
/// reads, each after one wait of exactly the `Retry-After`.
#[tokio::test]
async fn the_default_client_gets_through_a_server_that_rate_limits_each_first_request() {
    for via in BOTH {
        let (fake, handle) = served().await;
        fake.rate_limit_first_of_each_kind(Some(1));
        let sleeper = InstantSleeper::new();
        let client = builder(&handle, via)
            .retry(RetryConfig::default().sleeper(sleeper.clone()))
            .login(fake::USER_LOGIN, fake::USER_PASSWORD)
            .await
            .unwrap_or_else(|e| panic!("{via:?}: login: {e}"));
        let me = client.me().await.unwrap();
        assert_eq!(me.id, fake::USER_ID, "{via:?}");
        let admin = client.user(fake::ADMIN_ID).get().await.unwrap();
        assert_eq!(admin.id, fake::ADMIN_ID, "{via:?}");
        assert_eq!(sleeper.waits(), [Duration::from_secs(1); 3], "{via:?}");
        let statuses: Vec<u16> = fake.requests().iter().map(|r| r.status.as_u16()).collect();
        assert_eq!(statuses, [429, 200, 429, 200, 429, 200], "{via:?}");
    }
}

/// The same with nothing injected: the default client really waits the one second.
#[tokio::test]
async fn the_plain_default_client_waits_retry_after_for_real() {
    let (fake, handle) = served().await;
    fake.rate_limit_first_of_each_kind(Some(1));
    let client = builder(&handle, Via::Reqwest)
        .token(fake::USER_TOKEN)
        .build()
        .unwrap();
    let me = client.me().await.unwrap();
    assert_eq!(me.id, fake::USER_ID);
    assert_eq!(fake.requests().len(), 2);
}

/// The fake's GCRA limiter: a burst past the limit gets the server's `429` with its headers,
/// typed on the error; the answers that pass carry the rate-limit triple too.
#[tokio::test]
async fn the_fakes_limiter_answers_like_the_server() {
    for via in BOTH {
        let (fake, handle) = served().await;
        fake.set_rate_limit(Some(FakeRateLimit {
            per_sec: 1,
            max_burst: 2,
        }));
        let client = builder(&handle, via)
            .token(fake::USER_TOKEN)
            .no_retry()
            .build()
            .unwrap();
        let first = client.me().with_response().await.unwrap();
        assert_eq!(first.headers["x-ratelimit-limit"], "3", "{via:?}");
        assert_eq!(first.headers["x-ratelimit-remaining"], "2", "{via:?}");
        client.me().await.unwrap();
        client.me().await.unwrap();
        let e = client.me().await.unwrap_err();
        assert!(e.is_rate_limited(), "{via:?}: {e}");
        assert_eq!(e.retry_after(), Some(Duration::from_secs(1)), "{via:?}");
        let rl = e.rate_limit().expect("the triple");
        assert_eq!((rl.limit, rl.remaining), (3, 0), "{via:?}");
        assert!(e.request_id().is_some(), "{via:?}");
        match e.as_api().map(|a| &a.body) {
            Some(mattermost_sdk::ApiErrorBody::Raw(b)) => assert_eq!(&b[..], b"limit exceeded\n"),
            other => panic!("{via:?}: {other:?}"),
        }
        // Another token has its own bucket.
        let admin = builder(&handle, via)
            .token(fake::ADMIN_TOKEN)
            .no_retry()
            .build()
            .unwrap();
        admin.me().await.unwrap();
    }
}

/// Injected gateway errors: a read is retried through them, a write that is not safe to
/// repeat is not.
#[tokio::test]
async fn injected_503s_are_retried_only_for_safe_operations() {
    for via in BOTH {
        let (fake, handle) = served().await;
        let (client, sleeper) = user_client(&handle, via);
        fake.fail_next(2, StatusCode::SERVICE_UNAVAILABLE, None);
        client.me().await.unwrap();
        assert_eq!(sleeper.waits().len(), 2, "{via:?}");
        fake.fail_next(1, StatusCode::BAD_GATEWAY, None);
        let e = client
            .call(
                mattermost_sdk::core::endpoints::users::UpdateUserPassword::new(
                    mattermost_sdk::UserId::me(),
                    mattermost_sdk::Secret::new("N3w-Passw0rd!"),
                )
                .current_password(mattermost_sdk::Secret::new(fake::USER_PASSWORD)),
            )
            .await
            .unwrap_err();
        assert_eq!(e.status(), Some(StatusCode::BAD_GATEWAY), "{via:?}");
        assert_eq!(sleeper.waits().len(), 2, "{via:?}: no retry");
        assert!(fake.check_password(fake::USER_ID, fake::USER_PASSWORD));
    }
}

/// An injected delay on the served fake.
#[tokio::test]
async fn an_injected_delay_holds_the_answer() {
    let (fake, handle) = served().await;
    fake.delay_next(1, Duration::from_millis(300));
    let client = builder(&handle, Via::Hyper)
        .token(fake::USER_TOKEN)
        .build()
        .unwrap();
    // Dropped while the fake is still holding the answer: no answer arrives in time.
    let early = tokio::time::timeout(Duration::from_millis(50), client.me()).await;
    assert!(early.is_err());
    client.me().await.unwrap();
}

/// A login-built client that renews expired sessions: after the user's sessions are revoked,
/// many calls in flight at once lead to one login, and every call succeeds on the new
/// session.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_expired_session_is_renewed_once_for_all_calls_in_flight() {
    for via in BOTH {
        let (fake, handle) = served().await;
        let client = builder(&handle, via)
            .login(fake::USER_LOGIN, fake::USER_PASSWORD)
            .renew_expired_sessions()
            .await
            .unwrap();
        let admin = builder(&handle, via)
            .token(fake::ADMIN_TOKEN)
            .build()
            .unwrap();
        admin
            .user(fake::USER_ID)
            .revoke_all_sessions()
            .await
            .unwrap();
        fake.clear_requests();
        let calls: Vec<_> = (0..8)
            .map(|_| tokio::spawn(client.me().into_future()))
            .collect();
        for call in calls {
            let me = call
                .await
                .unwrap()
                .unwrap_or_else(|e| panic!("{via:?}: {e}"));
            assert_eq!(me.id, fake::USER_ID);
        }
        let logins = logins_sent(&fake);
        assert_eq!(logins, 1, "{via:?}: one login for the dead session");
        assert_eq!(fake.sessions_of(fake::USER_ID).len(), 1, "{via:?}");
        // Again, through `with_response`.
        admin
            .user(fake::USER_ID)
            .revoke_all_sessions()
            .await
            .unwrap();
        let answer = client.me().with_response().await.unwrap();
        assert_eq!(answer.value.id, fake::USER_ID, "{via:?}");
        let logins = logins_sent(&fake);
        assert_eq!(logins, 2, "{via:?}");
    }
}

/// Without the opt-in, and for a token-built client even with it, an expired session is
/// the typed error.
#[tokio::test]
async fn without_renewal_an_expired_session_is_the_typed_error() {
    let (fake, handle) = served().await;
    let by_login = builder(&handle, Via::Reqwest)
        .login(fake::USER_LOGIN, fake::USER_PASSWORD)
        .await
        .unwrap();
    let by_token = builder(&handle, Via::Reqwest)
        .token(fake::USER_TOKEN)
        .renew_expired_sessions()
        .build()
        .unwrap();
    let admin = builder(&handle, Via::Reqwest)
        .token(fake::ADMIN_TOKEN)
        .build()
        .unwrap();
    admin
        .user(fake::USER_ID)
        .revoke_all_sessions()
        .await
        .unwrap();
    for client in [by_login, by_token] {
        let e = client.me().await.unwrap_err();
        assert!(e.is_session_expired(), "{e}");
    }
    let logins = logins_sent(&fake);
    assert_eq!(logins, 1, "only the first client's own login");
}

/// The served fake drops a connection without answering: a read (safe to repeat) is sent
/// again and succeeds; a write that is not safe to repeat returns the typed transport error
/// (the request may have reached the server) without a retry.
#[tokio::test]
async fn a_dropped_connection_is_retried_only_for_safe_operations() {
    for via in BOTH {
        let (fake, handle) = served().await;
        let (client, sleeper) = user_client(&handle, via);
        fake.drop_next(1);
        let me = client.me().await.unwrap_or_else(|e| panic!("{via:?}: {e}"));
        assert_eq!(me.id, fake::USER_ID, "{via:?}");
        assert_eq!(sleeper.waits().len(), 1, "{via:?}: one retry");

        fake.drop_next(1);
        let e = client
            .call(
                mattermost_sdk::core::endpoints::users::UpdateUserPassword::new(
                    mattermost_sdk::UserId::me(),
                    mattermost_sdk::Secret::new("N3w-Passw0rd!"),
                )
                .current_password(mattermost_sdk::Secret::new(fake::USER_PASSWORD)),
            )
            .await
            .unwrap_err();
        assert_eq!(
            e.transport_kind(),
            Some(mattermost_sdk::TransportErrorKind::Io),
            "{via:?}: {e}"
        );
        assert_eq!(sleeper.waits().len(), 1, "{via:?}: no retry");
        assert!(fake.check_password(fake::USER_ID, fake::USER_PASSWORD));
        // The next request is answered as usual.
        client.me().await.unwrap();
    }
}

/// Connection-pool limits reach the client: with at most 0 idle connections per host,
/// every request of two bursts opens its own connection; with the defaults the second
/// burst reuses connections of the first.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn pool_limits_are_applied_on_both_transports() {
    use futures_util::future::try_join_all;
    use mattermost_sdk_hyper::hyper_util::client::legacy::connect::HttpConnector;
    use mattermost_sdk_reqwest::PoolConfig;

    const BURST: usize = 8;
    async fn two_bursts(via: Via, pool: PoolConfig) -> usize {
        let (fake, handle) = served().await;
        let b = Client::builder(handle.base_url());
        let b = match via {
            Via::Reqwest => b.transport(ReqwestTransport::with_pool(pool).unwrap()),
            Via::Hyper => b.transport(HyperTransport::with_connector_and_pool(
                HttpConnector::new(),
                pool,
            )),
        };
        let client = b.token(fake::USER_TOKEN).build().unwrap();
        for _ in 0..2 {
            try_join_all((0..BURST).map(|_| client.me().into_future()))
                .await
                .unwrap();
            // Let the client put the connections back into its pool (not a timing
            // assertion: the check below holds however long this takes).
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        assert_eq!(fake.requests().len(), 2 * BURST);
        handle.connections_accepted()
    }

    for via in BOTH {
        let none_idle = two_bursts(via, PoolConfig::new().max_idle_per_host(0)).await;
        assert_eq!(none_idle, 2 * BURST, "{via:?}: no connection reused");
        let default = two_bursts(via, PoolConfig::default()).await;
        assert!(
            (1..2 * BURST).contains(&default),
            "{via:?}: {default} connections for {} requests",
            2 * BURST
        );
    }
}

/// How many `POST /users/login` requests the fake has received.
fn logins_sent(fake: &FakeServer) -> usize {
    fake.requests()
        .iter()
        .filter(|r| r.path == "/users/login")
        .count()
}
