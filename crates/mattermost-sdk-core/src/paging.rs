//! Paging as a pure state machine: 0-based `page`, `per_page` at most [`MAX_PER_PAGE`],
//! stop on a short page, and stop when the server ignores `per_page` (a page longer than
//! asked for) instead of asking again forever.

use crate::endpoint::Endpoint;
use crate::endpoints::users::{
    GetAuthorizedOAuthAppsForUser, GetFlaggedPostsForUser, GetUsers, GetUsersWithInvalidEmails,
};
use crate::error::BuildError;
use crate::models::{OAuthApp, Post, PostList, User};
use crate::MAX_PER_PAGE;

/// Which page to ask for next, given what the previous pages held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pager {
    next: Option<u32>,
    per_page: u32,
}

impl Pager {
    /// Starts at page 0 with `per_page` items a page (1 to [`MAX_PER_PAGE`]).
    pub fn new(per_page: u32) -> Result<Self, BuildError> {
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(BuildError::InvalidParam {
                param: "per_page",
                reason: format!("{per_page} is not between 1 and {MAX_PER_PAGE}"),
            });
        }
        Ok(Pager {
            next: Some(0),
            per_page,
        })
    }

    /// The page to request next, or `None` when done.
    pub fn next_page(&self) -> Option<u32> {
        self.next
    }

    /// Items per page.
    pub fn per_page(&self) -> u32 {
        self.per_page
    }

    /// Records that the last requested page held `items` items.
    pub fn record(&mut self, items: usize) {
        let per_page = self.per_page as usize;
        self.next = match self.next {
            // A full page may be followed by more; a short one is the last; a page longer
            // than asked for means the server ignores `per_page`, so asking again would
            // only repeat it.
            Some(page) if items == per_page => page.checked_add(1),
            _ => None,
        };
    }
}

/// An endpoint that pages with `page` and `per_page`.
pub trait Paged: Endpoint + Clone {
    /// One item of a page.
    type Item;

    /// This endpoint, asking for `page` with `per_page` items.
    fn at_page(self, page: u32, per_page: u32) -> Self;

    /// The `per_page` set on this endpoint, if any.
    fn requested_per_page(&self) -> Option<u32>;

    /// The items of one page, in order.
    fn items(output: Self::Output) -> Vec<Self::Item>;
}

impl Paged for GetFlaggedPostsForUser {
    type Item = Post;

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
}

impl Paged for GetAuthorizedOAuthAppsForUser {
    type Item = OAuthApp;

    fn at_page(self, page: u32, per_page: u32) -> Self {
        self.page(page).per_page(per_page)
    }

    fn requested_per_page(&self) -> Option<u32> {
        self.per_page
    }

    fn items(output: Vec<OAuthApp>) -> Vec<OAuthApp> {
        output
    }
}

/// Directory listings: the server clamps `per_page` above [`MAX_PER_PAGE`] instead of
/// refusing it, so a larger request walks in pages of [`MAX_PER_PAGE`]. Both handlers
/// answer one SQL page (`LIMIT`/`OFFSET`), so a short page is the last.
macro_rules! paged_users {
    ($($ep:ty),*) => {$(
        impl Paged for $ep {
            type Item = User;

            fn at_page(self, page: u32, per_page: u32) -> Self {
                self.page(page).per_page(per_page)
            }

            fn requested_per_page(&self) -> Option<u32> {
                self.per_page.map(|n| n.min(MAX_PER_PAGE))
            }

            fn items(output: Vec<User>) -> Vec<User> {
                output
            }
        }
    )*};
}

paged_users!(GetUsers, GetUsersWithInvalidEmails);

#[cfg(test)]
mod tests {
    use super::*;

    fn pages(per_page: u32, sizes: &[usize]) -> Vec<u32> {
        let mut p = Pager::new(per_page).unwrap();
        let mut asked = Vec::new();
        for &n in sizes {
            match p.next_page() {
                Some(page) => asked.push(page),
                None => break,
            }
            p.record(n);
        }
        asked
    }

    #[test]
    fn stops_on_a_short_page() {
        assert_eq!(pages(2, &[2, 2, 1, 2]), [0, 1, 2]);
        assert_eq!(pages(2, &[0, 2]), [0]);
    }

    #[test]
    fn stops_when_the_server_ignores_per_page() {
        assert_eq!(pages(2, &[5, 5, 5]), [0]);
    }

    #[test]
    fn per_page_is_bounded() {
        assert!(Pager::new(0).is_err());
        assert!(Pager::new(MAX_PER_PAGE + 1).is_err());
        assert_eq!(Pager::new(MAX_PER_PAGE).unwrap().per_page(), MAX_PER_PAGE);
    }
}
