//! Sign-in flows: `user_test.go` (TestSwitchAccount, TestLoginCookies' CWS login,
//! TestLoginSSOCodeExchange) and `server/channels/app/login_test.go` (TestCWSLogin). The
//! server tests run on a licensed server, as the fake is; `.with(..)` sets the settings each
//! test changes (`ExperimentalEnableAuthenticationTransfer`, email sign-up and sign-in,
//! `GitLabSettings.Enable`, the Cloud licence and `CWS_CLOUD_TOKEN`). A successful code
//! exchange needs the code the fake issued (`FakeServer::issue_sso_login_code`), covered by
//! the sdk's `tests/fake_signin.rs`.

use super::{row, step, Check, Table, Who::*};
use mattermost_sdk_core::Token;

const CWS: &str = "cwsscenariotoken0123456789abcdefghijklmnopqrstuvwxyz0123456789ab";

#[rustfmt::skip]
pub(crate) static TABLES: &[Table] = &[
    Table {
        operation: "SwitchAccountType",
        method: "POST",
        route: "users/login/switch",
        rows: &[
            // Email → GitLab with GitLab on: a link to follow.
            row("TestSwitchAccount", Anonymous, "POST", "/users/login/switch",
                r#"{"current_service":"email","new_service":"gitlab","email":"alice@example.com","password":"Alice-Passw0rd!"}"#, 200, "")
                .with(|f| f.configure(|s| s.enable_gitlab = true)),
            // Authentication transfer off (on a licensed server): every switch is a 403.
            row("TestSwitchAccount", Anonymous, "POST", "/users/login/switch",
                r#"{"current_service":"email","new_service":"gitlab"}"#, 403, "api.user.email_to_oauth.not_available.app_error")
                .with(|f| f.configure(|s| s.enable_authentication_transfer = false)),
            row("TestSwitchAccount", User, "POST", "/users/login/switch",
                r#"{"current_service":"saml","new_service":"email","email":"alice@example.com","new_password":"Alice-Passw0rd!"}"#, 403, "api.user.oauth_to_email.not_available.app_error")
                .with(|f| f.configure(|s| s.enable_authentication_transfer = false)),
            row("TestSwitchAccount", User, "POST", "/users/login/switch",
                r#"{"current_service":"email","new_service":"ldap"}"#, 403, "api.user.email_to_ldap.not_available.app_error")
                .with(|f| f.configure(|s| s.enable_authentication_transfer = false)),
            row("TestSwitchAccount", User, "POST", "/users/login/switch",
                r#"{"current_service":"ldap","new_service":"email"}"#, 403, "api.user.ldap_to_email.not_available.app_error")
                .with(|f| f.configure(|s| s.enable_authentication_transfer = false)),
            // GitLab → email, alice's account moved to GitLab first.
            row("TestSwitchAccount", User, "POST", "/users/login/switch",
                r#"{"current_service":"gitlab","new_service":"email","email":"alice@example.com","new_password":"Alice-Passw0rd!"}"#, 403, "api.user.auth_switch.not_available.email_signup_disabled.app_error")
                .with(|f| f.configure(|s| s.enable_sign_up_with_email = false))
                .before(&[step(Admin, "PUT", "/users/{alice}/auth", r#"{"auth_data":"alice-gitlab","auth_service":"gitlab"}"#)]),
            row("TestSwitchAccount", User, "POST", "/users/login/switch",
                r#"{"current_service":"gitlab","new_service":"email","email":"alice@example.com","new_password":"Alice-Passw0rd!"}"#, 403, "api.user.auth_switch.not_available.login_disabled.app_error")
                .with(|f| f.configure(|s| { s.enable_sign_in_with_email = false; s.enable_sign_in_with_username = false; }))
                .before(&[step(Admin, "PUT", "/users/{alice}/auth", r#"{"auth_data":"alice-gitlab","auth_service":"gitlab"}"#)]),
            // LDAP → email with email sign-up or sign-in off.
            row("TestSwitchAccount", User, "POST", "/users/login/switch",
                r#"{"current_service":"ldap","new_service":"email","email":"alice@example.com","new_password":"Alice-Passw0rd!"}"#, 403, "api.user.auth_switch.not_available.email_signup_disabled.app_error")
                .with(|f| f.configure(|s| s.enable_sign_up_with_email = false))
                .before(&[step(Admin, "PUT", "/users/{alice}/auth", r#"{"auth_data":"alice","auth_service":"ldap"}"#)]),
            row("TestSwitchAccount", User, "POST", "/users/login/switch",
                r#"{"current_service":"ldap","new_service":"email","email":"alice@example.com","new_password":"Alice-Passw0rd!"}"#, 403, "api.user.auth_switch.not_available.login_disabled.app_error")
                .with(|f| f.configure(|s| { s.enable_sign_in_with_email = false; s.enable_sign_in_with_username = false; }))
                .before(&[step(Admin, "PUT", "/users/{alice}/auth", r#"{"auth_data":"alice","auth_service":"ldap"}"#)]),
            // GitLab → email: the sign-in change link; the sessions end; the password logs in.
            row("TestSwitchAccount", User, "POST", "/users/login/switch",
                r#"{"current_service":"gitlab","new_service":"email","email":"alice@example.com","new_password":"Alice-Passw0rd!"}"#, 200, "")
                .before(&[step(Admin, "PUT", "/users/{alice}/auth", r#"{"auth_data":"alice-gitlab","auth_service":"gitlab"}"#)])
                .expect(&[
                    Check::Json("/follow_link", r#""/login?extra=signin_change""#),
                    Check::Then(User, "GET", "/users/me", "", 401),
                    Check::Then(Anonymous, "POST", "/users/login", r#"{"login_id":"alice@example.com","password":"Alice-Passw0rd!"}"#, 200),
                ]),
            // A pair the server does not switch.
            row("TestSwitchAccount", Anonymous, "POST", "/users/login/switch",
                r#"{"current_service":"gitlab","new_service":"google"}"#, 400, "api.context.invalid_body_param.app_error"),
        ],
    },
    Table {
        operation: "LoginByCwsToken",
        method: "POST",
        route: "users/login/cws",
        rows: &[
            // A Cloud licence and the server's CWS_CLOUD_TOKEN: the 302 the test stops at,
            // carrying the session cookies.
            row("TestLoginCookies", Anonymous, "POST", "/users/login/cws",
                "login_id=admin%40example.com&cws_token=cwsscenariotoken0123456789abcdefghijklmnopqrstuvwxyz0123456789ab", 302, "")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .with(|f| f.configure(|s| { s.cloud_license = true; s.cws_cloud_token = Some(Token::new(CWS)); })),
            row("TestLoginCookies", Anonymous, "POST", "/users/login/cws",
                "login_id=admin%40example.com&cws_token=cwsscenariotoken0123456789abcdefghijklmnopqrstuvwxyz0123456789ab", 302, "")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .skip("the MMCLOUDURL cookie (a *.cloud.mattermost.com site URL) is not modelled"),
            row("TestCWSLogin", Anonymous, "POST", "/users/login/cws",
                "login_id=alice&cws_token=cwsscenariotoken0123456789abcdefghijklmnopqrstuvwxyz0123456789ab", 302, "")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .with(|f| f.configure(|s| { s.cloud_license = true; s.cws_cloud_token = Some(Token::new(CWS)); })),
            row("TestCWSLogin", Anonymous, "POST", "/users/login/cws", "", 302, "")
                .skip("a used token is the same 302 without cookies, which a status cannot tell apart: covered by tests/fake_signin.rs"),
        ],
    },
    Table {
        operation: "LoginSSOCodeExchange",
        method: "POST",
        route: "users/login/sso/code-exchange",
        rows: &[
            // A code that is not an SSO code-exchange token: not found.
            row("TestLoginSSOCodeExchange", Anonymous, "POST", "/users/login/sso/code-exchange",
                r#"{"login_code":"{x*64}","code_verifier":"test_verifier","state":"test_state"}"#, 404, "api.user.create_user.signup_link_invalid.app_error"),
            row("TestLoginSSOCodeExchange", Anonymous, "POST", "/users/login/sso/code-exchange", "", 200, "")
                .skip("needs the one-time code the fake issued: covered by tests/fake_signin.rs"),
        ],
    },
];
