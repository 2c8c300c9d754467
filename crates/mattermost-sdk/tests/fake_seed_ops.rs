//! Every seed operation through the facade against the stateful `FakeServer`: each test
//! checks the answer and the fake's state after the call.

use mattermost_sdk::models::{Preference, Role, StatusValue, UserAuthData, UserPatch};
use mattermost_sdk::{Client, Error, Secret};
use mattermost_sdk_mock::{fake, FakeServer};
use serde_json::json;

mod common;
use common::client_as;

fn admin(fake: &FakeServer) -> Client {
    client_as(fake, fake::ADMIN_TOKEN)
}

fn alice(fake: &FakeServer) -> Client {
    client_as(fake, fake::USER_TOKEN)
}

#[tokio::test]
async fn get_and_get_me() {
    let fake = FakeServer::new();
    let c = alice(&fake);
    let u = c.users().get(fake::USER_ID).await.unwrap();
    assert_eq!(u.username, fake::USER_LOGIN);
    let me = c.me().await.unwrap();
    assert_eq!(me.id, fake::USER_ID);
}

#[tokio::test]
async fn update_round_trips_unknown_fields() {
    let fake = FakeServer::new();
    let c = alice(&fake);
    let mut u = c.user("me").get().await.unwrap();
    u.position = Some("Engineer".into());
    u.extra
        .insert("custom_attribute".into(), json!({"level": 3}));
    let updated = c.user(&u).update(u.clone()).await.unwrap();
    assert_eq!(updated.position.as_deref(), Some("Engineer"));
    let stored = fake.user(fake::USER_ID).unwrap();
    assert_eq!(stored["position"], "Engineer");
    assert_eq!(stored["custom_attribute"], json!({"level": 3}));
    let again = c.me().await.unwrap();
    assert_eq!(again.extra["custom_attribute"], json!({"level": 3}));
    assert_eq!(again.notify_props, u.notify_props);
}

#[tokio::test]
async fn teams() {
    let fake = FakeServer::new();
    let teams = alice(&fake).user(fake::USER_ID).teams().await.unwrap();
    let mut ids: Vec<_> = teams.iter().map(|t| t.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, [fake::TEAM_ALPHA_ID, fake::TEAM_BETA_ID]);
}

#[tokio::test]
async fn deactivate_and_update_active_status() {
    let fake = FakeServer::new();
    let c = admin(&fake);
    c.users().deactivate(fake::USER_ID).await.unwrap();
    assert!(
        fake.user(fake::USER_ID).unwrap()["delete_at"]
            .as_i64()
            .unwrap()
            > 0
    );
    c.user(fake::USER_ID)
        .update_active_status(true)
        .await
        .unwrap();
    assert_eq!(fake.user(fake::USER_ID).unwrap()["delete_at"], 0);
    c.users()
        .update_active_status(fake::USER_ID, false)
        .await
        .unwrap();
    assert!(c.users().get(fake::USER_ID).await.unwrap().is_deactivated());
}

#[tokio::test]
async fn patch() {
    let fake = FakeServer::new();
    let patch = UserPatch {
        nickname: Some("ally".into()),
        ..Default::default()
    };
    let u = alice(&fake).user("me").patch(patch).await.unwrap();
    assert_eq!(u.nickname.as_deref(), Some("ally"));
    assert_eq!(fake.user(fake::USER_ID).unwrap()["nickname"], "ally");
}

#[tokio::test]
async fn update_roles_needs_an_admin_and_stores_one_string() {
    let fake = FakeServer::new();
    let err = alice(&fake)
        .users()
        .update_roles(fake::USER_ID, [Role::SystemUser, Role::SystemAdmin])
        .await
        .unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(403));
    admin(&fake)
        .users()
        .update_roles(
            fake::USER_ID,
            [Role::SystemUser, Role::SystemUserAccessToken],
        )
        .await
        .unwrap();
    assert_eq!(
        fake.user(fake::USER_ID).unwrap()["roles"],
        "system_user system_user_access_token"
    );
}

#[tokio::test]
async fn mfa_generate_and_update() {
    let fake = FakeServer::new();
    let secret = alice(&fake).user("me").generate_mfa_secret().await.unwrap();
    assert!(!secret.secret.expose().is_empty());
    assert!(!secret.qr_code.is_empty());
    let bob = client_as(&fake, fake::MFA_USER_TOKEN);
    // Like the server (`App.UpdateMfa`), turning MFA off needs no code.
    assert_eq!(fake.user(fake::MFA_USER_ID).unwrap()["mfa_active"], true);
    bob.user("me").update_mfa(false).await.unwrap();
    assert_ne!(fake.user(fake::MFA_USER_ID).unwrap()["mfa_active"], true);
}

#[tokio::test]
async fn profile_image_round_trip() {
    let fake = FakeServer::new();
    let c = alice(&fake);
    let bytes: Vec<u8> = (0..=255u8).cycle().take(3000).collect();
    c.user("me")
        .set_profile_image(bytes.clone(), "image/jpeg")
        .await
        .unwrap();
    let img = c.users().get_profile_image(fake::USER_ID).await.unwrap();
    assert_eq!(img.bytes.as_ref(), bytes.as_slice());
    assert_eq!(img.content_type.as_deref(), Some("image/jpeg"));
    let (ct, stored) = fake.profile_image(fake::USER_ID).unwrap();
    assert_eq!(
        (ct.as_str(), stored.as_ref()),
        ("image/jpeg", bytes.as_slice())
    );
}

#[tokio::test]
async fn update_password_with_current_password() {
    let fake = FakeServer::new();
    let c = alice(&fake);
    let err = c
        .user("me")
        .update_password("N3w-Passw0rd!")
        .current_password(Secret::new("wrong"))
        .await
        .unwrap_err();
    assert!(err.as_api().is_some(), "{err}");
    c.user("me")
        .update_password("N3w-Passw0rd!")
        .current_password(Secret::new(fake::USER_PASSWORD))
        .await
        .unwrap();
    assert!(fake.check_password(fake::USER_ID, "N3w-Passw0rd!"));
}

#[tokio::test]
async fn update_authentication_method() {
    let fake = FakeServer::new();
    let auth = UserAuthData {
        auth_service: "ldap".into(),
        auth_data: Some("alice-ldap".into()),
        ..Default::default()
    };
    let out = admin(&fake)
        .users()
        .update_authentication_method(fake::USER_ID, auth)
        .await
        .unwrap();
    assert_eq!(out.auth_service, "ldap");
    assert_eq!(fake.user(fake::USER_ID).unwrap()["auth_service"], "ldap");
}

#[tokio::test]
async fn get_and_set_status_for_me() {
    let fake = FakeServer::new();
    let c = alice(&fake);
    assert_eq!(
        c.user("me").get_status().await.unwrap().status,
        StatusValue::Away
    );
    let s = c.user("me").set_status(StatusValue::Dnd).await.unwrap();
    assert_eq!(s.status, StatusValue::Dnd);
    assert_eq!(s.user_id, fake::USER_ID);
    assert_eq!(fake.status_of(fake::USER_ID)["status"], "dnd");
}

#[tokio::test]
async fn sessions_list_revoke_and_revoke_all() {
    let fake = FakeServer::new();
    let c = alice(&fake);
    let sessions = c.user("me").get_sessions().await.unwrap();
    assert_eq!(sessions.len(), fake.sessions_of(fake::USER_ID).len());
    assert!(sessions
        .iter()
        .any(|s| s.id == fake::USER_MOBILE_SESSION_ID));
    c.user("me")
        .revoke_session(fake::USER_MOBILE_SESSION_ID)
        .await
        .unwrap();
    assert!(!fake.token_is_valid(fake::USER_MOBILE_TOKEN));
    assert!(fake.token_is_valid(fake::USER_TOKEN));
    admin(&fake)
        .users()
        .revoke_all_sessions(fake::USER_ID)
        .await
        .unwrap();
    assert!(fake.sessions_of(fake::USER_ID).is_empty());
    let err = c.me().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
}

#[tokio::test]
async fn preferences_set_list_get_delete() {
    let fake = FakeServer::new();
    let c = alice(&fake);
    let me = c.user(fake::USER_ID);
    let before = me.get_preferences().await.unwrap().len();
    let pref = Preference::new(fake::USER_ID, "sdk_test", "color", "blue");
    me.set_preferences([pref.clone()]).await.unwrap();
    assert_eq!(me.get_preferences().await.unwrap().len(), before + 1);
    let listed = me.list_preferences_by_category("sdk_test").await.unwrap();
    assert_eq!(listed, vec![pref.clone()]);
    let one = me
        .get_preference_by_category_and_name("sdk_test", "color")
        .await
        .unwrap();
    assert_eq!(one.value, "blue");
    me.delete_preferences([pref]).await.unwrap();
    let err = me
        .get_preference_by_category_and_name("sdk_test", "color")
        .await
        .unwrap_err();
    // Like the server (TestGetPreferenceByCategoryAndName), a missing preference is a 400.
    assert_eq!(err.status().map(|s| s.as_u16()), Some(400));
}

#[tokio::test]
async fn flagged_posts_are_a_post_list() {
    let fake = FakeServer::new();
    let list = alice(&fake)
        .user("me")
        .get_flagged_posts()
        .per_page(60)
        .await
        .unwrap();
    assert_eq!(list.order, vec![fake::FLAGGED_POST_ID.to_string()]);
    assert!(list.posts.contains_key(fake::FLAGGED_POST_ID));
}

#[tokio::test]
async fn remove_reaction() {
    let fake = FakeServer::new();
    let before = fake.reactions_on(fake::REACTION_POST_ID).len();
    alice(&fake)
        .user(fake::USER_ID)
        .remove_reaction(fake::REACTION_POST_ID, fake::REACTION_EMOJI)
        .await
        .unwrap();
    assert_eq!(fake.reactions_on(fake::REACTION_POST_ID).len(), before - 1);
}

#[tokio::test]
async fn authorized_apps_both_spellings() {
    let fake = FakeServer::new();
    let c = alice(&fake);
    let apps = c.user("me").get_authorized_apps().await.unwrap();
    assert!(apps.iter().any(|a| a.id == fake::OAUTH_APP_ID));
    let apps2 = c.users().get_authorised_apps(fake::USER_ID).await.unwrap();
    assert_eq!(apps.len(), apps2.len());
}

#[tokio::test]
async fn login_token_header_and_logout() {
    let fake = FakeServer::new();
    let c = Client::builder("https://fake.example.com")
        .login(fake::USER_LOGIN, fake::USER_PASSWORD)
        .transport(fake.clone())
        .await
        .unwrap();
    assert_eq!(c.user_id().unwrap().as_str(), fake::USER_ID);
    assert_eq!(c.me().await.unwrap().id, fake::USER_ID);
    c.logout().await.unwrap();
    assert!(!c.is_authenticated());
    let err = c.me().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
}

#[tokio::test]
async fn mfa_login_needs_the_code() {
    let fake = FakeServer::new();
    let no_code = Client::builder("https://fake.example.com")
        .login(fake::MFA_USER_LOGIN, fake::MFA_USER_PASSWORD)
        .transport(fake.clone())
        .await;
    assert!(matches!(no_code, Err(Error::Api(_))));
    let c = Client::builder("https://fake.example.com")
        .login_with_mfa(
            fake::MFA_USER_LOGIN,
            fake::MFA_USER_PASSWORD,
            fake::MFA_CODE,
        )
        .transport(fake.clone())
        .await
        .unwrap();
    assert_eq!(c.user_id().unwrap().as_str(), fake::MFA_USER_ID);
}

#[tokio::test]
async fn auth_and_not_found_errors() {
    let fake = FakeServer::new();
    let anon = Client::builder("https://fake.example.com")
        .transport(fake.clone())
        .build()
        .unwrap();
    let err = anon.users().get(fake::USER_ID).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(401));
    let err = admin(&fake)
        .users()
        .get("zzzzzzzzzzzzzzzzzzzzzzzzzz")
        .await
        .unwrap_err();
    let api = err.as_api().unwrap();
    assert_eq!(api.status.as_u16(), 404);
    assert!(api.id().is_some());
}
