//! The rest of one user's lists and actions (issue 12, users 3 of 3): `channel_test.go`
//! (TestGetChannelsForUser), `user_test.go` (TestGetChannelMembersWithTeamData,
//! TestPublishUserTypingErrorPaths, TestGetUploadsForUser), `team_test.go`
//! (TestGetTeamMembersForUser, TestGetMyTeamsUnread), `post_test.go`
//! (TestGetPostsForChannelAroundLastUnread, TestSetPostReminder) and
//! `data_retention_test.go` (TestGetTeamPoliciesForUser, TestGetChannelPoliciesForUser).

use super::{row, Check, Table, Who::*};

#[rustfmt::skip]
pub(crate) static TABLES: &[Table] = &[
    Table {
        operation: "GetChannelsForUser",
        method: "GET",
        route: "users/{}/channels",
        rows: &[
            row("TestGetChannelsForUser", User, "GET", "/users/{alice}/channels", "", 200, "")
                .expect(&[Check::Len("", 2), Check::Json("/1/id", r#""fakechannelbeta00000000001""#)]),
            row("TestGetChannelsForUser", User, "GET", "/users/me/channels", "", 200, "")
                .expect(&[Check::Len("", 2)]),
            row("TestGetChannelsForUser", User, "GET", "/users/{bob}/channels", "", 403, "api.context.permissions.app_error"),
            row("TestGetChannelsForUser", User, "GET", "/users/junk/channels", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetChannelsForUser", User, "GET", "/users/{alice}/channels?last_delete_at=-1", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetChannelsForUser", Anonymous, "GET", "/users/{alice}/channels", "", 401, ""),
            row("TestGetChannelsForUser", Admin, "GET", "/users/{bob}/channels", "", 200, "")
                .expect(&[Check::Len("", 1)]),
            row("TestGetChannelsForUser", User, "GET", "/users/{alice}/channels?include_deleted=true", "", 200, "")
                .skip("archived channels are not modelled"),
        ],
    },
    Table {
        operation: "GetChannelMembersWithTeamDataForUser",
        method: "GET",
        route: "users/{}/channel_members",
        rows: &[
            row("TestGetChannelMembersWithTeamData", User, "GET", "/users/{alice}/channel_members", "", 200, "")
                .expect(&[
                    Check::Len("", 2),
                    Check::Json("/0/channel_id", r#""fakechannelalpha0000000001""#),
                    Check::Json("/0/team_name", r#""alpha""#),
                ]),
            row("TestGetChannelMembersWithTeamData", User, "GET", "/users/{alice}/channel_members?page=1&per_page=1", "", 200, "")
                .expect(&[Check::Len("", 1), Check::Json("/0/team_display_name", r#""Team Beta""#)]),
            row("TestGetChannelMembersWithTeamData", User, "GET", "/users/{alice}/channel_members?page=1&per_page=2", "", 200, "")
                .expect(&[Check::Len("", 0)]),
            row("TestGetChannelMembersWithTeamData", User, "GET", "/users/{bob}/channel_members", "", 403, "api.context.permissions.app_error"),
            row("TestGetChannelMembersWithTeamData", User, "GET", "/users/junk/channel_members", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetChannelMembersWithTeamData", Anonymous, "GET", "/users/{alice}/channel_members", "", 401, ""),
            row("TestGetChannelMembersWithTeamData", Admin, "GET", "/users/{alice}/channel_members", "", 200, ""),
            row("TestGetChannelMembersWithTeamData", Admin, "GET", "/users/{alice}/channel_members", "", 200, "")
                .skip("attribute-based channel read access is not modelled"),
        ],
    },
    Table {
        operation: "GetTeamMembersForUser",
        method: "GET",
        route: "users/{}/teams/members",
        rows: &[
            row("TestGetTeamMembersForUser", User, "GET", "/users/{alice}/teams/members", "", 200, "")
                .expect(&[Check::Len("", 2), Check::Json("/0/user_id", r#""fakeuser000000000000000001""#)]),
            row("TestGetTeamMembersForUser", User, "GET", "/users/{bob}/teams/members", "", 403, "api.context.permissions.app_error"),
            row("TestGetTeamMembersForUser", User, "GET", "/users/junk/teams/members", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetTeamMembersForUser", Anonymous, "GET", "/users/{alice}/teams/members", "", 401, ""),
            row("TestGetTeamMembersForUser", Admin, "GET", "/users/{bob}/teams/members", "", 200, "")
                .expect(&[Check::Len("", 1)]),
            row("TestGetTeamMembersForUser", User, "GET", "/users/{bob}/teams/members", "", 403, "")
                .skip("view restrictions between users (UserCanSeeOtherUser) are not modelled"),
        ],
    },
    Table {
        operation: "GetTeamsUnreadForUser",
        method: "GET",
        route: "users/{}/teams/unread",
        rows: &[
            row("TestGetMyTeamsUnread", User, "GET", "/users/{alice}/teams/unread", "", 200, "")
                .expect(&[Check::Len("", 2), Check::Json("/0/msg_count", "0")]),
            row("TestGetMyTeamsUnread", User, "GET", "/users/{alice}/teams/unread?exclude_team={team}", "", 200, "")
                .expect(&[Check::Len("", 1), Check::Json("/0/team_id", r#""faketeambeta00000000000001""#)]),
            row("TestGetMyTeamsUnread", User, "GET", "/users/{alice}/teams/unread", "", 200, "")
                .before(&[super::step(User, "POST", "/users/{alice}/posts/{flagged_post}/set_unread", "")])
                .expect(&[Check::Json("/0/msg_count", "5")]),
            row("TestGetMyTeamsUnread", User, "GET", "/users/{bob}/teams/unread", "", 403, "api.context.permissions.app_error"),
            row("TestGetMyTeamsUnread", User, "GET", "/users/junk/teams/unread", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetMyTeamsUnread", Anonymous, "GET", "/users/{alice}/teams/unread", "", 401, ""),
            row("TestGetMyTeamsUnread", Admin, "GET", "/users/{alice}/teams/unread", "", 200, ""),
        ],
    },
    Table {
        operation: "GetPostsAroundLastUnread",
        method: "GET",
        route: "users/{}/channels/{}/posts/unread",
        rows: &[
            // Nothing unread: the channel's newest posts.
            row("TestGetPostsForChannelAroundLastUnread", User, "GET", "/users/{alice}/channels/{channel}/posts/unread?limit_before=2", "", 200, "")
                .expect(&[Check::Len("/order", 2), Check::Json("/next_post_id", r#""""#)]),
            row("TestGetPostsForChannelAroundLastUnread", User, "GET", "/users/{alice}/channels/{channel}/posts/unread?limit_before=0&limit_after=1", "", 200, "")
                .before(&[super::step(User, "POST", "/users/{alice}/posts/{reaction_post}/set_unread", "")])
                .expect(&[Check::Len("/order", 1), Check::Json("/order/0", r#""fakepostreaction0000000001""#)]),
            row("TestGetPostsForChannelAroundLastUnread", User, "GET", "/users/{alice}/channels/{channel}/posts/unread?limit_after=0", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetPostsForChannelAroundLastUnread", User, "GET", "/users/{bob}/channels/{channel}/posts/unread", "", 403, "api.context.permissions.app_error"),
            row("TestGetPostsForChannelAroundLastUnread", User, "GET", "/users/{alice}/channels/{unknown}/posts/unread", "", 404, "app.channel.get.existing.app_error"),
            row("TestGetPostsForChannelAroundLastUnread", Other, "GET", "/users/{bob}/channels/fakechannelbeta00000000001/posts/unread", "", 403, "api.context.permissions.app_error"),
            row("TestGetPostsForChannelAroundLastUnread", User, "GET", "/users/{alice}/channels/junk/posts/unread", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetPostsForChannelAroundLastUnread", Anonymous, "GET", "/users/{alice}/channels/{channel}/posts/unread", "", 401, ""),
            row("TestGetPostsForChannelAroundLastUnread", Admin, "GET", "/users/{bob}/channels/fakechannelbeta00000000001/posts/unread", "", 404, "app.channel.get_member.missing.app_error"),
            row("TestGetPostsForChannelAroundLastUnread", User, "GET", "/users/{alice}/channels/{channel}/posts/unread?collapsedThreads=true", "", 200, "")
                .skip("collapsed reply threads (root posts only) are not modelled"),
        ],
    },
    Table {
        operation: "SetPostReminder",
        method: "POST",
        route: "users/{}/posts/{}/reminder",
        rows: &[
            row("TestSetPostReminder", User, "POST", "/users/{alice}/posts/{flagged_post}/reminder", r#"{"target_time":1800000000}"#, 200, "")
                .expect(&[Check::Json("/status", r#""OK""#)]),
            row("TestSetPostReminder", User, "POST", "/users/{alice}/posts/{flagged_post}/reminder", r#"{"target_time":"soon"}"#, 400, "api.context.invalid_body_param.app_error"),
            row("TestSetPostReminder", User, "POST", "/users/{alice}/posts/{flagged_post}/reminder", "", 400, "api.context.invalid_body_param.app_error"),
            row("TestSetPostReminder", User, "POST", "/users/{bob}/posts/{flagged_post}/reminder", r#"{"target_time":1800000000}"#, 403, "api.context.permissions.app_error"),
            row("TestSetPostReminder", User, "POST", "/users/{alice}/posts/{unknown}/reminder", r#"{"target_time":1800000000}"#, 403, "api.context.permissions.app_error"),
            row("TestSetPostReminder", User, "POST", "/users/{alice}/posts/junk/reminder", r#"{"target_time":1800000000}"#, 400, "api.context.invalid_url_param.app_error"),
            row("TestSetPostReminder", Anonymous, "POST", "/users/{alice}/posts/{flagged_post}/reminder", r#"{"target_time":1800000000}"#, 401, ""),
            row("TestSetPostReminder", Admin, "POST", "/users/{alice}/posts/{flagged_post}/reminder", r#"{"target_time":1800000000}"#, 200, ""),
        ],
    },
    Table {
        operation: "PublishUserTyping",
        method: "POST",
        route: "users/{}/typing",
        rows: &[
            row("TestPublishUserTypingErrorPaths", User, "POST", "/users/{alice}/typing", r#"{"channel_id":"fakechannelalpha0000000001"}"#, 200, ""),
            row("TestPublishUserTypingErrorPaths", User, "POST", "/users/{alice}/typing", r#"{"channel_id":"fakechannelalpha0000000001","parent_id":"fakepostthreadroot00000001"}"#, 200, ""),
            // A channel that does not exist, or one the user is not in: no create_post.
            row("TestPublishUserTypingErrorPaths", User, "POST", "/users/{alice}/typing", r#"{"channel_id":"zzzzzzzzzzzzzzzzzzzzzzzzzz"}"#, 403, "api.context.permissions.app_error"),
            row("TestPublishUserTypingErrorPaths", Other, "POST", "/users/{bob}/typing", r#"{"channel_id":"fakechannelbeta00000000001"}"#, 403, "api.context.permissions.app_error"),
            row("TestPublishUserTypingErrorPaths", User, "POST", "/users/{alice}/typing", "{}", 403, "api.context.permissions.app_error"),
            row("TestPublishUserTypingErrorPaths", User, "POST", "/users/{alice}/typing", "not json", 400, "api.context.invalid_body_param.app_error"),
            row("TestPublishUserTypingErrorPaths", User, "POST", "/users/{bob}/typing", r#"{"channel_id":"fakechannelalpha0000000001"}"#, 403, "api.context.permissions.app_error"),
            row("TestPublishUserTypingErrorPaths", Admin, "POST", "/users/{alice}/typing", r#"{"channel_id":"fakechannelalpha0000000001"}"#, 200, ""),
            row("TestPublishUserTypingErrorPaths", Anonymous, "POST", "/users/{alice}/typing", r#"{"channel_id":"fakechannelalpha0000000001"}"#, 401, ""),
        ],
    },
    Table {
        operation: "GetUploadsForUser",
        method: "GET",
        route: "users/{}/uploads",
        rows: &[
            row("TestGetUploadsForUser", User, "GET", "/users/{alice}/uploads", "", 200, "")
                .expect(&[Check::Len("", 0)]),
            row("TestGetUploadsForUser", User, "GET", "/users/{alice}/uploads", "", 200, "")
                .with(|f| { f.add_upload(mattermost_sdk_mock::fake::USER_ID, mattermost_sdk_mock::fake::CHANNEL_ALPHA_ID, "upload", 8 * 1024 * 1024); })
                .expect(&[Check::Len("", 1), Check::Json("/0/type", r#""attachment""#), Check::Json("/0/file_offset", "0")]),
            row("TestGetUploadsForUser", User, "GET", "/users/{bob}/uploads", "", 403, "api.user.get_uploads_for_user.forbidden.app_error"),
            // Admins too: only the user themself.
            row("TestGetUploadsForUser", Admin, "GET", "/users/{alice}/uploads", "", 403, "api.user.get_uploads_for_user.forbidden.app_error"),
            row("TestGetUploadsForUser", User, "GET", "/users/junk/uploads", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetUploadsForUser", Anonymous, "GET", "/users/{alice}/uploads", "", 401, ""),
        ],
    },
    Table {
        operation: "GetTeamPoliciesForUser",
        method: "GET",
        route: "users/{}/data_retention/team_policies",
        rows: &[
            row("TestGetTeamPoliciesForUser", User, "GET", "/users/{alice}/data_retention/team_policies", "", 200, "")
                .expect(&[Check::Len("/policies", 0), Check::Json("/total_count", "0")]),
            row("TestGetTeamPoliciesForUser", User, "GET", "/users/{bob}/data_retention/team_policies", "", 403, "api.context.permissions.app_error"),
            row("TestGetTeamPoliciesForUser", Admin, "GET", "/users/{alice}/data_retention/team_policies", "", 200, ""),
            row("TestGetTeamPoliciesForUser", User, "GET", "/users/junk/data_retention/team_policies", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetTeamPoliciesForUser", Anonymous, "GET", "/users/{alice}/data_retention/team_policies", "", 401, ""),
            row("TestGetTeamPoliciesForUser", User, "GET", "/users/{alice}/data_retention/team_policies", "", 501, "")
                .skip("a server without data retention (no Enterprise licence) is not modelled"),
        ],
    },
    Table {
        operation: "GetChannelPoliciesForUser",
        method: "GET",
        route: "users/{}/data_retention/channel_policies",
        rows: &[
            row("TestGetChannelPoliciesForUser", User, "GET", "/users/{alice}/data_retention/channel_policies", "", 200, "")
                .expect(&[Check::Len("/policies", 0), Check::Json("/total_count", "0")]),
            row("TestGetChannelPoliciesForUser", User, "GET", "/users/{bob}/data_retention/channel_policies", "", 403, "api.context.permissions.app_error"),
            row("TestGetChannelPoliciesForUser", Admin, "GET", "/users/{alice}/data_retention/channel_policies", "", 200, ""),
            row("TestGetChannelPoliciesForUser", User, "GET", "/users/junk/data_retention/channel_policies", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetChannelPoliciesForUser", Anonymous, "GET", "/users/{alice}/data_retention/channel_policies", "", 401, ""),
            row("TestGetChannelPoliciesForUser", User, "GET", "/users/{alice}/data_retention/channel_policies", "", 501, "")
                .skip("a server without data retention (no Enterprise licence) is not modelled"),
        ],
    },
];
