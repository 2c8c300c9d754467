//! The blocking client (feature `blocking`): a small program with no `async` runs the tour's
//! read-only steps against the fake served on loopback, over reqwest.

use std::sync::mpsc;

use mattermost_sdk::blocking::{Client, Wait};
use mattermost_sdk_mock::{fake, serve, FakeServer};

/// Serves a fresh fake on loopback from a thread of its own (with its own runtime) and returns
/// its base URL; the server lives until the process ends.
fn served_fake() -> String {
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let rt = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .unwrap();
        rt.block_on(async move {
            let server = serve(FakeServer::new(), "127.0.0.1:0".parse().unwrap())
                .await
                .unwrap();
            tx.send(server.base_url().to_string()).unwrap();
            std::future::pending::<()>().await;
        });
    });
    rx.recv().unwrap()
}

#[test]
fn a_blocking_program_runs_the_read_only_tour() {
    let url = served_fake();
    let client = Client::builder(&url)
        .login(fake::USER_LOGIN, fake::USER_PASSWORD)
        .build()
        .unwrap();
    let me = client.me().wait().unwrap();
    assert_eq!(me.username, fake::USER_LOGIN);
    assert_eq!(client.user_id().unwrap().as_str(), fake::USER_ID);

    let teams = client.user(&me).teams().wait().unwrap();
    assert!(!teams.is_empty());
    let status = client.user("me").get_status().wait().unwrap();
    assert_eq!(status.user_id, fake::USER_ID);
    let sessions = client.user(&me).get_sessions().wait().unwrap();
    assert!(!sessions.is_empty());
    let prefs = client.user(&me).get_preferences().wait().unwrap();
    assert!(!prefs.is_empty());
    let flagged = client.user(&me).get_flagged_posts().wait_all().unwrap();
    assert!(flagged.iter().any(|p| p.id == fake::FLAGGED_POST_ID));
    let found = client
        .users()
        .get_by_usernames([fake::USER_LOGIN, fake::ADMIN_LOGIN])
        .wait()
        .unwrap();
    assert_eq!(found.len(), 2);
    let with_response = client.user(&me).get().wait_with_response().unwrap();
    assert_eq!(with_response.status, 200);
    // A 404 is the same typed error as in async code.
    let err = client
        .users()
        .get("zzzzzzzzzzzzzzzzzzzzzzzzzz")
        .wait()
        .unwrap_err();
    assert!(err.is_not_found());
    client.logout().unwrap();
    assert!(!client.is_authenticated());
}

#[test]
fn blocking_clients_in_several_threads_share_the_runtime() {
    let url = served_fake();
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let url = url.clone();
            std::thread::spawn(move || {
                let client = Client::builder(&url)
                    .token(fake::ADMIN_TOKEN)
                    .build()
                    .unwrap();
                client.users().get(fake::USER_ID).wait().unwrap().username
            })
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), fake::USER_LOGIN);
    }
}

#[tokio::test]
#[should_panic(expected = "inside an async runtime")]
async fn wait_inside_a_runtime_panics_with_a_clear_message() {
    let client = Client::from_async(
        mattermost_sdk::Client::builder("http://127.0.0.1:9")
            .token("t")
            .build()
            .unwrap(),
    );
    drop(client.me().wait());
}
