//! The fake served over real loopback HTTP, driven by hyper-util's client.
#![cfg(feature = "serve")]

use bytes::Bytes;
use http::{Method, Request, Response, StatusCode};
use http_body_util::{BodyExt, Full};
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::client::legacy::Client;
use hyper_util::rt::TokioExecutor;
use mattermost_sdk_core::endpoints::users::{GetProfileImage, Login, SetProfileImage};
use mattermost_sdk_core::{build_request, parse_response, BaseUrl, Secret, UserId};
use mattermost_sdk_mock::fake::{self, FakeServer};
use mattermost_sdk_mock::serve;

type HttpClient = Client<HttpConnector, Full<Bytes>>;

async fn send(client: &HttpClient, req: Request<Bytes>) -> Response<Bytes> {
    let resp = client
        .request(req.map(Full::new))
        .await
        .expect("the request reaches the server");
    let (parts, body) = resp.into_parts();
    Response::from_parts(
        parts,
        body.collect().await.expect("a readable body").to_bytes(),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_fake_answers_over_loopback_http() {
    let fake = FakeServer::new();
    let server = serve(fake.clone(), "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    assert!(server.local_addr().ip().is_loopback());
    assert_ne!(server.local_addr().port(), 0);
    assert_eq!(server.base_url(), format!("http://{}", server.local_addr()));
    let base = BaseUrl::parse(&server.base_url()).unwrap();
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();

    // Login: the token comes back in the Token header.
    let login = Login::new(fake::USER_LOGIN.into(), Secret::new(fake::USER_PASSWORD));
    let resp = send(&client, build_request(&login, &base, None).unwrap()).await;
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(resp.headers().get("x-request-id").is_some());
    let logged_in = parse_response::<Login>(resp).unwrap();
    assert_eq!(logged_in.user.id, fake::USER_ID);
    let token = logged_in.token;
    assert!(
        fake.token_is_valid(token.expose()),
        "the served fake shares state with the original"
    );

    // An image upload (multipart) and download, byte for byte.
    let image = Bytes::from_static(b"\x89PNG\r\n\x1a\nserved-image");
    let up = SetProfileImage::new(UserId::me(), image.clone(), "image/png".into());
    let resp = send(&client, build_request(&up, &base, Some(&token)).unwrap()).await;
    assert!(parse_response::<SetProfileImage>(resp).unwrap().is_ok());
    let down = GetProfileImage::new(UserId::me());
    let resp = send(&client, build_request(&down, &base, Some(&token)).unwrap()).await;
    let got = parse_response::<GetProfileImage>(resp).unwrap();
    assert_eq!(
        (got.bytes, got.content_type.as_deref()),
        (image, Some("image/png"))
    );

    // Errors keep their Mattermost body over the wire.
    let req = Request::builder()
        .method(Method::GET)
        .uri(format!("{}/api/v4/users/me", server.base_url()))
        .body(Bytes::new())
        .unwrap();
    let resp = send(&client, req).await;
    assert_eq!(resp.status(), StatusCode::UNAUTHORIZED);
    let v: serde_json::Value = serde_json::from_slice(resp.body()).unwrap();
    assert_eq!(v["id"], "api.context.session_expired.app_error");

    assert!(fake.requests().len() >= 4);
    let addr = server.local_addr();
    server.shutdown().await;

    // After shutdown, nothing listens there any more.
    let fresh: HttpClient = Client::builder(TokioExecutor::new()).build_http();
    let req = Request::get(format!("http://{addr}/api/v4/system/ping"))
        .body(Full::new(Bytes::new()))
        .unwrap();
    assert!(fresh.request(req).await.is_err());
}

#[tokio::test]
async fn dropping_the_handle_stops_the_server() {
    let server = serve(FakeServer::new(), "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let addr = server.local_addr();
    let client: HttpClient = Client::builder(TokioExecutor::new()).build_http();
    let ping = || {
        Request::get(format!("http://{addr}/api/v4/system/ping"))
            .body(Full::new(Bytes::new()))
            .unwrap()
    };
    assert_eq!(
        client.request(ping()).await.unwrap().status(),
        StatusCode::OK
    );
    drop(server);
    tokio::task::yield_now().await;
    let fresh: HttpClient = Client::builder(TokioExecutor::new()).build_http();
    let mut refused = false;
    for _ in 0..50 {
        if fresh.request(ping()).await.is_err() {
            refused = true;
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(
        refused,
        "the server still answers after its handle was dropped"
    );
}
