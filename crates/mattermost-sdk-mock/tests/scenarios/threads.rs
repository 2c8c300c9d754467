//! The threads a user follows in a team: `user_test.go` (TestGetThreadsForUser,
//! TestFollowThreads, TestReadThreads, TestGetUserThread, TestUpdateReadStateThreadByUser,
//! TestSetUnreadThreadByPostId). The seeded thread `{thread}` is followed (and read) by bob
//! and the admin, not by alice; its first reply mentions alice.

use super::{row, step, Check, Table, Who::*};

#[rustfmt::skip]
pub(crate) static TABLES: &[Table] = &[
    Table {
        operation: "GetUserThreads",
        method: "GET",
        route: "users/{}/teams/{}/threads",
        rows: &[
            row("TestGetThreadsForUser", User, "GET", "/users/{alice}/teams/{team}/threads", "", 200, "")
                .expect(&[Check::Json("/total", "0"), Check::Len("/threads", 0)]),
            row("TestGetThreadsForUser", Other, "GET", "/users/{bob}/teams/{team}/threads?deleted=false", "", 200, "")
                .expect(&[Check::Json("/total", "1"), Check::Json("/threads/0/id", r#""fakepostthreadroot00000001""#), Check::Json("/threads/0/reply_count", "2")]),
            row("TestGetThreadsForUser", Other, "GET", "/users/{bob}/teams/{team}/threads?totalsOnly=true", "", 200, "")
                .expect(&[Check::Json("/total", "1"), Check::Len("/threads", 0)]),
            row("TestGetThreadsForUser", Other, "GET", "/users/{bob}/teams/{team}/threads?threadsOnly=true", "", 200, "")
                .expect(&[Check::Json("/total", "0"), Check::Len("/threads", 1)]),
            row("TestGetThreadsForUser", Other, "GET", "/users/{bob}/teams/{team}/threads?before={thread}&after={thread}", "", 400, "api.getThreadsForUser.bad_params"),
            row("TestGetThreadsForUser", Other, "GET", "/users/{bob}/teams/{team}/threads?totalsOnly=true&threadsOnly=true", "", 400, "api.getThreadsForUser.bad_only_params"),
            row("TestGetThreadsForUser", Other, "GET", "/users/{bob}/teams/{team}/threads?before={thread}", "", 200, "")
                .expect(&[Check::Len("/threads", 0)]),
            row("TestGetThreadsForUser", Other, "GET", "/users/{alice}/teams/{team}/threads", "", 403, "api.context.permissions.app_error"),
            row("TestGetThreadsForUser", Other, "GET", "/users/{bob}/teams/{team_beta}/threads", "", 403, "api.context.permissions.app_error"),
            row("TestGetThreadsForUser", Anonymous, "GET", "/users/{alice}/teams/{team}/threads", "", 401, ""),
            row("TestGetThreadsForUser", Admin, "GET", "/users/{bob}/teams/{team}/threads", "", 200, "")
                .expect(&[Check::Json("/total", "1")]),
            row("TestGetThreadsForUser", Other, "GET", "/users/{bob}/teams/{team}/threads", "", 200, "")
                .skip("post priority (urgent mentions) is not modelled"),
        ],
    },
    Table {
        operation: "GetThreadMentionCountsByChannel",
        method: "GET",
        route: "users/{}/teams/{}/threads/mention_counts",
        rows: &[
            // No server test: the spec lists this path, but api4/user.go routes no handler
            // for it and the thread route's `{thread_id:[A-Za-z0-9]+}` does not match it.
            row("user_test.go (no test of this path)", User, "GET", "/users/{alice}/teams/{team}/threads/mention_counts", "", 404, "api.context.404.app_error")
                .skip("the server has no test of this path; the fake's router 404 is checked in crates/mattermost-sdk/tests/fake_threads.rs"),
        ],
    },
    Table {
        operation: "UpdateThreadsReadForUser",
        method: "PUT",
        route: "users/{}/teams/{}/threads/read",
        rows: &[
            row("TestReadThreads", Other, "PUT", "/users/{bob}/teams/{team}/threads/read", "", 200, "")
                .before(&[step(Other, "PUT", "/users/{bob}/teams/{team}/threads/{thread}/read/0", "")])
                .expect(&[Check::After(Other, "/users/{bob}/teams/{team}/threads", "/total_unread_threads", "0")]),
            row("TestReadThreads", User, "PUT", "/users/{bob}/teams/{team}/threads/read", "", 403, "api.context.permissions.app_error"),
            row("TestReadThreads", Anonymous, "PUT", "/users/{bob}/teams/{team}/threads/read", "", 401, ""),
        ],
    },
    Table {
        operation: "GetUserThread",
        method: "GET",
        route: "users/{}/teams/{}/threads/{}",
        rows: &[
            row("TestGetUserThread", Other, "GET", "/users/{bob}/teams/{team}/threads/{thread}?extended=true", "", 200, "")
                .expect(&[Check::Json("/id", r#""fakepostthreadroot00000001""#), Check::Len("/participants", 2)]),
            row("TestGetUserThread", User, "GET", "/users/{alice}/teams/{team}/threads/{unknown}", "", 403, "api.context.permissions.app_error"),
            row("TestGetUserThread", User, "GET", "/users/{bob}/teams/{team}/threads/{thread}", "", 403, "api.context.permissions.app_error"),
            row("TestGetUserThread", Anonymous, "GET", "/users/{bob}/teams/{team}/threads/{thread}", "", 401, ""),
            row("TestGetUserThread", User, "GET", "/users/{alice}/teams/{team}/threads/{thread}", "", 403, "")
                .skip("channel membership is not modelled: a thread in a private channel the user is not in"),
        ],
    },
    Table {
        operation: "StartFollowingThread",
        method: "PUT",
        route: "users/{}/teams/{}/threads/{}/following",
        rows: &[
            row("TestFollowThreads", User, "PUT", "/users/{alice}/teams/{team}/threads/{thread}/following", "", 200, "")
                .expect(&[Check::After(User, "/users/{alice}/teams/{team}/threads", "/total", "1"),
                          Check::After(User, "/users/{alice}/teams/{team}/threads", "/threads/0/unread_replies", "0")]),
            row("TestFollowThreads", Other, "PUT", "/users/{alice}/teams/{team}/threads/{thread}/following", "", 403, "api.context.permissions.app_error"),
            row("TestFollowThreads", User, "PUT", "/users/{alice}/teams/{team}/threads/{unknown}/following", "", 403, "api.context.permissions.app_error"),
            row("TestFollowThreads", Anonymous, "PUT", "/users/{alice}/teams/{team}/threads/{thread}/following", "", 401, ""),
        ],
    },
    Table {
        operation: "StopFollowingThread",
        method: "DELETE",
        route: "users/{}/teams/{}/threads/{}/following",
        rows: &[
            row("TestFollowThreads", Other, "DELETE", "/users/{bob}/teams/{team}/threads/{thread}/following", "", 200, "")
                .expect(&[Check::After(Other, "/users/{bob}/teams/{team}/threads", "/total", "0")]),
            row("TestFollowThreads", User, "DELETE", "/users/{bob}/teams/{team}/threads/{thread}/following", "", 403, "api.context.permissions.app_error"),
            row("TestFollowThreads", Anonymous, "DELETE", "/users/{bob}/teams/{team}/threads/{thread}/following", "", 401, ""),
        ],
    },
    Table {
        operation: "UpdateThreadReadForUser",
        method: "PUT",
        route: "users/{}/teams/{}/threads/{}/read/{}",
        rows: &[
            row("TestUpdateReadStateThreadByUser", Other, "PUT", "/users/{bob}/teams/{team}/threads/{thread}/read/0", "", 200, "")
                .expect(&[Check::Json("/last_viewed_at", "0"), Check::Json("/unread_replies", "2"), Check::Json("/unread_mentions", "0")]),
            row("TestUpdateReadStateThreadByUser", User, "PUT", "/users/{alice}/teams/{team}/threads/{unknown}/read/1", "", 403, "api.context.permissions.app_error"),
            row("TestUpdateReadStateThreadByUser", Anonymous, "PUT", "/users/{alice}/teams/{team}/threads/{thread}/read/1", "", 401, ""),
            row("TestUpdateReadStateThreadByUser", User, "PUT", "/users/{bob}/teams/{team}/threads/{thread}/read/1", "", 403, "api.context.permissions.app_error"),
        ],
    },
    Table {
        operation: "SetThreadUnreadByPostId",
        method: "POST",
        route: "users/{}/teams/{}/threads/{}/set_unread/{}",
        rows: &[
            row("TestSetUnreadThreadByPostId", User, "POST", "/users/{alice}/teams/{team}/threads/{thread}/set_unread/{thread_reply}", "", 200, "")
                .expect(&[Check::Json("/id", r#""fakepostthreadroot00000001""#), Check::Json("/unread_replies", "2"), Check::Json("/unread_mentions", "1"),
                          Check::After(User, "/users/{alice}/teams/{team}/threads", "/total_unread_threads", "1")]),
            row("TestSetUnreadThreadByPostId", User, "POST", "/users/{alice}/teams/{team}/threads/{unknown}/set_unread/{unknown}", "", 403, "api.context.permissions.app_error"),
            row("TestSetUnreadThreadByPostId", Anonymous, "POST", "/users/{alice}/teams/{team}/threads/{thread}/set_unread/{thread}", "", 401, ""),
            row("TestSetUnreadThreadByPostId", User, "POST", "/users/{bob}/teams/{team}/threads/{thread}/set_unread/{thread}", "", 403, "api.context.permissions.app_error"),
            row("TestSetUnreadThreadByPostId", Admin, "POST", "/users/{alice}/teams/{team}/threads/{thread}/set_unread/{thread}", "", 200, ""),
        ],
    },
];
