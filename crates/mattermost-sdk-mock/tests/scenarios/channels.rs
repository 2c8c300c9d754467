//! The user's channels, channel members and unread counts: `channel_test.go`
//! (TestGetChannelsForTeamForUser, TestGetChannelMembersForUser, TestGetChannelUnread),
//! `team_test.go` (TestGetTeamUnread), `post_test.go` (TestSetPostUnread, TestAcknowledgePost, TestUnacknowledgePost).

use super::{row, Check, Table, Who::*};

#[rustfmt::skip]
pub(crate) static TABLES: &[Table] = &[
    Table {
        operation: "GetChannelsForTeamForUser",
        method: "GET",
        route: "users/{}/teams/{}/channels",
        rows: &[
            row("TestGetChannelsForTeamForUser", User, "GET", "/users/{alice}/teams/{team}/channels", "", 200, "")
                .expect(&[Check::Len("", 1), Check::Json("/0/id", r#""fakechannelalpha0000000001""#)]),
            row("TestGetChannelsForTeamForUser", User, "GET", "/users/{alice}/teams/{team}/channels", "", 304, "")
                .before(&[super::step(User, "GET", "/users/{alice}/teams/{team}/channels", "")])
                .header("If-None-Match", "{etag}"),
            row("TestGetChannelsForTeamForUser", User, "GET", "/users/junk/teams/{team}/channels", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetChannelsForTeamForUser", User, "GET", "/users/{unknown}/teams/{team}/channels", "", 403, "api.context.permissions.app_error"),
            row("TestGetChannelsForTeamForUser", User, "GET", "/users/{alice}/teams/junk/channels", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetChannelsForTeamForUser", User, "GET", "/users/{alice}/teams/{unknown}/channels", "", 403, "api.context.permissions.app_error"),
            row("TestGetChannelsForTeamForUser", User, "GET", "/users/{alice}/teams/{team}/channels?last_delete_at=-1", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetChannelsForTeamForUser", Anonymous, "GET", "/users/{alice}/teams/{team}/channels", "", 401, ""),
            row("TestGetChannelsForTeamForUser", Admin, "GET", "/users/{alice}/teams/{team}/channels", "", 200, ""),
            row("TestGetChannelsForTeamForUser", User, "GET", "/users/{alice}/teams/{team}/channels?include_deleted=true", "", 200, "")
                .skip("archived channels are not modelled"),
        ],
    },
    Table {
        operation: "GetChannelMembersForUser",
        method: "GET",
        route: "users/{}/teams/{}/channels/members",
        rows: &[
            row("TestGetChannelMembersForUser", User, "GET", "/users/{alice}/teams/{team}/channels/members", "", 200, "")
                .expect(&[Check::Len("", 1), Check::Json("/0/user_id", r#""fakeuser000000000000000001""#)]),
            row("TestGetChannelMembersForUser", User, "GET", "/users/junk/teams/{team}/channels/members", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetChannelMembersForUser", User, "GET", "/users/{unknown}/teams/{team}/channels/members", "", 403, "api.context.permissions.app_error"),
            row("TestGetChannelMembersForUser", User, "GET", "/users/{alice}/teams/junk/channels/members", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetChannelMembersForUser", User, "GET", "/users/{alice}/teams/{unknown}/channels/members", "", 403, "api.context.permissions.app_error"),
            row("TestGetChannelMembersForUser", Anonymous, "GET", "/users/{alice}/teams/{team}/channels/members", "", 401, ""),
            row("TestGetChannelMembersForUser", Admin, "GET", "/users/{alice}/teams/{team}/channels/members", "", 200, ""),
        ],
    },
    Table {
        operation: "GetTeamUnread",
        method: "GET",
        route: "users/{}/teams/{}/unread",
        rows: &[
            row("TestGetTeamUnread", User, "GET", "/users/{alice}/teams/{team}/unread", "", 200, "")
                .expect(&[Check::Json("/team_id", r#""faketeamalpha0000000000001""#), Check::Json("/msg_count", "0")]),
            row("TestGetTeamUnread", User, "GET", "/users/{alice}/teams/junk/unread", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetTeamUnread", User, "GET", "/users/{alice}/teams/{unknown}/unread", "", 403, "api.context.permissions.app_error"),
            row("TestGetTeamUnread", User, "GET", "/users/junk/teams/{team}/unread", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetTeamUnread", User, "GET", "/users/{unknown}/teams/{team}/unread", "", 403, "api.context.permissions.app_error"),
            row("TestGetTeamUnread", Anonymous, "GET", "/users/{alice}/teams/{team}/unread", "", 401, ""),
            row("TestGetTeamUnread", Admin, "GET", "/users/{alice}/teams/{team}/unread", "", 200, ""),
        ],
    },
    Table {
        operation: "GetChannelUnread",
        method: "GET",
        route: "users/{}/channels/{}/unread",
        rows: &[
            row("TestGetChannelUnread", User, "GET", "/users/{alice}/channels/{channel}/unread", "", 200, "")
                .expect(&[Check::Json("/channel_id", r#""fakechannelalpha0000000001""#), Check::Json("/msg_count", "0")]),
            row("TestGetChannelUnread", User, "GET", "/users/{alice}/channels/junk/unread", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetChannelUnread", User, "GET", "/users/junk/channels/{channel}/unread", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestGetChannelUnread", User, "GET", "/users/{unknown}/channels/{channel}/unread", "", 403, "api.context.permissions.app_error"),
            row("TestGetChannelUnread", User, "GET", "/users/{alice}/channels/{unknown}/unread", "", 403, "api.context.permissions.app_error"),
            row("TestGetChannelUnread", Anonymous, "GET", "/users/{alice}/channels/{channel}/unread", "", 401, ""),
            row("TestGetChannelUnread", Admin, "GET", "/users/{alice}/channels/{channel}/unread", "", 200, ""),
            row("TestGetChannelUnread", Admin, "GET", "/users/{alice}/channels/{unknown}/unread", "", 404, "app.channel.get_unread.app_error"),
        ],
    },
    Table {
        operation: "SetPostUnread",
        method: "POST",
        route: "users/{}/posts/{}/set_unread",
        rows: &[
            row("TestSetPostUnread", User, "POST", "/users/{alice}/posts/{flagged_post}/set_unread", r#"{"collapsed_threads_supported":true}"#, 200, "")
                .expect(&[
                    Check::Json("/msg_count", "0"),
                    Check::After(User, "/users/{alice}/channels/{channel}/unread", "/msg_count", "5"),
                ]),
            row("TestSetPostUnread", User, "POST", "/users/{alice}/posts/{reaction_post}/set_unread", "", 200, "")
                .expect(&[Check::Json("/msg_count", "1"), Check::Changed(User, "/users/{alice}/teams/{team}/unread", "/msg_count")]),
            // Another user's unread state without edit_other_users.
            row("TestSetPostUnread", User, "POST", "/users/{bob}/posts/{flagged_post}/set_unread", "", 403, "api.context.permissions.app_error"),
            // An imaginary post: the channel permission check fails first.
            row("TestSetPostUnread", User, "POST", "/users/{alice}/posts/{unknown}/set_unread", "", 403, "api.context.permissions.app_error"),
            row("TestSetPostUnread", User, "POST", "/users/{alice}/posts/junk/set_unread", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestSetPostUnread", Anonymous, "POST", "/users/{alice}/posts/{flagged_post}/set_unread", "", 401, ""),
            row("TestSetPostUnread", Admin, "POST", "/users/{alice}/posts/{flagged_post}/set_unread", "", 200, ""),
            row("TestSetPostUnread", User, "POST", "/users/{alice}/posts/{flagged_post}/set_unread", "", 200, "")
                .skip("mention counting with collapsed threads and urgent priorities is not modelled"),
        ],
    },
    Table {
        operation: "SaveAcknowledgementForPost",
        method: "POST",
        route: "users/{}/posts/{}/ack",
        rows: &[
            row("TestAcknowledgePost", User, "POST", "/users/{alice}/posts/{flagged_post}/ack", "", 200, "")
                .expect(&[
                    Check::Json("/post_id", r#""fakepostflagged00000000001""#),
                    Check::After(User, "/users/{alice}/posts/flagged", "/posts/fakepostflagged00000000001/metadata/acknowledgements/0/user_id", r#""fakeuser000000000000000001""#),
                ]),
            row("TestAcknowledgePost", User, "POST", "/users/{alice}/posts/{unknown}/ack", "", 403, "api.context.permissions.app_error"),
            row("TestAcknowledgePost", User, "POST", "/users/{alice}/posts/junk/ack", "", 400, "api.context.invalid_url_param.app_error"),
            row("TestAcknowledgePost", User, "POST", "/users/{bob}/posts/{flagged_post}/ack", "", 403, "api.context.permissions.app_error"),
            row("TestAcknowledgePost", Anonymous, "POST", "/users/{alice}/posts/{flagged_post}/ack", "", 401, ""),
            row("TestAcknowledgePost", User, "POST", "/users/{alice}/posts/{flagged_post}/ack", "", 501, "")
                .skip("an unlicensed server is not modelled: the fake's licence is Professional or better"),
            row("TestAcknowledgePost", User, "POST", "/users/{alice}/posts/{flagged_post}/ack", "", 403, "")
                .skip("archived channels are not modelled"),
        ],
    },
    Table {
        operation: "DeleteAcknowledgementForPost",
        method: "DELETE",
        route: "users/{}/posts/{}/ack",
        rows: &[
            row("TestUnacknowledgePost", User, "DELETE", "/users/{alice}/posts/{flagged_post}/ack", "", 200, "")
                .before(&[super::step(User, "POST", "/users/{alice}/posts/{flagged_post}/ack", "")])
                .expect(&[Check::Then(User, "DELETE", "/users/{alice}/posts/{flagged_post}/ack", "", 404)]),
            row("TestUnacknowledgePost", User, "DELETE", "/users/{alice}/posts/{flagged_post}/ack", "", 404, "app.acknowledgement.get.app_error"),
            row("TestUnacknowledgePost", User, "DELETE", "/users/{alice}/posts/{unknown}/ack", "", 403, "api.context.permissions.app_error"),
            row("TestUnacknowledgePost", User, "DELETE", "/users/{bob}/posts/{flagged_post}/ack", "", 403, "api.context.permissions.app_error"),
            row("TestUnacknowledgePost", Anonymous, "DELETE", "/users/{alice}/posts/{flagged_post}/ack", "", 401, ""),
        ],
    },
];
