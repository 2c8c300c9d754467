//! Inputs the API would reject are rejected while building, before any I/O.

mod common;

use common::*;
use mattermost_sdk_core::bytes::Bytes;
use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::models::{Role, StatusValue, User};
use mattermost_sdk_core::{
    build_request, AppId, BuildError, ChannelId, EmojiName, Endpoint, PostId, PreferenceCategory,
    PreferenceName, Secret, SessionId, TeamId, Token, UserId,
};

/// Building `ep` fails with `InvalidParam` for `param`.
fn rejects<E: Endpoint>(ep: E, param: &str) {
    match try_build(&ep) {
        Err(BuildError::InvalidParam { param: p, reason }) => {
            assert_eq!(p, param, "{reason}");
            assert!(!reason.is_empty());
        }
        other => panic!(
            "{}: expected InvalidParam({param}), got {other:?}",
            E::INFO.operation_id
        ),
    }
}

/// Strings that are not IDs, for every ID type.
const BAD_IDS: &[&str] = &[
    "",
    "me",
    "ME",
    "../x",
    "4xp9fdt77pncbef59f4k1qe83",   // 25
    "4xp9fdt77pncbef59f4k1qe83oo", // 27
    "4XP9FDT77PNCBEF59F4K1QE83O",  // upper case
    "4xp9fdt77pncbef59f4k1qe8/o",
    "4xp9fdt77pncbef59f4k1qe8%o",
    "4xp9fdt77pncbef59f4k1qe8 o",
    "4xp9fdt77pncbef59f4k1qe8_o",
    "4xp9fdt77pncbef59f4k1qe8é", // 26 bytes, not ASCII
    "ａｂｃｄｅｆｇｈｉｊｋｌｍｎｏｐｑｒｓｔｕｖｗｘｙｚ", // 26 full-width letters
];

macro_rules! id_rejects {
    ($($ty:ty => $kind:literal),* $(,)?) => {$(
        for bad in BAD_IDS {
            if stringify!($ty) == "UserId" && *bad == "me" {
                continue;
            }
            match <$ty>::new(*bad) {
                Err(BuildError::InvalidId { kind, value }) => {
                    assert_eq!(kind, $kind);
                    assert_eq!(value, *bad);
                }
                other => panic!("{} accepted {bad:?}: {other:?}", stringify!($ty)),
            }
            assert!(bad.parse::<$ty>().is_err());
            assert!(serde_json::from_value::<$ty>(serde_json::json!(bad)).is_err());
        }
        assert_eq!(<$ty>::new(U).unwrap().as_str(), U);
    )*};
}

#[test]
fn invalid_ids_cannot_be_constructed() {
    id_rejects! {
        UserId => "user ID",
        TeamId => "team ID",
        ChannelId => "channel ID",
        PostId => "post ID",
        SessionId => "session ID",
        AppId => "OAuth app ID",
    }
    assert!(UserId::new("me").unwrap().is_me());
}

macro_rules! segment_rejects {
    ($($ty:ty, $max:literal);* $(;)?) => {$(
        for bad in ["", ".", ".."] {
            assert!(
                matches!(<$ty>::new(bad), Err(BuildError::InvalidSegment { .. })),
                "{} accepted {bad:?}", stringify!($ty)
            );
        }
        // The server counts bytes and its routes take ASCII only (issue 8, case 4).
        assert!(<$ty>::new("a".repeat($max)).is_ok());
        assert!(<$ty>::new("é".repeat($max / 2 + 1)).is_err(), "{} max counts bytes", stringify!($ty));
        assert!(matches!(
            <$ty>::new("a".repeat($max + 1)),
            Err(BuildError::InvalidSegment { .. })
        ));
        for bad in ["...", "a.b", "a/b", "a b", "a%b"] {
            assert!(<$ty>::new(bad).is_err(), "{} accepted {bad:?}", stringify!($ty));
        }
        for ok in ["a_b", "A9"] {
            assert_eq!(<$ty>::new(ok).unwrap().as_str(), ok);
        }
    )*};
}

#[test]
fn empty_and_dot_segments_and_overlong_names_are_rejected() {
    segment_rejects! {
        EmojiName, 64;
        PreferenceCategory, 32;
        PreferenceName, 32;
    }
}

#[test]
fn per_page_must_be_between_1_and_200() {
    for n in [0, 201, u32::MAX] {
        rejects(GetFlaggedPostsForUser::new(uid()).per_page(n), "per_page");
        rejects(
            GetAuthorizedOAuthAppsForUser::new(uid()).per_page(n),
            "per_page",
        );
    }
    for n in [1, 200] {
        build(&GetFlaggedPostsForUser::new(uid()).per_page(n));
        build(&GetAuthorizedOAuthAppsForUser::new(uid()).per_page(n));
    }
}

#[test]
fn roles_must_be_non_empty_names_without_spaces() {
    rejects(UpdateUserRoles::new(uid(), vec![]), "roles");
    for bad in [
        "system_user system_admin",
        "",
        " ",
        "system_user\tx",
        "a\nb",
    ] {
        rejects(
            UpdateUserRoles::new(uid(), vec![Role::SystemUser, Role::Other(bad.into())]),
            "roles",
        );
        rejects(
            UpdateUserRoles::new(uid(), vec![Role::from_name(bad)]),
            "roles",
        );
    }
}

#[test]
fn system_admin_alone_is_rejected_like_the_server_does() {
    rejects(
        UpdateUserRoles::new(uid(), vec![Role::SystemAdmin]),
        "roles",
    );
    let ok = UpdateUserRoles::new(uid(), vec![Role::SystemAdmin, Role::SystemUser]);
    assert!(ok.body().is_ok());
}

#[test]
fn preference_lists_must_not_be_empty() {
    rejects(UpdatePreferences::new(uid(), vec![]), "preferences");
    rejects(DeletePreferences::new(uid(), vec![]), "preferences");
}

#[test]
fn update_user_needs_the_full_user_for_the_path() {
    let user = |id: &str| User {
        id: id.into(),
        username: "alice".into(),
        email: "alice@example.com".into(),
        ..User::default()
    };
    rejects(UpdateUser::new(uid(), user(U2)), "user.id");
    rejects(UpdateUser::new(uid(), user("")), "user.id");
    rejects(UpdateUser::new(UserId::me(), user("")), "user.id");
    rejects(
        UpdateUser::new(
            uid(),
            User {
                email: String::new(),
                ..user(U)
            },
        ),
        "user",
    );
    rejects(
        UpdateUser::new(
            uid(),
            User {
                username: String::new(),
                ..user(U)
            },
        ),
        "user",
    );
    build(&UpdateUser::new(uid(), user(U)));
    build(&UpdateUser::new(UserId::me(), user(U)));
}

#[test]
fn mfa_codes_are_required_to_activate_and_are_digits() {
    rejects(UpdateUserMfa::new(uid(), true), "code");
    for bad in ["", "12a456", " 123456", "123 456", "-12345", "١٢٣٤٥٦"] {
        rejects(UpdateUserMfa::new(uid(), true).code(bad.into()), "code");
        rejects(UpdateUserMfa::new(uid(), false).code(bad.into()), "code");
    }
    build(&UpdateUserMfa::new(uid(), false));
}

#[test]
fn profile_images_must_be_non_empty_images() {
    let png = || Bytes::from_static(b"\x89PNG");
    rejects(
        SetProfileImage::new(uid(), Bytes::new(), "image/png".into()),
        "image",
    );
    for bad in [
        "text/plain",
        "application/octet-stream",
        "",
        "image/",
        "image",
        "png",
        "image/png\r\nX-Injected: 1",
        "image/png\n",
    ] {
        rejects(
            SetProfileImage::new(uid(), png(), bad.into()),
            "content_type",
        );
    }
    for ok in ["image/png", "image/jpeg", "image/svg+xml", "image/gif"] {
        build(&SetProfileImage::new(uid(), png(), ok.into()));
    }
}

#[test]
fn status_bodies_need_a_real_matching_user_and_a_settable_status() {
    rejects(
        UpdateUserStatus::new(uid(), uid2(), StatusValue::Online),
        "user_id",
    );
    rejects(
        UpdateUserStatus::new(UserId::me(), UserId::me(), StatusValue::Online),
        "user_id",
    );
    rejects(
        UpdateUserStatus::new(uid(), uid(), StatusValue::Unknown("busy".into())),
        "status",
    );
    rejects(
        UpdateUserStatus::new(uid(), uid(), StatusValue::from_name("Online")),
        "status",
    );
}

#[test]
fn login_and_password_inputs_are_checked() {
    rejects(Login::new(String::new(), Secret::new("pw")), "login_id");
    rejects(
        UpdateUserPassword::new(uid(), Secret::new("")),
        "new_password",
    );
}

#[test]
fn a_token_that_is_not_a_header_value_is_a_build_error() {
    for bad in ["tok\r\nX-Evil: 1", "tok\n", "tok\0"] {
        let err = build_request(&GetUser::new(uid()), &base(), Some(&Token::new(bad))).unwrap_err();
        assert!(
            matches!(err, BuildError::InvalidHeader("Authorization")),
            "{err:?}"
        );
    }
}
