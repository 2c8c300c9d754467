//! The CWS login over real loopback HTTP, with reqwest and with hyper, each told to follow
//! redirects: the login's `302` (to the fake's site URL, where nothing listens) is its answer
//! and is not followed, so its session cookie reaches the caller; a call that does follow
//! redirects still does. Also: the client learns the fake's `X-Version-Id` over HTTP.

use bytes::Bytes;
use http::{Response, StatusCode};
use mattermost_sdk::{Client, DynTransport, Token};
use mattermost_sdk_hyper::HyperTransport;
use mattermost_sdk_mock::fake::{self, FAKE_SERVER_VERSION};
use mattermost_sdk_mock::{serve, FakeServer};
use mattermost_sdk_reqwest::ReqwestTransport;
use std::sync::Arc;

const CWS: &str = "e2e-cws-token-0123456789";

async fn cws_login_is_not_followed(transport: Arc<dyn DynTransport>) {
    let fake = FakeServer::builder()
        .with_default_data()
        // A route that redirects, to show the same transport does follow other redirects.
        .route("GET", "/api/v4/e2e/moved", |_| {
            Response::builder()
                .status(StatusCode::FOUND)
                .header("location", "/api/v4/system/ping")
                .body(Bytes::new())
                .unwrap()
        })
        .build();
    fake.configure(|s| {
        s.cloud_license = true;
        s.cws_cloud_token = Some(Token::new(CWS));
    });
    let server = serve(fake.clone(), "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let c = Client::builder(server.base_url())
        .shared_transport(transport)
        .build()
        .unwrap();
    let login = c
        .users()
        .login_by_cws_token(fake::USER_LOGIN, CWS)
        .await
        .unwrap();
    assert_eq!(login.user_id.as_deref(), Some(fake::USER_ID));
    assert_eq!(login.location.as_deref(), Some("http://localhost:8065"));
    let alice = Client::builder(server.base_url())
        .token(login.token)
        .transport(ReqwestTransport::new())
        .build()
        .unwrap();
    assert_eq!(alice.me().await.unwrap().id.as_str(), fake::USER_ID);
    assert_eq!(
        alice.server_version().map(|v| v.raw),
        Some(FAKE_SERVER_VERSION.to_owned())
    );
    let moved = http::Request::get("/api/v4/e2e/moved")
        .body(Bytes::new())
        .unwrap();
    let resp = c.send_raw(moved).await.unwrap();
    assert_eq!(
        resp.status(),
        StatusCode::OK,
        "other redirects are followed"
    );
    server.shutdown().await;
}

#[tokio::test]
async fn reqwest_does_not_follow_the_cws_login() {
    cws_login_is_not_followed(Arc::new(ReqwestTransport::new().follow_redirects(5))).await;
}

#[tokio::test]
async fn hyper_does_not_follow_the_cws_login() {
    cws_login_is_not_followed(Arc::new(HyperTransport::new().follow_redirects(5))).await;
}
