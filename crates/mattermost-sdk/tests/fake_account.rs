//! The account flows through the facade against the stateful `FakeServer`: the emails it
//! captures carry tokens that complete the flows; tokens are single use and expire after an
//! hour; permissions and error ids as `server/channels/api4/user.go`.
#![allow(deprecated)] // check_mfa is deprecated but still served by older servers

use mattermost_sdk::{Client, LoginOptions};
use mattermost_sdk_mock::fake::{self, EmailKind};
use mattermost_sdk_mock::FakeServer;

mod common;
use common::{api_err, client_as};

const DORA: &str = "fakedoraunverified00000001";

/// The default data plus dora, whose email is not verified yet.
fn with_dora() -> FakeServer {
    FakeServer::builder()
        .with_default_data()
        .user_json(
            serde_json::json!({"id": DORA, "username": "dora", "email": "Dora@example.com", "email_verified": false}),
            "Dora-Passw0rd!",
        )
        .build()
}

fn anon(fake: &FakeServer) -> Client {
    Client::builder("https://fake.example.com")
        .transport(fake.clone())
        .build()
        .unwrap()
}

#[tokio::test]
async fn reset_password_by_emailed_token_then_login_with_the_new_one() {
    let fake = FakeServer::new();
    let c = anon(&fake);
    // The server lower-cases the address.
    c.users()
        .send_password_reset_email("ALICE@example.com")
        .await
        .unwrap();
    let mail = fake.last_email_to(fake::USER_EMAIL).expect("a reset email");
    assert_eq!(mail.kind, EmailKind::PasswordReset);
    assert_eq!(mail.token.expose().len(), 64);
    c.users()
        .reset_password(mail.token.clone(), "N3w-Passw0rd!")
        .await
        .unwrap();
    let user = c.login(fake::USER_LOGIN, "N3w-Passw0rd!").await.unwrap();
    assert_eq!(user.id.as_str(), fake::USER_ID);
    assert_eq!(
        api_err(
            anon(&fake)
                .login(fake::USER_LOGIN, fake::USER_PASSWORD)
                .await
        )
        .1,
        "api.user.login.invalid_credentials_email_username"
    );
    // Single use: the token is gone.
    assert_eq!(
        api_err(
            c.users()
                .reset_password(mail.token, "An0ther-Passw0rd!")
                .await
        ),
        (400, "api.user.reset_password.invalid_link.app_error".into())
    );
}

#[tokio::test]
async fn reset_rules() {
    let fake = FakeServer::new();
    let c = anon(&fake);
    // An unknown address is not revealed: 200, nothing sent.
    c.users()
        .send_password_reset_email("nobody@example.com")
        .await
        .unwrap();
    assert!(fake.sent_emails().is_empty());
    // A verification token does not reset a password.
    c.users()
        .send_verification_email(fake::USER_EMAIL)
        .await
        .unwrap();
    let verify = fake.last_email_to(fake::USER_EMAIL).unwrap();
    assert_eq!(
        api_err(
            c.users()
                .reset_password(verify.token, "N3w-Passw0rd!")
                .await
        ),
        (400, "api.user.reset_password.broken_token.app_error".into())
    );
    // The password policy applies.
    c.users()
        .send_password_reset_email(fake::USER_EMAIL)
        .await
        .unwrap();
    let mail = fake.last_email_to(fake::USER_EMAIL).unwrap();
    assert_eq!(
        api_err(c.users().reset_password(mail.token.clone(), "a").await).0,
        400
    );
    // After an hour the token has expired.
    fake.advance_clock(60 * 60 * 1000);
    assert_eq!(
        api_err(c.users().reset_password(mail.token, "N3w-Passw0rd!").await),
        (400, "api.user.reset_password.link_expired.app_error".into())
    );
    assert!(fake.check_password(fake::USER_ID, fake::USER_PASSWORD));
}

#[tokio::test]
async fn verify_email_by_emailed_token() {
    let fake = with_dora();
    let c = anon(&fake);
    let admin = client_as(&fake, fake::ADMIN_TOKEN);
    let (who, email) = (DORA.to_owned(), "dora@example.com");
    assert_ne!(
        admin.user(who.as_str()).get().await.unwrap().email_verified,
        Some(true)
    );
    c.users().send_verification_email(email).await.unwrap();
    let mail = fake.last_email_to(email).unwrap();
    assert_eq!(mail.kind, EmailKind::Verification);
    c.users().verify_email(mail.token.clone()).await.unwrap();
    let user = admin.user(who.as_str()).get().await.unwrap();
    assert_eq!(user.email_verified, Some(true));
    assert_eq!(
        api_err(c.users().verify_email(mail.token).await),
        (400, "api.user.verify_email.bad_link.app_error".into())
    );
    // Unknown addresses get a 200 and no email.
    let before = fake.sent_emails().len();
    c.users()
        .send_verification_email("nobody@example.com")
        .await
        .unwrap();
    assert_eq!(fake.sent_emails().len(), before);
    // An expired token is a bad link too.
    c.users()
        .send_verification_email(fake::USER_EMAIL)
        .await
        .unwrap();
    let mail = fake.last_email_to(fake::USER_EMAIL).unwrap();
    fake.advance_clock(60 * 60 * 1000);
    assert_eq!(
        api_err(c.users().verify_email(mail.token).await),
        (400, "api.user.verify_email.bad_link.app_error".into())
    );
}

#[tokio::test]
async fn an_admin_marks_an_email_verified() {
    let fake = with_dora();
    let admin = client_as(&fake, fake::ADMIN_TOKEN);
    let alice = client_as(&fake, fake::USER_TOKEN);
    assert_eq!(
        api_err(alice.user(fake::MFA_USER_ID).mark_email_verified().await),
        (403, "api.context.permissions.app_error".into())
    );
    // The user is read before the permission check: unknown is a 404 even for non-admins.
    assert_eq!(
        api_err(
            alice
                .user("unknownuser000000000000001")
                .mark_email_verified()
                .await
        )
        .0,
        404
    );
    let who = DORA;
    let before = admin.users().mark_email_verified(who).await.unwrap();
    // The answer is the user as read before the change (`verifyUserEmailWithoutToken`).
    assert_ne!(before.email_verified, Some(true));
    assert_eq!(
        admin.user(who).get().await.unwrap().email_verified,
        Some(true)
    );
    assert_eq!(
        api_err(
            anon(&fake)
                .user(fake::MFA_USER_ID)
                .mark_email_verified()
                .await
        )
        .0,
        401
    );
}

#[tokio::test]
async fn check_mfa_is_404_unless_legacy_mfa_is_on() {
    let fake = FakeServer::new();
    let c = anon(&fake);
    assert_eq!(
        api_err(c.users().check_mfa(fake::MFA_USER_LOGIN).await),
        (404, "api.context.404.app_error".into())
    );
    fake.configure(|s| s.legacy_mfa = true);
    assert!(
        c.users()
            .check_mfa(fake::MFA_USER_LOGIN)
            .await
            .unwrap()
            .mfa_required
    );
    assert!(
        !c.users()
            .check_mfa(fake::USER_LOGIN)
            .await
            .unwrap()
            .mfa_required
    );
    assert!(!c.users().check_mfa("nobody").await.unwrap().mfa_required);
}

#[tokio::test]
async fn login_options_reach_the_session() {
    let fake = FakeServer::new();
    let c = anon(&fake);
    c.login_with_options(
        fake::USER_LOGIN,
        fake::USER_PASSWORD,
        LoginOptions::new()
            .device_id("android_rn:abc")
            .ldap_only(false),
    )
    .await
    .unwrap();
    let sessions = fake.sessions_of(fake::USER_ID);
    assert!(sessions.iter().any(|s| s["device_id"] == "android_rn:abc"));
    // MFA code through the options.
    anon(&fake)
        .login_with_options(
            fake::MFA_USER_LOGIN,
            fake::MFA_USER_PASSWORD,
            LoginOptions::new().mfa_code(fake::MFA_CODE),
        )
        .await
        .unwrap();
}

/// No secret of these flows (password, emailed token) shows in `Debug` or `Display` of
/// the emails, the calls or their errors.
#[tokio::test]
async fn secrets_never_show() {
    let fake = FakeServer::new();
    let c = anon(&fake);
    c.users()
        .send_password_reset_email(fake::USER_EMAIL)
        .await
        .unwrap();
    let mail = fake.last_email_to(fake::USER_EMAIL).unwrap();
    let token = mail.token.expose().to_owned();
    let pw = "Sh0rt";
    let call = c.users().reset_password(mail.token.clone(), pw);
    let err = call.await.unwrap_err();
    let opts = LoginOptions::new().mfa_code("246810");
    let texts = [
        format!("{mail:?}"),
        format!("{:?}", fake.sent_emails()),
        format!("{:?}", c.users().reset_password(mail.token.clone(), pw)),
        format!("{:?}", c.users().verify_email(mail.token.clone())),
        format!("{err:?}"),
        err.to_string(),
        format!("{opts:?}"),
        format!(
            "{:?}",
            Client::builder("https://x.example").login_with_options("a", pw, opts.clone())
        ),
    ];
    for t in &texts {
        assert!(!t.contains(&token), "{t}");
        assert!(!t.contains("246810"), "{t}");
        assert!(!t.contains(&format!("\"{pw}\"")), "{t}");
    }
}

/// The server reads the login body as a string map: a JSON boolean `ldap_only` empties the
/// whole body, so the password is blank (400). The SDK sends the string `"true"`.
#[tokio::test]
async fn a_boolean_ldap_only_drops_the_login_body() {
    let fake = FakeServer::new();
    let c = anon(&fake);
    let raw = mattermost_sdk_core::http::Request::post("https://fake.example.com/api/v4/users/login")
        .header("content-type", "application/json")
        .body(mattermost_sdk_core::bytes::Bytes::from(
            serde_json::json!({"login_id": fake::USER_LOGIN, "password": fake::USER_PASSWORD, "ldap_only": true})
                .to_string(),
        ))
        .unwrap();
    let resp = c.send_raw(raw).await.unwrap();
    assert_eq!(resp.status().as_u16(), 400);
    assert!(String::from_utf8_lossy(resp.body()).contains("api.user.login.blank_pwd.app_error"));
}
