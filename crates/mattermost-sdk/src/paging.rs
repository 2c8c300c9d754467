//! Paged operations: `.all()`, `.pages()` and `.stream()` on a [`Call`] whose endpoint is
//! [`Paged`].
//!
//! Each paged endpoint declares its stop rule ([`PageRule`]) from its server handler; the
//! pure [`Pager`] applies it, so a page shortened by the server's filtering does not end the
//! walk early, and a server that reads `page` as a row offset does not make items repeat.
//! `per_page` is at most 200 (the server's cap): a larger value is a typed
//! [`BuildError`](mattermost_sdk_core::BuildError) before any request.
//!
//! The streams own their client and session snapshot (`Send + 'static`): spawn them, or
//! drop them to stop paging.
//!
//! **Read-ahead** (opt-in): with [`Call::read_ahead`]`(n)`, while the caller consumes one
//! page the walk already has the next `n` page requests in flight. By default
//! ([`DEFAULT_READ_AHEAD`] is 0) a walk sends strictly one request at a time, so the
//! requests a walk sends are the same on every run (exact mock expectations hold) and no
//! request past the end is spent against a rate-limited server. The pages are requested in order and taken in
//! order (`futures`' `buffered`), so the stream yields exactly what the sequential walk
//! yields: a request past the end is wasted, never yielded; the first error ends the
//! stream in its place; dropping the stream drops (cancels) the requests in flight.

use std::sync::Arc;

use futures_util::stream::{self, BoxStream, StreamExt, TryStreamExt};
use mattermost_sdk_core::paging::{PageRule, Paged, Pager};
use mattermost_sdk_core::Error;

use crate::client::{Call, Client, Session};
use crate::retry::CallOptions;

/// Page requests a walk keeps in flight ahead of the page the caller is consuming, unless
/// [`Call::read_ahead`] says otherwise: none.
///
/// Off by default, decided from the measurements in `BENCHMARKS.md` ("Bulk"): on loopback
/// with no idle core, reading ahead gained nothing (0.99×); with 2 ms per answer,
/// `read_ahead(1)` listed 1.58× faster and `read_ahead(2)` 2.17×. What it costs: a walk
/// that reads ahead may ask for pages after the last one (sent, then dropped), which spends
/// rate-limit budget and makes the number of requests vary between runs, so exact mock
/// expectations (`MockTransport::verify`, mockall) would no longer hold. Turn it on per
/// walk where the server is far away: `.read_ahead(1)` or `.read_ahead(2)`.
pub const DEFAULT_READ_AHEAD: usize = 0;

/// A page walk with a chosen read-ahead: [`Call::read_ahead`]. `.pages()`, `.stream()` and
/// `.all()` as on [`Call`].
#[must_use = "a page walk does nothing until its stream is polled"]
pub struct PageWalk<E> {
    call: Call<E>,
    read_ahead: usize,
}

impl<E: std::fmt::Debug> std::fmt::Debug for PageWalk<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PageWalk")
            .field("call", &self.call)
            .field("read_ahead", &self.read_ahead)
            .finish()
    }
}

/// A page's number and what its request gave (its items, or the error).
type Fetched<I> = (u32, Result<Vec<I>, Error>);

/// Where a read-ahead walk is.
struct Ahead<E: Paged> {
    client: Client,
    ep: E,
    session: Arc<Session>,
    /// The call's options ([`Call::no_retry`], [`Call::timeout`]), for every page.
    options: CallOptions,
    pager: Pager,
    read_ahead: usize,
    /// The requests in flight, for the pages the pager will ask for if every page comes
    /// back full ([`Pager::upcoming`]), answered in order. `None` after a wrong guess
    /// (dropping it cancels what was in flight) until the next page is needed.
    window: Option<BoxStream<'static, Fetched<E::Item>>>,
}

impl<E> Ahead<E>
where
    E: Paged + Send + Sync + 'static,
    E::Output: Send,
    E::Item: Send + 'static,
{
    /// Requests for the pager's upcoming pages, `read_ahead + 1` at a time, in order.
    fn window(&self) -> BoxStream<'static, Fetched<E::Item>> {
        let (client, session, ep) = (self.client.clone(), self.session.clone(), self.ep.clone());
        let per_page = self.pager.per_page();
        let options = self.options;
        stream::iter(self.pager.upcoming())
            .map(move |page| {
                let (client, session) = (client.clone(), session.clone());
                let page_ep = ep.clone().at_page(page, per_page);
                async move {
                    let got = client.execute_with(&session, &page_ep, options).await;
                    (page, got.map(E::items))
                }
            })
            .buffered(self.read_ahead.saturating_add(1))
            .boxed()
    }

    /// The next page with fresh items, `None` at the end.
    async fn next_page(&mut self) -> Result<Option<Vec<E::Item>>, Error> {
        while let Some(want) = self.pager.next_page() {
            if self.window.is_none() {
                self.window = Some(self.window());
            }
            let Some(window) = self.window.as_mut() else {
                continue;
            };
            let Some((page, got)) = window.next().await else {
                // The guesses ran out at `u32::MAX`.
                return Ok(None);
            };
            if page != want {
                // The pager changed its step (it learnt that `page` is a row offset): the
                // requests in flight are for pages it will not ask for.
                self.window = None;
                continue;
            }
            let got = got?;
            let fresh = fresh_items::<E>(&mut self.pager, got);
            if !fresh.is_empty() {
                return Ok(Some(fresh));
            }
        }
        Ok(None)
    }
}

impl<E> PageWalk<E>
where
    E: Paged + Send + Sync + 'static,
    E::Output: Send,
    E::Item: Send + 'static,
{
    /// Every page, in order, as a stream of item lists (see [`Call::pages`]), with this
    /// walk's read-ahead.
    pub fn pages(self) -> BoxStream<'static, Result<Vec<E::Item>, Error>> {
        if self.read_ahead == 0 || !E::READ_AHEAD {
            return sequential(self.call);
        }
        let read_ahead = self.read_ahead;
        stream::try_unfold(Err(self.call), move |walk| async move {
            let mut ahead = match walk {
                Ok(ahead) => ahead,
                Err(call) => {
                    let (client, ep, session, options) = call.prepared().await?;
                    let pager = Pager::for_endpoint(&ep)?;
                    Ahead {
                        client,
                        ep,
                        session,
                        options,
                        pager,
                        read_ahead,
                        window: None,
                    }
                }
            };
            Ok(ahead.next_page().await?.map(|page| (page, Ok(ahead))))
        })
        .boxed()
    }

    /// Every item of every page, in order, as a stream (see [`Call::pages`]).
    pub fn stream(self) -> BoxStream<'static, Result<E::Item, Error>> {
        self.pages()
            .map_ok(|page| stream::iter(page.into_iter().map(Ok)))
            .try_flatten()
            .boxed()
    }

    /// Fetches every page and returns all items in order (see [`Call::pages`]).
    pub async fn all(self) -> Result<Vec<E::Item>, Error> {
        self.pages().try_concat().await
    }
}

/// The walk one request at a time: each page is requested once the one before is in.
fn sequential<E>(call: Call<E>) -> BoxStream<'static, Result<Vec<E::Item>, Error>>
where
    E: Paged + Send + Sync + 'static,
    E::Output: Send,
    E::Item: Send + 'static,
{
    stream::try_unfold(Walk::Start(call), |walk| async move {
        let (client, mut ep, session, options, mut pager) = match walk {
            Walk::Start(call) => {
                let (client, ep, session, options) = call.prepared().await?;
                let pager = Pager::for_endpoint(&ep)?;
                (client, ep, session, options, pager)
            }
            Walk::Paging {
                client,
                ep,
                session,
                options,
                pager,
            } => (client, ep, session, options, pager),
        };
        while let Some(page) = pager.next_page() {
            let page_ep = ep.clone().at_page(page, pager.per_page());
            let got = E::items(client.execute_with(&session, &page_ep, options).await?);
            // Cursor-paged operations move their cursor past the page's last item.
            if let Some(last) = got.last() {
                ep = ep.continue_after(last);
            }
            let fresh = fresh_items::<E>(&mut pager, got);
            if !fresh.is_empty() {
                let next = Walk::Paging {
                    client,
                    ep,
                    session,
                    options,
                    pager,
                };
                return Ok(Some((fresh, next)));
            }
        }
        Ok(None)
    })
    .boxed()
}

/// The items of a page the walk has not yielded yet, as `pager` records them (a server that
/// reads `page` as a row offset repeats items across pages).
fn fresh_items<E: Paged>(pager: &mut Pager, got: Vec<E::Item>) -> Vec<E::Item> {
    let keep = pager.record(got.iter().map(E::key));
    got.into_iter()
        .zip(keep)
        .filter_map(|(item, k)| k.then_some(item))
        .collect()
}

/// Where a page stream is.
enum Walk<E> {
    /// Not started: the call still has to resolve `me` and take its session snapshot.
    Start(Call<E>),
    /// Paging: the endpoint, the client and session it runs with, and the pager.
    Paging {
        client: Client,
        ep: E,
        session: Arc<Session>,
        options: CallOptions,
        pager: Pager,
    },
}

impl<E> Call<E>
where
    E: Paged + Send + Sync + 'static,
    E::Output: Send,
    E::Item: Send + 'static,
{
    /// Every page, in order, as a stream of item lists: from page 0 with the call's
    /// `per_page` (or 200), until the operation's stop rule ([`PageRule`]) says the list
    /// ended. Items already returned by an earlier page are left out, and pages left empty
    /// by that are skipped. The first error ends the stream. One request at a time
    /// ([`DEFAULT_READ_AHEAD`]); [`Call::read_ahead`] reads pages ahead.
    pub fn pages(self) -> BoxStream<'static, Result<Vec<E::Item>, Error>> {
        self.read_ahead(DEFAULT_READ_AHEAD).pages()
    }

    /// This call's page walk with `pages` page requests in flight ahead of the page being
    /// consumed (`0`: one request at a time, each sent once the page before is in). The
    /// items, their order and the errors are those of the sequential walk; requests past
    /// the end are sent and dropped. Operations paged by cursor ([`Paged::READ_AHEAD`] is
    /// false) always walk one request at a time.
    ///
    /// ```no_run
    /// # async fn demo(client: mattermost_sdk::Client) -> Result<(), mattermost_sdk::Error> {
    /// use futures_util::TryStreamExt;
    /// let mut users = client.users().list().read_ahead(2).stream();
    /// while let Some(user) = users.try_next().await? {
    ///     println!("{}", user.username);
    /// }
    /// # Ok(()) }
    /// ```
    pub fn read_ahead(self, pages: usize) -> PageWalk<E> {
        PageWalk {
            call: self,
            read_ahead: pages,
        }
    }

    /// Every item of every page, in order, as a stream (see [`Call::pages`]).
    pub fn stream(self) -> BoxStream<'static, Result<E::Item, Error>> {
        self.pages()
            .map_ok(|page| stream::iter(page.into_iter().map(Ok)))
            .try_flatten()
            .boxed()
    }

    /// Fetches every page and returns all items in order (see [`Call::pages`]).
    pub async fn all(self) -> Result<Vec<E::Item>, Error> {
        self.pages().try_concat().await
    }

    /// The stop rule this call pages by.
    pub fn page_rule(&self) -> PageRule {
        E::RULE
    }
}
