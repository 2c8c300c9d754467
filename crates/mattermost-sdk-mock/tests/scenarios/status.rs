//! Status: `status_test.go` (TestGetUserStatus, TestUpdateUserStatus).

use super::{row, Check, Table, Who::*};

#[rustfmt::skip]
pub(crate) static TABLES: &[Table] = &[
    Table {
        operation: "GetUserStatus",
        method: "GET",
        route: "users/{}/status",
        rows: &[
            row("TestGetUserStatus", New, "GET", "/users/{new}/status", "", 200, "")
                .expect(&[Check::Json("/status", r#""offline""#)]),
            row("TestGetUserStatus", User, "GET", "/users/{new}/status", "", 200, "")
                .expect(&[Check::Json("/status", r#""offline""#)]),
            row("TestGetUserStatus", Anonymous, "GET", "/users/{new}/status", "", 401, ""),
            row("TestGetUserStatus", User, "GET", "/users/{alice}/status", "", 200, "")
                .skip("statuses set by activity (online/away/timed DND and its expiry task) are not modelled; see TestUpdateUserStatus"),
        ],
    },
    Table {
        operation: "UpdateUserStatus",
        method: "PUT",
        route: "users/{}/status",
        rows: &[
            row("TestUpdateUserStatus", User, "PUT", "/users/{alice}/status",
                r#"{"user_id":"{alice}","status":"online"}"#, 200, "")
                .expect(&[Check::Json("/status", r#""online""#)]),
            row("TestUpdateUserStatus", User, "PUT", "/users/{alice}/status",
                r#"{"user_id":"{alice}","status":"away"}"#, 200, "")
                .expect(&[Check::Json("/status", r#""away""#)]),
            row("TestUpdateUserStatus", User, "PUT", "/users/{alice}/status",
                r#"{"user_id":"{alice}","status":"dnd","dnd_end_time":4102444800}"#, 200, "")
                .expect(&[Check::Json("/status", r#""dnd""#)]),
            row("TestUpdateUserStatus", User, "PUT", "/users/{alice}/status",
                r#"{"user_id":"{alice}","status":"offline"}"#, 200, "")
                .expect(&[Check::Json("/status", r#""offline""#)]),
            row("TestUpdateUserStatus", User, "PUT", "/users/{bob}/status",
                r#"{"user_id":"{bob}","status":"online"}"#, 403, "api.context.permissions.app_error"),
            row("TestUpdateUserStatus", Admin, "PUT", "/users/{bob}/status",
                r#"{"user_id":"{bob}","status":"online"}"#, 200, "")
                .expect(&[Check::Json("/status", r#""online""#)]),
            row("TestUpdateUserStatus", User, "PUT", "/users/{alice}/status",
                r#"{"user_id":"{bob}","status":"online"}"#, 400, ""),
            row("TestUpdateUserStatus", Anonymous, "PUT", "/users/{bob}/status",
                r#"{"user_id":"{bob}","status":"online"}"#, 401, ""),
        ],
    },
];
