//! Personal access tokens: `user_test.go` (TestCreateUserAccessToken, TestGetUserAccessToken,
//! TestGetUserAccessTokensForUser, TestGetUserAccessTokens, TestSearchUserAccessToken,
//! TestRevokeUserAccessToken, TestDisableUserAccessToken, TestEnableUserAccessToken,
//! TestUserAccessTokenDisableConfig). A plain user lacks the token permissions; the
//! `system_user_access_token` role grants them, as those tests do with `UpdateUserRoles`.

use super::{row, step, Check, Step, Table, Who::*};

/// Gives alice the `system_user_access_token` role.
const GRANT: &[Step] = &[step(
    Admin,
    "PUT",
    "/users/{alice}/roles",
    r#"{"roles":"system_user system_user_access_token"}"#,
)];

/// Grants the role, then alice makes two tokens, "one" and "two".
#[rustfmt::skip]
const GRANT_AND_TWO: &[Step] = &[
    GRANT[0],
    step(User, "POST", "/users/{alice}/tokens", r#"{"description":"one"}"#),
    step(User, "POST", "/users/{alice}/tokens", r#"{"description":"two"}"#),
];

#[rustfmt::skip]
pub(crate) static TABLES: &[Table] = &[
    Table {
        operation: "CreateUserAccessToken",
        method: "POST",
        route: "users/{}/tokens",
        rows: &[
            row("TestCreateUserAccessToken", User, "POST", "/users/{alice}/tokens", r#"{"description":"test token"}"#, 403, "api.context.permissions.app_error"),
            row("TestCreateUserAccessToken", Admin, "POST", "/users/{alice}/tokens", r#"{"description":"test token"}"#, 200, "")
                .expect(&[Check::Json("/description", r#""test token""#), Check::Json("/is_active", "true"), Check::Json("/user_id", r#""fakeuser000000000000000001""#)]),
            row("TestCreateUserAccessToken", Admin, "POST", "/users/junk/tokens", r#"{"description":"test token"}"#, 400, "api.context.invalid_url_param.app_error"),
            row("TestCreateUserAccessToken", User, "POST", "/users/{alice}/tokens", r#"{"description":""}"#, 400, "api.context.invalid_body_param.app_error")
                .before(GRANT),
            row("TestCreateUserAccessToken", User, "POST", "/users/{alice}/tokens", r#"{"description":"test token"}"#, 501, "app.user_access_token.disabled")
                .before(GRANT)
                .with(|fake| fake.configure(|s| s.enable_user_access_tokens = false)),
            row("TestCreateUserAccessToken", User, "POST", "/users/{alice}/tokens", r#"{"description":"test token"}"#, 200, "")
                .before(GRANT)
                .expect(&[Check::After(User, "/users/{alice}/tokens", "/0/description", r#""test token""#)]),
            row("TestCreateUserAccessToken", User, "POST", "/users/{bob}/tokens", r#"{"description":"test token"}"#, 403, "api.context.permissions.app_error")
                .before(GRANT),
            row("TestCreateUserAccessToken", User, "POST", "/users/{admin}/tokens", r#"{"description":"test token"}"#, 403, "api.context.permissions.app_error")
                .before(GRANT),
            row("TestCreateUserAccessToken", Anonymous, "POST", "/users/{alice}/tokens", r#"{"description":"test token"}"#, 401, ""),
        ],
    },
    Table {
        operation: "GetUserAccessTokensForUser",
        method: "GET",
        route: "users/{}/tokens",
        rows: &[
            row("TestGetUserAccessTokensForUser", User, "GET", "/users/{alice}/tokens", "", 403, "api.context.permissions.app_error"),
            row("TestGetUserAccessTokensForUser", User, "GET", "/users/{alice}/tokens", "", 200, "")
                .before(GRANT_AND_TWO)
                .expect(&[Check::Len("", 2), Check::Json("/0/token", "null")]),
            row("TestGetUserAccessTokensForUser", User, "GET", "/users/{alice}/tokens?page=1&per_page=1", "", 200, "")
                .before(GRANT_AND_TWO)
                .expect(&[Check::Len("", 1), Check::Json("/0/description", r#""two""#)]),
            row("TestGetUserAccessToken", User, "GET", "/users/{unknown}/tokens", "", 403, "api.context.permissions.app_error")
                .before(GRANT),
            row("TestGetUserAccessTokensForUser", Admin, "GET", "/users/{admin}/tokens", "", 200, "")
                .expect(&[Check::Len("", 1)]),
        ],
    },
    Table {
        operation: "GetUserAccessTokens",
        method: "GET",
        route: "users/tokens",
        rows: &[
            row("TestGetUserAccessTokens", User, "GET", "/users/tokens", "", 403, "api.context.permissions.app_error")
                .before(GRANT),
            row("TestGetUserAccessTokens", Admin, "GET", "/users/tokens", "", 200, "")
                .before(&[step(Admin, "POST", "/users/{alice}/tokens", r#"{"description":"one"}"#)])
                .expect(&[Check::Len("", 2)]),
            row("TestGetUserAccessTokens", Admin, "GET", "/users/tokens?page=1&per_page=1", "", 200, "")
                .before(&[step(Admin, "POST", "/users/{alice}/tokens", r#"{"description":"one"}"#)])
                .expect(&[Check::Len("", 1), Check::Json("/0/description", r#""one""#)]),
        ],
    },
    Table {
        operation: "GetUserAccessToken",
        method: "GET",
        route: "users/tokens/{}",
        rows: &[
            row("TestGetUserAccessToken", Admin, "GET", "/users/tokens/junk", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetUserAccessToken", Admin, "GET", "/users/tokens/{unknown}", "", 404, "app.user_access_token.get_by_user.app_error"),
            row("TestGetUserAccessToken", User, "GET", "/users/tokens/{admin_pat}", "", 403, "api.context.permissions.app_error"),
            row("TestGetUserAccessToken", User, "GET", "/users/tokens/{admin_pat}", "", 403, "api.context.permissions.app_error")
                .before(GRANT),
            row("TestGetUserAccessToken", Admin, "GET", "/users/tokens/{admin_pat}", "", 200, "")
                .expect(&[Check::Json("/id", r#""fakeadminpatid000000000001""#), Check::Json("/token", "null")]),
        ],
    },
    Table {
        operation: "SearchUserAccessTokens",
        method: "POST",
        route: "users/tokens/search",
        rows: &[
            row("TestSearchUserAccessToken", User, "POST", "/users/tokens/search", r#"{"term":"admin"}"#, 403, "api.context.permissions.app_error"),
            row("TestSearchUserAccessToken", Admin, "POST", "/users/tokens/search", r#"{"term":"{admin}"}"#, 200, "")
                .expect(&[Check::Len("", 1)]),
            row("TestSearchUserAccessToken", Admin, "POST", "/users/tokens/search", r#"{"term":"{admin_pat}"}"#, 200, "")
                .expect(&[Check::Len("", 1)]),
            row("TestSearchUserAccessToken", Admin, "POST", "/users/tokens/search", r#"{"term":"admin"}"#, 200, "")
                .expect(&[Check::Len("", 1)]),
            row("TestSearchUserAccessToken", Admin, "POST", "/users/tokens/search", r#"{"term":"not found"}"#, 200, "")
                .expect(&[Check::Len("", 0)]),
        ],
    },
    Table {
        operation: "RevokeUserAccessToken",
        method: "POST",
        route: "users/tokens/revoke",
        rows: &[
            row("TestRevokeUserAccessToken", User, "POST", "/users/tokens/revoke", r#"{"token_id":"{admin_pat}"}"#, 403, "api.context.permissions.app_error")
                .before(GRANT),
            row("TestRevokeUserAccessToken", Admin, "POST", "/users/tokens/revoke", r#"{"token_id":"{admin_pat}"}"#, 200, "")
                .expect(&[Check::Then(Admin, "GET", "/users/tokens/{admin_pat}", "", 404)]),
            row("TestRevokeUserAccessToken", Admin, "POST", "/users/tokens/revoke", r#"{"token_id":"{unknown}"}"#, 404, "app.user_access_token.get_by_user.app_error"),
        ],
    },
    Table {
        operation: "DisableUserAccessToken",
        method: "POST",
        route: "users/tokens/disable",
        rows: &[
            row("TestDisableUserAccessToken", User, "POST", "/users/tokens/disable", r#"{"token_id":"{admin_pat}"}"#, 403, "api.context.permissions.app_error")
                .before(GRANT),
            row("TestDisableUserAccessToken", Admin, "POST", "/users/tokens/disable", r#"{"token_id":"{admin_pat}"}"#, 200, "")
                .expect(&[Check::After(Admin, "/users/tokens/{admin_pat}", "/is_active", "false")]),
            row("TestDisableUserAccessToken", Admin, "POST", "/users/tokens/disable", r#"{"token_id":"{unknown}"}"#, 404, "app.user_access_token.get_by_user.app_error"),
        ],
    },
    Table {
        operation: "EnableUserAccessToken",
        method: "POST",
        route: "users/tokens/enable",
        rows: &[
            row("TestEnableUserAccessToken", User, "POST", "/users/tokens/enable", r#"{"token_id":"{admin_pat}"}"#, 403, "api.context.permissions.app_error")
                .before(GRANT),
            row("TestEnableUserAccessToken", Admin, "POST", "/users/tokens/enable", r#"{"token_id":"{admin_pat}"}"#, 200, "")
                .before(&[step(Admin, "POST", "/users/tokens/disable", r#"{"token_id":"{admin_pat}"}"#)])
                .expect(&[Check::After(Admin, "/users/tokens/{admin_pat}", "/is_active", "true")]),
            row("TestEnableUserAccessToken", Admin, "POST", "/users/tokens/enable", r#"{"token_id":"{unknown}"}"#, 404, "app.user_access_token.get_by_user.app_error"),
        ],
    },
];
