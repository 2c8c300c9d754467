//! Local mode end to end: the facade's local-mode client over the hyper transport's Unix
//! connector, talking to the fake served on a Unix socket. No token is sent; the socket alone
//! makes the caller an admin, and only the operations the server allows in local mode answer.
#![cfg(unix)]

use std::path::PathBuf;

use http::StatusCode;
use mattermost_sdk::local::local_mode_client;
use mattermost_sdk::models::Role;
use mattermost_sdk::Client;
use mattermost_sdk_mock::{fake, serve, serve_unix, FakeServer};

/// A socket path of this test's own in the temp directory.
fn socket(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("mm-sdk-{name}-{}.socket", std::process::id()))
}

#[tokio::test]
async fn a_local_mode_client_acts_as_admin_without_a_token() {
    let fake = FakeServer::new();
    let path = socket("local");
    let served = serve_unix(fake.clone(), &path)
        .await
        .expect("serve on a socket");
    let admin = local_mode_client(&path).expect("a client");
    assert!(!admin.is_authenticated());

    // Reads and admin-only writes work with no token.
    let alice = admin.users().get(fake::USER_ID).await.expect("get a user");
    assert_eq!(alice.username, fake::USER_LOGIN);
    admin
        .users()
        .update_roles(fake::USER_ID, [Role::SystemUser, Role::SystemAdmin])
        .await
        .expect("update roles (admin only)");
    let roles = fake.user(fake::USER_ID).unwrap()["roles"].clone();
    assert_eq!(roles, "system_user system_admin");
    admin
        .users()
        .with_id(fake::MFA_USER_ID)
        .deactivate()
        .await
        .expect("deactivate");
    assert_ne!(fake.user(fake::MFA_USER_ID).unwrap()["delete_at"], 0);

    // No current user in local mode: `me` names nobody.
    let me = admin.me().await.unwrap_err();
    assert_eq!(me.status(), Some(StatusCode::BAD_REQUEST));

    // An operation the server does not register for local mode is a 404 there.
    let sessions = admin.user(fake::USER_ID).get_sessions().await.unwrap_err();
    assert_eq!(sessions.status(), Some(StatusCode::NOT_FOUND));

    served.shutdown().await;
    assert!(!path.exists(), "the socket file is removed");
}

#[tokio::test]
async fn deleting_every_user_works_only_in_local_mode() {
    use mattermost_sdk_core::endpoints::users::GetUser;
    use mattermost_sdk_core::{build_request, BaseUrl, Transport, UserId};
    use mattermost_sdk_hyper::HyperTransport;

    let fake = FakeServer::new();
    let path = socket("delete-all");
    let served = serve_unix(fake.clone(), &path).await.unwrap();
    let tcp = serve(fake.clone(), "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let delete_all = |base: &str| {
        http::Request::delete(format!("{base}/api/v4/users"))
            .header("authorization", format!("Bearer {}", fake::ADMIN_TOKEN))
            .body(bytes::Bytes::new())
            .unwrap()
    };

    // Over TCP the route does not exist, even for an admin.
    let over_tcp = HyperTransport::new()
        .send(delete_all(&tcp.base_url()))
        .await
        .unwrap();
    assert_eq!(over_tcp.status(), StatusCode::NOT_FOUND);
    assert!(fake.user(fake::USER_ID).is_some());

    let local = HyperTransport::unix(&path);
    let resp = local.send(delete_all("http://localhost")).await.unwrap();
    assert_eq!(resp.status(), StatusCode::OK);
    assert!(fake.users().is_empty());

    let base = BaseUrl::parse("http://localhost").unwrap();
    let id = UserId::new(fake::USER_ID).unwrap();
    let req = build_request(&GetUser::new(id), &base, None).unwrap();
    assert_eq!(
        local.send(req).await.unwrap().status(),
        StatusCode::NOT_FOUND
    );
    served.shutdown().await;
    tcp.shutdown().await;
}

#[tokio::test]
async fn local_mode_is_only_on_the_socket() {
    // The same fake over TCP wants a token, as the server's ordinary API does.
    let fake = FakeServer::new();
    let tcp = serve(fake.clone(), "127.0.0.1:0".parse().unwrap())
        .await
        .unwrap();
    let anonymous = Client::builder(tcp.base_url())
        .transport(mattermost_sdk_hyper::HyperTransport::new())
        .build()
        .unwrap();
    let err = anonymous.users().get(fake::USER_ID).await.unwrap_err();
    assert_eq!(err.status(), Some(StatusCode::UNAUTHORIZED));
    tcp.shutdown().await;
}

#[tokio::test]
async fn a_missing_socket_is_a_connect_error() {
    let client = local_mode_client(socket("missing")).unwrap();
    let err = client.users().get(fake::USER_ID).await.unwrap_err();
    match err {
        mattermost_sdk::Error::Transport(t) => {
            assert_eq!(t.kind(), mattermost_sdk::TransportErrorKind::Connect)
        }
        other => panic!("expected a transport error, got {other:?}"),
    }
}
