//! The kit's cases, each generic over the transport. Moved here from the workspace's
//! `tests/transport_conformance.rs`, which now runs them for reqwest and hyper.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bytes::Bytes;
use http::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE, USER_AGENT};
use http::{Method, Request, Response, StatusCode, Version};
use mattermost_sdk_core::endpoints::users::{
    GetProfileImage, GetUser, Login, PatchUser, SetProfileImage,
};
use mattermost_sdk_core::models::UserPatch;
use mattermost_sdk_core::{
    build_request, parse_response, ApiErrorBody, BaseUrl, Error, Secret, Token, Transport,
    TransportError, TransportErrorKind, UserId,
};

use super::servers::{
    endless, refused_port, respond, then_stall, with_body, RawServer, TestServer,
};
use super::{assert_kind, Case, Config, Inner, Needs};
use crate::fake::{self, FakeServer};

const TOKEN: &str = "conformance-secret-token";

/// Every case, by name, in the order they run.
pub(super) fn all<T: Transport + 'static>() -> Vec<(&'static str, Case<T>)> {
    macro_rules! cases {
        ($($needs:ident: $name:ident),* $(,)?) => {
            vec![$((
                stringify!($name),
                Case { run: |k| Box::pin($name::<T>(k)), needs: Needs::$needs },
            )),*]
        };
    }
    cases![
        Nothing: repeated_headers_are_preserved,
        H2c: http2_keeps_version_headers_and_body,
        Nothing: a_silent_server_times_out,
        Nothing: a_body_that_stalls_times_out,
        Nothing: a_refused_connection_is_connect,
        Nothing: a_hang_up_before_the_answer_is_io,
        Nothing: a_hang_up_mid_body_is_io,
        Nothing: a_response_that_is_not_http_is_io,
        Nothing: an_endless_body_is_cut_at_the_cap,
        Nothing: a_large_content_length_is_refused,
        Nothing: a_body_exactly_at_the_cap_is_accepted,
        Nothing: redirects_are_returned_as_is_by_default,
        Nothing: a_cross_origin_redirect_drops_credentials,
        FollowsRedirects: a_same_origin_redirect_keeps_credentials,
        FollowsRedirects: redirect_methods_follow_the_status,
        FollowsRedirects: too_many_redirects_is_redirect,
        Nothing: requests_arrive_intact,
        Nothing: multipart_bodies_arrive_byte_for_byte,
        Nothing: bad_bodies_become_typed_errors,
        Nothing: end_to_end_against_the_served_fake,
        Nothing: gzip_is_asked_for_and_decoded,
        Nothing: a_gzip_body_is_capped_by_its_decoded_size,
        Nothing: an_encoding_it_cannot_decode_is_named,
    ]
}

fn request(method: Method, url: &str, body: impl Into<Bytes>) -> Request<Bytes> {
    Request::builder()
        .method(method)
        .uri(url)
        .header(AUTHORIZATION, format!("Bearer {TOKEN}"))
        .body(body.into())
        .expect("valid request")
}

fn get(url: &str) -> Request<Bytes> {
    request(Method::GET, url, Bytes::new())
}

async fn send<T: Transport>(
    k: &Inner<T>,
    cfg: Config,
    req: Request<Bytes>,
) -> Result<Response<Bytes>, TransportError> {
    k.make(cfg).send(req).await
}

fn kind(result: Result<Response<Bytes>, TransportError>, kind: TransportErrorKind) {
    assert_kind(result, kind, TOKEN);
}

fn short_timeout() -> Config {
    Config {
        timeout: Duration::from_millis(300),
        ..Config::default()
    }
}

fn small_cap() -> Config {
    Config {
        max_body_bytes: 1024,
        ..Config::default()
    }
}

fn redirects(n: usize) -> Config {
    Config {
        max_redirects: n,
        ..Config::default()
    }
}

async fn repeated_headers_are_preserved<T: Transport>(k: Arc<Inner<T>>) {
    let server = TestServer::start(|_| {
        respond(
            200,
            &[
                ("x-multi", "one"),
                ("x-multi", "two"),
                ("set-cookie", "a=1; Path=/"),
                ("set-cookie", "b=2; Path=/"),
                ("x-request-id", "req-1"),
            ],
            "hello",
        )
    })
    .await;
    let resp = send(&k, Config::default(), get(&server.url("/h")))
        .await
        .expect("a response");
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.version(), Version::HTTP_11);
    let multi: Vec<_> = resp.headers().get_all("x-multi").iter().collect();
    assert_eq!(multi, ["one", "two"]);
    let cookies: Vec<_> = resp.headers().get_all(SET_COOKIE).iter().collect();
    assert_eq!(cookies, ["a=1; Path=/", "b=2; Path=/"]);
    assert_eq!(resp.headers()["x-request-id"], "req-1");
    assert_eq!(resp.body().as_ref(), b"hello");
}

async fn http2_keeps_version_headers_and_body<T: Transport>(k: Arc<Inner<T>>) {
    let server = TestServer::start(|seen| {
        respond(
            200,
            &[("x-multi", "one"), ("x-multi", "two")],
            seen.body.clone(),
        )
    })
    .await;
    let Some(make_h2c) = k.h2c.as_ref() else {
        return;
    };
    let req = request(Method::PUT, &server.url("/h2?q=1"), "ping over h2");
    let resp = make_h2c().send(req).await.expect("a response");
    assert_eq!(resp.version(), Version::HTTP_2);
    let multi: Vec<_> = resp.headers().get_all("x-multi").iter().collect();
    assert_eq!(multi, ["one", "two"]);
    assert_eq!(resp.body().as_ref(), b"ping over h2");
    let seen = &server.requests()[0];
    assert_eq!(seen.version, Version::HTTP_2);
    assert_eq!(seen.method, Method::PUT);
    assert_eq!(
        seen.uri.path_and_query().map(|p| p.as_str()),
        Some("/h2?q=1")
    );
    assert_eq!(
        seen.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
}

async fn a_silent_server_times_out<T: Transport>(k: Arc<Inner<T>>) {
    let server = RawServer::silent().await;
    let started = Instant::now();
    kind(
        send(&k, short_timeout(), get(&server.url("/stall"))).await,
        TransportErrorKind::Timeout,
    );
    let took = started.elapsed();
    assert!(
        took >= Duration::from_millis(290),
        "gave up early: {took:?}"
    );
    assert!(took < Duration::from_secs(3), "took {took:?}");
}

async fn a_body_that_stalls_times_out<T: Transport>(k: Arc<Inner<T>>) {
    let server = TestServer::start(|_| with_body(200, &[], then_stall("partial"))).await;
    let started = Instant::now();
    kind(
        send(&k, short_timeout(), get(&server.url("/slow"))).await,
        TransportErrorKind::Timeout,
    );
    assert!(started.elapsed() < Duration::from_secs(3));
}

async fn a_refused_connection_is_connect<T: Transport>(k: Arc<Inner<T>>) {
    let url = format!("http://127.0.0.1:{}/api/v4/users/me", refused_port());
    kind(
        send(&k, Config::default(), get(&url)).await,
        TransportErrorKind::Connect,
    );
}

async fn a_hang_up_before_the_answer_is_io<T: Transport>(k: Arc<Inner<T>>) {
    let server = RawServer::start(b"", true).await;
    kind(
        send(&k, Config::default(), get(&server.url("/"))).await,
        TransportErrorKind::Io,
    );
}

async fn a_hang_up_mid_body_is_io<T: Transport>(k: Arc<Inner<T>>) {
    let reply = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789";
    let server = RawServer::start(reply, true).await;
    kind(
        send(&k, Config::default(), get(&server.url("/"))).await,
        TransportErrorKind::Io,
    );
}

async fn a_response_that_is_not_http_is_io<T: Transport>(k: Arc<Inner<T>>) {
    let server = RawServer::start(b"SSH-2.0-OpenSSH_9.6\r\n\r\n", true).await;
    kind(
        send(&k, Config::default(), get(&server.url("/"))).await,
        TransportErrorKind::Io,
    );
}

async fn an_endless_body_is_cut_at_the_cap<T: Transport>(k: Arc<Inner<T>>) {
    // Endless and chunked: only reading chunk by chunk can stop it.
    let server = TestServer::start(|_| with_body(200, &[], endless(16 * 1024))).await;
    let started = Instant::now();
    kind(
        send(&k, small_cap(), get(&server.url("/big"))).await,
        TransportErrorKind::BodyTooLarge,
    );
    assert!(started.elapsed() < Duration::from_secs(3));
}

async fn a_large_content_length_is_refused<T: Transport>(k: Arc<Inner<T>>) {
    let server = TestServer::start(|_| respond(200, &[], vec![b'y'; 1 << 20])).await;
    kind(
        send(&k, small_cap(), get(&server.url("/big"))).await,
        TransportErrorKind::BodyTooLarge,
    );
}

async fn a_body_exactly_at_the_cap_is_accepted<T: Transport>(k: Arc<Inner<T>>) {
    let server = TestServer::start(|seen| {
        let len = if seen.uri.path() == "/exact" {
            1024
        } else {
            1025
        };
        respond(200, &[], vec![b'z'; len])
    })
    .await;
    let resp = send(&k, small_cap(), get(&server.url("/exact")))
        .await
        .expect("a response");
    assert_eq!(resp.body().len(), 1024);
    kind(
        send(&k, small_cap(), get(&server.url("/over"))).await,
        TransportErrorKind::BodyTooLarge,
    );

    // A HEAD answer announces a length but has no body: nothing to refuse.
    let resp = send(
        &k,
        small_cap(),
        request(Method::HEAD, &server.url("/over"), ""),
    )
    .await;
    let resp = resp.expect("a response");
    assert_eq!(resp.headers()["content-length"], "1025");
    assert!(resp.body().is_empty());
}

async fn redirects_are_returned_as_is_by_default<T: Transport>(k: Arc<Inner<T>>) {
    let server = TestServer::start(|_| respond(302, &[("location", "/elsewhere")], "")).await;
    let resp = send(&k, Config::default(), get(&server.url("/start")))
        .await
        .expect("a response");
    assert_eq!(resp.status(), StatusCode::FOUND);
    assert_eq!(resp.headers()[LOCATION], "/elsewhere");
    assert_eq!(server.requests().len(), 1);
}

async fn a_cross_origin_redirect_drops_credentials<T: Transport>(k: Arc<Inner<T>>) {
    let b = TestServer::start(|_| respond(200, &[], "landed on B")).await;
    let target = b.url("/landed?x=1");
    let a = TestServer::start(move |_| respond(302, &[("location", &target)], "")).await;
    let mut req = get(&a.url("/start"));
    req.headers_mut()
        .insert(COOKIE, "MMAUTHTOKEN=cookie-secret".parse().unwrap());
    let resp = send(&k, redirects(5), req).await.expect("a response");

    let at_a = a.requests();
    assert_eq!(at_a.len(), 1);
    assert_eq!(
        at_a[0].header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    let at_b = b.requests();
    if !k.follows_redirects {
        assert_eq!(resp.status(), StatusCode::FOUND);
        assert!(
            at_b.is_empty(),
            "a transport that does not follow went to B"
        );
        return;
    }
    assert_eq!(resp.status(), StatusCode::OK);
    assert_eq!(resp.body().as_ref(), b"landed on B");
    assert_eq!(at_b.len(), 1);
    assert_eq!(at_b[0].uri, "/landed?x=1");
    assert_eq!(at_b[0].header("authorization"), None);
    assert_eq!(at_b[0].header("cookie"), None);
    assert_eq!(
        at_b[0].header("host"),
        Some(format!("127.0.0.1:{}", b.port()).as_str())
    );
}

async fn a_same_origin_redirect_keeps_credentials<T: Transport>(k: Arc<Inner<T>>) {
    let server = TestServer::start(|seen| match seen.uri.path() {
        "/start" => respond(301, &[("location", "landed")], ""),
        _ => respond(200, &[], "landed"),
    })
    .await;
    let resp = send(&k, redirects(5), get(&server.url("/start")))
        .await
        .expect("a response");
    assert_eq!(resp.status(), StatusCode::OK);
    let seen = server.requests();
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].uri, "/landed");
    assert_eq!(
        seen[1].header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
}

async fn redirect_methods_follow_the_status<T: Transport>(k: Arc<Inner<T>>) {
    let server = TestServer::start(|seen| match seen.uri.path() {
        "/303" => respond(303, &[("location", "/done")], ""),
        "/307" => respond(307, &[("location", "/done")], ""),
        _ => respond(200, &[], ""),
    })
    .await;
    for path in ["/303", "/307"] {
        let mut req = request(Method::POST, &server.url(path), r#"{"a":1}"#);
        req.headers_mut()
            .insert(CONTENT_TYPE, "application/json".parse().unwrap());
        let resp = send(&k, redirects(1), req).await.expect("a response");
        assert_eq!(resp.status(), StatusCode::OK);
    }
    let seen = server.requests();
    assert_eq!(seen.len(), 4);
    assert_eq!(
        (&seen[1].method, seen[1].body.as_ref()),
        (&Method::GET, &b""[..])
    );
    assert_eq!(seen[1].header("content-type"), None);
    assert_eq!(
        (&seen[3].method, seen[3].body.as_ref()),
        (&Method::POST, &br#"{"a":1}"#[..])
    );
    assert_eq!(seen[3].header("content-type"), Some("application/json"));
}

async fn too_many_redirects_is_redirect<T: Transport>(k: Arc<Inner<T>>) {
    let server = TestServer::start(|_| respond(302, &[("location", "/again")], "")).await;
    kind(
        send(&k, redirects(3), get(&server.url("/start"))).await,
        TransportErrorKind::Redirect,
    );
    assert_eq!(server.requests().len(), 4);
}

async fn requests_arrive_intact<T: Transport>(k: Arc<Inner<T>>) {
    let server = TestServer::start(|_| respond(201, &[], "")).await;
    let body = r#"{"username":"jo","note":"héllo \"quoted\" \u0000"}"#;
    let mut req = request(
        Method::POST,
        &server.url("/api/v4/users?a=1&b=x%20y&b=z"),
        body,
    );
    let headers = req.headers_mut();
    headers.insert(CONTENT_TYPE, "application/json".parse().unwrap());
    headers.append("x-repeat", "first".parse().unwrap());
    headers.append("x-repeat", "second".parse().unwrap());
    let resp = send(&k, Config::default(), req).await.expect("a response");
    assert_eq!(resp.status(), StatusCode::CREATED);

    let seen = &server.requests()[0];
    assert_eq!(seen.method, Method::POST);
    assert_eq!(seen.uri, "/api/v4/users?a=1&b=x%20y&b=z");
    assert_eq!(seen.body.as_ref(), body.as_bytes());
    assert_eq!(seen.header("content-type"), Some("application/json"));
    assert_eq!(
        seen.header("authorization"),
        Some(format!("Bearer {TOKEN}").as_str())
    );
    let repeats: Vec<_> = seen.headers.get_all("x-repeat").iter().collect();
    assert_eq!(repeats, ["first", "second"]);
    if let Some(prefix) = &k.user_agent_prefix {
        let ua = seen.header("user-agent").expect("a User-Agent");
        assert!(ua.starts_with(prefix.as_str()), "{ua}");
    }

    // A caller's own User-Agent is kept.
    let mut req = get(&server.url("/ua"));
    req.headers_mut()
        .insert(USER_AGENT, "my-bot/2".parse().unwrap());
    send(&k, Config::default(), req).await.expect("a response");
    assert_eq!(server.requests()[1].header("user-agent"), Some("my-bot/2"));
}

async fn multipart_bodies_arrive_byte_for_byte<T: Transport>(k: Arc<Inner<T>>) {
    let server = TestServer::start(|_| respond(200, &[], r#"{"status":"OK"}"#)).await;
    let base = BaseUrl::parse(&server.base()).unwrap();
    let image: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let ep = SetProfileImage::new(UserId::me(), Bytes::from(image.clone()), "image/png".into());
    let req = build_request(&ep, &base, Some(&Token::new(TOKEN))).unwrap();
    let sent_body = req.body().clone();
    let sent_type = req.headers()[CONTENT_TYPE].clone();
    let resp = send(&k, Config::default(), req).await.expect("a response");
    parse_response::<SetProfileImage>(resp).expect("status OK");

    let seen = &server.requests()[0];
    assert_eq!(seen.method, Method::POST);
    assert_eq!(seen.uri, "/api/v4/users/me/image");
    assert_eq!(seen.body, sent_body);
    assert_eq!(seen.headers[CONTENT_TYPE], sent_type);
    let found = seen
        .body
        .windows(image.len())
        .any(|w| w == image.as_slice());
    assert!(found, "the image bytes are not in the multipart body");
}

async fn bad_bodies_become_typed_errors<T: Transport>(k: Arc<Inner<T>>) {
    const HTML: &str = "<html><body><h1>502 Bad Gateway</h1></body></html>";
    let server = TestServer::start(|seen| {
        if seen.uri.path().ends_with("/me") {
            respond(
                200,
                &[("content-type", "application/json")],
                r#"{"id": "abc", "#,
            )
        } else {
            respond(502, &[("content-type", "text/html")], HTML)
        }
    })
    .await;
    let base = BaseUrl::parse(&server.base()).unwrap();
    let token = Token::new(TOKEN);
    let transport = k.make(Config::default());

    let req = build_request(&GetUser::new(UserId::me()), &base, Some(&token)).unwrap();
    let resp = transport.send(req).await.expect("a response");
    match parse_response::<GetUser>(resp) {
        Err(Error::Decode(e)) => assert_eq!(e.status, StatusCode::OK),
        other => panic!("expected a decode error, got {other:?}"),
    }

    let other = UserId::new("abcdefghijklmnopqrstuvwxyz").unwrap();
    let req = build_request(&GetUser::new(other), &base, Some(&token)).unwrap();
    let resp = transport.send(req).await.expect("a response");
    match parse_response::<GetUser>(resp) {
        Err(Error::Api(e)) => {
            assert_eq!(e.status, StatusCode::BAD_GATEWAY);
            assert_eq!(
                e.body,
                ApiErrorBody::Raw(Bytes::from_static(HTML.as_bytes()))
            );
        }
        other => panic!("expected an API error, got {other:?}"),
    }
}

async fn end_to_end_against_the_served_fake<T: Transport>(k: Arc<Inner<T>>) {
    let served = crate::serve(FakeServer::new(), "127.0.0.1:0".parse().unwrap())
        .await
        .expect("serve the fake");
    let base = BaseUrl::parse(&served.base_url()).unwrap();
    let transport = k.make(Config::default());
    let call = |req| transport.send(req);

    let login = Login::new(fake::USER_LOGIN.into(), Secret::new(fake::USER_PASSWORD));
    let resp = call(build_request(&login, &base, None).unwrap()).await;
    let session = parse_response::<Login>(resp.expect("a response")).expect("login");
    assert_eq!(session.user.id, fake::USER_ID);
    let token = Some(&session.token);

    let me = build_request(&GetUser::new(UserId::me()), &base, token).unwrap();
    let me = parse_response::<GetUser>(call(me).await.expect("a response")).expect("me");
    assert_eq!(me.username, fake::USER_LOGIN);

    let patch = UserPatch {
        nickname: Some("Al".into()),
        ..UserPatch::default()
    };
    let req = build_request(&PatchUser::new(UserId::me(), patch), &base, token).unwrap();
    let patched = parse_response::<PatchUser>(call(req).await.expect("a response"));
    assert_eq!(patched.expect("patch").nickname.as_deref(), Some("Al"));

    // Binary bytes (every byte value, CR LF and "--" included) survive the round trip.
    let image: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
    let up = SetProfileImage::new(UserId::me(), Bytes::from(image.clone()), "image/gif".into());
    let resp = call(build_request(&up, &base, token).unwrap()).await;
    parse_response::<SetProfileImage>(resp.expect("a response")).expect("set the image");
    let req = build_request(&GetProfileImage::new(UserId::me()), &base, token).unwrap();
    let got = parse_response::<GetProfileImage>(call(req).await.expect("a response"));
    let got = got.expect("get the image");
    assert_eq!(got.bytes.as_ref(), image.as_slice());
    assert_eq!(got.content_type.as_deref(), Some("image/gif"));

    let missing = UserId::new("abcdefghijklmnopqrstuvwxyz").unwrap();
    let req = build_request(&GetUser::new(missing), &base, token).unwrap();
    match parse_response::<GetUser>(call(req).await.expect("a response")) {
        Err(Error::Api(e)) => {
            assert_eq!(e.status, StatusCode::NOT_FOUND);
            assert_eq!(e.id(), Some("app.user.missing_account.const"));
            assert!(e.request_id.is_some());
        }
        other => panic!("expected a 404, got {other:?}"),
    }
    served.shutdown().await;
}

fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    enc.write_all(data).expect("gzip in memory");
    enc.finish().expect("gzip in memory")
}

/// `Accept-Encoding: gzip` is sent; a gzip answer arrives decoded, its `Content-Encoding`
/// still visible.
async fn gzip_is_asked_for_and_decoded<T: Transport>(k: Arc<Inner<T>>) {
    let json = br#"{"id":"u1","username":"alice","padding":"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"}"#;
    let packed = gzip(json);
    let server = TestServer::start(move |seen| {
        let asks = seen
            .header("accept-encoding")
            .is_some_and(|v| v.split(',').any(|c| c.trim().starts_with("gzip")));
        if asks {
            respond(
                200,
                &[
                    ("content-type", "application/json"),
                    ("content-encoding", "gzip"),
                ],
                packed.clone(),
            )
        } else {
            respond(400, &[], "no Accept-Encoding: gzip")
        }
    })
    .await;
    let resp = send(&k, Config::default(), get(&server.url("/gz")))
        .await
        .expect("a response");
    assert_eq!(
        resp.status(),
        StatusCode::OK,
        "the transport did not ask for gzip"
    );
    assert_eq!(resp.body().as_ref(), json.as_slice(), "decoded");
    assert_eq!(
        resp.headers()["content-encoding"],
        "gzip",
        "Content-Encoding kept"
    );
}

/// The cap counts decoded bytes: a small gzip body that expands past it is refused.
async fn a_gzip_body_is_capped_by_its_decoded_size<T: Transport>(k: Arc<Inner<T>>) {
    let packed = gzip(&vec![b'0'; 64 * 1024]);
    assert!(
        packed.len() < 1024,
        "the packed body itself is under the cap"
    );
    let server =
        TestServer::start(move |_| respond(200, &[("content-encoding", "gzip")], packed.clone()))
            .await;
    kind(
        send(&k, small_cap(), get(&server.url("/bomb"))).await,
        TransportErrorKind::BodyTooLarge,
    );
}

/// A body in an encoding the transport cannot decode is an error that names the encoding.
async fn an_encoding_it_cannot_decode_is_named<T: Transport>(k: Arc<Inner<T>>) {
    let server =
        TestServer::start(|_| respond(200, &[("content-encoding", "br")], &b"\x1b\x03\x00"[..]))
            .await;
    let err = send(&k, Config::default(), get(&server.url("/br")))
        .await
        .expect_err("an undecodable body is an error");
    assert!(
        err.to_string().contains("\"br\""),
        "the error names the encoding: {err}"
    );
}
