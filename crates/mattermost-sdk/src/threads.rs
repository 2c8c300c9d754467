//! The threads a user follows in a team: [`UserTeamHandle::threads`] and friends, and
//! [`ThreadHandle`] for one thread (`client.user(id).team(team_id).thread(thread_id)`).
//!
//! Thread listing pages by cursor (`before` / `after`), not by page number: `.all()`,
//! `.pages()` and `.stream()` on [`UserTeamHandle::threads`] follow the cursor from the last
//! thread of each page and stop on a page shorter than `per_page`, which is how the server's
//! store ends the list (see [`GetUserThreads`]). Timestamps are i64 milliseconds since the
//! Unix epoch.

use mattermost_sdk_core::endpoints::users::*;
use mattermost_sdk_core::{BuildError, PostId};

use crate::client::Call;
use crate::team::UserTeamHandle;
use crate::IdArg;

/// One thread of a user in a team: `client.user(id).team(team_id).thread(thread_id)`.
#[derive(Debug, Clone)]
pub struct ThreadHandle {
    team: UserTeamHandle,
    thread: Result<PostId, BuildError>,
}

/// Writes the thread operations of [`UserTeamHandle`] and registers them.
macro_rules! team_thread_ops {
    ($(
        $(#[$doc:meta])*
        fn $name:ident($($arg:ident : $aty:ty),*) -> $ep:ty = |$u:ident, $t:ident| $make:expr;
    )*) => {
        impl UserTeamHandle {
            $(
                $(#[$doc])*
                pub fn $name(&self $(, $arg: $aty)*) -> Call<$ep> {
                    self.call(|$u, $t| $make)
                }
            )*
        }

        /// The facade methods on [`UserTeamHandle`] written here, for [`crate::registry`].
        pub(crate) const TEAM_THREAD_METHODS: &[crate::registry::FacadeMethod] = crate::registry::facade_methods![
            $( $ep => concat!("client.user(id).team(team_id).", stringify!($name), "(", stringify!($($arg),*), ")"), )*
        ];
    };
}

/// Writes the operations of [`ThreadHandle`] and registers them.
macro_rules! thread_ops {
    ($(
        $(#[$doc:meta])*
        fn $name:ident($($arg:ident : $aty:ty),*) -> $ep:ty = |$u:ident, $t:ident, $th:ident| $make:expr;
    )*) => {
        impl ThreadHandle {
            $(
                $(#[$doc])*
                pub fn $name(&self $(, $arg: $aty)*) -> Call<$ep> {
                    let thread = self.thread.clone();
                    self.team.call(|$u, $t| {
                        let $th = thread?;
                        $make
                    })
                }
            )*
        }

        /// The facade methods on [`ThreadHandle`], for [`crate::registry`].
        pub(crate) const THREAD_METHODS: &[crate::registry::FacadeMethod] = crate::registry::facade_methods![
            $( $ep => concat!("client.user(id).team(team_id).thread(thread_id).", stringify!($name), "(", stringify!($($arg),*), ")"), )*
        ];
    };
}

team_thread_ops! {
    /// Lists the threads the user follows in the team, newest reply first, with the totals
    /// (`GET /api/v4/users/{user_id}/teams/{team_id}/threads`, `GetUserThreads`). Optional:
    /// `.since(ms)`, `.before(thread)`, `.after(thread)`, `.per_page(n)`, `.unread(true)`,
    /// `.deleted(true)`, `.extended(true)`, `.totals_only(true)`, `.threads_only(true)`,
    /// `.exclude_direct(true)`. Awaiting it gives one page ([`Threads`](crate::models::Threads));
    /// `.all()`, `.pages()` and `.stream()` follow the cursor to the end.
    fn threads() -> GetUserThreads = |u, t| Ok(GetUserThreads::new(u, t));
    /// Unread mentions per channel ID
    /// (`GET /api/v4/users/{user_id}/teams/{team_id}/threads/mention_counts`,
    /// `GetThreadMentionCountsByChannel`). In the spec only: current servers answer 404.
    fn thread_mention_counts() -> GetThreadMentionCountsByChannel =
        |u, t| Ok(GetThreadMentionCountsByChannel::new(u, t));
    /// Marks every followed thread in the team as read
    /// (`PUT /api/v4/users/{user_id}/teams/{team_id}/threads/read`, `UpdateThreadsReadForUser`).
    fn mark_all_threads_read() -> UpdateThreadsReadForUser =
        |u, t| Ok(UpdateThreadsReadForUser::new(u, t));
}

impl UserTeamHandle {
    /// One thread, named by its root post's ID: `get`, `follow`, `unfollow`, `mark_read`,
    /// `set_unread`. A bad ID is reported when a call is sent, before any I/O.
    pub fn thread(&self, thread: impl IdArg<PostId>) -> ThreadHandle {
        ThreadHandle {
            team: self.clone(),
            thread: thread.into_id(),
        }
    }
}

impl ThreadHandle {
    /// The thread's ID (its root post's), or the error its conversion gave.
    pub fn id(&self) -> Result<&PostId, &BuildError> {
        self.thread.as_ref()
    }

    /// The handle of the user and team above this thread.
    pub fn team(&self) -> &UserTeamHandle {
        &self.team
    }
}

thread_ops! {
    /// Gets the thread as the user sees it; optional `.extended(true)`
    /// (`GET /api/v4/users/{user_id}/teams/{team_id}/threads/{thread_id}`, `GetUserThread`).
    fn get() -> GetUserThread = |u, t, th| Ok(GetUserThread::new(u, t, th));
    /// Starts following the thread
    /// (`PUT /api/v4/users/{user_id}/teams/{team_id}/threads/{thread_id}/following`,
    /// `StartFollowingThread`).
    fn follow() -> StartFollowingThread = |u, t, th| Ok(StartFollowingThread::new(u, t, th));
    /// Stops following the thread
    /// (`DELETE /api/v4/users/{user_id}/teams/{team_id}/threads/{thread_id}/following`,
    /// `StopFollowingThread`).
    fn unfollow() -> StopFollowingThread = |u, t, th| Ok(StopFollowingThread::new(u, t, th));
    /// Sets when the user last viewed the thread, `timestamp_ms` milliseconds since the
    /// epoch (not negative: a [`BuildError`] before I/O); replies after it are unread
    /// (`PUT /api/v4/users/{user_id}/teams/{team_id}/threads/{thread_id}/read/{timestamp}`,
    /// `UpdateThreadReadForUser`).
    fn mark_read(timestamp_ms: i64) -> UpdateThreadReadForUser =
        |u, t, th| Ok(UpdateThreadReadForUser::new(u, t, th, EpochMillis::new(timestamp_ms)?));
    /// Marks the thread unread from `post` on, following it first
    /// (`POST /api/v4/users/{user_id}/teams/{team_id}/threads/{thread_id}/set_unread/{post_id}`,
    /// `SetThreadUnreadByPostId`; `POST` on the server, `PUT` in older references).
    fn set_unread(post: impl IdArg<PostId>) -> SetThreadUnreadByPostId =
        |u, t, th| Ok(SetThreadUnreadByPostId::new(u, t, th, post.into_id()?));
}

/// Builder methods on a [`Call`] for optional parameters.
macro_rules! opt_setters {
    ($ep:ty { $($name:ident : $kind:tt $ty:ty),* $(,)? }) => {
        impl Call<$ep> {
            $( opt_setters!(@one $name $kind $ty); )*
        }
    };
    (@one $name:ident id $ty:ty) => {
        #[doc = concat!("Sets the optional `", stringify!($name), "` (a thread ID).")]
        pub fn $name(self, value: impl IdArg<$ty>) -> Self {
            self.try_map(|ep| Ok(ep.$name(value.into_id()?)))
        }
    };
    (@one $name:ident value $ty:ty) => {
        #[doc = concat!("Sets the optional `", stringify!($name), "`.")]
        pub fn $name(self, value: $ty) -> Self {
            self.map(|ep| ep.$name(value))
        }
    };
}

opt_setters!(GetUserThreads {
    since: value u64,
    before: id PostId,
    after: id PostId,
    per_page: value u32,
    deleted: value bool,
    unread: value bool,
    extended: value bool,
    totals_only: value bool,
    threads_only: value bool,
    exclude_direct: value bool,
});
opt_setters!(GetUserThread { extended: value bool });
