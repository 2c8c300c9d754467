//! The administration operations through the facade against the stateful `FakeServer`: each
//! test checks the answer, the error ids the server gives, and the state other operations
//! then see.

use mattermost_sdk::models::{AuthService, CpaValues, Role};
use mattermost_sdk::Client;
use mattermost_sdk_core::bytes::Bytes;
use mattermost_sdk_core::http::Request;
use mattermost_sdk_mock::{fake, FakeServer};
use serde_json::{json, Value};

mod common;
use common::{api_err, client_as};

fn admin(fake: &FakeServer) -> Client {
    client_as(fake, fake::ADMIN_TOKEN)
}

fn alice(fake: &FakeServer) -> Client {
    client_as(fake, fake::USER_TOKEN)
}

fn bob(fake: &FakeServer) -> Client {
    client_as(fake, fake::MFA_USER_TOKEN)
}

#[tokio::test]
async fn audits_are_the_users_own_newest_first() {
    let fake = FakeServer::new();
    let mine = alice(&fake).user("me").audits().await.unwrap();
    assert_eq!(mine.len(), 2);
    assert!(mine[0].create_at > mine[1].create_at, "newest first");
    assert!(mine.iter().all(|a| a.user_id == fake::USER_ID));
    assert_eq!(mine[0].session_id, fake::USER_SESSION_ID);

    // Paged: one per page, .all() walks both.
    let all = admin(&fake)
        .user(fake::USER_ID)
        .audits()
        .per_page(1)
        .all()
        .await
        .unwrap();
    assert_eq!(all, mine);

    // Someone else's audits need edit_other_users.
    let (status, id) = api_err(bob(&fake).user(fake::USER_ID).audits().await);
    assert_eq!(
        (status, id.as_str()),
        (403, "api.context.permissions.app_error")
    );

    // Resetting the image is audited, as the server's `c.LogAudit` in setDefaultProfileImage.
    alice(&fake)
        .user("me")
        .set_default_profile_image()
        .await
        .unwrap();
    assert_eq!(alice(&fake).user("me").audits().await.unwrap().len(), 3);
    assert_eq!(fake.audits_of(fake::USER_ID).len(), 3);
}

#[tokio::test]
async fn convert_to_bot_makes_a_bot_everywhere() {
    let fake = FakeServer::new();
    // manage_system only; an unknown user is looked up first (404 before 403).
    let (status, _) = api_err(alice(&fake).user(fake::MFA_USER_ID).convert_to_bot().await);
    assert_eq!(status, 403);
    let (status, id) = api_err(
        alice(&fake)
            .user("zzzzzzzzzzzzzzzzzzzzzzzzzz")
            .convert_to_bot()
            .await,
    );
    assert_eq!(
        (status, id.as_str()),
        (404, "app.user.missing_account.const")
    );

    let bot = admin(&fake)
        .users()
        .convert_to_bot(fake::USER_ID)
        .await
        .unwrap();
    assert_eq!(bot.user_id, fake::USER_ID);
    assert_eq!(bot.owner_id, fake::USER_ID);
    assert_eq!(bot.username, fake::USER_LOGIN);
    assert!(fake.bot(fake::USER_ID).is_some());

    let user = admin(&fake).user(fake::USER_ID).get().await.unwrap();
    assert_eq!(user.is_bot, Some(true));
    // ConvertUserToBot revokes every session: alice's token no longer works.
    assert!(fake.sessions_of(fake::USER_ID).is_empty());
    let (status, _) = api_err(alice(&fake).me().await);
    assert_eq!(status, 401);
    // Converting again fails as the server's duplicate insert does.
    let (status, id) = api_err(admin(&fake).user(fake::USER_ID).convert_to_bot().await);
    assert_eq!(
        (status, id.as_str()),
        (500, "app.bot.createbot.internal_error")
    );
}

#[tokio::test]
async fn demote_and_promote_change_the_role_everywhere() {
    let fake = FakeServer::new();
    let (status, _) = api_err(alice(&fake).user(fake::MFA_USER_ID).demote_to_guest().await);
    assert_eq!(status, 403);

    admin(&fake)
        .user(fake::USER_ID)
        .demote_to_guest()
        .await
        .unwrap();
    let user = admin(&fake).user(fake::USER_ID).get().await.unwrap();
    assert_eq!(user.roles.as_deref(), Some("system_guest"));
    assert_eq!(user.role_list(), [Role::SystemGuest]);
    // The user sees it too, and so do their sessions.
    assert_eq!(
        alice(&fake).me().await.unwrap().roles.as_deref(),
        Some("system_guest")
    );
    let sessions = alice(&fake).user("me").get_sessions().await.unwrap();
    assert!(sessions
        .iter()
        .all(|s| s.roles.as_deref() == Some("system_guest")));

    let (status, id) = api_err(admin(&fake).user(fake::USER_ID).demote_to_guest().await);
    assert_eq!(
        (status, id.as_str()),
        (501, "api.user.demote_user_to_guest.already_guest.app_error")
    );

    admin(&fake)
        .users()
        .promote_to_user(fake::USER_ID)
        .await
        .unwrap();
    let user = alice(&fake).me().await.unwrap();
    assert_eq!(user.roles.as_deref(), Some("system_user"));
    let (status, id) = api_err(admin(&fake).user(fake::USER_ID).promote_to_user().await);
    assert_eq!(
        (status, id.as_str()),
        (501, "api.user.promote_guest_to_user.no_guest.app_error")
    );
    let (status, _) = api_err(alice(&fake).user(fake::USER_ID).promote_to_user().await);
    assert_eq!(status, 403);

    // Without a licence for guest accounts: 403 (TestDemoteUserToGuest, "Guest Account not
    // available in license returns forbidden", server/channels/api4/user_test.go).
    fake.configure(|s| s.guest_accounts = false);
    let (status, id) = api_err(admin(&fake).user(fake::MFA_USER_ID).demote_to_guest().await);
    assert_eq!(
        (status, id.as_str()),
        (403, "api.team.demote_user_to_guest.license.error")
    );
}

#[tokio::test]
async fn groups_of_a_user() {
    let fake = FakeServer::new();
    let mine = alice(&fake).user("me").groups().await.unwrap();
    assert_eq!(mine.len(), 1);
    assert_eq!(mine[0].id, fake::GROUP_ID);
    assert_eq!(mine[0].source, "ldap");
    assert_eq!(mine[0].name.as_deref(), Some("developers"));
    assert_eq!(
        admin(&fake).user(fake::MFA_USER_ID).groups().await.unwrap(),
        mine
    );
    assert!(admin(&fake)
        .user(fake::ADMIN_ID)
        .groups()
        .await
        .unwrap()
        .is_empty());

    let (status, id) = api_err(alice(&fake).user(fake::MFA_USER_ID).groups().await);
    assert_eq!(
        (status, id.as_str()),
        (403, "api.context.permissions.app_error")
    );

    fake.configure(|s| s.ldap_groups = false);
    let (status, id) = api_err(alice(&fake).user("me").groups().await);
    assert_eq!(
        (status, id.as_str()),
        (403, "api.ldap_groups.license_error")
    );
}

#[tokio::test]
async fn default_profile_image() {
    let fake = FakeServer::new();
    let c = alice(&fake);
    let upload = Bytes::from_static(b"\x89PNG uploaded");
    c.user("me")
        .set_profile_image(upload.clone(), "image/png")
        .await
        .unwrap();
    assert_eq!(
        c.user("me").get_profile_image().await.unwrap().bytes,
        upload
    );

    // The generated default, whatever was uploaded.
    let default = c
        .user(fake::USER_ID)
        .get_default_profile_image()
        .await
        .unwrap();
    assert_eq!(default.content_type.as_deref(), Some("image/png"));
    assert_eq!(&default.bytes[..], fake::DEFAULT_PROFILE_IMAGE);

    // Someone else's needs edit_other_users.
    let (status, _) = api_err(
        bob(&fake)
            .user(fake::USER_ID)
            .set_default_profile_image()
            .await,
    );
    assert_eq!(status, 403);
    assert!(fake.profile_image(fake::USER_ID).is_some());

    c.user("me").set_default_profile_image().await.unwrap();
    assert!(fake.profile_image(fake::USER_ID).is_none());
    assert_eq!(
        c.user("me").get_profile_image().await.unwrap().bytes,
        default.bytes
    );
    // ResetLastPictureUpdate stores minus the time.
    let user = c.me().await.unwrap();
    assert!(user.last_picture_update.unwrap() < 0);

    let (status, id) = api_err(
        c.user("zzzzzzzzzzzzzzzzzzzzzzzzzz")
            .get_default_profile_image()
            .await,
    );
    assert_eq!(
        (status, id.as_str()),
        (404, "app.user.missing_account.const")
    );
}

#[tokio::test]
async fn reset_failed_attempts_unlocks_a_locked_account() {
    let fake = FakeServer::new();
    let stranger = Client::builder("https://fake.example.com")
        .transport(fake.clone())
        .build()
        .unwrap();
    for _ in 0..10 {
        let (status, _) = api_err(stranger.login(fake::USER_LOGIN, "wrong").await);
        assert_eq!(status, 401);
    }
    let user = admin(&fake).user(fake::USER_ID).get().await.unwrap();
    assert_eq!(user.failed_attempts, Some(10));
    // Locked: the right password is refused too.
    let (status, id) = api_err(stranger.login(fake::USER_LOGIN, fake::USER_PASSWORD).await);
    assert_eq!(
        (status, id.as_str()),
        (401, "api.user.check_user_login_attempts.too_many.app_error")
    );

    let (status, id) = api_err(bob(&fake).user(fake::USER_ID).reset_failed_attempts().await);
    assert_eq!(
        (status, id.as_str()),
        (
            403,
            "api.user.reset_password_failed_attempts.permissions.app_error"
        )
    );
    admin(&fake)
        .users()
        .reset_failed_attempts(fake::USER_ID)
        .await
        .unwrap();
    assert_eq!(
        admin(&fake)
            .user(fake::USER_ID)
            .get()
            .await
            .unwrap()
            .failed_attempts,
        Some(0)
    );
    stranger
        .login(fake::USER_LOGIN, fake::USER_PASSWORD)
        .await
        .unwrap();

    // Only email and LDAP accounts.
    let auth = mattermost_sdk::models::UserAuthData {
        auth_data: Some("bob-gitlab".into()),
        auth_service: "gitlab".into(),
        ..Default::default()
    };
    admin(&fake)
        .user(fake::MFA_USER_ID)
        .update_authentication_method(auth)
        .await
        .unwrap();
    let (status, id) = api_err(
        admin(&fake)
            .user(fake::MFA_USER_ID)
            .reset_failed_attempts()
            .await,
    );
    assert_eq!(
        (status, id.as_str()),
        (
            400,
            "api.user.reset_password_failed_attempts.ldap_and_email_only.app_error"
        )
    );
}

#[tokio::test]
async fn custom_profile_attribute_values() {
    let fake = FakeServer::new();
    let c = alice(&fake);
    let values = c.user("me").custom_profile_attributes().await.unwrap();
    assert_eq!(values[fake::CPA_FIELD_ID], json!("Engineering"));
    assert_eq!(values.len(), 1);
    // Anyone signed in may read them.
    assert_eq!(
        bob(&fake)
            .user(fake::USER_ID)
            .custom_profile_attributes()
            .await
            .unwrap(),
        values
    );

    let mut patch = CpaValues::new();
    patch.insert(fake::CPA_FIELD_ID.into(), json!("Sales"));
    let written = c
        .user("me")
        .patch_custom_profile_attributes(patch.clone())
        .await
        .unwrap();
    assert_eq!(written, patch);
    let values = bob(&fake)
        .users()
        .custom_profile_attributes(fake::USER_ID)
        .await
        .unwrap();
    assert_eq!(values[fake::CPA_FIELD_ID], json!("Sales"));

    // Someone else's values need edit_other_users.
    let (status, _) = api_err(
        bob(&fake)
            .user(fake::USER_ID)
            .patch_custom_profile_attributes(patch)
            .await,
    );
    assert_eq!(status, 403);

    // Admin-managed fields: only admins.
    let mut managed = CpaValues::new();
    managed.insert(fake::CPA_MANAGED_FIELD_ID.into(), json!("gold"));
    let (status, id) = api_err(
        c.user("me")
            .patch_custom_profile_attributes(managed.clone())
            .await,
    );
    assert_eq!(
        (status, id.as_str()),
        (
            403,
            "app.custom_profile_attributes.property_field_is_managed.app_error"
        )
    );
    admin(&fake)
        .user(fake::USER_ID)
        .patch_custom_profile_attributes(managed)
        .await
        .unwrap();
    assert_eq!(
        c.user("me")
            .custom_profile_attributes()
            .await
            .unwrap()
            .len(),
        2
    );

    // Unknown field, wrong value type.
    let mut unknown = CpaValues::new();
    unknown.insert("zzzzzzzzzzzzzzzzzzzzzzzzzz".into(), json!("x"));
    let (status, id) = api_err(c.user("me").patch_custom_profile_attributes(unknown).await);
    assert_eq!(
        (status, id.as_str()),
        (
            404,
            "app.custom_profile_attributes.property_field_not_found.app_error"
        )
    );
    let mut bad = CpaValues::new();
    bad.insert(fake::CPA_FIELD_ID.into(), json!(42));
    let (status, id) = api_err(c.user("me").patch_custom_profile_attributes(bad).await);
    assert_eq!(
        (status, id.as_str()),
        (
            400,
            "app.custom_profile_attributes.validate_value.app_error"
        )
    );

    // The spec's array body is what the server cannot decode.
    let req = Request::patch(format!(
        "/api/v4/users/{}/custom_profile_attributes",
        fake::USER_ID
    ))
    .header("content-type", "application/json")
    .body(Bytes::from(
        json!([{"id": fake::CPA_FIELD_ID, "value": "x"}]).to_string(),
    ))
    .unwrap();
    let resp = c.send_raw(req).await.unwrap();
    assert_eq!(resp.status(), 400);

    fake.configure(|s| s.custom_profile_attributes = false);
    let (status, id) = api_err(c.user("me").custom_profile_attributes().await);
    assert_eq!(
        (status, id.as_str()),
        (403, "api.custom_profile_attributes.license_error")
    );
}

#[tokio::test]
async fn auth_migration_needs_a_licence_the_fake_has_not() {
    let fake = FakeServer::new();
    let (status, id) = api_err(
        admin(&fake)
            .users()
            .migrate_auth_to_ldap(AuthService::Email, "email", false)
            .await,
    );
    assert_eq!(
        (status, id.as_str()),
        (501, "api.admin.ldap.not_available.app_error")
    );
    let (status, id) = api_err(
        admin(&fake)
            .users()
            .migrate_auth_to_saml(AuthService::Ldap, [], true)
            .await,
    );
    assert_eq!(
        (status, id.as_str()),
        (501, "api.admin.saml.not_available.app_error")
    );
    let (status, _) = api_err(
        alice(&fake)
            .users()
            .migrate_auth_to_ldap(AuthService::Email, "email", false)
            .await,
    );
    assert_eq!(status, 403);

    // What the facade refuses before I/O, the server refuses too.
    let req = Request::post("/api/v4/users/migrate_auth/ldap")
        .header("content-type", "application/json")
        .body(Bytes::from_static(
            br#"{"from":"ldap","match_field":"email","force":true}"#,
        ))
        .unwrap();
    let resp = admin(&fake).send_raw(req).await.unwrap();
    assert_eq!(resp.status(), 400);
    let body: Value = serde_json::from_slice(resp.body()).unwrap();
    assert_eq!(body["id"], "api.context.invalid_body_param.app_error");
}

#[tokio::test]
async fn permanent_deletion_is_off_by_default() {
    let fake = FakeServer::new();
    assert!(!fake.settings().enable_api_user_deletion);
    let (status, id) = api_err(admin(&fake).user(fake::USER_ID).delete_permanently().await);
    assert_eq!(
        (status, id.as_str()),
        (401, "api.user.delete_user.not_enabled.app_error")
    );
    // Nothing happened: not even a deactivation.
    let user = admin(&fake).user(fake::USER_ID).get().await.unwrap();
    assert!(!user.is_deactivated());
    assert!(!fake.sessions_of(fake::USER_ID).is_empty());
}

#[tokio::test]
async fn a_permanently_deleted_user_is_gone_everywhere() {
    let fake = FakeServer::new();
    fake.configure(|s| s.enable_api_user_deletion = true);
    // A system admin can only be deleted by an admin.
    let (status, _) = api_err(alice(&fake).user(fake::ADMIN_ID).delete_permanently().await);
    assert_eq!(status, 403);
    assert!(!fake.preferences_of(fake::USER_ID).is_empty());
    assert!(!fake.teams_of(fake::USER_ID).is_empty());

    admin(&fake)
        .users()
        .delete_permanently(fake::USER_ID)
        .await
        .unwrap();
    let c = admin(&fake);
    let (status, id) = api_err(c.user(fake::USER_ID).get().await);
    assert_eq!(
        (status, id.as_str()),
        (404, "app.user.missing_account.const")
    );
    assert!(fake.user(fake::USER_ID).is_none());
    assert!(fake.sessions_of(fake::USER_ID).is_empty());
    assert!(!fake.token_is_valid(fake::USER_TOKEN));
    assert!(!fake.token_is_valid(fake::USER_MOBILE_TOKEN));
    assert!(fake.preferences_of(fake::USER_ID).is_empty());
    assert!(fake.teams_of(fake::USER_ID).is_empty());
    assert!(fake.audits_of(fake::USER_ID).is_empty());
    assert!(fake
        .reactions_on(fake::REACTION_POST_ID)
        .iter()
        .all(|r| r["user_id"] != fake::USER_ID));
    assert!(c.user(fake::USER_ID).audits().await.unwrap().is_empty());
    assert!(c.user(fake::USER_ID).groups().await.unwrap().is_empty());
    assert!(c
        .user(fake::USER_ID)
        .custom_profile_attributes()
        .await
        .unwrap()
        .is_empty());
    assert!(!fake.users().iter().any(|u| u["id"] == fake::USER_ID));
    // The group lost a member.
    let bobs = c.user(fake::MFA_USER_ID).groups().await.unwrap();
    assert_eq!(bobs.len(), 1);
    let (status, _) = api_err(c.user(fake::USER_ID).delete_permanently().await);
    assert_eq!(status, 404);

    // The server lets users delete themselves (SessionHasPermissionToUserOrBot).
    bob(&fake).user("me").delete_permanently().await.unwrap();
    assert!(fake.user(fake::MFA_USER_ID).is_none());
}

#[tokio::test]
async fn delete_all_users_is_refused_over_tcp() {
    let fake = FakeServer::new();
    let before = fake.users().len();
    let (status, id) = api_err(admin(&fake).local_mode().permanent_delete_all_users().await);
    assert_eq!((status, id.as_str()), (404, "api.context.404.app_error"));
    assert_eq!(fake.users().len(), before);
    // Also without a token: the route simply is not there.
    let anonymous = Client::builder("https://fake.example.com")
        .transport(fake.clone())
        .build()
        .unwrap();
    let (status, _) = api_err(anonymous.local_mode().permanent_delete_all_users().await);
    assert_eq!(status, 404);
}
