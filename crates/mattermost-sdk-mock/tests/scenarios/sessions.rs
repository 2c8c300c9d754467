//! Sessions: `user_test.go` (TestGetSessions, TestRevokeSessions, TestRevokeAllSessions,
//! TestRevokeSessionsFromAllUsers, TestAttachDeviceId).

use super::{row, step, Check, Table, Who::*};

#[rustfmt::skip]
pub(crate) static TABLES: &[Table] = &[
    Table {
        operation: "GetSessions",
        method: "GET",
        route: "users/{}/sessions",
        rows: &[
            row("TestGetSessions", User, "GET", "/users/{alice}/sessions", "", 200, "")
                .expect(&[Check::Len("", 2)]),
            row("TestGetSessions", User, "GET", "/users/{bob}/sessions", "", 403, "api.context.permissions.app_error"),
            row("TestGetSessions", User, "GET", "/users/{unknown}/sessions", "", 403, "api.context.permissions.app_error"),
            row("TestGetSessions", Anonymous, "GET", "/users/{bob}/sessions", "", 401, ""),
            row("TestGetSessions", Admin, "GET", "/users/{alice}/sessions", "", 200, ""),
            row("TestGetSessions", Admin, "GET", "/users/{bob}/sessions", "", 200, ""),
            // No such user: no sessions, not an error.
            row("TestGetSessions", Admin, "GET", "/users/{unknown}/sessions", "", 200, "")
                .expect(&[Check::Len("", 0)]),
        ],
    },
    Table {
        operation: "RevokeSession",
        method: "POST",
        route: "users/{}/sessions/revoke",
        rows: &[
            row("TestGetSessions", User, "POST", "/users/junk/sessions/revoke", r#"{"session_id":"{unknown}"}"#, 400, "api.context.invalid_url_param.app_error"),
            // An unknown session ID is a 400, not a 404.
            row("TestRevokeSessions", User, "POST", "/users/{alice}/sessions/revoke", r#"{"session_id":"{unknown}"}"#, 400, ""),
            row("TestRevokeSessions", User, "POST", "/users/{bob}/sessions/revoke", r#"{"session_id":"{unknown}"}"#, 403, "api.context.permissions.app_error"),
            row("TestRevokeSessions", User, "POST", "/users/junk/sessions/revoke", r#"{"session_id":"{unknown}"}"#, 400, "api.context.invalid_url_param.app_error"),
            row("TestRevokeSessions", User, "POST", "/users/{alice}/sessions/revoke", r#"{"session_id":"{alice_mobile_session}"}"#, 200, "")
                .expect(&[Check::After(Admin, "/users/{alice}/sessions", "/0/id", r#""fakesessionuser00000000001""#)]),
            // Someone else's session through one's own path.
            row("TestRevokeSessions", User, "POST", "/users/{alice}/sessions/revoke", r#"{"session_id":"{admin_session}"}"#, 400, "api.context.invalid_url_param.app_error"),
            row("TestRevokeSessions", Anonymous, "POST", "/users/{alice}/sessions/revoke", r#"{"session_id":"{unknown}"}"#, 401, ""),
            row("TestRevokeSessions", Admin, "POST", "/users/{alice}/sessions/revoke", r#"{"session_id":"{unknown}"}"#, 400, ""),
            row("TestRevokeSessions", Admin, "POST", "/users/{admin}/sessions/revoke", r#"{"session_id":"{admin_session}"}"#, 200, ""),
        ],
    },
    Table {
        operation: "RevokeAllSessions",
        method: "POST",
        route: "users/{}/sessions/revoke/all",
        rows: &[
            row("TestRevokeAllSessions", User, "POST", "/users/{bob}/sessions/revoke/all", "", 403, "api.context.permissions.app_error"),
            row("TestRevokeAllSessions", User, "POST", "/users/junkfakeuser000000000000000001/sessions/revoke/all", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestRevokeAllSessions", User, "POST", "/users/{alice}/sessions/revoke/all", "", 200, "")
                .expect(&[Check::Then(User, "GET", "/users/me", "", 401)]),
            row("TestRevokeAllSessions", Anonymous, "POST", "/users/{alice}/sessions/revoke/all", "", 401, ""),
            row("TestRevokeAllSessions", User, "POST", "/users/{alice}/sessions/revoke/all", "", 401, "")
                .before(&[step(User, "POST", "/users/{alice}/sessions/revoke/all", "")]),
        ],
    },
    Table {
        operation: "RevokeSessionsFromAllUsers",
        method: "POST",
        route: "users/sessions/revoke/all",
        rows: &[
            row("TestRevokeSessionsFromAllUsers", User, "POST", "/users/sessions/revoke/all", "", 403, "api.context.permissions.app_error"),
            row("TestRevokeSessionsFromAllUsers", Anonymous, "POST", "/users/sessions/revoke/all", "", 401, ""),
            row("TestRevokeSessionsFromAllUsers", Admin, "POST", "/users/sessions/revoke/all", "", 200, "")
                .expect(&[Check::Then(User, "GET", "/users/me", "", 401)]),
            // All sessions were revoked, the caller's too.
            row("TestRevokeSessionsFromAllUsers", Admin, "POST", "/users/sessions/revoke/all", "", 401, "")
                .before(&[step(Admin, "POST", "/users/sessions/revoke/all", "")]),
        ],
    },
    Table {
        operation: "AttachDeviceExtraProps",
        method: "PUT",
        route: "users/sessions/device",
        rows: &[
            row("TestAttachDeviceId", User, "PUT", "/users/sessions/device", r#"{"device_id":"apple:1234567890"}"#, 200, "")
                .expect(&[Check::After(User, "/users/{alice}/sessions", "/0/device_id", r#""apple:1234567890""#)]),
            row("TestAttachDeviceId", Anonymous, "PUT", "/users/sessions/device", "{}", 401, ""),
            row("TestAttachDeviceId", User, "PUT", "/users/sessions/device", "{}", 200, ""),
            row("TestAttachDeviceId", User, "PUT", "/users/sessions/device", r#"{"unknownProp":"foo"}"#, 200, ""),
            row("TestAttachDeviceId", User, "PUT", "/users/sessions/device", r#"{"deviceNotificationDisabled":"foo"}"#, 400, "api.context.invalid_body_param.app_error"),
            row("TestAttachDeviceId", User, "PUT", "/users/sessions/device", r#"{"mobileVersion":"foo"}"#, 400, "api.context.invalid_body_param.app_error"),
            row("TestAttachDeviceId", User, "PUT", "/users/sessions/device", r#"{"deviceNotificationDisabled":"true"}"#, 200, "")
                .expect(&[Check::After(User, "/users/{alice}/sessions", "/0/props/deviceNotificationDisabled", r#""true""#)]),
            row("TestAttachDeviceId", User, "PUT", "/users/sessions/device", r#"{"mobileVersion":"2.21.0"}"#, 200, "")
                .expect(&[Check::After(User, "/users/{alice}/sessions", "/0/props/mobileVersion", r#""2.21.0""#)]),
        ],
    },
];
