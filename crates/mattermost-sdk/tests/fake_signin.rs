//! The sign-in flows through the facade against the stateful `FakeServer`: switching
//! sign-in methods changes what login accepts and ends sessions; the CWS login's session
//! works for later calls and its token is single use; the SSO code exchange checks state and
//! the PKCE verifier and uses the code up; error ids as `server/channels/api4/user.go` and
//! `server/channels/app/{oauth,ldap,login}.go`. Also: the fake states its version and the
//! client exposes it.
#![allow(deprecated)] // sso_code_exchange is deprecated but still served

use mattermost_sdk::models::{AuthService, SwitchRequest};
use mattermost_sdk::{Client, Token};
use mattermost_sdk_mock::fake::{self, s256_challenge, FAKE_SERVER_VERSION};
use mattermost_sdk_mock::FakeServer;

mod common;
use common::api_err;

const SAML_USER: &str = "fakesamluser00000000000001";
const LDAP_USER: &str = "fakeldapuser00000000000001";

fn with_sso_users() -> FakeServer {
    FakeServer::builder()
        .with_default_data()
        .user_json(
            serde_json::json!({"id": SAML_USER, "username": "sam", "email": "sam@example.com",
                               "auth_service": "gitlab", "auth_data": "sam-gitlab-id"}),
            "",
        )
        .user_json(
            serde_json::json!({"id": LDAP_USER, "username": "lee", "email": "lee@example.com",
                               "auth_service": "ldap", "auth_data": "lee"}),
            "",
        )
        .session(SAML_USER, "fakesamsessiontoken0000001")
        .build()
}

fn client(fake: &FakeServer, token: Option<&str>) -> Client {
    let mut b = Client::builder("https://fake.example.com").transport(fake.clone());
    if let Some(t) = token {
        b = b.token(t);
    }
    b.build().unwrap()
}

#[tokio::test]
async fn email_to_sso_checks_the_password_and_answers_a_link() {
    let fake = FakeServer::new();
    let anon = client(&fake, None);
    let to = |service| SwitchRequest::email_to_sso(fake::USER_EMAIL, fake::USER_PASSWORD, service);
    let link = anon
        .users()
        .switch_account_type(to(AuthService::Saml))
        .await
        .unwrap();
    assert!(
        link.follow_link
            .starts_with("http://localhost:8065/login/sso/saml?action=email_to_sso&email_token="),
        "{}",
        link.follow_link
    );
    // GitLab: 501 until the server has it configured (TestSwitchAccount enables it first).
    assert_eq!(
        api_err(
            anon.users()
                .switch_account_type(to(AuthService::Gitlab))
                .await
        ),
        (
            501,
            "api.user.authorize_oauth_user.unsupported.app_error".into()
        )
    );
    fake.configure(|s| s.enable_gitlab = true);
    let link = anon
        .users()
        .switch_account_type(to(AuthService::Gitlab))
        .await
        .unwrap();
    assert!(!link.follow_link.is_empty());
    // The wrong password; an MFA account without its code; an unknown email.
    let wrong = SwitchRequest::email_to_sso(fake::USER_EMAIL, "nope", AuthService::Saml);
    assert_eq!(
        api_err(anon.users().switch_account_type(wrong).await),
        (401, "api.user.check_user_password.invalid.app_error".into())
    );
    let bob = "bob@example.com";
    let no_code = SwitchRequest::email_to_sso(bob, fake::MFA_USER_PASSWORD, AuthService::Saml);
    assert_eq!(
        api_err(anon.users().switch_account_type(no_code.clone()).await).0,
        400
    );
    anon.users()
        .switch_account_type(no_code.mfa_code(fake::MFA_CODE))
        .await
        .unwrap();
    let unknown = SwitchRequest::email_to_sso("nobody@example.com", "x", AuthService::Saml);
    assert_eq!(
        api_err(anon.users().switch_account_type(unknown).await).0,
        404
    );
}

#[tokio::test]
async fn authentication_transfer_off_forbids_every_switch() {
    // TestSwitchAccount: a licensed server with ExperimentalEnableAuthenticationTransfer off.
    let fake = with_sso_users();
    fake.configure(|s| s.enable_authentication_transfer = false);
    let sam = client(&fake, Some("fakesamsessiontoken0000001"));
    let cases = [
        (
            SwitchRequest::email_to_sso(fake::USER_EMAIL, fake::USER_PASSWORD, AuthService::Gitlab),
            "api.user.email_to_oauth.not_available.app_error",
        ),
        (
            SwitchRequest::sso_to_email(AuthService::Gitlab, "sam@example.com", "N3w-Passw0rd!"),
            "api.user.oauth_to_email.not_available.app_error",
        ),
        (
            SwitchRequest::email_to_ldap(fake::USER_EMAIL, fake::USER_PASSWORD, "alice", "x"),
            "api.user.email_to_ldap.not_available.app_error",
        ),
        (
            SwitchRequest::ldap_to_email("x", "lee@example.com", "N3w-Passw0rd!"),
            "api.user.ldap_to_email.not_available.app_error",
        ),
    ];
    for (request, id) in cases {
        assert_eq!(
            api_err(sam.users().switch_account_type(request).await),
            (403, id.into())
        );
    }
}

#[tokio::test]
async fn sso_to_email_sets_the_password_and_ends_the_sessions() {
    let fake = with_sso_users();
    let sam = client(&fake, Some("fakesamsessiontoken0000001"));
    let anon = client(&fake, None);
    let request =
        || SwitchRequest::sso_to_email(AuthService::Gitlab, "sam@example.com", "Sam-N3w-Passw0rd!");
    // Needs a session.
    assert_eq!(
        api_err(anon.users().switch_account_type(request()).await).0,
        401
    );
    // Only for one's own account.
    let alice = client(&fake, Some(fake::USER_TOKEN));
    assert_eq!(
        api_err(alice.users().switch_account_type(request()).await),
        (403, "api.user.oauth_to_email.context.app_error".into())
    );
    // With email sign-up off, or email and username sign-in off: 403.
    fake.configure(|s| s.enable_sign_up_with_email = false);
    assert_eq!(
        api_err(sam.users().switch_account_type(request()).await),
        (
            403,
            "api.user.auth_switch.not_available.email_signup_disabled.app_error".into()
        )
    );
    fake.configure(|s| {
        s.enable_sign_up_with_email = true;
        s.enable_sign_in_with_email = false;
        s.enable_sign_in_with_username = false;
    });
    assert_eq!(
        api_err(sam.users().switch_account_type(request()).await),
        (
            403,
            "api.user.auth_switch.not_available.login_disabled.app_error".into()
        )
    );
    fake.configure(|s| {
        s.enable_sign_in_with_email = true;
        s.enable_sign_in_with_username = true;
    });
    let link = sam.users().switch_account_type(request()).await.unwrap();
    assert_eq!(link.follow_link, "/login?extra=signin_change");
    // The old session ended; the new password logs in; the account is an email account.
    assert_eq!(api_err(sam.me().await).0, 401);
    let fresh = client(&fake, None);
    let me = fresh
        .login("sam@example.com", "Sam-N3w-Passw0rd!")
        .await
        .unwrap();
    assert_eq!(me.id.as_str(), SAML_USER);
    let user = fresh.me().await.unwrap();
    assert_eq!(user.auth_service.as_deref().unwrap_or(""), "");
}

#[tokio::test]
async fn ldap_switches_end_where_a_server_without_ldap_does() {
    let fake = with_sso_users();
    let alice = client(&fake, Some(fake::USER_TOKEN));
    let anon = client(&fake, None);
    // email → ldap: the password is checked and the sessions end before the LDAP step.
    let to_ldap = SwitchRequest::email_to_ldap(fake::USER_EMAIL, fake::USER_PASSWORD, "alice", "x");
    assert_eq!(
        api_err(anon.users().switch_account_type(to_ldap).await),
        (501, "api.user.email_to_ldap.not_available.app_error".into())
    );
    assert_eq!(api_err(alice.me().await).0, 401);
    // ldap → email: an account that is not LDAP is a 400; an LDAP one a 501.
    let not_ldap = SwitchRequest::ldap_to_email("x", fake::USER_EMAIL, "N3w-Passw0rd!");
    assert_eq!(
        api_err(anon.users().switch_account_type(not_ldap).await),
        (
            400,
            "api.user.ldap_to_email.not_ldap_account.app_error".into()
        )
    );
    let lee = SwitchRequest::ldap_to_email("x", "lee@example.com", "N3w-Passw0rd!");
    assert_eq!(
        api_err(anon.users().switch_account_type(lee).await),
        (501, "api.user.ldap_to_email.not_available.app_error".into())
    );
}

const CWS: &str = "cws-token-0123456789abcdefghijklmnopqrstuvwxyz0123456789abcdefgh";

#[tokio::test]
async fn cws_login_needs_a_cloud_licence_and_its_token_once() {
    let fake = FakeServer::new();
    let anon = client(&fake, None);
    assert_eq!(
        api_err(
            anon.users()
                .login_by_cws_token(fake::ADMIN_EMAIL, CWS)
                .await
        ),
        (401, "api.user.login_cws.license.error".into())
    );
    fake.configure(|s| {
        s.cloud_license = true;
        s.cws_cloud_token = Some(Token::new(CWS));
    });
    // A wrong token: the server's 302 without a session.
    let (status, _) = api_err(
        anon.users()
            .login_by_cws_token(fake::ADMIN_EMAIL, "wrong")
            .await,
    );
    assert_eq!(status, 302);
    let login = anon
        .users()
        .login_by_cws_token(fake::ADMIN_EMAIL, CWS)
        .await
        .unwrap();
    assert_eq!(login.user_id.as_deref(), Some(fake::ADMIN_ID));
    assert_eq!(login.location.as_deref(), Some("http://localhost:8065"));
    // The session works as a bearer token.
    let admin = client(&fake, Some(login.token.expose()));
    assert_eq!(admin.me().await.unwrap().id.as_str(), fake::ADMIN_ID);
    assert!(
        admin
            .user(fake::ADMIN_ID)
            .get_sessions()
            .await
            .unwrap()
            .len()
            >= 2
    );
    // The token is used up.
    assert_eq!(
        api_err(
            anon.users()
                .login_by_cws_token(fake::ADMIN_EMAIL, CWS)
                .await
        )
        .0,
        302
    );
}

#[tokio::test]
async fn sso_code_exchange_checks_state_and_verifier_and_uses_the_code_up() {
    let fake = FakeServer::new();
    let anon = client(&fake, None);
    let verifier = "test_code_verifier_123456789";
    let challenge = s256_challenge(verifier);
    let code = fake.issue_sso_login_code(fake::USER_ID, &challenge, "S256", "st");
    // The wrong state: 400, and the code is gone (consumed before the checks).
    assert_eq!(
        api_err(
            anon.users()
                .sso_code_exchange(code.expose(), verifier, "other")
                .await
        ),
        (
            400,
            "api.oauth.get_access_token.bad_request.app_error".into()
        )
    );
    assert_eq!(
        api_err(
            anon.users()
                .sso_code_exchange(code.expose(), verifier, "st")
                .await
        ),
        (
            404,
            "api.user.create_user.signup_link_invalid.app_error".into()
        )
    );
    // The wrong verifier.
    let code = fake.issue_sso_login_code(fake::USER_ID, &challenge, "S256", "st");
    assert_eq!(
        api_err(
            anon.users()
                .sso_code_exchange(code.expose(), "wrong", "st")
                .await
        )
        .0,
        400
    );
    // The right ones: a session for the user.
    let code = fake.issue_sso_login_code(fake::USER_ID, &challenge, "S256", "st");
    let session = anon
        .users()
        .sso_code_exchange(code.expose(), verifier, "st")
        .await
        .unwrap();
    assert!(session.csrf.is_some());
    let alice = client(&fake, Some(session.token.expose()));
    assert_eq!(alice.me().await.unwrap().id.as_str(), fake::USER_ID);
    // `plain` is refused; the feature flag off is a 400 before anything.
    let plain = fake.issue_sso_login_code(fake::USER_ID, verifier, "plain", "st");
    assert_eq!(
        api_err(
            anon.users()
                .sso_code_exchange(plain.expose(), verifier, "st")
                .await
        )
        .0,
        400
    );
    fake.configure(|s| s.mobile_sso_code_exchange = false);
    let code = fake.issue_sso_login_code(fake::USER_ID, verifier, "", "st");
    assert_eq!(
        api_err(
            anon.users()
                .sso_code_exchange(code.expose(), verifier, "st")
                .await
        )
        .0,
        400
    );
    fake.configure(|s| s.mobile_sso_code_exchange = true);
    anon.users()
        .sso_code_exchange(code.expose(), verifier, "st")
        .await
        .unwrap();
}

#[tokio::test]
async fn the_fake_states_its_version_and_the_client_keeps_it() {
    let fake = FakeServer::new();
    let c = client(&fake, Some(fake::USER_TOKEN));
    assert_eq!(c.server_version(), None);
    c.me().await.unwrap();
    let v = c.server_version().expect("the fake sends X-Version-Id");
    assert_eq!(v.raw, FAKE_SERVER_VERSION);
    assert_eq!(v.triple(), (11, 1, 0));
    // An error answer carries it too.
    let anon = client(&fake, None);
    assert!(anon.me().await.is_err());
    assert_eq!(
        anon.server_version().map(|v| v.raw),
        Some(FAKE_SERVER_VERSION.to_owned())
    );
}
