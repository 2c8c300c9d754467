//! The threads a user follows in a team (`/users/{user_id}/teams/{team_id}/threads/...`),
//! from `getThreadsForUser`, `getThreadForUser`, `followThreadByUser`,
//! `unfollowThreadByUser`, `updateReadStateThreadByUser`, `setUnreadThreadByPostId` and
//! `updateReadStateAllThreadsByUser` in `server/channels/api4/user.go` (mattermost/mattermost).
//!
//! A thread is named by the ID of its root post ([`PostId`]). Timestamps are i64
//! milliseconds since the Unix epoch.
//!
//! # Differences between server versions
//!
//! - `SetThreadUnreadByPostId` is `POST .../set_unread/{post_id}` on the server: the route
//!   was added as `POST` (mattermost/mattermost pull request 19951, "new API to mark thread
//!   as unread", April 2022; its release note names `POST`) and is `POST` in the current
//!   `api4/user.go`. Earlier API documentation gave `PUT`; no server route takes `PUT` here,
//!   so this client always sends `POST`.
//! - `GetUserThreads` reads its page size from `per_page` (the shared `c.Params.PerPage`:
//!   default 60, at most 200) on current servers; older servers read `pageSize` (default 30)
//!   and ignore `per_page`. The cursor walk works with either: it stops on a page shorter than
//!   the size it asked for, and a short page from a server that ignored `per_page` is still the
//!   last one (the store cuts with `LIMIT`).

use std::collections::BTreeMap;
use std::fmt;

use crate::error::BuildError;
use crate::ids::{PostId, TeamId, UserId};
use crate::models::{StatusOk, ThreadResponse, Threads};
use crate::path::PathSegment;
use crate::query::Query;
use crate::MAX_PER_PAGE;

/// A point in time as a path segment: i64 milliseconds since the Unix epoch, not negative
/// (the route is `{timestamp:[0-9]+}`, `server/channels/api4/user.go`).
#[derive(Clone, PartialEq, Eq)]
pub struct EpochMillis {
    ms: i64,
    text: String,
}

impl EpochMillis {
    /// `ms` milliseconds since the epoch; a negative value is a [`BuildError::InvalidParam`]
    /// (the server's route only matches digits).
    pub fn new(ms: i64) -> Result<Self, BuildError> {
        if ms < 0 {
            return Err(BuildError::InvalidParam {
                param: "timestamp",
                reason: format!("{ms} is negative; the server's route takes digits only"),
            });
        }
        Ok(EpochMillis {
            ms,
            text: ms.to_string(),
        })
    }

    /// The milliseconds since the epoch.
    pub fn millis(&self) -> i64 {
        self.ms
    }
}

impl fmt::Debug for EpochMillis {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "EpochMillis({})", self.ms)
    }
}

impl PathSegment for EpochMillis {
    fn segment(&self) -> Result<&str, BuildError> {
        Ok(&self.text)
    }
}

fn invalid(param: &'static str, reason: impl Into<String>) -> BuildError {
    BuildError::InvalidParam {
        param,
        reason: reason.into(),
    }
}

endpoint! {
    /// Lists the threads the user follows in the team (and in direct and group messages,
    /// unless `exclude_direct`), most recent reply first, with the totals.
    ///
    /// # Paging: by cursor, not by page number
    ///
    /// The handler reads no `page`. A page holds at most `per_page` threads (1 to 200; the
    /// server uses 60 when unset) ordered by `last_reply_at`, newest first; `before` (a
    /// thread ID) asks for the threads whose last reply is older than that thread's, `after`
    /// for the newer ones, oldest first. `since` (ms since the epoch) keeps threads whose last
    /// reply or membership changed at or after it. The store cuts the page with `LIMIT` and
    /// removes nothing after (`GetThreadsForUser` in
    /// `server/channels/store/sqlstore/thread_store.go`), so a page shorter than `per_page` is
    /// the last: `.all()` follows `before` (or `after`, when you set it) from the last thread
    /// of each page and stops there. The cursor compares `last_reply_at` strictly, so threads
    /// whose last reply has the very millisecond of the cursor thread's are skipped by the
    /// server.
    ///
    /// # Rejected before sending (the handler's 400s)
    ///
    /// `before` together with `after` (`api.getThreadsForUser.bad_params`), `totals_only`
    /// together with `threads_only` (`api.getThreadsForUser.bad_only_params`), `per_page`
    /// outside 1..=200.
    GET "/users/{user_id}/teams/{team_id}/threads" => GetUserThreads -> Threads {
        /// The user, or `me`.
        user_id: UserId,
        /// The team.
        team_id: TeamId,
    }
    optional {
        /// Only threads updated at or after this time, ms since the epoch.
        since: u64,
        /// Cursor: threads whose last reply is older than this thread's.
        before: PostId,
        /// Cursor: threads whose last reply is newer than this thread's (oldest first).
        after: PostId,
        /// Threads per page, 1 to 200 (server default 60).
        per_page: u32,
        /// Include threads whose root post is deleted.
        deleted: bool,
        /// Only threads with unread replies.
        unread: bool,
        /// Participants as full users rather than IDs only.
        extended: bool,
        /// Only the totals (`threads` comes back empty).
        totals_only: bool,
        /// Only the threads (the totals come back 0).
        threads_only: bool,
        /// Leave out threads in direct and group messages.
        exclude_direct: bool,
    }
    path(user_id, team_id)
    query(|ep| {
        if ep.before.is_some() && ep.after.is_some() {
            return Err(invalid("after", "`before` and `after` are mutually exclusive"));
        }
        if ep.totals_only == Some(true) && ep.threads_only == Some(true) {
            return Err(invalid(
                "threads_only",
                "`totals_only` and `threads_only` are mutually exclusive",
            ));
        }
        if let Some(n) = ep.per_page {
            if n == 0 || n > MAX_PER_PAGE {
                return Err(invalid("per_page", format!("{n} is not between 1 and {MAX_PER_PAGE}")));
            }
        }
        let mut q = Query::new();
        q.push_opt("since", ep.since)
            .push_opt("before", ep.before.as_ref())
            .push_opt("after", ep.after.as_ref())
            .push_opt("per_page", ep.per_page)
            .push_opt("deleted", ep.deleted)
            .push_opt("unread", ep.unread)
            .push_opt("extended", ep.extended)
            .push_opt("totalsOnly", ep.totals_only)
            .push_opt("threadsOnly", ep.threads_only)
            .push_opt("excludeDirect", ep.exclude_direct);
        Ok(q)
    })
}

endpoint! {
    /// Unread mention counts of the user's followed threads, by channel ID. In the spec, but
    /// the current server routes no handler for it: `mention_counts` does not match the
    /// thread route's `{thread_id:[A-Za-z0-9]+}` (`server/channels/api4/api.go`), so it
    /// answers 404 (`Error::Api`).
    GET "/users/{user_id}/teams/{team_id}/threads/mention_counts" => GetThreadMentionCountsByChannel -> BTreeMap<String, i64> {
        /// The user, or `me`.
        user_id: UserId,
        /// The team.
        team_id: TeamId,
    }
    path(user_id, team_id)
}

endpoint! {
    /// Marks every thread the user follows in the team as read (needs `view_team`).
    PUT "/users/{user_id}/teams/{team_id}/threads/read" => UpdateThreadsReadForUser -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
        /// The team.
        team_id: TeamId,
    }
    path(user_id, team_id)
}

endpoint! {
    /// Gets one thread the user has a membership of (followed or not); 404
    /// `app.user.get_thread_membership_for_user.not_found` if the user never had one.
    GET "/users/{user_id}/teams/{team_id}/threads/{thread_id}" => GetUserThread -> ThreadResponse {
        /// The user, or `me`.
        user_id: UserId,
        /// The team.
        team_id: TeamId,
        /// The thread: its root post's ID.
        thread_id: PostId,
    }
    optional {
        /// Participants as full users rather than IDs only.
        extended: bool,
    }
    path(user_id, team_id, thread_id)
    query(|ep| Ok(Query::new().with_opt("extended", ep.extended)))
}

endpoint! {
    /// Starts following the thread (needs read access to its channel).
    PUT "/users/{user_id}/teams/{team_id}/threads/{thread_id}/following" => StartFollowingThread -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
        /// The team.
        team_id: TeamId,
        /// The thread: its root post's ID.
        thread_id: PostId,
    }
    path(user_id, team_id, thread_id)
}

endpoint! {
    /// Stops following the thread.
    DELETE "/users/{user_id}/teams/{team_id}/threads/{thread_id}/following" => StopFollowingThread -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
        /// The team.
        team_id: TeamId,
        /// The thread: its root post's ID.
        thread_id: PostId,
    }
    path(user_id, team_id, thread_id)
}

endpoint! {
    /// Sets when the user last viewed the thread (ms since the epoch): replies after it are
    /// unread. Returns the thread as it is now.
    PUT "/users/{user_id}/teams/{team_id}/threads/{thread_id}/read/{timestamp}" => UpdateThreadReadForUser -> ThreadResponse {
        /// The user, or `me`.
        user_id: UserId,
        /// The team.
        team_id: TeamId,
        /// The thread: its root post's ID.
        thread_id: PostId,
        /// The new last-viewed time, ms since the epoch.
        timestamp: EpochMillis,
    }
    path(user_id, team_id, thread_id, timestamp)
}

endpoint! {
    /// Marks the thread unread from `post_id` on (that reply and the later ones), following
    /// the thread first. `POST` on the server; see the module docs for the `PUT` of older
    /// references. Returns the thread as it is now.
    POST "/users/{user_id}/teams/{team_id}/threads/{thread_id}/set_unread/{post_id}" => SetThreadUnreadByPostId -> ThreadResponse {
        /// The user, or `me`.
        user_id: UserId,
        /// The team.
        team_id: TeamId,
        /// The thread: its root post's ID.
        thread_id: PostId,
        /// The first post to mark unread.
        post_id: PostId,
    }
    path(user_id, team_id, thread_id, post_id)
}
