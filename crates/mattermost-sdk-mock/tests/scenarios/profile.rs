//! The user itself: `user_test.go` (TestGetMe, TestGetUser, TestUpdateUser, TestPatchUser,
//! TestUserUnicodeNames, TestDeleteUser, TestPermanentDeleteUser, TestUpdateUserRoles,
//! TestUpdateUserActive) and `team_test.go` (TestGetTeamsForUser).

use super::{row, step, Check, Table, Who::*};

const ALICE_FULL: &str = r#"{"id":"{alice}","username":"alice","email":"alice@example.com","nickname":"Joram Wilander","roles":"system_admin system_user","last_password_update":123}"#;

#[rustfmt::skip]
pub(crate) static TABLES: &[Table] = &[
    Table {
        operation: "GetUser",
        method: "GET",
        route: "users/{}",
        rows: &[
            row("TestGetMe", User, "GET", "/users/me", "", 200, "")
                .expect(&[Check::Json("/id", r#""fakeuser000000000000000001""#)]),
            row("TestGetMe", Anonymous, "GET", "/users/me", "", 401, ""),
            row("TestGetUser", User, "GET", "/users/{bob}", "", 200, "")
                .expect(&[Check::Json("/email", r#""bob@example.com""#)]),
            row("TestGetUser", User, "GET", "/users/{bob}", "", 304, "")
                .before(&[step(User, "GET", "/users/{bob}", "")])
                .header("If-None-Match", "{etag}"),
            row("TestGetUser", User, "GET", "/users/junk", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetUser", User, "GET", "/users/{unknown}", "", 404, "app.user.missing_account.const"),
            row("TestGetUser", Anonymous, "GET", "/users/{bob}", "", 401, "api.context.session_expired.app_error"),
            row("TestGetUser", Admin, "GET", "/users/{bob}", "", 200, ""),
            row("TestGetUser", User, "GET", "/users/{bob}", "", 200, "")
                .skip("PrivacySettings.ShowEmailAddress/ShowFullName=false are not modelled: the fake runs with the defaults (both true) and never hides email or names"),
            row("TestGetUserWithAcceptedTermsOfService", User, "GET", "/users/me", "", 200, "")
                .skip("terms of service are not modelled"),
            row("TestGetBotUser", User, "GET", "/users/{unknown}", "", 200, "")
                .skip("bot accounts are not modelled"),
        ],
    },
    Table {
        operation: "UpdateUser",
        method: "PUT",
        route: "users/{}",
        rows: &[
            // Roles and last_password_update are not updatable through this call.
            row("TestUpdateUser", User, "PUT", "/users/{alice}", ALICE_FULL, 200, "")
                .expect(&[
                    Check::Json("/nickname", r#""Joram Wilander""#),
                    Check::Json("/roles", r#""system_user""#),
                ]),
            row("TestUpdateUser", User, "PUT", "/users/{alice}",
                r#"{"id":"{alice}","username":"alice","email":"alice.new@example.com"}"#, 400, ""),
            row("TestUpdateUser", Admin, "PUT", "/users/{alice}",
                r#"{"id":"{alice}","username":"alice","email":"alice.new@example.com"}"#, 200, "")
                .expect(&[Check::Json("/email", r#""alice.new@example.com""#)]),
            row("TestUpdateUser", User, "PUT", "/users/{alice}",
                r#"{"id":"{alice}","username":"alice","email":"alice.new@example.com","password":"Alice-Passw0rd!"}"#, 200, ""),
            row("TestUpdateUser", User, "PUT", "/users/junk",
                r#"{"id":"junk","username":"alice","email":"alice@example.com"}"#, 400, "api.context.invalid_url_param.app_error"),
            row("TestUpdateUser", User, "PUT", "/users/{unknown}",
                r#"{"id":"{unknown}","username":"alice","email":"alice@example.com"}"#, 403, "api.context.permissions.app_error"),
            row("TestUpdateUser", User, "PUT", "/users/{alice}", "garbage", 400, "api.context.invalid_body_param.app_error"),
            row("TestUpdateUser", User, "PUT", "/users/{alice}", "", 403, "")
                .skip("OAuth sessions are not modelled (an OAuth session may not change the email)"),
            row("TestUpdateUser", Anonymous, "PUT", "/users/{alice}", ALICE_FULL, 401, ""),
            row("TestUpdateUser", Other, "PUT", "/users/{alice}", ALICE_FULL, 403, "api.context.permissions.app_error"),
            row("TestUpdateUser", Admin, "PUT", "/users/{alice}", ALICE_FULL, 200, ""),
            row("TestUpdateAdminUser", User, "PUT", "/users/{admin}", "", 403, "")
                .skip("roles other than system_admin/system_user (system_user_manager) and permission schemes are not modelled"),
            row("TestUpdateBotUser", Admin, "PUT", "/users/{unknown}", "", 200, "")
                .skip("bot accounts are not modelled"),
            // Bad Unicode is filtered out of names, not refused.
            row("TestUserUnicodeNames", User, "PUT", "/users/{alice}",
                r#"{"id":"{alice}","username":"wiggin\ufff9","email":"alice@example.com","nickname":"Ender\u0340 \ufffcWiggin","first_name":"Andrew\ufff9","last_name":"Wig\u206fgin"}"#, 200, "")
                .expect(&[
                    Check::Json("/username", r#""wiggin""#),
                    Check::Json("/nickname", r#""Ender Wiggin""#),
                    Check::Json("/first_name", r#""Andrew""#),
                    Check::Json("/last_name", r#""Wiggin""#),
                ]),
        ],
    },
    Table {
        operation: "PatchUser",
        method: "PUT",
        route: "users/{}/patch",
        rows: &[
            row("TestPatchUser", User, "PUT", "/users/{alice}/patch",
                r#"{"timezone":{"manualTimezone":"{x*300}"}}"#, 400, "model.user.is_valid.timezone_limit.app_error"),
            row("TestPatchUser", User, "PUT", "/users/{alice}/patch",
                r#"{"password":"testpassword","nickname":"Joram Wilander","first_name":"Joram","last_name":"Wilander","position":"","notify_props":{"comment":"somethingrandom"},"timezone":{"useAutomaticTimezone":"true","automaticTimezone":"America/New_York","manualTimezone":""}}"#, 200, "")
                .expect(&[
                    Check::Json("/nickname", r#""Joram Wilander""#),
                    Check::Json("/first_name", r#""Joram""#),
                    Check::Json("/username", r#""alice""#),
                    Check::Json("/notify_props/comment", r#""somethingrandom""#),
                    Check::Json("/timezone/automaticTimezone", r#""America/New_York""#),
                    // The password is not changed by a patch.
                    Check::Then(Anonymous, "POST", "/users/login", r#"{"login_id":"alice","password":"Alice-Passw0rd!"}"#, 200),
                ]),
            row("TestPatchUser", User, "PUT", "/users/{alice}/patch",
                r#"{"email":"alice.new@example.com"}"#, 400, ""),
            row("TestPatchUser", User, "PUT", "/users/{alice}/patch",
                r#"{"email":"alice.new@example.com","password":"Alice-Passw0rd!"}"#, 200, "")
                .expect(&[Check::Json("/email", r#""alice.new@example.com""#)]),
            row("TestPatchUser", User, "PUT", "/users/{alice}/patch",
                r#"{"username":"bob"}"#, 400, ""),
            row("TestPatchUser", User, "PUT", "/users/junk/patch", r#"{"nickname":"x"}"#, 400, "api.context.invalid_url_param.app_error"),
            row("TestPatchUser", User, "PUT", "/users/{unknown}/patch", r#"{"nickname":"x"}"#, 403, "api.context.permissions.app_error"),
            row("TestPatchUser", User, "PUT", "/users/{alice}/patch", "garbage", 400, "api.context.invalid_body_param.app_error"),
            row("TestPatchUser", User, "PUT", "/users/{alice}/patch", "", 403, "")
                .skip("OAuth sessions are not modelled (an OAuth session may not change the email)"),
            row("TestPatchUser", Anonymous, "PUT", "/users/{alice}/patch", r#"{"nickname":"x"}"#, 401, ""),
            row("TestPatchUser", Other, "PUT", "/users/{alice}/patch", r#"{"nickname":"x"}"#, 403, "api.context.permissions.app_error"),
            row("TestPatchUser", Admin, "PUT", "/users/{alice}/patch", r#"{"email":"alice.admin@example.com"}"#, 200, ""),
            row("TestPatchBotUser", Admin, "PUT", "/users/{unknown}/patch", "", 200, "")
                .skip("bot accounts are not modelled"),
            row("TestPatchAdminUser", User, "PUT", "/users/{admin}/patch", "", 403, "")
                .skip("roles other than system_admin/system_user (system_user_manager) and permission schemes are not modelled"),
            row("TestUserUnicodeNames", User, "PUT", "/users/{alice}/patch",
                r#"{"nickname":"\udb40\udc00Ender\u206d Wiggin\udb40\udc7f","first_name":"\ud834\udd73Andrew\ud834\udd7a","last_name":"\u2028Wiggin\u2029"}"#, 200, "")
                .expect(&[
                    Check::Json("/nickname", r#""Ender Wiggin""#),
                    Check::Json("/first_name", r#""Andrew""#),
                    Check::Json("/last_name", r#""Wiggin""#),
                ]),
        ],
    },
    Table {
        operation: "DeleteUser",
        method: "DELETE",
        route: "users/{}",
        rows: &[
            row("TestDeleteUser", User, "DELETE", "/users/{admin}", "", 403, "api.context.permissions.app_error"),
            row("TestDeleteUser", Anonymous, "DELETE", "/users/{alice}", "", 401, ""),
            row("TestDeleteUser", Admin, "DELETE", "/users/{unknown}", "", 404, ""),
            row("TestDeleteUser", Admin, "DELETE", "/users/junk", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestDeleteUser", Admin, "DELETE", "/users/{new}", "", 200, ""),
            row("TestDeleteUser", User, "DELETE", "/users/{new}", "", 403, "api.context.permissions.app_error"),
            row("TestDeleteUser", New, "DELETE", "/users/{new}", "", 401, "")
                .differs("the fake runs with TeamSettings.EnableUserDeactivation on (the server's default is off): users may deactivate themselves", 200, ""),
            row("TestDeleteUser", New, "DELETE", "/users/{new}", "", 200, ""),
            row("TestDeleteBotUser", User, "DELETE", "/users/{unknown}", "", 403, "")
                .skip("bot accounts are not modelled"),
            row("TestPermanentDeleteUser", Admin, "DELETE", "/users/{bob}?permanent=true", "", 401, ""),
            row("TestPermanentDeleteUser", Admin, "DELETE", "/users/{bob}?permanent=true", "", 200, "")
                .skip("local mode (the server's unix socket, which deletes even with EnableAPIUserDeletion off) is not modelled"),
            row("TestPermanentDeleteUser", Admin, "DELETE", "/users/{new}?permanent=true", "", 200, "")
                .with(|f| f.configure(|s| s.enable_api_user_deletion = true))
                .expect(&[Check::Then(Admin, "GET", "/users/{new}", "", 404)]),
            row("TestPermanentDeleteUser", Admin, "DELETE", "/users/junk?permanent=true", "", 400, "api.context.invalid_url_param.app_error")
                .with(|f| f.configure(|s| s.enable_api_user_deletion = true)),
            row("TestCreateUserInputFilter", Admin, "DELETE", "/users/{new}?permanent=true", "", 200, "")
                .with(|f| f.configure(|s| s.enable_api_user_deletion = true))
                .expect(&[Check::Then(Anonymous, "POST", "/users/login", r#"{"login_id":"newbie","password":"Newbie-Passw0rd!"}"#, 401)]),
        ],
    },
    Table {
        operation: "GetTeamsForUser",
        method: "GET",
        route: "users/{}/teams",
        rows: &[
            row("TestGetTeamsForUser", User, "GET", "/users/{alice}/teams", "", 200, "")
                .expect(&[Check::Len("", 2)]),
            row("TestGetTeamsForUser", User, "GET", "/users/junk/teams", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetTeamsForUser", User, "GET", "/users/{unknown}/teams", "", 403, ""),
            row("TestGetTeamsForUser", User, "GET", "/users/{bob}/teams", "", 403, ""),
            row("TestGetTeamsForUser", Admin, "GET", "/users/{bob}/teams", "", 200, ""),
            row("TestGetTeamsForUserSanitization", Other, "GET", "/users/{bob}/teams", "", 200, "")
                .skip("team sanitising by team role and permission (email, invite_id) is not modelled"),
        ],
    },
    Table {
        operation: "UpdateUserRoles",
        method: "PUT",
        route: "users/{}/roles",
        rows: &[
            row("TestUpdateUserRoles", User, "PUT", "/users/{admin}/roles", r#"{"roles":"system_user"}"#, 403, "api.context.permissions.app_error"),
            row("TestUpdateUserRoles", Admin, "PUT", "/users/{alice}/roles", r#"{"roles":"system_user"}"#, 200, ""),
            row("TestUpdateUserRoles", Admin, "PUT", "/users/{alice}/roles", r#"{"roles":"system_user system_admin"}"#, 200, "")
                .expect(&[Check::After(Admin, "/users/{alice}", "/roles", r#""system_user system_admin""#)]),
            // "junk" is a well-formed role name that is no role (App.CheckRolesExist).
            row("TestUpdateUserRoles", Admin, "PUT", "/users/{alice}/roles", r#"{"roles":"junk"}"#, 400, "app.role.check_roles_exist.role_not_found"),
            row("TestUpdateUserRoles", Admin, "PUT", "/users/junk/roles", r#"{"roles":"system_user"}"#, 400, "api.context.invalid_url_param.app_error"),
            // An unknown (valid) user ID: App.UpdateUserRoles turns the lookup's 404 into a 400.
            row("TestUpdateUserRoles", Admin, "PUT", "/users/{unknown}/roles", r#"{"roles":"system_user"}"#, 400, ""),
        ],
    },
    Table {
        operation: "UpdateUserActive",
        method: "PUT",
        route: "users/{}/active",
        rows: &[
            row("TestUpdateUserActive", User, "PUT", "/users/{alice}/active", r#"{"active":false}"#, 200, ""),
            row("TestUpdateUserActive", User, "PUT", "/users/{alice}/active", r#"{"active":false}"#, 401, "")
                .differs("the fake runs with TeamSettings.EnableUserDeactivation on (the server's default is off): users may deactivate themselves", 200, ""),
            // Deactivated, the session is gone.
            row("TestUpdateUserActive", User, "PUT", "/users/{alice}/active", r#"{"active":false}"#, 401, "")
                .before(&[step(User, "PUT", "/users/{alice}/active", r#"{"active":false}"#)]),
            row("TestUpdateUserActive", Other, "PUT", "/users/{alice}/active", r#"{"active":true}"#, 403, ""),
            row("TestUpdateUserActive", Other, "PUT", "/users/{unknown}/active", r#"{"active":true}"#, 403, ""),
            row("TestUpdateUserActive", Other, "PUT", "/users/junk/active", r#"{"active":true}"#, 400, "api.context.invalid_url_param.app_error"),
            row("TestUpdateUserActive", Anonymous, "PUT", "/users/{alice}/active", r#"{"active":true}"#, 401, ""),
            row("TestUpdateUserActive", Admin, "PUT", "/users/{carol}/active", r#"{"active":true}"#, 200, "")
                .expect(&[Check::After(Admin, "/users/{carol}", "/delete_at", "0")]),
            row("TestUpdateUserActive", Admin, "PUT", "/users/{alice}/active", r#"{"active":false}"#, 200, ""),
            row("TestUpdateUserActive", Admin, "PUT", "/users/{alice}/active", r#"{"active":false}"#, 200, "")
                .before(&[step(Admin, "PUT", "/users/{alice}/auth", r#"{"auth_data":"x1","auth_service":"random"}"#)]),
            row("TestUpdateUserActive", Admin, "PUT", "/users/{alice}/active", r#"{"active":true}"#, 401, "")
                .skip("guest accounts (GuestAccountsSettings.Enable, licence) are not modelled"),
            row("TestUpdateUserActive", Admin, "PUT", "/users/{alice}/active", r#"{"active":false}"#, 403, "")
                .skip("LDAP users (active state managed by LDAP) are not modelled"),
        ],
    },
];
