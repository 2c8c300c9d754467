//! User administration: `user_test.go` (TestGetUserAudits, TestConvertUserToBot,
//! TestDemoteUserToGuest, TestPromoteGuestToUser, TestSetDefaultProfileImage,
//! TestGetDefaultProfileImage, TestResetPasswordFailedAttempts, TestMigrateAuthToLDAP,
//! TestMigrateAuthToSAML, TestPermanentDeleteAllUsers), `group_test.go`
//! (TestGetGroupsByUserId) and `custom_profile_attributes_test.go` (TestListCPAValues,
//! TestPatchCPAValues). The fake's handlers: `handlers/admin.rs`, `cpa.rs`.

use super::{row, step, Check, Table, Who::*};

const PERMISSIONS: &str =
    "permission schemes (granting sysconsole permissions to system_user) are not modelled";
const LOCAL: &str = "local mode (the server's unix socket) is not modelled";

#[rustfmt::skip]
pub(crate) static TABLES: &[Table] = &[
    Table {
        operation: "GetUserAudits",
        method: "GET",
        route: "users/{}/audits",
        rows: &[
            row("TestGetUserAudits", User, "GET", "/users/{alice}/audits?page=0&per_page=100", "", 200, "")
                .expect(&[Check::Json("/0/user_id", r#""fakeuser000000000000000001""#)]),
            row("TestGetUserAudits", User, "GET", "/users/{bob}/audits?page=0&per_page=100", "", 403, "api.context.permissions.app_error"),
            row("TestGetUserAudits", Anonymous, "GET", "/users/{alice}/audits?page=0&per_page=100", "", 401, ""),
            row("TestGetUserAudits", Admin, "GET", "/users/{alice}/audits?page=0&per_page=100", "", 200, ""),
        ],
    },
    Table {
        operation: "ConvertUserToBot",
        method: "POST",
        route: "users/{}/convert_to_bot",
        rows: &[
            row("TestConvertUserToBot", User, "POST", "/users/{alice}/convert_to_bot", "", 403, "api.context.permissions.app_error"),
            row("TestConvertUserToBot", Admin, "POST", "/users/{new}/convert_to_bot", "", 200, "")
                .expect(&[
                    Check::Json("/username", r#""newbie""#),
                    // A bot cannot log in.
                    Check::Then(Anonymous, "POST", "/users/login", r#"{"login_id":"newbie","password":"Newbie-Passw0rd!"}"#, 401),
                ]),
        ],
    },
    Table {
        operation: "DemoteUserToGuest",
        method: "POST",
        route: "users/{}/demote",
        rows: &[
            row("TestDemoteUserToGuest", Admin, "POST", "/users/{bob}/demote", "", 403, "")
                .with(|f| f.configure(|s| s.guest_accounts = false)),
            row("TestDemoteUserToGuest", Admin, "POST", "/users/{bob}/demote", "", 200, ""),
            row("TestDemoteUserToGuest", Admin, "POST", "/users/{alice}/demote", "", 200, "")
                .expect(&[Check::After(Admin, "/users/{alice}", "/roles", r#""system_guest""#)]),
        ],
    },
    Table {
        operation: "PromoteGuestToUser",
        method: "POST",
        route: "users/{}/promote",
        rows: &[
            row("TestPromoteGuestToUser", Admin, "POST", "/users/{new}/promote", "", 200, "")
                .before(&[step(Admin, "POST", "/users/{new}/demote", "")])
                .expect(&[Check::After(Admin, "/users/{new}", "/roles", r#""system_user""#)]),
        ],
    },
    Table {
        operation: "GetGroupsByUserId",
        method: "GET",
        route: "users/{}/groups",
        rows: &[
            row("TestGetGroupsByUserId", Admin, "GET", "/users/{alice}/groups", "", 501, "")
                .with(|f| f.configure(|s| s.ldap_groups = false))
                .differs("FakeSettings::ldap_groups off models a licence without the LDAP groups feature (403 api.ldap_groups.license_error in server/channels/api4/group.go); the server test removes the licence altogether (501)", 403, "api.ldap_groups.license_error"),
            row("TestGetGroupsByUserId", Admin, "GET", "/users//groups", "", 400, ""),
            row("TestGetGroupsByUserId", Admin, "GET", "/users/notvaliduserid/groups", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetGroupsByUserId", Admin, "GET", "/users/{alice}/groups", "", 200, "")
                .expect(&[Check::Len("", 1), Check::Json("/0/name", r#""developers""#)]),
            row("TestGetGroupsByUserId", User, "GET", "/users/{bob}/groups", "", 403, "api.context.permissions.app_error"),
            row("TestGetGroupsByUserId", User, "GET", "/users/{alice}/groups", "", 200, "").expect(&[Check::Len("", 1)]),
        ],
    },
    Table {
        operation: "SetDefaultProfileImage",
        method: "DELETE",
        route: "users/{}/image",
        rows: &[
            // last_picture_update becomes minus the time.
            row("TestSetDefaultProfileImage", User, "DELETE", "/users/{alice}/image", "", 200, "")
                .expect(&[Check::Changed(Admin, "/users/{alice}", "/last_picture_update")]),
            row("TestSetDefaultProfileImage", User, "DELETE", "/users/{unknown}/image", "", 403, "api.context.permissions.app_error"),
            row("TestSetDefaultProfileImage", Anonymous, "DELETE", "/users/{alice}/image", "", 0, ""),
            row("TestSetDefaultProfileImage", Admin, "DELETE", "/users/{alice}/image", "", 200, ""),
            row("TestSetDefaultProfileImage", Admin, "DELETE", "/users/{new}/image", "", 200, "")
                .before(&[step(Admin, "PUT", "/users/{new}/roles", r#"{"roles":"system_admin system_user"}"#)]),
        ],
    },
    Table {
        operation: "GetDefaultProfileImage",
        method: "GET",
        route: "users/{}/image/default",
        rows: &[
            row("TestGetDefaultProfileImage", User, "GET", "/users/{alice}/image/default", "", 200, ""),
            row("TestGetDefaultProfileImage", User, "GET", "/users/{unknown}/image/default", "", 404, ""),
            row("TestGetDefaultProfileImage", Anonymous, "GET", "/users/{new}/image/default", "", 401, ""),
            row("TestGetDefaultProfileImage", Admin, "GET", "/users/{new}/image/default", "", 200, ""),
            row("TestGetDefaultProfileImage", New, "GET", "/users/{new}/image/default", "", 200, ""),
        ],
    },
    Table {
        operation: "resetPasswordFailedAttempts",
        method: "POST",
        route: "users/{}/reset_failed_attempts",
        rows: &[
            row("TestResetPasswordFailedAttempts", Admin, "POST", "/users/{new}/reset_failed_attempts", "", 200, "")
                .expect(&[Check::After(Admin, "/users/{new}", "/failed_attempts", "0")]),
            row("TestResetPasswordFailedAttempts", User, "POST", "/users/{new}/reset_failed_attempts", "", 403, ""),
            row("TestResetPasswordFailedAttempts", Admin, "POST", "/users/{admin}/reset_failed_attempts", "", 200, ""),
            row("TestResetPasswordFailedAttempts", Admin, "POST", "/users/{new}/reset_failed_attempts", "", 200, "")
                .skip("LDAP logins (and their failed attempts) are not modelled"),
            row("TestResetPasswordFailedAttempts", User, "POST", "/users/{new}/reset_failed_attempts", "", 200, "").skip(PERMISSIONS),
        ],
    },
    Table {
        operation: "MigrateAuthToLdap",
        method: "POST",
        route: "users/migrate_auth/ldap",
        rows: &[
            row("TestMigrateAuthToLDAP", User, "POST", "/users/migrate_auth/ldap", r#"{"from":"email","match_field":"a","force":false}"#, 403, "api.context.permissions.app_error"),
            row("TestMigrateAuthToLDAP", Admin, "POST", "/users/migrate_auth/ldap", r#"{"from":"email","match_field":"a","force":false}"#, 501, ""),
        ],
    },
    Table {
        operation: "MigrateAuthToSaml",
        method: "POST",
        route: "users/migrate_auth/saml",
        rows: &[
            row("TestMigrateAuthToSAML", User, "POST", "/users/migrate_auth/saml", r#"{"from":"email","matches":{"1":"a"},"auto":true}"#, 403, "api.context.permissions.app_error"),
            row("TestMigrateAuthToSAML", Admin, "POST", "/users/migrate_auth/saml", r#"{"from":"email","matches":{"1":"a"},"auto":true}"#, 501, ""),
        ],
    },
    Table {
        operation: "PermanentDeleteAllUsers",
        method: "DELETE",
        route: "users",
        rows: &[
            row("TestPermanentDeleteAllUsers", User, "DELETE", "/users", "", 404, ""),
            row("TestPermanentDeleteAllUsers", Admin, "DELETE", "/users", "", 404, ""),
            row("TestPermanentDeleteAllUsers", Admin, "DELETE", "/users", "", 200, "").skip(LOCAL),
        ],
    },
    Table {
        operation: "ListCPAValues",
        method: "GET",
        route: "users/{}/custom_profile_attributes",
        rows: &[
            row("TestListCPAValues", User, "GET", "/users/{alice}/custom_profile_attributes", "", 403, "")
                .with(|f| f.configure(|s| s.custom_profile_attributes = false)),
            // Any member of a team of the user may list the values.
            row("TestListCPAValues", Other, "GET", "/users/{alice}/custom_profile_attributes", "", 200, "").expect(&[Check::Len("", 1)]),
            row("TestListCPAValues", New, "GET", "/users/{alice}/custom_profile_attributes", "", 403, ""),
            row("TestListCPAValues", Other, "GET", "/users/{alice}/custom_profile_attributes", "", 200, "")
                .skip("multiselect attribute fields are not seeded"),
        ],
    },
    Table {
        operation: "PatchCPAValuesForUser",
        method: "PATCH",
        route: "users/{}/custom_profile_attributes",
        rows: &[
            row("TestPatchCPAValues", User, "PATCH", "/users/me/custom_profile_attributes", r#"{"{cpa_field}":"Field Value"}"#, 403, "")
                .with(|f| f.configure(|s| s.custom_profile_attributes = false)),
            // Text values are trimmed.
            row("TestPatchCPAValues", Other, "PATCH", "/users/me/custom_profile_attributes", r#"{"{cpa_field}":"  Field Value "}"#, 200, "")
                .expect(&[
                    Check::Len("", 1),
                    Check::Json("/fakecpafielddepartment0001", r#""Field Value""#),
                    Check::After(Other, "/users/{bob}/custom_profile_attributes", "/fakecpafielddepartment0001", r#""Field Value""#),
                ]),
            row("TestPatchCPAValues", User, "PATCH", "/users/me/custom_profile_attributes", r#"{"{cpa_field}":" Updated Field Value  \t"}"#, 200, "")
                .expect(&[Check::After(User, "/users/{alice}/custom_profile_attributes", "/fakecpafielddepartment0001", r#""Updated Field Value""#)]),
            row("TestPatchCPAValues", User, "PATCH", "/users/me/custom_profile_attributes", "", 200, "")
                .skip("multiselect attribute fields are not seeded"),
            row("TestPatchCPAValues", User, "PATCH", "/users/me/custom_profile_attributes", "", 403, "app.property.sync_lock.app_error")
                .skip("LDAP/SAML-synced attribute fields are not modelled"),
        ],
    },
];
