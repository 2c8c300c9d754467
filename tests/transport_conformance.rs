//! One network-behaviour suite, written once and run for every transport against real
//! loopback servers (`tests/support`): headers, timeouts, refused connections, body caps,
//! redirects, request fidelity, error decoding through `parse_response`, and the facade
//! end to end against the served fake users API.

mod support;

use std::time::{Duration, Instant};

use bytes::Bytes;
use http::header::{AUTHORIZATION, CONTENT_TYPE, COOKIE, LOCATION, SET_COOKIE, USER_AGENT};
use http::{Method, Request, Response, StatusCode, Version};
use mattermost_sdk_core::endpoints::users::{GetUser, SetProfileImage};
use mattermost_sdk_core::models::UserPatch;
use mattermost_sdk_core::{
    build_request, parse_response, ApiErrorBody, BaseUrl, Error, Token, Transport, TransportError,
    TransportErrorKind, UserId,
};
use mattermost_sdk_hyper::hyper_util::client::legacy::connect::HttpConnector;
use mattermost_sdk_hyper::hyper_util::client::legacy::Client;
use mattermost_sdk_hyper::hyper_util::rt::TokioExecutor;
use mattermost_sdk_hyper::HyperTransport;
use mattermost_sdk_mock::{fake, serve, FakeServer};
use mattermost_sdk_reqwest::{reqwest, ReqwestTransport};
use support::{endless, refused_port, respond, then_stall, with_body, RawServer, TestServer};

const TOKEN: &str = "conformance-secret-token";

/// What a case configures on the transport under test.
#[derive(Debug, Clone, Copy)]
struct Cfg {
    timeout: Duration,
    max_body_bytes: usize,
    redirects: usize,
}

impl Default for Cfg {
    fn default() -> Self {
        Cfg {
            timeout: Duration::from_secs(10),
            max_body_bytes: 1 << 20,
            redirects: 0,
        }
    }
}

/// A transport the suite can build with a [`Cfg`].
trait Make: Transport + Sized + 'static {
    /// The transport's default constructor, configured.
    fn make(cfg: Cfg) -> Self;
    /// `from_client` with a client that speaks HTTP/2 with prior knowledge (h2c).
    fn make_h2c() -> Self;
}

impl Make for ReqwestTransport {
    fn make(cfg: Cfg) -> Self {
        ReqwestTransport::new()
            .timeout(cfg.timeout)
            .max_body_bytes(cfg.max_body_bytes)
            .follow_redirects(cfg.redirects)
    }

    fn make_h2c() -> Self {
        let client = reqwest::Client::builder()
            .http2_prior_knowledge()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("a client");
        ReqwestTransport::from_client(client).timeout(Duration::from_secs(10))
    }
}

impl Make for HyperTransport {
    fn make(cfg: Cfg) -> Self {
        HyperTransport::new()
            .timeout(cfg.timeout)
            .max_body_bytes(cfg.max_body_bytes)
            .follow_redirects(cfg.redirects)
    }

    fn make_h2c() -> Self {
        let client = Client::builder(TokioExecutor::new())
            .http2_only(true)
            .build(HttpConnector::new());
        HyperTransport::from_client(client).timeout(Duration::from_secs(10))
    }
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

async fn send<T: Make>(cfg: Cfg, req: Request<Bytes>) -> Result<Response<Bytes>, TransportError> {
    T::make(cfg).send(req).await
}

/// Asserts a transport error has `kind` and does not leak the token.
fn assert_kind(result: Result<Response<Bytes>, TransportError>, kind: TransportErrorKind) {
    match result {
        Ok(resp) => panic!("expected a {kind} error, got a {} response", resp.status()),
        Err(err) => {
            assert_eq!(err.kind(), kind, "{err}");
            assert!(
                !format!("{err} {err:?}").contains(TOKEN),
                "the token leaked: {err}"
            );
        }
    }
}

/// The cases, each generic over the transport.
mod cases {
    use super::*;

    pub(super) async fn repeated_headers_are_preserved<T: Make>() {
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
        let resp = send::<T>(Cfg::default(), get(&server.url("/h")))
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

    pub(super) async fn http2_keeps_version_headers_and_body<T: Make>() {
        let server = TestServer::start(|seen| {
            respond(
                200,
                &[("x-multi", "one"), ("x-multi", "two")],
                seen.body.clone(),
            )
        })
        .await;
        let req = request(Method::PUT, &server.url("/h2?q=1"), "ping over h2");
        let resp = T::make_h2c().send(req).await.expect("a response");
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

    pub(super) async fn a_silent_server_times_out<T: Make>() {
        let server = RawServer::silent().await;
        let cfg = Cfg {
            timeout: Duration::from_millis(300),
            ..Cfg::default()
        };
        let started = Instant::now();
        assert_kind(
            send::<T>(cfg, get(&server.url("/stall"))).await,
            TransportErrorKind::Timeout,
        );
        let took = started.elapsed();
        assert!(
            took >= Duration::from_millis(290),
            "gave up early: {took:?}"
        );
        assert!(took < Duration::from_secs(3), "took {took:?}");
    }

    pub(super) async fn a_body_that_stalls_times_out<T: Make>() {
        let server = TestServer::start(|_| with_body(200, &[], then_stall("partial"))).await;
        let cfg = Cfg {
            timeout: Duration::from_millis(300),
            ..Cfg::default()
        };
        let started = Instant::now();
        assert_kind(
            send::<T>(cfg, get(&server.url("/slow"))).await,
            TransportErrorKind::Timeout,
        );
        assert!(started.elapsed() < Duration::from_secs(3));
    }

    pub(super) async fn a_refused_connection_is_connect<T: Make>() {
        let url = format!("http://127.0.0.1:{}/api/v4/users/me", refused_port());
        assert_kind(
            send::<T>(Cfg::default(), get(&url)).await,
            TransportErrorKind::Connect,
        );
    }

    pub(super) async fn a_hang_up_before_the_answer_is_io<T: Make>() {
        let server = RawServer::start(b"", true).await;
        assert_kind(
            send::<T>(Cfg::default(), get(&server.url("/"))).await,
            TransportErrorKind::Io,
        );
    }

    pub(super) async fn a_hang_up_mid_body_is_io<T: Make>() {
        let reply = b"HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789";
        let server = RawServer::start(reply, true).await;
        assert_kind(
            send::<T>(Cfg::default(), get(&server.url("/"))).await,
            TransportErrorKind::Io,
        );
    }

    pub(super) async fn a_response_that_is_not_http_is_io<T: Make>() {
        let server = RawServer::start(b"SSH-2.0-OpenSSH_9.6\r\n\r\n", true).await;
        assert_kind(
            send::<T>(Cfg::default(), get(&server.url("/"))).await,
            TransportErrorKind::Io,
        );
    }

    pub(super) async fn an_endless_body_is_cut_at_the_cap<T: Make>() {
        // Endless and chunked: only reading chunk by chunk can stop it.
        let server = TestServer::start(|_| with_body(200, &[], endless(16 * 1024))).await;
        let cfg = Cfg {
            max_body_bytes: 1024,
            ..Cfg::default()
        };
        let started = Instant::now();
        assert_kind(
            send::<T>(cfg, get(&server.url("/big"))).await,
            TransportErrorKind::BodyTooLarge,
        );
        assert!(started.elapsed() < Duration::from_secs(3));
    }

    pub(super) async fn a_large_content_length_is_refused<T: Make>() {
        let server = TestServer::start(|_| respond(200, &[], vec![b'y'; 1 << 20])).await;
        let cfg = Cfg {
            max_body_bytes: 1024,
            ..Cfg::default()
        };
        assert_kind(
            send::<T>(cfg, get(&server.url("/big"))).await,
            TransportErrorKind::BodyTooLarge,
        );
    }

    pub(super) async fn a_body_exactly_at_the_cap_is_accepted<T: Make>() {
        let server = TestServer::start(|seen| {
            let len = if seen.uri.path() == "/exact" {
                1024
            } else {
                1025
            };
            respond(200, &[], vec![b'z'; len])
        })
        .await;
        let cfg = Cfg {
            max_body_bytes: 1024,
            ..Cfg::default()
        };
        let resp = send::<T>(cfg, get(&server.url("/exact")))
            .await
            .expect("a response");
        assert_eq!(resp.body().len(), 1024);
        assert_kind(
            send::<T>(cfg, get(&server.url("/over"))).await,
            TransportErrorKind::BodyTooLarge,
        );

        // A HEAD answer announces a length but has no body: nothing to refuse.
        let resp = send::<T>(cfg, request(Method::HEAD, &server.url("/over"), "")).await;
        let resp = resp.expect("a response");
        assert_eq!(resp.headers()["content-length"], "1025");
        assert!(resp.body().is_empty());
    }

    pub(super) async fn redirects_are_returned_as_is_by_default<T: Make>() {
        let server = TestServer::start(|_| respond(302, &[("location", "/elsewhere")], "")).await;
        let resp = send::<T>(Cfg::default(), get(&server.url("/start")))
            .await
            .expect("a response");
        assert_eq!(resp.status(), StatusCode::FOUND);
        assert_eq!(resp.headers()[LOCATION], "/elsewhere");
        assert_eq!(server.requests().len(), 1);
    }

    pub(super) async fn a_cross_origin_redirect_drops_credentials<T: Make>() {
        let b = TestServer::start(|_| respond(200, &[], "landed on B")).await;
        let target = b.url("/landed?x=1");
        let a = TestServer::start(move |_| respond(302, &[("location", &target)], "")).await;
        let mut req = get(&a.url("/start"));
        req.headers_mut()
            .insert(COOKIE, "MMAUTHTOKEN=cookie-secret".parse().unwrap());
        let cfg = Cfg {
            redirects: 5,
            ..Cfg::default()
        };
        let resp = send::<T>(cfg, req).await.expect("a response");
        assert_eq!(resp.status(), StatusCode::OK);
        assert_eq!(resp.body().as_ref(), b"landed on B");

        let at_a = a.requests();
        assert_eq!(at_a.len(), 1);
        assert_eq!(
            at_a[0].header("authorization"),
            Some(format!("Bearer {TOKEN}").as_str())
        );
        let at_b = b.requests();
        assert_eq!(at_b.len(), 1);
        assert_eq!(at_b[0].uri, "/landed?x=1");
        assert_eq!(at_b[0].header("authorization"), None);
        assert_eq!(at_b[0].header("cookie"), None);
        assert_eq!(
            at_b[0].header("host"),
            Some(format!("127.0.0.1:{}", b.port()).as_str())
        );
    }

    pub(super) async fn a_same_origin_redirect_keeps_credentials<T: Make>() {
        let server = TestServer::start(|seen| match seen.uri.path() {
            "/start" => respond(301, &[("location", "landed")], ""),
            _ => respond(200, &[], "landed"),
        })
        .await;
        let cfg = Cfg {
            redirects: 5,
            ..Cfg::default()
        };
        let resp = send::<T>(cfg, get(&server.url("/start")))
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

    pub(super) async fn redirect_methods_follow_the_status<T: Make>() {
        let server = TestServer::start(|seen| match seen.uri.path() {
            "/303" => respond(303, &[("location", "/done")], ""),
            "/307" => respond(307, &[("location", "/done")], ""),
            _ => respond(200, &[], ""),
        })
        .await;
        let cfg = Cfg {
            redirects: 1,
            ..Cfg::default()
        };
        for path in ["/303", "/307"] {
            let mut req = request(Method::POST, &server.url(path), r#"{"a":1}"#);
            req.headers_mut()
                .insert(CONTENT_TYPE, "application/json".parse().unwrap());
            let resp = send::<T>(cfg, req).await.expect("a response");
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

    pub(super) async fn too_many_redirects_is_redirect<T: Make>() {
        let server = TestServer::start(|_| respond(302, &[("location", "/again")], "")).await;
        let cfg = Cfg {
            redirects: 3,
            ..Cfg::default()
        };
        assert_kind(
            send::<T>(cfg, get(&server.url("/start"))).await,
            TransportErrorKind::Redirect,
        );
        assert_eq!(server.requests().len(), 4);
    }

    pub(super) async fn requests_arrive_intact<T: Make>() {
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
        let resp = send::<T>(Cfg::default(), req).await.expect("a response");
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
        let ua = seen.header("user-agent").expect("a User-Agent");
        assert!(ua.starts_with("mattermost-sdk/"), "{ua}");

        // A caller's own User-Agent is kept.
        let mut req = get(&server.url("/ua"));
        req.headers_mut()
            .insert(USER_AGENT, "my-bot/2".parse().unwrap());
        send::<T>(Cfg::default(), req).await.expect("a response");
        assert_eq!(server.requests()[1].header("user-agent"), Some("my-bot/2"));
    }

    pub(super) async fn multipart_bodies_arrive_byte_for_byte<T: Make>() {
        let server = TestServer::start(|_| respond(200, &[], r#"{"status":"OK"}"#)).await;
        let base = BaseUrl::parse(&server.base()).unwrap();
        let image: Vec<u8> = (0..=255u8).cycle().take(70_000).collect();
        let ep = SetProfileImage::new(UserId::me(), Bytes::from(image.clone()), "image/png".into());
        let req = build_request(&ep, &base, Some(&Token::new(TOKEN))).unwrap();
        let sent_body = req.body().clone();
        let sent_type = req.headers()[CONTENT_TYPE].clone();
        let resp = send::<T>(Cfg::default(), req).await.expect("a response");
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

    pub(super) async fn bad_bodies_become_typed_errors<T: Make>() {
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
        let transport = T::make(Cfg::default());

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

    pub(super) async fn end_to_end_against_the_served_fake<T: Make>() {
        let served = serve(FakeServer::new(), "127.0.0.1:0".parse().unwrap())
            .await
            .expect("serve the fake");
        let client = mattermost_sdk::Client::builder(served.base_url())
            .transport(T::make(Cfg::default()))
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
        let admin = client
            .users()
            .get(fake::ADMIN_ID)
            .await
            .expect("another user");
        assert_eq!(admin.username, fake::ADMIN_LOGIN);

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
        assert_eq!(got.content_type.as_deref(), Some("image/gif"));

        let missing = client
            .users()
            .get("abcdefghijklmnopqrstuvwxyz")
            .await
            .unwrap_err();
        let api = missing.as_api().expect("an API error");
        assert_eq!(api.status, StatusCode::NOT_FOUND);
        assert_eq!(api.id(), Some("app.user.missing_account.const"));
        assert!(api.request_id.is_some());

        client.logout().await.expect("logout");
        let after = client.me().await.unwrap_err();
        assert_eq!(after.status(), Some(StatusCode::UNAUTHORIZED));
        served.shutdown().await;
    }
}

/// Runs every case in `cases` for one transport type, as one `#[tokio::test]` each.
macro_rules! run_cases {
    ($transport:ty; $($case:ident),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $case() {
                super::cases::$case::<$transport>().await;
            }
        )*
    };
}

/// The suite: one module per transport, the same list of cases for each.
macro_rules! conformance_suite {
    ($($module:ident: $transport:ty),* $(,)?) => {
        $(
            mod $module {
                use super::*;

                run_cases!($transport;
                    repeated_headers_are_preserved,
                    http2_keeps_version_headers_and_body,
                    a_silent_server_times_out,
                    a_body_that_stalls_times_out,
                    a_refused_connection_is_connect,
                    a_hang_up_before_the_answer_is_io,
                    a_hang_up_mid_body_is_io,
                    a_response_that_is_not_http_is_io,
                    an_endless_body_is_cut_at_the_cap,
                    a_large_content_length_is_refused,
                    a_body_exactly_at_the_cap_is_accepted,
                    redirects_are_returned_as_is_by_default,
                    a_cross_origin_redirect_drops_credentials,
                    a_same_origin_redirect_keeps_credentials,
                    redirect_methods_follow_the_status,
                    too_many_redirects_is_redirect,
                    requests_arrive_intact,
                    multipart_bodies_arrive_byte_for_byte,
                    bad_bodies_become_typed_errors,
                    end_to_end_against_the_served_fake,
                );
            }
        )*
    };
}

conformance_suite! {
    reqwest_transport: ReqwestTransport,
    hyper_transport: HyperTransport,
}
