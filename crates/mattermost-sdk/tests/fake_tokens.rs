//! Personal access tokens and the session/device operations through the facade against the
//! stateful `FakeServer`: the answers, the server's error ids, and the state other operations
//! then see (a token authenticates until disabled or revoked; revoking every session logs
//! everyone out).

use mattermost_sdk::Client;
use mattermost_sdk_mock::{fake, FakeServer};

mod common;
use common::{api_err, client_as};

fn admin(fake: &FakeServer) -> Client {
    client_as(fake, fake::ADMIN_TOKEN)
}

fn alice(fake: &FakeServer) -> Client {
    client_as(fake, fake::USER_TOKEN)
}

#[tokio::test]
async fn a_created_token_works_until_disabled_or_revoked() {
    let fake = FakeServer::new();
    let admin = admin(&fake);
    let created = admin
        .user(fake::USER_ID)
        .create_access_token("ci for alice")
        .await
        .unwrap();
    assert_eq!(created.user_id, fake::USER_ID);
    assert!(created.is_active);
    let id = created.id.clone();

    // The token string builds a client directly.
    let bot = Client::builder("https://fake.example.com")
        .token(created.token)
        .transport(fake.clone())
        .build()
        .unwrap();
    assert_eq!(bot.me().await.unwrap().id, fake::USER_ID);

    // Listing and search see it, token strings blanked.
    let listed = admin.user(fake::USER_ID).get_access_tokens().await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].description, "ci for alice");
    assert!(listed[0].token.is_none());
    let all = admin
        .access_tokens()
        .list()
        .per_page(1)
        .all()
        .await
        .unwrap();
    assert!(all.iter().any(|t| t.id == id));
    assert!(all.iter().any(|t| t.id == fake::ADMIN_PERSONAL_TOKEN_ID));
    for term in [id.as_str(), fake::USER_ID, fake::USER_LOGIN] {
        let hits = admin.access_tokens().search(term).await.unwrap();
        assert_eq!(hits.len(), 1, "{term}");
        assert_eq!(hits[0].id, id);
    }
    assert!(
        admin
            .access_tokens()
            .search("ali")
            .await
            .unwrap()
            .is_empty(),
        "no wildcards"
    );

    // Disabled: 401 with the server's id, visible in get; enabled: works again.
    admin.access_tokens().disable(&id).await.unwrap();
    assert!(!admin.access_tokens().get(&id).await.unwrap().is_active);
    let err = bot.me().await.unwrap_err();
    assert!(err.is_unauthorized());
    assert_eq!(
        api_err::<()>(Err(err)).1,
        "api.context.session_expired.app_error"
    );
    admin.access_tokens().enable(&id).await.unwrap();
    assert_eq!(bot.me().await.unwrap().id, fake::USER_ID);

    // Revoked: gone and 401.
    admin.access_tokens().revoke(&id).await.unwrap();
    assert!(bot.me().await.unwrap_err().is_unauthorized());
    assert_eq!(
        api_err(admin.access_tokens().get(&id).await),
        (404, "app.user_access_token.get_by_user.app_error".into())
    );
    assert!(admin
        .user(fake::USER_ID)
        .get_access_tokens()
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn permissions_and_settings_as_the_server_has_them() {
    let fake = FakeServer::new();
    let alice = alice(&fake);
    // A plain system_user lacks create_user_access_token.
    assert_eq!(
        api_err(alice.user("me").create_access_token("mine").await),
        (403, "api.context.permissions.app_error".into())
    );
    assert_eq!(
        api_err(alice.access_tokens().list().await),
        (403, "api.context.permissions.app_error".into())
    );
    assert_eq!(
        api_err(
            alice
                .access_tokens()
                .get(fake::ADMIN_PERSONAL_TOKEN_ID)
                .await
        ),
        (403, "api.context.permissions.app_error".into())
    );
    assert_eq!(
        api_err(
            admin(&fake)
                .access_tokens()
                .get("abcdefghijklmnopqrstuvwxyz")
                .await
        ),
        (404, "app.user_access_token.get_by_user.app_error".into())
    );
    // EnableUserAccessTokens off: creation 501, and existing tokens stop authenticating.
    fake.configure(|s| s.enable_user_access_tokens = false);
    assert_eq!(
        api_err(
            admin(&fake)
                .user(fake::USER_ID)
                .create_access_token("x")
                .await
        ),
        (501, "app.user_access_token.disabled".into())
    );
    let pat = client_as(&fake, fake::ADMIN_PERSONAL_TOKEN);
    assert!(pat.me().await.unwrap_err().is_unauthorized());
    fake.configure(|s| s.enable_user_access_tokens = true);
    assert_eq!(pat.me().await.unwrap().id, fake::ADMIN_ID);
}

#[tokio::test]
async fn revoking_every_session_logs_everyone_out() {
    let fake = FakeServer::new();
    assert_eq!(
        api_err(
            alice(&fake)
                .users()
                .revoke_all_sessions_of_all_users()
                .await
        ),
        (403, "api.context.permissions.app_error".into())
    );
    admin(&fake)
        .users()
        .revoke_all_sessions_of_all_users()
        .await
        .unwrap();
    assert!(alice(&fake).me().await.unwrap_err().is_unauthorized());
    assert!(admin(&fake).me().await.unwrap_err().is_unauthorized());
    // Personal access tokens are no sessions: they still work.
    let pat = client_as(&fake, fake::ADMIN_PERSONAL_TOKEN);
    assert!(pat
        .user(fake::USER_ID)
        .get_sessions()
        .await
        .unwrap()
        .is_empty());
}

#[tokio::test]
async fn attaching_a_device_ends_other_sessions_on_it_and_sets_props() {
    let fake = FakeServer::new();
    let other = fake.create_session(fake::USER_ID).unwrap();
    let first = client_as(&fake, &other);
    first
        .users()
        .attach_device()
        .device_id("android:p1")
        .await
        .unwrap();
    let alice = alice(&fake);
    alice
        .users()
        .attach_device()
        .device_id("android:p1")
        .device_notification_disabled(true)
        .mobile_version("2.21.0")
        .await
        .unwrap();
    // The other session on that device is gone; this one carries the device and props.
    assert!(first.me().await.unwrap_err().is_unauthorized());
    let sessions = alice.user("me").get_sessions().await.unwrap();
    let mine = sessions
        .iter()
        .find(|s| s.id == fake::USER_SESSION_ID)
        .unwrap();
    assert_eq!(mine.device_id.as_deref(), Some("android:p1"));
    let props = mine.props.as_ref().unwrap();
    assert_eq!(props["deviceNotificationDisabled"], "true");
    assert_eq!(props["mobileVersion"], "2.21.0");
}
