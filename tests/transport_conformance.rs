//! Both transports of the SDK pass the exported conformance kit
//! (`mattermost_sdk_mock::conformance`, the suite users run against their own transports),
//! with every option it has: HTTP/2 with prior knowledge, redirects followed, and the SDK's
//! default `User-Agent`. Then the facade end to end over each, against the served fake.

use std::time::Duration;

use http::StatusCode;
use mattermost_sdk_core::models::UserPatch;
use mattermost_sdk_core::Transport;
use mattermost_sdk_hyper::hyper_util::client::legacy::connect::HttpConnector;
use mattermost_sdk_hyper::hyper_util::client::legacy::Client;
use mattermost_sdk_hyper::hyper_util::rt::TokioExecutor;
use mattermost_sdk_hyper::HyperTransport;
use mattermost_sdk_mock::conformance::{Config, Kit};
use mattermost_sdk_mock::{fake, serve, FakeServer};
use mattermost_sdk_reqwest::{reqwest, ReqwestTransport, USER_AGENT_VALUE};

fn reqwest_transport(cfg: Config) -> ReqwestTransport {
    ReqwestTransport::new()
        .timeout(cfg.timeout)
        .max_body_bytes(cfg.max_body_bytes)
        .follow_redirects(cfg.max_redirects)
}

fn hyper_transport(cfg: Config) -> HyperTransport {
    HyperTransport::new()
        .timeout(cfg.timeout)
        .max_body_bytes(cfg.max_body_bytes)
        .follow_redirects(cfg.max_redirects)
}

#[tokio::test]
async fn reqwest_passes_the_conformance_kit() {
    let report = Kit::new(reqwest_transport)
        .http2_prior_knowledge(|| {
            let client = reqwest::Client::builder()
                .http2_prior_knowledge()
                .redirect(reqwest::redirect::Policy::none())
                .build()
                .expect("a client");
            ReqwestTransport::from_client(client).timeout(Duration::from_secs(10))
        })
        .default_user_agent(USER_AGENT_VALUE)
        .run()
        .await;
    report.assert_passed();
    assert!(report.skipped.is_empty(), "{report}");
}

#[tokio::test]
async fn hyper_passes_the_conformance_kit() {
    let report = Kit::new(hyper_transport)
        .http2_prior_knowledge(|| {
            let client = Client::builder(TokioExecutor::new())
                .http2_only(true)
                .build(HttpConnector::new());
            HyperTransport::from_client(client).timeout(Duration::from_secs(10))
        })
        .default_user_agent(USER_AGENT_VALUE)
        .run()
        .await;
    report.assert_passed();
    assert!(report.skipped.is_empty(), "{report}");
}

/// The facade over `transport`, against the fake served on loopback.
async fn facade_end_to_end(transport: impl Transport + 'static) {
    let served = serve(FakeServer::new(), "127.0.0.1:0".parse().unwrap())
        .await
        .expect("serve the fake");
    let client = mattermost_sdk::Client::builder(served.base_url())
        .transport(transport)
        .build()
        .expect("a client");

    let me = client
        .login(fake::USER_LOGIN, fake::USER_PASSWORD)
        .await
        .expect("login");
    assert_eq!(me.id, fake::USER_ID);
    assert_eq!(client.me().await.expect("me").username, fake::USER_LOGIN);

    let teams = client.user(&me).teams().await.expect("teams");
    let mut team_ids: Vec<_> = teams.iter().map(|t| t.id.as_str()).collect();
    team_ids.sort_unstable();
    assert_eq!(team_ids, [fake::TEAM_ALPHA_ID, fake::TEAM_BETA_ID]);

    let patch = UserPatch {
        nickname: Some("Al".into()),
        ..UserPatch::default()
    };
    let patched = client.user(&me).patch(patch).await.expect("patch");
    assert_eq!(patched.nickname.as_deref(), Some("Al"));

    // Binary bytes (every byte value, CR LF and "--" included) survive the round trip.
    let image: Vec<u8> = (0..=255u8).cycle().take(50_000).collect();
    client
        .user(&me)
        .set_profile_image(image.clone(), "image/gif")
        .await
        .expect("set the profile image");
    let got = client
        .user(&me)
        .get_profile_image()
        .await
        .expect("get the profile image");
    assert_eq!(got.bytes.as_ref(), image.as_slice());

    let missing = client
        .users()
        .get("abcdefghijklmnopqrstuvwxyz")
        .await
        .unwrap_err();
    let api = missing.as_api().expect("an API error");
    assert_eq!(api.status, StatusCode::NOT_FOUND);
    assert_eq!(api.id(), Some("app.user.missing_account.const"));

    client.logout().await.expect("logout");
    let after = client.me().await.unwrap_err();
    assert_eq!(after.status(), Some(StatusCode::UNAUTHORIZED));
    served.shutdown().await;
}

#[tokio::test]
async fn the_facade_over_reqwest_end_to_end() {
    facade_end_to_end(reqwest_transport(Config::default())).await;
}

#[tokio::test]
async fn the_facade_over_hyper_end_to_end() {
    facade_end_to_end(hyper_transport(Config::default())).await;
}
