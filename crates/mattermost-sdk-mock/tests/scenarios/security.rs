//! MFA, password and authentication method: `user_test.go` (TestGenerateMfaSecret,
//! TestUpdateUserMfa, TestUpdateUserPassword, TestUpdateUserAuth).

use super::{row, Check, Table, Who::*};

#[rustfmt::skip]
pub(crate) static TABLES: &[Table] = &[
    Table {
        operation: "GenerateMfaSecret",
        method: "POST",
        route: "users/{}/mfa/generate",
        rows: &[
            row("TestGenerateMfaSecret", User, "POST", "/users/{alice}/mfa/generate", "", 501, "")
                .differs("the fake runs with MFA enabled and licensed (the server's default has EnableMultifactorAuthentication off)", 200, ""),
            row("TestGenerateMfaSecret", User, "POST", "/users/junk/mfa/generate", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGenerateMfaSecret", User, "POST", "/users/{unknown}/mfa/generate", "", 403, "api.context.permissions.app_error"),
            row("TestGenerateMfaSecret", User, "POST", "/users/{alice}/mfa/generate", "", 403, "")
                .skip("OAuth sessions are not modelled"),
            row("TestGenerateMfaSecret", Anonymous, "POST", "/users/{alice}/mfa/generate", "", 401, ""),
        ],
    },
    Table {
        operation: "UpdateUserMfa",
        method: "PUT",
        route: "users/{}/mfa",
        rows: &[
            row("TestUpdateUserMfa", User, "PUT", "/users/{alice}/mfa", r#"{"activate":false,"code":"12345"}"#, 403, "")
                .skip("OAuth sessions are not modelled"),
            row("TestUpdateUserMfa", Admin, "PUT", "/users/{bob}/mfa", r#"{"activate":false,"code":"12345"}"#, 200, "")
                .expect(&[Check::After(Admin, "/users/{bob}", "/mfa_active", "false")]),
            // With EnforceMultifactorAuthentication on, a user may still turn their own MFA off.
            row("TestUpdateUserMfa", Other, "PUT", "/users/{bob}/mfa", r#"{"activate":false,"code":"12345"}"#, 200, ""),
            row("TestUpdateUserMfa", Admin, "PUT", "/users/{bob}/mfa", r#"{"activate":false}"#, 403, "api.context.mfa_required.app_error")
                .skip("EnforceMultifactorAuthentication is not modelled (an admin without MFA is refused when it is on)"),
        ],
    },
    Table {
        operation: "UpdateUserPassword",
        method: "PUT",
        route: "users/{}/password",
        rows: &[
            row("TestUpdateUserPassword", User, "PUT", "/users/{alice}/password",
                r#"{"current_password":"Alice-Passw0rd!","new_password":"newpassword1"}"#, 200, "")
                .expect(&[Check::Then(Anonymous, "POST", "/users/login", r#"{"login_id":"alice","password":"newpassword1"}"#, 200)]),
            // The default password policy (PasswordSettings.MinimumLength 8).
            row("TestUpdateUserPassword", User, "PUT", "/users/{alice}/password",
                r#"{"current_password":"Alice-Passw0rd!","new_password":""}"#, 400, "model.user.is_valid.pwd_min_length.app_error"),
            row("TestUpdateUserPassword", User, "PUT", "/users/{alice}/password",
                r#"{"current_password":"Alice-Passw0rd!","new_password":"junk"}"#, 400, "model.user.is_valid.pwd_min_length.app_error"),
            row("TestUpdateUserPassword", User, "PUT", "/users/junk/password",
                r#"{"current_password":"Alice-Passw0rd!","new_password":"newpassword1"}"#, 400, "api.context.invalid_url_param.app_error"),
            row("TestUpdateUserPassword", User, "PUT", "/users/{alice}/password",
                r#"{"current_password":"","new_password":"newpassword1"}"#, 400, ""),
            row("TestUpdateUserPassword", User, "PUT", "/users/{alice}/password",
                r#"{"current_password":"junk","new_password":"newpassword1"}"#, 400, "api.user.update_password.incorrect.app_error"),
            row("TestUpdateUserPassword", Anonymous, "PUT", "/users/{alice}/password",
                r#"{"current_password":"Alice-Passw0rd!","new_password":"newpassword1"}"#, 401, ""),
            row("TestUpdateUserPassword", Other, "PUT", "/users/{alice}/password",
                r#"{"current_password":"Bob-Passw0rd!","new_password":"newpassword1"}"#, 403, ""),
            row("TestUpdateUserPassword", User, "PUT", "/users/{alice}/password",
                r#"{"current_password":"Alice-Passw0rd!","new_password":"newpwd"}"#, 401, "api.user.check_user_login_attempts.too_many.app_error")
                .skip("ServiceSettings.MaximumLoginAttempts and failed-attempt lockout are not modelled"),
            row("TestUpdateUserPassword", Admin, "PUT", "/users/{alice}/password",
                r#"{"new_password":"pwdsetbyadmin"}"#, 200, "")
                .expect(&[Check::Then(Anonymous, "POST", "/users/login", r#"{"login_id":"alice@example.com","password":"pwdsetbyadmin"}"#, 200)]),
            row("TestUpdateUserHashedPassword", Admin, "PUT", "/users/{alice}/password", "", 200, "")
                .skip("setting a pre-hashed password (local mode / hashed_password) is not modelled"),
        ],
    },
    Table {
        operation: "UpdateUserAuth",
        method: "PUT",
        route: "users/{}/auth",
        rows: &[
            // An empty auth_data/auth_service pair is refused.
            row("TestUpdateUserAuth", Admin, "PUT", "/users/{new}/auth", r#"{"auth_data":"","auth_service":""}"#, 0, ""),
            row("TestUpdateUserAuth", Admin, "PUT", "/users/{new}/auth",
                r#"{"auth_data":"test@test.com","auth_service":"saml"}"#, 200, "")
                .expect(&[
                    Check::Json("/auth_data", r#""test@test.com""#),
                    Check::Json("/auth_service", r#""saml""#),
                ]),
            row("TestUpdateUserAuth", Admin, "PUT", "/users/{new}/auth", r#"{"auth_data":"x","auth_service":""}"#, 0, ""),
            // A regular user may not use the endpoint.
            row("TestUpdateUserAuth", Other, "PUT", "/users/{new}/auth", r#"{"auth_data":"x","auth_service":"saml"}"#, 0, ""),
        ],
    },
];
