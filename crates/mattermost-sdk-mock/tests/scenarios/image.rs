//! The profile image: `user_test.go` (TestGetProfileImage, TestSetProfileImage).

use super::{row, step, Check, Table, Who::*};

#[rustfmt::skip]
pub(crate) static TABLES: &[Table] = &[
    Table {
        operation: "GetProfileImage",
        method: "GET",
        route: "users/{}/image",
        rows: &[
            row("TestGetProfileImage", New, "GET", "/users/{new}/image", "", 200, ""),
            // The image's ETag never yields a 304 ("should not hit etag").
            row("TestGetProfileImage", New, "GET", "/users/{new}/image", "", 200, "")
                .before(&[step(New, "GET", "/users/{new}/image", "")])
                .header("If-None-Match", "{etag}"),
            row("TestGetProfileImage", New, "GET", "/users/junk/image", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetProfileImage", New, "GET", "/users/{unknown}/image", "", 404, ""),
            row("TestGetProfileImage", Anonymous, "GET", "/users/{new}/image", "", 401, ""),
            row("TestGetProfileImage", Admin, "GET", "/users/{new}/image", "", 200, ""),
        ],
    },
    Table {
        operation: "SetProfileImage",
        method: "POST",
        route: "users/{}/image",
        rows: &[
            row("TestSetProfileImage", User, "POST", "/users/{alice}/image", "image:PNG-ONE", 200, "")
                .expect(&[Check::Changed(Admin, "/users/{alice}", "/last_picture_update")]),
            row("TestSetProfileImage", User, "POST", "/users/{unknown}/image", "image:PNG-ONE", 403, "api.context.permissions.app_error"),
            // The server test accepts 401 or 403 here.
            row("TestSetProfileImage", Anonymous, "POST", "/users/{alice}/image", "image:PNG-ONE", 401, ""),
            // The same picture again leaves last_picture_update alone.
            row("TestSetProfileImage", Admin, "POST", "/users/{alice}/image", "image:PNG-ONE", 200, "")
                .before(&[step(User, "POST", "/users/{alice}/image", "image:PNG-ONE")])
                .expect(&[Check::Unchanged(Admin, "/users/{alice}", "/last_picture_update")]),
            // Another picture moves it forward.
            row("TestSetProfileImage", Admin, "POST", "/users/{alice}/image", "image:JPG-TWO", 200, "")
                .before(&[step(User, "POST", "/users/{alice}/image", "image:PNG-ONE")])
                .expect(&[Check::Changed(Admin, "/users/{alice}", "/last_picture_update")]),
        ],
    },
];
