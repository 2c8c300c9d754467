//! Terms of service and custom status: `user_test.go` (TestLogin, "login with
//! terms_of_service set"), `app/user_terms_of_service_test.go` (TestUserTermsOfService),
//! `status_test.go` (TestUpdateUserCustomStatus, TestRemoveUserCustomStatus). No api4 test
//! covers removing a recent custom status: those rows follow `removeUserRecentCustomStatus`
//! (`status.go`) and `App.RemoveRecentCustomStatus`, with the gates
//! TestRemoveUserCustomStatus checks for its sibling handler.

use super::{row, step, Check, Table, Who::*};

const TOS_YES: &str = r#"{"termsOfServiceId":"faketermsofservice00000001","accepted":true}"#;
const CALENDAR: &str = r#"{"emoji":"calendar","text":"My custom status"}"#;
/// `CALENDAR` as the server stores it (Go's encoding of `model.CustomStatus`).
const CALENDAR_STORED: &str = r#""{\"emoji\":\"calendar\",\"text\":\"My custom status\",\"duration\":\"\",\"expires_at\":\"0001-01-01T00:00:00Z\"}""#;
const RECENT_FROM: &str =
    "no api4 test: removeUserRecentCustomStatus (status.go), gates as TestRemoveUserCustomStatus";

#[rustfmt::skip]
pub(crate) static TABLES: &[Table] = &[
    Table {
        operation: "GetUserTermsOfService",
        method: "GET",
        route: "users/{}/terms_of_service",
        rows: &[
            row("app/user_terms_of_service_test.go TestUserTermsOfService", User, "GET", "/users/{alice}/terms_of_service", "", 404, "app.user_terms_of_service.get_by_user.no_rows.app_error"),
            row("TestLogin", User, "GET", "/users/{alice}/terms_of_service", "", 200, "")
                .before(&[step(User, "POST", "/users/{alice}/terms_of_service", TOS_YES)])
                .expect(&[Check::Json("/terms_of_service_id", r#""faketermsofservice00000001""#)]),
            row("TestLogin", Anonymous, "GET", "/users/{alice}/terms_of_service", "", 401, ""),
        ],
    },
    Table {
        operation: "RegisterTermsOfServiceAction",
        method: "POST",
        route: "users/{}/terms_of_service",
        rows: &[
            row("TestLogin", User, "POST", "/users/{alice}/terms_of_service", TOS_YES, 200, "")
                .expect(&[Check::After(User, "/users/{alice}/terms_of_service", "/terms_of_service_id", r#""faketermsofservice00000001""#)]),
            row("TestLogin", User, "POST", "/users/{alice}/terms_of_service",
                r#"{"termsOfServiceId":"faketermsofservice00000001","accepted":"true"}"#, 400, "api.context.invalid_body_param.app_error"),
            row("TestLogin", User, "POST", "/users/{alice}/terms_of_service",
                r#"{"serviceTermsId":"faketermsofservice00000001","accepted":true}"#, 400, "api.context.invalid_body_param.app_error"),
            row("TestLogin", User, "POST", "/users/{alice}/terms_of_service",
                r#"{"termsOfServiceId":"nosuchtermsofservice000001","accepted":true}"#, 404, "app.terms_of_service.get.no_rows.app_error"),
            row("TestLogin", Anonymous, "POST", "/users/{alice}/terms_of_service", TOS_YES, 401, ""),
        ],
    },
    Table {
        operation: "UpdateUserCustomStatus",
        method: "PUT",
        route: "users/{}/status/custom",
        rows: &[
            row("TestUpdateUserCustomStatus", User, "PUT", "/users/{alice}/status/custom", CALENDAR, 200, "")
                .expect(&[Check::After(User, "/users/{alice}", "/props/customStatus", CALENDAR_STORED)]),
            row("TestUpdateUserCustomStatus", User, "PUT", "/users/{alice}/status/custom",
                r#"{"emoji":"palm_tree","text":"On vacation","duration":"date_and_time","expires_at":"2099-01-01T00:00:00Z"}"#, 200, "")
                .expect(&[Check::After(User, "/users/{alice}/preferences/custom_status/name/recent_custom_statuses", "/category", r#""custom_status""#)]),
            row("TestUpdateUserCustomStatus", User, "PUT", "/users/{alice}/status/custom", CALENDAR, 501, "api.custom_status.disabled")
                .with(|fake| fake.configure(|s| s.enable_custom_user_statuses = false)),
            row("TestUpdateUserCustomStatus", User, "PUT", "/users/{bob}/status/custom", CALENDAR, 403, "api.context.permissions.app_error"),
            row("TestUpdateUserCustomStatus", User, "PUT", "/users/{alice}/status/custom",
                r#"{"emoji":"invalid_emoji","text":"a","duration":"invalid_duration","expires_at":"2001-01-01T00:00:00Z"}"#, 400, "api.context.invalid_body_param.app_error"),
            row("TestUpdateUserCustomStatus", Anonymous, "PUT", "/users/{alice}/status/custom", CALENDAR, 401, ""),
        ],
    },
    Table {
        operation: "UnsetUserCustomStatus",
        method: "DELETE",
        route: "users/{}/status/custom",
        rows: &[
            row("TestRemoveUserCustomStatus", User, "DELETE", "/users/{alice}/status/custom", "", 200, "")
                .before(&[step(User, "PUT", "/users/{alice}/status/custom", CALENDAR)])
                .expect(&[Check::After(User, "/users/{alice}", "/props/customStatus", r#""""#)]),
            row("TestRemoveUserCustomStatus", User, "DELETE", "/users/{alice}/status/custom", "", 501, "api.custom_status.disabled")
                .with(|fake| fake.configure(|s| s.enable_custom_user_statuses = false)),
            row("TestRemoveUserCustomStatus", User, "DELETE", "/users/{bob}/status/custom", "", 403, "api.context.permissions.app_error"),
            row("TestRemoveUserCustomStatus", Anonymous, "DELETE", "/users/{alice}/status/custom", "", 401, ""),
            row("TestRemoveUserCustomStatus", User, "DELETE", "/users/{alice}/status/custom", "", 200, ""),
            row("TestRemoveUserCustomStatus", Admin, "DELETE", "/users/{alice}/status/custom", "", 200, "")
                .before(&[step(User, "PUT", "/users/{alice}/status/custom", CALENDAR)])
                .expect(&[Check::After(User, "/users/{alice}", "/props/customStatus", r#""""#)]),
        ],
    },
    Table {
        operation: "RemoveRecentCustomStatus",
        method: "DELETE",
        route: "users/{}/status/custom/recent",
        rows: &[
            row(RECENT_FROM, User, "DELETE", "/users/{alice}/status/custom/recent", CALENDAR, 200, "")
                .before(&[step(User, "PUT", "/users/{alice}/status/custom", CALENDAR)])
                .expect(&[Check::After(User, "/users/{alice}/preferences/custom_status/name/recent_custom_statuses", "/value", r#""[]""#)]),
            row(RECENT_FROM, User, "DELETE", "/users/{alice}/status/custom/recent", CALENDAR, 400, "app.preference.get.app_error"),
            row(RECENT_FROM, User, "DELETE", "/users/{alice}/status/custom/recent", r#"{"emoji":"x","text":"never set"}"#, 400, "api.custom_status.recent_custom_statuses.delete.app_error")
                .before(&[step(User, "PUT", "/users/{alice}/status/custom", CALENDAR)]),
            row(RECENT_FROM, User, "DELETE", "/users/{bob}/status/custom/recent", CALENDAR, 403, "api.context.permissions.app_error"),
            row(RECENT_FROM, User, "DELETE", "/users/{alice}/status/custom/recent", "not json", 400, "api.context.invalid_body_param.app_error"),
            row(RECENT_FROM, Anonymous, "DELETE", "/users/{alice}/status/custom/recent", CALENDAR, 401, ""),
        ],
    },
    Table {
        operation: "PostUserRecentCustomStatusDelete",
        method: "POST",
        route: "users/{}/status/custom/recent/delete",
        rows: &[
            row(RECENT_FROM, User, "POST", "/users/{alice}/status/custom/recent/delete", CALENDAR, 200, "")
                .before(&[step(User, "PUT", "/users/{alice}/status/custom", CALENDAR)])
                .expect(&[Check::After(User, "/users/{alice}/preferences/custom_status/name/recent_custom_statuses", "/value", r#""[]""#)]),
            row(RECENT_FROM, User, "POST", "/users/{alice}/status/custom/recent/delete", CALENDAR, 501, "api.custom_status.disabled")
                .with(|fake| fake.configure(|s| s.enable_custom_user_statuses = false)),
            row(RECENT_FROM, User, "POST", "/users/{bob}/status/custom/recent/delete", CALENDAR, 403, "api.context.permissions.app_error"),
            row(RECENT_FROM, Anonymous, "POST", "/users/{alice}/status/custom/recent/delete", CALENDAR, 401, ""),
        ],
    },
];
