//! One realistic value of every operation in `mattermost_sdk_core::endpoints::ALL`, in the
//! order of `ALL`, for the `build_request` benchmarks: what a client sends in practice (full
//! models where the operation sends one, IDs made by [`fixtures::id`], the web app's page
//! sizes), not the smallest value that builds.
//!
//! A bench hands a [`Visit`] to [`visit_all`], which passes it every value. The core's pure
//! request tests keep their values inside their own test files (no shared list is public), so
//! the values are written here once.

use std::collections::BTreeMap;

use bytes::Bytes;
use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::models::{
    AuthService, CpaValues, CustomStatus, NewUser, PostReminder, Preference, Role,
    SidebarCategorySorting, SidebarCategoryType, SidebarCategoryWithChannels, StatusValue,
    SwitchRequest, User, UserAuthData, UserPatch, UserSearch, UserSort,
};
use mattermost_sdk_core::{
    ChannelId, EmojiName, Endpoint, PostId, PreferenceCategory, PreferenceName, Secret, SessionId,
    TeamId, Token, TokenId, UserId,
};
use serde_json::json;

use crate::fixtures::{self, id};

/// What receives each endpoint value.
pub(crate) trait Visit {
    /// Called once per operation of `ALL`, with its value.
    fn visit<E: Endpoint>(&mut self, ep: E);
}

/// A 4 KiB stand-in for a profile picture: a PNG header followed by pseudo-random bytes.
pub(crate) fn image_bytes() -> Bytes {
    let mut v = b"\x89PNG\r\n\x1a\n".to_vec();
    let mut x: u32 = 0x1234_5678;
    while v.len() < 4096 {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        v.push(x as u8);
    }
    Bytes::from(v)
}

fn user_id(n: usize) -> UserId {
    UserId::new(id('u', n)).expect("user ID")
}
fn team_id(n: usize) -> TeamId {
    TeamId::new(id('t', n)).expect("team ID")
}
fn channel_id(n: usize) -> ChannelId {
    ChannelId::new(id('c', n)).expect("channel ID")
}
fn post_id(n: usize) -> PostId {
    PostId::new(id('p', n)).expect("post ID")
}
fn token_id(n: usize) -> TokenId {
    TokenId::new(id('k', n)).expect("token ID")
}
fn category_id(kind: &str, user: usize, team: usize) -> SidebarCategoryId {
    SidebarCategoryId::new(format!("{kind}_{}_{}", id('u', user), id('t', team)))
        .expect("category ID")
}

/// `len` characters of the ID alphabet (an emailed token has 64, as the server makes them).
fn random_string(prefix: char, len: usize) -> String {
    let mut s = String::with_capacity(len + 26);
    let mut n = 1;
    while s.len() < len {
        s.push_str(&id(prefix, n));
        n += 1;
    }
    s.truncate(len);
    s
}

/// A custom status as the web app sets it: emoji, text, and an expiry.
fn custom_status() -> CustomStatus {
    CustomStatus::new("calendar", "In a meeting").until("one_hour", "2026-11-30T10:00:00Z")
}

/// A full sidebar category of user 1 in team 1, as the server returns it and the web app sends
/// it back (every field set, 8 channels).
fn sidebar_category(kind: SidebarCategoryType, n: usize) -> SidebarCategoryWithChannels {
    let mut c = SidebarCategoryWithChannels::custom(
        format!("Category {n}"),
        (0..8).map(|i| id('c', n * 10 + i)),
    );
    c.id = match kind {
        SidebarCategoryType::Custom => id('x', n),
        _ => category_id(kind.as_str(), 1, 1).as_str().to_owned(),
    };
    c.user_id = id('u', 1);
    c.team_id = id('t', 1);
    c.sort_order = n as i64 * 10;
    c.sorting = SidebarCategorySorting::Manual;
    c.category_type = kind;
    c.muted = false;
    c.collapsed = n % 2 == 1;
    c
}

/// A new user with every field a sign-up form or an admin's import fills in.
fn new_user() -> NewUser {
    let strings = |pairs: &[(&str, &str)]| {
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect::<BTreeMap<_, _>>()
    };
    let mut u = NewUser::new("dora.explorer", "dora@example.com", "Dora-Passw0rd!");
    u.nickname = Some("Dora".into());
    u.first_name = Some("Dora".into());
    u.last_name = Some("Marquez".into());
    u.position = Some("Site Reliability Engineer".into());
    u.locale = Some("en".into());
    u.props = Some(strings(&[("last_search_pointer", "0")]));
    u.notify_props = Some(strings(&[
        ("channel", "true"),
        ("comments", "never"),
        ("desktop", "mention"),
        ("desktop_sound", "true"),
        ("email", "true"),
        ("first_name", "false"),
        ("mention_keys", "dora,@dora.explorer"),
        ("push", "mention"),
        ("push_status", "away"),
    ]));
    u.timezone = Some(strings(&[
        ("automaticTimezone", "America/Lima"),
        ("manualTimezone", ""),
        ("useAutomaticTimezone", "true"),
    ]));
    u
}

/// Passes `v` one value of every operation of `ALL`, in the order of `ALL`.
///
/// List sizes: 20 user IDs (a channel's member list or a page of posts' authors the client
/// does not have yet), 10 usernames (the mentions of a message), 5 group channels.
pub(crate) fn visit_all(v: &mut impl Visit) {
    let uid = user_id(1);
    let me = UserId::me;
    let tid = team_id(1);
    let cid = channel_id(1);
    let pid = post_id(1);
    let user: User = serde_json::from_str(&fixtures::user_json(1)).expect("user fixture");
    let category = || PreferenceCategory::new("display_settings").expect("category");
    let prefs = vec![
        Preference::new(
            uid.as_str(),
            "display_settings",
            "use_military_time",
            "true",
        ),
        Preference::new(
            uid.as_str(),
            "display_settings",
            "channel_display_mode",
            "full",
        ),
    ];
    let patch = UserPatch {
        nickname: Some("Al".into()),
        position: Some("Staff Engineer".into()),
        ..UserPatch::default()
    };
    let auth = UserAuthData {
        auth_service: "ldap".into(),
        auth_data: Some("cn=alice,ou=people".into()),
        ..UserAuthData::default()
    };
    let mut search = UserSearch::new("ali");
    search.team_id = Some(tid.clone());
    search.not_in_channel_id = Some(cid.clone());
    search.allow_inactive = Some(false);
    search.limit = Some(100);
    search.roles = Some(vec![Role::SystemUser]);
    let mut cpa = CpaValues::new();
    cpa.insert(id('f', 1), json!("Engineering"));
    cpa.insert(id('f', 2), json!("Lima, Peru"));
    cpa.insert(id('f', 3), json!([id('o', 1), id('o', 2)]));
    let saml_matches: BTreeMap<String, String> = (1..=3)
        .map(|n| (format!("user.{n:04}@example.com"), format!("user.{n:04}")))
        .collect();

    // `@allow(lint) value` puts `#[allow(lint)]` on that value's line only (the deprecated
    // operations are still operations); `#[..]` itself would be ambiguous with an expression.
    macro_rules! visit {
        ($( $(@allow($lint:ident))? $ep:expr ),* $(,)?) => {
            $( $(#[allow($lint)])? v.visit($ep); )*
        };
    }
    visit![
        Login::new(
            "alice@example.com".into(),
            Secret::new("correct horse battery staple")
        ),
        Logout::new(),
        GetUser::new(me()),
        UpdateUser::new(uid.clone(), user),
        DeleteUser::new(uid.clone()),
        PatchUser::new(me(), patch),
        UpdateUserActive::new(uid.clone(), false),
        GetTeamsForUser::new(me()),
        UpdateUserRoles::new(uid.clone(), vec![Role::SystemUser, Role::SystemAdmin]),
        GenerateMfaSecret::new(me()),
        UpdateUserMfa::new(me(), true).code("123456".into()),
        GetProfileImage::new(uid.clone()),
        SetProfileImage::new(me(), image_bytes(), "image/png".into()),
        UpdateUserPassword::new(me(), Secret::new("n3w-passw0rd!"))
            .current_password(Secret::new("0ld-passw0rd!")),
        UpdateUserAuth::new(uid.clone(), auth),
        GetUserStatus::new(uid.clone()),
        UpdateUserStatus::new(me(), uid.clone(), StatusValue::Dnd).dnd_end_time(1_720_000_000),
        GetSessions::new(me()),
        RevokeSession::new(
            me(),
            SessionId::new(id('s', 1)).expect("session ID")
        ),
        RevokeAllSessions::new(uid.clone()),
        GetPreferences::new(me()),
        UpdatePreferences::new(me(), prefs.clone()),
        DeletePreferences::new(me(), prefs),
        GetPreferencesByCategory::new(me(), category()),
        GetPreferencesByCategoryByName::new(
            me(),
            category(),
            PreferenceName::new("use_military_time").expect("name"),
        ),
        GetFlaggedPostsForUser::new(me())
            .team_id(tid.clone())
            .page(0)
            .per_page(60),
        DeleteReaction::new(me(), pid.clone(), EmojiName::new("+1").expect("emoji")),
        GetAuthorizedOAuthAppsForUser::new(me()).page(0).per_page(200),
        // directory
        GetUsers::new()
            .in_channel(cid.clone())
            .active(true)
            .sort(UserSort::Status)
            .page(0)
            .per_page(100),
        CreateUser::new(new_user()).invite_id(id('i', 1)),
        AutocompleteUsers::new("ali".into())
            .in_team(tid.clone())
            .in_channel(cid.clone())
            .limit(25),
        GetUserByUsername::new(Username::new("user.0001").expect("username")),
        GetUserByEmail::new(EmailAddress::new("user.0001@example.com").expect("email")),
        GetUsersByIds::new((1..=20).map(user_id).collect()).since(1_720_000_000_000),
        GetUsersByUsernames::new((1..=10).map(|n| format!("user.{n:04}")).collect()),
        GetUsersByGroupChannelIds::new((1..=5).map(|n| channel_id(100 + n)).collect()),
        GetKnownUsers::new(),
        SearchUsers::new(search),
        GetTotalUsersStats::new(),
        GetTotalUsersStatsFiltered::new()
            .in_team(tid.clone())
            .include_deleted(false)
            .include_bots(false)
            .roles(vec![Role::SystemUser]),
        GetUsersStatusesByIds::new((1..=20).map(user_id).collect()),
        GetUsersWithInvalidEmails::new().page(0).per_page(100),
        // administration
        GetUserAudits::new(uid.clone()).page(0).per_page(100),
        ConvertUserToBot::new(uid.clone()),
        DemoteUserToGuest::new(uid.clone()),
        PromoteGuestToUser::new(uid.clone()),
        GetGroupsByUserId::new(uid.clone()),
        SetDefaultProfileImage::new(uid.clone()),
        GetDefaultProfileImage::new(uid.clone()),
        ResetPasswordFailedAttempts::new(uid.clone()),
        ListCPAValues::new(uid.clone()),
        PatchCPAValuesForUser::new(me(), cpa),
        MigrateAuthToLdap::new(AuthService::Email, "email".into(), false),
        MigrateAuthToSaml::new(AuthService::Ldap, saml_matches, false),
        PermanentDeleteAllUsers::new(),
        // access tokens
        CreateUserAccessToken::new(uid.clone(), "CI deploy bot".into()),
        GetUserAccessTokensForUser::new(uid.clone()).page(0).per_page(100),
        GetUserAccessTokens::new().page(0).per_page(100),
        GetUserAccessToken::new(token_id(1)),
        RevokeUserAccessToken::new(token_id(1)),
        DisableUserAccessToken::new(token_id(1)),
        EnableUserAccessToken::new(token_id(1)),
        SearchUserAccessTokens::new("deploy".into()),
        // sessions and devices
        RevokeSessionsFromAllUsers::new(),
        AttachDeviceExtraProps::new()
            .device_id(format!("android_rn-v2:{}", id('d', 1)))
            .device_notification_disabled(false)
            .mobile_version("2.21.0".into()),
        // account flows
        SendPasswordResetEmail::new("alice@example.com".into()),
        ResetPassword::new(
            Token::new(random_string('r', 64)),
            Secret::new("n3w-passw0rd!")
        ),
        SendVerificationEmail::new("alice@example.com".into()).redirect("/login".into()),
        VerifyUserEmail::new(Token::new(random_string('v', 64))),
        VerifyUserEmailWithoutToken::new(uid.clone()),
        @allow(deprecated)
        CheckUserMfa::new("alice@example.com".into()),
        // threads
        GetUserThreads::new(me(), tid.clone())
            .since(1_720_000_000_000)
            .per_page(25)
            .extended(true)
            .deleted(true),
        GetThreadMentionCountsByChannel::new(me(), tid.clone()),
        UpdateThreadsReadForUser::new(me(), tid.clone()),
        GetUserThread::new(me(), tid.clone(), pid.clone()).extended(true),
        StartFollowingThread::new(me(), tid.clone(), pid.clone()),
        StopFollowingThread::new(me(), tid.clone(), pid.clone()),
        UpdateThreadReadForUser::new(
            me(),
            tid.clone(),
            pid.clone(),
            EpochMillis::new(1_720_000_000_000).expect("timestamp"),
        ),
        SetThreadUnreadByPostId::new(me(), tid.clone(), pid.clone(), post_id(2)),
        // channels, channel members and unread
        GetChannelsForTeamForUser::new(me(), tid.clone())
            .include_deleted(true)
            .last_delete_at(1_720_000_000_000),
        GetChannelMembersForUser::new(me(), tid.clone()),
        GetTeamUnread::new(me(), tid.clone()),
        GetChannelUnread::new(me(), cid.clone()),
        SetPostUnread::new(me(), pid.clone()).collapsed_threads_supported(true),
        SaveAcknowledgementForPost::new(me(), pid.clone()),
        DeleteAcknowledgementForPost::new(me(), pid.clone()),
        // terms of service
        GetUserTermsOfService::new(me()),
        RegisterTermsOfServiceAction::new(me(), id('o', 1), true),
        // custom status
        UpdateUserCustomStatus::new(me(), custom_status()),
        UnsetUserCustomStatus::new(me()),
        RemoveRecentCustomStatus::new(me(), custom_status()),
        PostUserRecentCustomStatusDelete::new(me(), custom_status()),
        // sidebar categories (user 1 in team 1, every category with 8 channels)
        GetSidebarCategoriesForTeamForUser::new(me(), tid.clone()),
        CreateSidebarCategoryForTeamForUser::new(
            uid.clone(),
            tid.clone(),
            SidebarCategoryWithChannels::custom("Incidents", (0..8).map(|i| id('c', 20 + i))),
        ),
        UpdateSidebarCategoriesForTeamForUser::new(
            uid.clone(),
            tid.clone(),
            vec![
                sidebar_category(SidebarCategoryType::Favorites, 0),
                sidebar_category(SidebarCategoryType::Custom, 1),
                sidebar_category(SidebarCategoryType::Channels, 2),
            ],
        ),
        GetSidebarCategoryOrderForTeamForUser::new(me(), tid.clone()),
        UpdateSidebarCategoryOrderForTeamForUser::new(
            uid.clone(),
            tid.clone(),
            vec![
                category_id("favorites", 1, 1),
                SidebarCategoryId::new(id('x', 1)).expect("category ID"),
                category_id("channels", 1, 1),
                category_id("direct_messages", 1, 1),
            ],
        ),
        GetSidebarCategoryForTeamForUser::new(me(), tid.clone(), category_id("channels", 1, 1)),
        UpdateSidebarCategoryForTeamForUser::new(
            uid.clone(),
            tid.clone(),
            SidebarCategoryId::new(id('x', 1)).expect("category ID"),
            sidebar_category(SidebarCategoryType::Custom, 1),
        ),
        RemoveSidebarCategoryForTeamForUser::new(
            me(),
            tid.clone(),
            SidebarCategoryId::new(id('x', 1)).expect("category ID"),
        ),
        // the rest of the user's lists, reminders, typing, uploads
        GetChannelMembersWithTeamDataForUser::new(me()).page(0).per_page(200),
        GetChannelsForUser::new(me()).include_deleted(false),
        GetPostsAroundLastUnread::new(me(), cid.clone())
            .limit_before(30)
            .limit_after(30)
            .skip_fetch_threads(false)
            .collapsed_threads(true)
            .collapsed_threads_extended(false),
        GetChannelPoliciesForUser::new(uid.clone()).page(0).per_page(100),
        GetTeamPoliciesForUser::new(uid.clone()).page(0).per_page(100),
        SetPostReminder::new(
            me(),
            pid.clone(),
            PostReminder {
                target_time: 1_764_500_400,
                ..PostReminder::default()
            },
        ),
        GetTeamMembersForUser::new(me()),
        GetTeamsUnreadForUser::new(me())
            .exclude_team(tid.clone())
            .include_collapsed_threads(true),
        PublishUserTyping::new(me(), cid.clone()).parent_id(pid.clone()),
        GetUploadsForUser::new(me()),
        // sign-in flows
        SwitchAccountType::new(SwitchRequest::email_to_ldap(
            "alice@example.com",
            "correct horse battery staple",
            "alice",
            "ldap-passw0rd!",
        )),
        LoginByCwsToken::new(
            "alice@example.com".into(),
            Token::new(random_string('w', 64))
        ),
        @allow(deprecated)
        LoginSSOCodeExchange::new(
            Secret::new(id('l', 1)),
            Secret::new(random_string('q', 64)),
            id('z', 1),
        ),
    ];
}
