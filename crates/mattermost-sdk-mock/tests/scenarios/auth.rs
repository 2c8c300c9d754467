//! Ping, login and logout: `system_test.go` (TestGetPing), `user_test.go` (TestLogin,
//! TestUserLoginMFAFlow, TestGetMe) and the app layer's `authentication_test.go`.

use super::{row, step, Check, Table, Who::*};

#[rustfmt::skip]
pub(crate) static TABLES: &[Table] = &[
    Table {
        operation: "GetPing",
        method: "GET",
        route: "system/ping",
        rows: &[
            row("TestGetPing", Anonymous, "GET", "/system/ping", "", 200, "")
                .expect(&[Check::Json("/status", r#""OK""#)]),
            row("TestGetPing", Admin, "GET", "/system/ping", "", 200, "")
                .expect(&[Check::Json("/status", r#""OK""#)]),
            row("TestGetPing", Anonymous, "GET", "/system/ping", "", 500, "")
                .skip("unhealthy server (GoroutineHealthThreshold) is not modelled"),
            row("TestGetPing", Admin, "GET", "/system/ping?get_server_status=true", "", 200, "")
                .skip("ping options (server status, feature flags, root_status, push test) are not modelled; the fake answers {\"status\":\"OK\"}"),
        ],
    },
    Table {
        operation: "Login",
        method: "POST",
        route: "users/login",
        rows: &[
            row("TestLogin", Anonymous, "POST", "/users/login",
                r#"{"login_id":"alice@example.com","password":""}"#, 0, "api.user.login.blank_pwd.app_error"),
            row("TestLogin", Anonymous, "POST", "/users/login",
                r#"{"login_id":"unknown","password":"Alice-Passw0rd!"}"#, 0, "api.user.login.invalid_credentials_email_username"),
            row("TestLogin", Anonymous, "POST", "/users/login",
                r#"{"login_id":"alice@example.com","password":"Alice-Passw0rd!"}"#, 200, "")
                .expect(&[Check::Json("/id", r#""fakeuser000000000000000001""#)]),
            row("TestLogin", Anonymous, "POST", "/users/login", "", 0, "api.user.login.bot_login_forbidden.app_error")
                .skip("bot accounts are not modelled"),
            row("TestLogin", Anonymous, "POST", "/users/login", "", 0, "api.user.login.remote_users.login.error")
                .skip("remote (shared channels) users are not modelled"),
            row("TestLogin", Anonymous, "POST", "/users/login", "", 200, "")
                .skip("terms of service are not modelled"),
            // MFA (the server test enables EnableMultifactorAuthentication; the fake always has
            // it on). A code that is not six digits fails validation: 400 (status from
            // App.CheckUserMfa, server/channels/app/authentication.go).
            row("TestUserLoginMFAFlow", Anonymous, "POST", "/users/login",
                r#"{"login_id":"bob@example.com","password":"Bob-Passw0rd!"}"#, 400, "mfa.validate_token.authenticate.app_error"),
            row("TestUserLoginMFAFlow", Anonymous, "POST", "/users/login",
                r#"{"login_id":"bob@example.com","password":"Bob-Passw0rd!","token":""}"#, 400, "mfa.validate_token.authenticate.app_error"),
            row("TestUserLoginMFAFlow", Anonymous, "POST", "/users/login",
                r#"{"login_id":"bob@example.com","password":"Bob-Passw0rd!","token":"abcdefgh"}"#, 400, "mfa.validate_token.authenticate.app_error"),
            row("TestUserLoginMFAFlow", Anonymous, "POST", "/users/login",
                r#"{"login_id":"bob@example.com","password":"Bob-Passw0rd!","token":"FAKEMFASEEDSECRETAAAAAAAAAAAAAAA"}"#, 400, "mfa.validate_token.authenticate.app_error"),
            row("TestUserLoginMFAFlow", Anonymous, "POST", "/users/login",
                r#"{"login_id":"bob@example.com","password":"Bob-Passw0rd!","token":"123456"}"#, 200, ""),
            row("TestUserLoginMFAFlow", Anonymous, "POST", "/users/login",
                r#"{"login_id":"alice@example.com","password":"Alice-Passw0rd!"}"#, 200, ""),
            // app/authentication_test.go, "should not breach max. login attempts when MFA is
            // wrong": a well-formed wrong code.
            row("app/authentication_test.go: MFA wrong (concurrent failed attempts)", Anonymous, "POST", "/users/login",
                r#"{"login_id":"bob@example.com","password":"Bob-Passw0rd!","token":"654321"}"#, 401, "api.user.check_user_mfa.bad_code.app_error"),
        ],
    },
    Table {
        operation: "Logout",
        method: "POST",
        route: "users/logout",
        rows: &[
            // Every server test logs out this way; TestGetMe then expects a 401.
            row("TestGetMe", User, "POST", "/users/logout", "", 200, "")
                .expect(&[Check::Then(User, "GET", "/users/me", "", 401)]),
            // TestRevokeAllSessions logs out after revoking its own sessions: no error.
            row("TestRevokeAllSessions", User, "POST", "/users/logout", "", 200, "")
                .before(&[step(User, "POST", "/users/{alice}/sessions/revoke/all", "")]),
        ],
    },
];
