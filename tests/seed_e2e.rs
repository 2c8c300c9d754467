//! Every seed operation end to end, once per transport: in memory (the `FakeServer` as the
//! transport), and over real loopback HTTP with reqwest and with hyper against the same fake
//! served by `mattermost_sdk_mock::serve`. Logs in through the `Token` header, runs each
//! operation, checks the answer and the fake's state, and logs out.
//!
//! The same sequence runs again over both loopback transports against a fake that limits
//! like the server (GCRA per token, `429` with `Retry-After`), and against one that answers
//! the first request of each kind with `429`, `Retry-After: 1` and a plain-text body: the
//! default client gets through both with no error.

use mattermost_sdk::models::{Preference, Role, StatusValue, UserAuthData, UserPatch};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use mattermost_sdk::retry::{RetryConfig, SleepFuture, Sleeper, TokioSleeper};
use mattermost_sdk::{Client, ClientBuilder, Secret};
use mattermost_sdk_hyper::HyperTransport;
use mattermost_sdk_mock::{fake, serve, FakeRateLimit, FakeServer, ServeHandle};
use mattermost_sdk_reqwest::ReqwestTransport;
use serde_json::json;

#[derive(Clone, Copy, Debug)]
enum Via {
    InMemory,
    Reqwest,
    Hyper,
}

/// What the fake does besides answering.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Limits {
    /// Nothing: every request reaches its handler.
    None,
    /// A rate limiter like the server's: 20 requests a second per token, bursts of 10.
    Gcra,
    /// The first request of each kind (method and path) is answered `429`,
    /// `Retry-After: 1`, `limit exceeded`.
    FirstOfEachKind,
}

/// The clients' clock: records every wait (retries and pacing); really sleeps only if
/// `real` (the fake's limiter runs on the real clock).
#[derive(Debug, Clone)]
struct Waits {
    real: bool,
    log: Arc<Mutex<Vec<Duration>>>,
}

impl Sleeper for Waits {
    fn sleep(&self, wait: Duration) -> SleepFuture {
        self.log.lock().unwrap().push(wait);
        if self.real {
            TokioSleeper.sleep(wait)
        } else {
            Box::pin(std::future::ready(()))
        }
    }
}

/// A fresh seeded fake with its `limits` on, and a way to make client builders that reach
/// it `via` a transport: default clients, but for their clock (the returned [`Waits`]) when
/// the fake limits.
async fn setup_limited(
    via: Via,
    limits: Limits,
) -> (
    FakeServer,
    Option<ServeHandle>,
    impl Fn() -> ClientBuilder,
    Waits,
) {
    let fake = FakeServer::new();
    match limits {
        Limits::None => {}
        Limits::Gcra => fake.set_rate_limit(Some(FakeRateLimit {
            per_sec: 20,
            max_burst: 10,
        })),
        Limits::FirstOfEachKind => fake.rate_limit_first_of_each_kind(Some(1)),
    }
    let waits = Waits {
        real: limits != Limits::FirstOfEachKind,
        log: Arc::default(),
    };
    let handle = match via {
        Via::InMemory => None,
        _ => Some(
            serve(fake.clone(), "127.0.0.1:0".parse().unwrap())
                .await
                .unwrap(),
        ),
    };
    let url = handle
        .as_ref()
        .map(|h| h.base_url())
        .unwrap_or_else(|| "http://in-memory.invalid".into());
    let f = fake.clone();
    let clock = waits.clone();
    let make = move || {
        let b = Client::builder(&url);
        let b = match via {
            Via::InMemory => b.transport(f.clone()),
            Via::Reqwest => b.transport(ReqwestTransport::new()),
            Via::Hyper => b.transport(HyperTransport::new()),
        };
        if limits == Limits::None {
            b
        } else {
            b.retry(RetryConfig::default().sleeper(clock.clone()))
        }
    };
    (fake, handle, make, waits)
}

async fn every_seed_operation(via: Via) {
    every_seed_operation_with(via, Limits::None).await;
}

async fn every_seed_operation_with(via: Via, limits: Limits) {
    let (fake, _server, make, waits) = setup_limited(via, limits).await;
    let admin = make()
        .login(fake::ADMIN_LOGIN, fake::ADMIN_PASSWORD)
        .await
        .unwrap();
    let alice = make()
        .login(fake::USER_LOGIN, fake::USER_PASSWORD)
        .await
        .unwrap();
    assert_eq!(alice.user_id().unwrap().as_str(), fake::USER_ID);
    let me = alice.user("me");
    let a = admin.users().with_id(fake::USER_ID);

    // get, update (unknown fields survive), teams, patch
    let mut user = a.get().await.unwrap();
    assert_eq!(user.username, fake::USER_LOGIN);
    user.position = Some("Tester".into());
    user.extra.insert("sdk_extra".into(), json!([1, 2]));
    let updated = admin.users().update(fake::USER_ID, user).await.unwrap();
    assert_eq!(updated.position.as_deref(), Some("Tester"));
    assert_eq!(me.get().await.unwrap().extra["sdk_extra"], json!([1, 2]));
    assert_eq!(me.teams().await.unwrap().len(), 2);
    let patch = UserPatch {
        nickname: Some("ally".into()),
        ..Default::default()
    };
    assert_eq!(
        me.patch(patch).await.unwrap().nickname.as_deref(),
        Some("ally")
    );

    // roles, MFA
    a.update_roles([Role::SystemUser, Role::SystemUserAccessToken])
        .await
        .unwrap();
    assert_eq!(
        fake.user(fake::USER_ID).unwrap()["roles"],
        "system_user system_user_access_token"
    );
    assert!(!me.generate_mfa_secret().await.unwrap().qr_code.is_empty());
    let bob = make()
        .login_with_mfa(
            fake::MFA_USER_LOGIN,
            fake::MFA_USER_PASSWORD,
            fake::MFA_CODE,
        )
        .await
        .unwrap();
    bob.user("me").update_mfa(false).await.unwrap();
    assert_ne!(fake.user(fake::MFA_USER_ID).unwrap()["mfa_active"], true);

    // profile image: bytes identical, content type kept
    let image: Vec<u8> = (0..=255u8).rev().cycle().take(10_000).collect();
    me.set_profile_image(image.clone(), "image/webp")
        .await
        .unwrap();
    let got = a.get_profile_image().await.unwrap();
    assert_eq!(got.bytes.as_ref(), image.as_slice());
    assert_eq!(got.content_type.as_deref(), Some("image/webp"));

    // password, auth method
    me.update_password("N3w-Passw0rd!")
        .current_password(Secret::new(fake::USER_PASSWORD))
        .await
        .unwrap();
    assert!(fake.check_password(fake::USER_ID, "N3w-Passw0rd!"));
    let auth = UserAuthData {
        auth_service: "ldap".into(),
        auth_data: Some("alice".into()),
        ..Default::default()
    };
    assert_eq!(
        a.update_authentication_method(auth)
            .await
            .unwrap()
            .auth_service,
        "ldap"
    );

    // status (me → real user_id in the body)
    assert_eq!(me.get_status().await.unwrap().status, StatusValue::Away);
    let s = me.set_status(StatusValue::Online).await.unwrap();
    assert_eq!(
        (s.user_id.as_str(), s.status),
        (fake::USER_ID, StatusValue::Online)
    );

    // preferences
    let pref = Preference::new(fake::USER_ID, "sdk_e2e", "flag", "on");
    me.set_preferences([pref.clone()]).await.unwrap();
    assert!(me.get_preferences().await.unwrap().contains(&pref));
    assert_eq!(
        me.list_preferences_by_category("sdk_e2e").await.unwrap(),
        vec![pref.clone()]
    );
    assert_eq!(
        me.get_preference_by_category_and_name("sdk_e2e", "flag")
            .await
            .unwrap()
            .value,
        "on"
    );
    me.delete_preferences([pref]).await.unwrap();
    // Like the server, an empty category is a 404.
    let err = me
        .list_preferences_by_category("sdk_e2e")
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(404), "{err}");

    // posts, reactions, OAuth apps
    let flagged = me.get_flagged_posts().page(0).per_page(10).await.unwrap();
    assert_eq!(flagged.order, vec![fake::FLAGGED_POST_ID.to_string()]);
    let before = fake.reactions_on(fake::REACTION_POST_ID).len();
    me.remove_reaction(fake::REACTION_POST_ID, fake::REACTION_EMOJI)
        .await
        .unwrap();
    assert_eq!(fake.reactions_on(fake::REACTION_POST_ID).len(), before - 1);
    let apps = me.get_authorised_apps().await.unwrap();
    assert!(apps.iter().any(|app| app.id == fake::OAUTH_APP_ID));
    assert_eq!(
        me.get_authorized_apps().per_page(5).await.unwrap().len(),
        apps.len()
    );

    // sessions, then offboarding: deactivate, revoke everything
    let sessions = me.get_sessions().await.unwrap();
    let other = sessions
        .iter()
        .find(|s| s.id == fake::USER_MOBILE_SESSION_ID)
        .unwrap();
    me.revoke_session(other.id.as_str()).await.unwrap();
    assert!(!fake.token_is_valid(fake::USER_MOBILE_TOKEN));
    a.update_active_status(false).await.unwrap();
    a.update_active_status(true).await.unwrap();
    a.deactivate().await.unwrap();
    assert!(a.get().await.unwrap().is_deactivated());
    a.revoke_all_sessions().await.unwrap();
    assert!(fake.sessions_of(fake::USER_ID).is_empty());
    let err = me.get().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401), "{err}");

    // logout ends the session the login created, server side too
    let sessions = fake.sessions_of(fake::ADMIN_ID).len();
    admin.logout().await.unwrap();
    assert_eq!(fake.sessions_of(fake::ADMIN_ID).len(), sessions - 1);
    assert!(!admin.is_authenticated());

    let waits = waits.log.lock().unwrap().clone();
    let limited = fake
        .requests()
        .iter()
        .filter(|r| r.status.as_u16() == 429)
        .count();
    match limits {
        Limits::None => assert!(waits.is_empty() && limited == 0, "{via:?}"),
        // The limiter was reached (paced or waited out), and nothing failed.
        Limits::Gcra => assert!(!waits.is_empty(), "{via:?}: no wait at all"),
        // One `Retry-After: 1` wait per kind of request, each after its `429`.
        Limits::FirstOfEachKind => {
            assert!(limited > 10, "{via:?}: {limited}");
            assert_eq!(waits, vec![Duration::from_secs(1); limited], "{via:?}");
        }
    }
}

#[tokio::test]
async fn every_seed_operation_in_memory() {
    every_seed_operation(Via::InMemory).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_seed_operation_over_reqwest() {
    every_seed_operation(Via::Reqwest).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_seed_operation_over_hyper() {
    every_seed_operation(Via::Hyper).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_seed_operation_over_reqwest_with_the_rate_limiter_on() {
    every_seed_operation_with(Via::Reqwest, Limits::Gcra).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_seed_operation_over_hyper_with_the_rate_limiter_on() {
    every_seed_operation_with(Via::Hyper, Limits::Gcra).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_seed_operation_over_reqwest_when_each_first_request_is_limited() {
    every_seed_operation_with(Via::Reqwest, Limits::FirstOfEachKind).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_seed_operation_over_hyper_when_each_first_request_is_limited() {
    every_seed_operation_with(Via::Hyper, Limits::FirstOfEachKind).await;
}
