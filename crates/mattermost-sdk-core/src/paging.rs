//! Paging as a pure state machine: 0-based `page`, `per_page` at most [`MAX_PER_PAGE`], and a
//! stop rule per operation, taken from its server handler ([`PageRule`]).
//!
//! The facade turns a [`Pager`] into `.all()` and page/item streams; anyone driving requests
//! by hand can use it the same way:
//!
//! ```
//! use mattermost_sdk_core::paging::{PageRule, Pager};
//!
//! // A handler that cuts the page last: a short page is the last one.
//! let mut pager = Pager::new(2, PageRule::ShortPageEnds).unwrap();
//! assert_eq!(pager.next_page(), Some(0));
//! pager.record(["a", "b"]);
//! assert_eq!(pager.next_page(), Some(1));
//! pager.record(["c"]);
//! assert_eq!(pager.next_page(), None);
//! ```

use std::collections::HashSet;

use crate::endpoint::Endpoint;
use crate::endpoints::users::{
    GetAuthorizedOAuthAppsForUser, GetFlaggedPostsForUser, GetUserThreads, GetUsers,
    GetUsersWithInvalidEmails,
};
use crate::error::BuildError;
use crate::ids::PostId;
use crate::models::{OAuthApp, Post, PostList, ThreadResponse, Threads, User};
use crate::MAX_PER_PAGE;

/// How an operation's server handler pages, which decides when paging stops.
///
/// Every [`Paged`] endpoint declares its rule next to its operationId and path, from its
/// handler in `server/channels/api4/*.go` and the app/store functions it calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum PageRule {
    /// The store cuts the page (`LIMIT per_page OFFSET page*per_page`) and nothing is removed
    /// after: every page but the last is full, so a short page is the last one. A page
    /// longer than asked for means the server ignores `per_page`: paging stops rather than
    /// repeating it.
    ShortPageEnds,
    /// The handler removes items **after** the page was cut (for example posts in channels
    /// the caller can no longer read), so a short page does not mean the end: paging stops
    /// on an empty page. The handler may also pass `page` to the store as a row **offset**
    /// rather than a page number (`GetFlaggedPostsForUser` does on current servers; a later
    /// server may not): the pager detects that from pages that overlap, steps `page` by
    /// `per_page` once it knows, and never yields an item twice (items are told apart by
    /// [`Paged::key`]). Either way it needs about `ceil(N / per_page) + 1` requests.
    EmptyPageEnds,
}

/// How the server reads `page`, as far as the pager has learnt it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PageMeaning {
    /// Not known yet: no page with two or more items has been followed by another page.
    Unknown,
    /// `page` is a page number: pages do not overlap.
    PageNumber,
    /// `page` is a row offset: the page after `page = k` starts at row `k + per_page`.
    RowOffset,
}

/// Which page to ask for next, given what the previous pages held.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    next: Option<u32>,
    per_page: u32,
    rule: PageRule,
    meaning: PageMeaning,
    /// Keys of the items yielded so far ([`PageRule::EmptyPageEnds`] only).
    seen: HashSet<String>,
    /// Keys of the previous page, to detect overlap.
    previous: Vec<String>,
    requests: u32,
}

impl Pager {
    /// Starts at page 0 with `per_page` items a page (1 to [`MAX_PER_PAGE`], the server's
    /// cap; anything else is a [`BuildError::InvalidParam`]) and the operation's stop rule.
    pub fn new(per_page: u32, rule: PageRule) -> Result<Self, BuildError> {
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(BuildError::InvalidParam {
                param: "per_page",
                reason: format!("{per_page} is not between 1 and {MAX_PER_PAGE}"),
            });
        }
        Ok(Pager {
            next: Some(0),
            per_page,
            rule,
            meaning: PageMeaning::Unknown,
            seen: HashSet::new(),
            previous: Vec::new(),
            requests: 0,
        })
    }

    /// A pager for endpoint `E`, with its rule and `per_page` (the endpoint's own, else
    /// [`MAX_PER_PAGE`]).
    pub fn for_endpoint<E: Paged>(ep: &E) -> Result<Self, BuildError> {
        Pager::new(ep.requested_per_page().unwrap_or(MAX_PER_PAGE), E::RULE)
    }

    /// The page to request next, or `None` when done.
    pub fn next_page(&self) -> Option<u32> {
        self.next
    }

    /// Items per page.
    pub fn per_page(&self) -> u32 {
        self.per_page
    }

    /// The stop rule.
    pub fn rule(&self) -> PageRule {
        self.rule
    }

    /// How many pages have been recorded.
    pub fn requests(&self) -> u32 {
        self.requests
    }

    /// The pages this pager will ask for from now on **if every page comes back full**: the
    /// next page, then the ones after it, in order (page numbers step by 1, or by `per_page`
    /// once the server is known to read `page` as a row offset). Empty when paging is done.
    ///
    /// A read-ahead walk requests these before the earlier pages are in; a guess is checked
    /// against [`Pager::next_page`] when its page is taken, so a short page (the end) or a
    /// change of step only wastes the requests already sent, never changes what is yielded.
    ///
    /// ```
    /// use mattermost_sdk_core::paging::{PageRule, Pager};
    ///
    /// let pager = Pager::new(2, PageRule::ShortPageEnds).unwrap();
    /// assert_eq!(pager.upcoming().take(3).collect::<Vec<_>>(), [0, 1, 2]);
    /// ```
    pub fn upcoming(&self) -> impl Iterator<Item = u32> + Send + 'static {
        let step = match (self.rule, self.meaning) {
            (PageRule::EmptyPageEnds, PageMeaning::RowOffset) => self.per_page,
            _ => 1,
        };
        std::iter::successors(self.next, move |page| page.checked_add(step))
    }

    /// Records the keys of the items the last requested page held, in order, and returns,
    /// for each, whether to yield it (`false` for an item already yielded by an earlier page,
    /// which only [`PageRule::EmptyPageEnds`] checks).
    pub fn record<K: AsRef<str>>(&mut self, keys: impl IntoIterator<Item = K>) -> Vec<bool> {
        let Some(page) = self.next else {
            return Vec::new();
        };
        self.requests = self.requests.saturating_add(1);
        let per_page = self.per_page as usize;
        match self.rule {
            PageRule::ShortPageEnds => {
                let n = keys.into_iter().count();
                // A full page may be followed by more; a short one is the last; a longer one
                // means `per_page` is ignored, so asking again would only repeat it.
                self.next = if n == per_page {
                    page.checked_add(1)
                } else {
                    None
                };
                vec![true; n]
            }
            PageRule::EmptyPageEnds => {
                let keys: Vec<String> = keys.into_iter().map(|k| k.as_ref().to_owned()).collect();
                let overlaps = keys.iter().any(|k| self.previous.contains(k));
                if self.meaning == PageMeaning::Unknown && page > 0 {
                    if overlaps {
                        self.meaning = PageMeaning::RowOffset;
                    } else if self.previous.len() >= 2 {
                        // Under row offsets the page after a page of two or more items
                        // repeats all but its first: no overlap means page numbers.
                        self.meaning = PageMeaning::PageNumber;
                    }
                }
                let fresh: Vec<bool> = keys.iter().map(|k| self.seen.insert(k.clone())).collect();
                self.next = if keys.is_empty() || keys.len() > per_page {
                    None
                } else {
                    let step = match self.meaning {
                        PageMeaning::RowOffset => self.per_page,
                        PageMeaning::Unknown | PageMeaning::PageNumber => 1,
                    };
                    page.checked_add(step)
                };
                self.previous = keys;
                fresh
            }
        }
    }
}

/// An endpoint that pages with `page` and `per_page`.
pub trait Paged: Endpoint + Clone {
    /// One item of a page.
    type Item;

    /// When paging stops, from the operation's server handler.
    const RULE: PageRule;

    /// This endpoint, asking for `page` with `per_page` items.
    fn at_page(self, page: u32, per_page: u32) -> Self;

    /// The `per_page` set on this endpoint, if any.
    fn requested_per_page(&self) -> Option<u32>;

    /// The items of one page, in order.
    fn items(output: Self::Output) -> Vec<Self::Item>;

    /// What tells two items apart (their ID), to never yield one twice.
    fn key(item: &Self::Item) -> &str;

    /// True if the request for a later page can be built before the earlier pages are in
    /// (the page number is all that changes), so a walk may read ahead. False for an
    /// operation paged by cursor ([`Paged::continue_after`]), whose next request depends on
    /// the last item of the page before.
    const READ_AHEAD: bool = true;

    /// For an operation paged by cursor: this endpoint moved past `last`, the last item of
    /// the page just read, so that the next request asks for the items after it. Operations
    /// paged by page number keep the default, which changes nothing (the page number moves
    /// instead).
    fn continue_after(self, last: &Self::Item) -> Self {
        let _ = last;
        self
    }
}

impl Paged for GetFlaggedPostsForUser {
    type Item = Post;

    /// `server/channels/api4/post.go` `getFlaggedPostsForUser` passes `page` to
    /// `App.GetFlaggedPosts*` as the store's row offset and then drops posts in channels the
    /// caller cannot read: pages can be short and can overlap.
    const RULE: PageRule = PageRule::EmptyPageEnds;

    fn at_page(self, page: u32, per_page: u32) -> Self {
        self.page(page).per_page(per_page)
    }

    fn requested_per_page(&self) -> Option<u32> {
        self.per_page
    }

    fn items(mut output: PostList) -> Vec<Post> {
        output
            .order
            .iter()
            .filter_map(|id| output.posts.remove(id))
            .collect()
    }

    fn key(item: &Post) -> &str {
        &item.id
    }
}

impl Paged for GetAuthorizedOAuthAppsForUser {
    type Item = OAuthApp;

    /// `server/channels/app/oauth.go` `GetAuthorizedAppsForUser` asks the store for
    /// `page*perPage, perPage` and removes nothing after.
    const RULE: PageRule = PageRule::ShortPageEnds;

    fn at_page(self, page: u32, per_page: u32) -> Self {
        self.page(page).per_page(per_page)
    }

    fn requested_per_page(&self) -> Option<u32> {
        self.per_page
    }

    fn items(output: Vec<OAuthApp>) -> Vec<OAuthApp> {
        output
    }

    fn key(item: &OAuthApp) -> &str {
        &item.id
    }
}

/// Directory listings: the server clamps `per_page` above [`MAX_PER_PAGE`] instead of
/// refusing it, so a larger request walks in pages of [`MAX_PER_PAGE`]. Both handlers
/// answer one SQL page (`LIMIT`/`OFFSET`), so a short page is the last.
macro_rules! paged_users {
    ($($ep:ty),*) => {$(
        impl Paged for $ep {
            type Item = User;

            /// One SQL page per request (`LIMIT`/`OFFSET` in the user store), nothing
            /// removed after: a short page is the last (`server/channels/api4/user.go`).
            const RULE: PageRule = PageRule::ShortPageEnds;

            fn at_page(self, page: u32, per_page: u32) -> Self {
                self.page(page).per_page(per_page)
            }

            fn requested_per_page(&self) -> Option<u32> {
                self.per_page.map(|n| n.min(MAX_PER_PAGE))
            }

            fn items(output: Vec<User>) -> Vec<User> {
                output
            }

            fn key(item: &User) -> &str {
                &item.id
            }
        }
    )*};
}

paged_users!(GetUsers, GetUsersWithInvalidEmails);

impl Paged for GetUserThreads {
    type Item = ThreadResponse;

    /// Paged by cursor, not by page number (`getThreadsForUser` in
    /// `server/channels/api4/user.go` reads no `page`): the store orders by `last_reply_at`,
    /// cuts with `LIMIT per_page` and removes nothing after (`GetThreadsForUser` in
    /// `server/channels/store/sqlstore/thread_store.go`), so a short page is the last. The
    /// page number the pager counts is not sent; [`Paged::continue_after`] moves the cursor.
    const RULE: PageRule = PageRule::ShortPageEnds;

    /// The cursor moves with each page's last thread: no request can be built ahead.
    const READ_AHEAD: bool = false;

    fn at_page(self, _page: u32, per_page: u32) -> Self {
        self.per_page(per_page)
    }

    fn requested_per_page(&self) -> Option<u32> {
        self.per_page
    }

    fn items(output: Threads) -> Vec<ThreadResponse> {
        output.threads
    }

    fn key(item: &ThreadResponse) -> &str {
        &item.id
    }

    /// `before` = the last thread of the page (newest first), or `after` when the walk
    /// started with `after` (oldest first). A thread ID the server sent that is not a valid
    /// ID leaves the endpoint unchanged, and the short-page rule ends the walk.
    fn continue_after(mut self, last: &ThreadResponse) -> Self {
        let Ok(id) = PostId::new(last.id.as_str()) else {
            return self;
        };
        if self.after.is_some() {
            self.after = Some(id);
        } else {
            self.before = Some(id);
        }
        self
    }
}

// issue 12, users 3 of 3: channel memberships across teams, retention policies

impl Paged for crate::endpoints::users::GetChannelMembersWithTeamDataForUser {
    type Item = crate::models::ChannelMemberWithTeamData;

    /// `getChannelMembersForUser` in `server/channels/api4/user.go` passes `page` and
    /// `per_page` to `GetMembersForUserWithPagination`
    /// (`server/channels/store/sqlstore/channel_store.go`: `ORDER BY ChannelId LIMIT ?
    /// OFFSET page*per_page`). Older handlers remove nothing after the cut; newer servers
    /// with attribute-based channel read access drop the channels the *caller* may not read
    /// after it (`TestChannelReadAccessMembersForUserFilterFollowsTheSession` in
    /// `server/channels/api4`), so a short page is not the end: paging stops on an empty
    /// page, one request more than needed on older servers.
    const RULE: PageRule = PageRule::EmptyPageEnds;

    fn at_page(self, page: u32, per_page: u32) -> Self {
        self.page(page).per_page(per_page)
    }

    fn requested_per_page(&self) -> Option<u32> {
        self.per_page
    }

    fn items(output: Vec<Self::Item>) -> Vec<Self::Item> {
        output
    }

    fn key(item: &Self::Item) -> &str {
        &item.member.channel_id
    }
}

/// Retention policies of the user's teams or channels: `server/channels/api4/data_retention.go`
/// passes `offset = page * per_page, limit = per_page` to the store, which cuts the rows with
/// `LIMIT`/`OFFSET` and removes nothing after: a short page is the last.
macro_rules! paged_policies {
    ($($ep:ty => $item:ty, $key:ident;)*) => {$(
        impl Paged for $ep {
            type Item = $item;

            /// Offset paging in the store, nothing removed after: a short page is the last
            /// (`server/channels/api4/data_retention.go`).
            const RULE: PageRule = PageRule::ShortPageEnds;

            fn at_page(self, page: u32, per_page: u32) -> Self {
                self.page(page).per_page(per_page)
            }

            fn requested_per_page(&self) -> Option<u32> {
                self.per_page
            }

            fn items(output: Self::Output) -> Vec<$item> {
                output.policies
            }

            fn key(item: &$item) -> &str {
                &item.$key
            }
        }
    )*};
}

paged_policies! {
    crate::endpoints::users::GetTeamPoliciesForUser => crate::models::RetentionPolicyForTeam, team_id;
    crate::endpoints::users::GetChannelPoliciesForUser => crate::models::RetentionPolicyForChannel, channel_id;
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Runs a pager over a server modelled by `serve(page, per_page) -> keys` and returns the
    /// pages asked for and the items yielded.
    fn run(
        per_page: u32,
        rule: PageRule,
        serve: impl Fn(u32, u32) -> Vec<&'static str>,
    ) -> (Vec<u32>, Vec<&'static str>) {
        let mut p = Pager::new(per_page, rule).unwrap();
        let (mut asked, mut items) = (Vec::new(), Vec::new());
        while let Some(page) = p.next_page() {
            assert!(asked.len() < 100, "runaway pager: {asked:?}");
            asked.push(page);
            let got = serve(page, per_page);
            let keep = p.record(got.iter());
            items.extend(
                got.into_iter()
                    .zip(keep)
                    .filter(|(_, k)| *k)
                    .map(|(i, _)| i),
            );
        }
        (asked, items)
    }

    #[test]
    fn upcoming_pages_step_like_the_pager_and_stop_with_it() {
        let mut p = Pager::new(2, PageRule::EmptyPageEnds).unwrap();
        assert_eq!(p.upcoming().take(3).collect::<Vec<_>>(), [0, 1, 2]);
        p.record(["a", "b"]);
        // Page 1 overlaps page 0: `page` is a row offset, so the guesses step by per_page.
        p.record(["b", "c"]);
        assert_eq!(p.next_page(), Some(3));
        assert_eq!(p.upcoming().take(3).collect::<Vec<_>>(), [3, 5, 7]);
        p.record(Vec::<String>::new());
        assert_eq!(p.upcoming().count(), 0);

        let mut p = Pager::new(2, PageRule::ShortPageEnds).unwrap();
        p.record(["a", "b"]);
        assert_eq!(p.upcoming().take(2).collect::<Vec<_>>(), [1, 2]);
        p.record(["c"]);
        assert_eq!(p.upcoming().next(), None);
        // The guesses end at u32::MAX instead of wrapping.
        let mut far = Pager::new(1, PageRule::ShortPageEnds).unwrap();
        far.next = Some(u32::MAX - 1);
        assert_eq!(far.upcoming().collect::<Vec<_>>(), [u32::MAX - 1, u32::MAX]);
    }

    /// A store of `rows`, paged by page number or by row offset, with `hidden` rows dropped
    /// after the cut.
    fn store(
        rows: &'static [&'static str],
        offset: bool,
        hidden: &'static [&'static str],
    ) -> impl Fn(u32, u32) -> Vec<&'static str> {
        move |page, per_page| {
            let start = if offset { page } else { page * per_page } as usize;
            rows.iter()
                .skip(start)
                .take(per_page as usize)
                .filter(|r| !hidden.contains(r))
                .copied()
                .collect()
        }
    }

    #[test]
    fn short_page_rule_stops_on_a_short_page() {
        let (asked, items) = run(
            2,
            PageRule::ShortPageEnds,
            store(&["a", "b", "c"], false, &[]),
        );
        assert_eq!(asked, [0, 1]);
        assert_eq!(items, ["a", "b", "c"]);
        let (asked, _) = run(2, PageRule::ShortPageEnds, |_, _| vec![]);
        assert_eq!(asked, [0]);
    }

    #[test]
    fn short_page_rule_stops_when_the_server_ignores_per_page() {
        let (asked, _) = run(2, PageRule::ShortPageEnds, |_, _| vec!["a", "b", "c", "d"]);
        assert_eq!(asked, [0]);
    }

    /// Field case 1 (issue 8/10): a post filtered out after the cut makes page 0 short,
    /// although B and C follow: `[A, B, C]`, stopping on the empty page.
    #[test]
    fn empty_page_rule_reads_past_a_page_shortened_by_filtering() {
        let serve = |page: u32, _| match page {
            0 => vec!["A"],
            1 => vec!["B", "C"],
            _ => vec![],
        };
        let (asked, items) = run(2, PageRule::EmptyPageEnds, serve);
        assert_eq!(items, ["A", "B", "C"]);
        assert_eq!(asked, [0, 1, 2]);
    }

    /// Field case 2: `page` read as a row offset: page 1 answers `[B, C]`, page 2 `[C]`.
    /// Right: `[A, B, C]`, in order, in `ceil(3 / 2) + 1` requests.
    #[test]
    fn empty_page_rule_handles_page_as_row_offset_without_repeats() {
        let (asked, items) = run(
            2,
            PageRule::EmptyPageEnds,
            store(&["A", "B", "C"], true, &[]),
        );
        assert_eq!(items, ["A", "B", "C"]);
        assert_eq!(asked.len(), 3, "asked {asked:?}");
    }

    #[test]
    fn empty_page_rule_request_counts_for_both_server_behaviours() {
        const ROWS: &[&str] = &[
            "r00", "r01", "r02", "r03", "r04", "r05", "r06", "r07", "r08", "r09", "r10", "r11",
            "r12", "r13", "r14", "r15", "r16", "r17", "r18", "r19", "r20", "r21", "r22",
        ];
        for offset in [false, true] {
            for per_page in [2u32, 5, 10, 23, 200] {
                let (asked, items) =
                    run(per_page, PageRule::EmptyPageEnds, store(ROWS, offset, &[]));
                assert_eq!(items, ROWS, "offset={offset} per_page={per_page}");
                let bound = (ROWS.len() as u32).div_ceil(per_page) + 2;
                assert!(
                    asked.len() as u32 <= bound,
                    "offset={offset} per_page={per_page}: {} requests > {bound}: {asked:?}",
                    asked.len()
                );
            }
        }
    }

    #[test]
    fn empty_page_rule_with_filtering_and_offsets_loses_nothing() {
        const ROWS: &[&str] = &["a", "b", "c", "d", "e", "f", "g", "h", "i"];
        for offset in [false, true] {
            let (_, items) = run(3, PageRule::EmptyPageEnds, store(ROWS, offset, &["b", "f"]));
            assert_eq!(
                items,
                ["a", "c", "d", "e", "g", "h", "i"],
                "offset={offset}"
            );
        }
    }

    #[test]
    fn per_page_is_bounded() {
        assert!(Pager::new(0, PageRule::ShortPageEnds).is_err());
        assert!(Pager::new(MAX_PER_PAGE + 1, PageRule::ShortPageEnds).is_err());
        assert_eq!(
            Pager::new(MAX_PER_PAGE, PageRule::ShortPageEnds)
                .unwrap()
                .per_page(),
            MAX_PER_PAGE
        );
    }
}
