//! Preferences: `preference_test.go` (TestGetPreferences, TestGetPreferencesByCategory,
//! TestGetPreferenceByCategoryAndName, TestUpdatePreferences, TestUpdatePreferencesOverload,
//! TestUpdateLimitVisibleDMsGMs, TestDeletePreferences, TestDeletePreferencesOverload).

use super::{row, step, Check, Step, Table, Who::*};

/// Three preferences of alice: two in category `cat1`, one in `cat2`.
const SAVE_THREE: &[Step] = &[step(
    User,
    "PUT",
    "/users/{alice}/preferences",
    r#"[{"user_id":"{alice}","category":"cat1","name":"n1"},{"user_id":"{alice}","category":"cat1","name":"n2"},{"user_id":"{alice}","category":"cat2","name":"n3"}]"#,
)];

/// Two `direct_channel_show` preferences of alice.
const SAVE_DM_SHOW: &[Step] = &[step(
    User,
    "PUT",
    "/users/{alice}/preferences",
    r#"[{"user_id":"{alice}","category":"direct_channel_show","name":"name1","value":"v1"},{"user_id":"{alice}","category":"direct_channel_show","name":"name2","value":"v2"}]"#,
)];

#[rustfmt::skip]
pub(crate) static TABLES: &[Table] = &[
    Table {
        operation: "GetPreferences",
        method: "GET",
        route: "users/{}/preferences",
        rows: &[
            // A new user starts with the three preferences the server creates for new users.
            row("TestGetPreferences", New, "GET", "/users/{new}/preferences", "", 200, "")
                .expect(&[Check::Len("", 3)]),
            row("TestGetPreferences", New, "GET", "/users/{new}/preferences", "", 200, "")
                .before(&[step(New, "PUT", "/users/{new}/preferences",
                    r#"[{"user_id":"{new}","category":"cat1","name":"n1"},{"user_id":"{new}","category":"cat1","name":"n2"},{"user_id":"{new}","category":"cat2","name":"n3"}]"#)])
                .expect(&[Check::Len("", 6)]),
            row("TestGetPreferences", Other, "GET", "/users/{new}/preferences", "", 403, "api.context.permissions.app_error"),
            row("TestGetPreferences", Anonymous, "GET", "/users/{new}/preferences", "", 401, ""),
            row("TestGetPreferences", Admin, "GET", "/users/{new}/preferences", "", 200, ""),
        ],
    },
    Table {
        operation: "GetPreferencesByCategory",
        method: "GET",
        route: "users/{}/preferences/{}",
        rows: &[
            row("TestGetPreferencesByCategory", User, "GET", "/users/{alice}/preferences/cat1", "", 200, "")
                .before(SAVE_THREE)
                .expect(&[Check::Len("", 2)]),
            row("TestGetPreferencesByCategory", User, "GET", "/users/{alice}/preferences/junk", "", 404, "api.preference.preferences_category.get.app_error"),
            row("TestGetPreferencesByCategory", Other, "GET", "/users/{bob}/preferences/cat1", "", 404, "")
                .before(SAVE_THREE),
            row("TestGetPreferencesByCategory", Other, "GET", "/users/{alice}/preferences/cat1", "", 403, "api.context.permissions.app_error")
                .before(SAVE_THREE),
            row("TestGetPreferencesByCategory", Other, "GET", "/users/{bob}/preferences/junk", "", 404, ""),
            row("TestGetPreferencesByCategory", Anonymous, "GET", "/users/{bob}/preferences/cat1", "", 401, ""),
            row("TestGetPreferencesByCategory", Admin, "GET", "/users/{alice}/preferences/cat1", "", 200, "")
                .before(SAVE_THREE),
        ],
    },
    Table {
        operation: "GetPreferenceByCategoryAndName",
        method: "GET",
        route: "users/{}/preferences/{}/name/{}",
        rows: &[
            row("TestGetPreferenceByCategoryAndName", User, "GET", "/users/{alice}/preferences/direct_channel_show/name/name1", "", 200, "")
                .before(SAVE_DM_SHOW)
                .expect(&[Check::Json("/value", r#""v1""#), Check::Json("/user_id", r#""fakeuser000000000000000001""#)]),
            // A preference that is not there is a 400, not a 404.
            row("TestGetPreferenceByCategoryAndName", User, "GET", "/users/{alice}/preferences/junk/name/name1", "", 400, "app.preference.get.app_error")
                .before(SAVE_DM_SHOW),
            row("TestGetPreferenceByCategoryAndName", User, "GET", "/users/{alice}/preferences/direct_channel_show/name/junk", "", 400, "app.preference.get.app_error")
                .before(SAVE_DM_SHOW),
            row("TestGetPreferenceByCategoryAndName", User, "GET", "/users/{bob}/preferences/direct_channel_show/name/junk", "", 403, "api.context.permissions.app_error"),
            row("TestGetPreferenceByCategoryAndName", Anonymous, "GET", "/users/{alice}/preferences/direct_channel_show/name/name1", "", 401, ""),
            row("TestGetPreferenceByCategoryAndName", Admin, "GET", "/users/{alice}/preferences/direct_channel_show/name/name1", "", 200, "")
                .before(SAVE_DM_SHOW),
        ],
    },
    Table {
        operation: "UpdatePreferences",
        method: "PUT",
        route: "users/{}/preferences",
        rows: &[
            row("TestUpdatePreferences", User, "PUT", "/users/{alice}/preferences",
                r#"[{"user_id":"{alice}","category":"cat1","name":"n1"},{"user_id":"{alice}","category":"cat1","name":"n2"}]"#, 200, "")
                .expect(&[Check::After(User, "/users/{alice}/preferences/cat1/name/n2", "/value", r#""""#)]),
            row("TestUpdatePreferences", User, "PUT", "/users/{alice}/preferences",
                r#"[{"user_id":"{unknown}","category":"cat1","name":"n1"}]"#, 403, "api.preference.update_preferences.set.app_error"),
            row("TestUpdatePreferences", User, "PUT", "/users/{alice}/preferences",
                r#"[{"user_id":"{alice}","name":"n1"}]"#, 400, "model.preference.is_valid.category.app_error"),
            row("TestUpdatePreferences", User, "PUT", "/users/{bob}/preferences",
                r#"[{"user_id":"{alice}","name":"n1"}]"#, 403, "api.context.permissions.app_error"),
            row("TestUpdatePreferences", Anonymous, "PUT", "/users/{alice}/preferences",
                r#"[{"user_id":"{alice}","category":"cat1","name":"n1"}]"#, 401, ""),
            row("TestUpdatePreferences", Admin, "PUT", "/users/{alice}/preferences",
                r#"[{"user_id":"{alice}","category":"cat1","name":"n9","value":"true"}]"#, 200, ""),
            row("TestUpdatePreferencesOverload", User, "PUT", "/users/{alice}/preferences", "[]", 400, "api.context.invalid_body_param.app_error"),
            row("TestUpdatePreferencesOverload", User, "PUT", "/users/{alice}/preferences", "[{prefs*101}]", 400, "api.context.invalid_body_param.app_error"),
            row("TestUpdateLimitVisibleDMsGMs", User, "PUT", "/users/{alice}/preferences",
                r#"[{"user_id":"{alice}","category":"sidebar_settings","name":"limit_visible_dms_gms","value":"40"}]"#, 200, "")
                .expect(&[Check::After(User, "/users/{alice}/preferences/sidebar_settings/name/limit_visible_dms_gms", "/value", r#""40""#)]),
            row("TestUpdateLimitVisibleDMsGMs", User, "PUT", "/users/{alice}/preferences",
                r#"[{"user_id":"{alice}","category":"sidebar_settings","name":"limit_visible_dms_gms","value":"41"}]"#, 400, "model.preference.is_valid.limit_visible_dms_gms.app_error"),
            row("TestGetFlaggedPostsForUser", User, "PUT", "/users/{alice}/preferences",
                r#"[{"user_id":"{alice}","category":"flagged_post","name":"{reaction_post}","value":"true"}]"#, 200, ""),
            row("TestGetFlaggedPostsForUser", User, "PUT", "/users/{alice}/preferences", "", 403, "")
                .skip("channel membership is not modelled: flagging a post in a private channel one is not a member of is refused on the server"),
            row("TestUpdateSidebarPreferences", User, "PUT", "/users/{alice}/preferences", "", 200, "")
                .skip("sidebar categories are not modelled"),
        ],
    },
    Table {
        operation: "DeletePreferences",
        method: "POST",
        route: "users/{}/preferences/delete",
        rows: &[
            // Alice's preferences in Bob's path: the app refuses them (403).
            row("TestDeletePreferences", Other, "POST", "/users/{bob}/preferences/delete",
                r#"[{"user_id":"{alice}","category":"direct_channel_show","name":"name1"}]"#, 403, "api.preference.delete_preferences.delete.app_error"),
            row("TestDeletePreferences", User, "POST", "/users/{alice}/preferences/delete",
                r#"[{"user_id":"{alice}","category":"direct_channel_show","name":"name1"},{"user_id":"{alice}","category":"direct_channel_show","name":"name2"}]"#, 200, "")
                .before(SAVE_DM_SHOW)
                .expect(&[Check::Then(User, "GET", "/users/{alice}/preferences/direct_channel_show", "", 404)]),
            row("TestDeletePreferences", User, "POST", "/users/{bob}/preferences/delete",
                r#"[{"user_id":"{alice}","category":"direct_channel_show","name":"name1"}]"#, 403, "api.context.permissions.app_error"),
            row("TestDeletePreferences", Anonymous, "POST", "/users/{alice}/preferences/delete",
                r#"[{"user_id":"{alice}","category":"direct_channel_show","name":"name1"}]"#, 401, ""),
            row("TestDeletePreferences", Admin, "POST", "/users/{alice}/preferences/delete",
                r#"[{"user_id":"{alice}","category":"custom_status","name":"n1","value":"true"}]"#, 200, "")
                .before(&[step(Admin, "PUT", "/users/{alice}/preferences", r#"[{"user_id":"{alice}","category":"custom_status","name":"n1","value":"true"}]"#)]),
            row("TestDeletePreferencesOverload", User, "POST", "/users/{alice}/preferences/delete", "[]", 400, "api.context.invalid_body_param.app_error"),
            row("TestDeletePreferencesOverload", User, "POST", "/users/{alice}/preferences/delete", "[{prefs*101}]", 400, "api.context.invalid_body_param.app_error"),
        ],
    },
];
