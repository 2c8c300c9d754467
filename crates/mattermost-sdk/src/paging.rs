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

use std::sync::Arc;

use futures_util::stream::{self, BoxStream, StreamExt, TryStreamExt};
use mattermost_sdk_core::paging::{PageRule, Paged, Pager};
use mattermost_sdk_core::Error;

use crate::client::{Call, Client, Session};
use crate::retry::CallOptions;

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
    /// by that are skipped. The first error ends the stream. The call's options
    /// ([`Call::no_retry`], [`Call::timeout`]) apply to every page's request.
    pub fn pages(self) -> BoxStream<'static, Result<Vec<E::Item>, Error>> {
        stream::try_unfold(Walk::Start(self), |walk| async move {
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
                let keep = pager.record(got.iter().map(E::key));
                // Cursor-paged operations move their cursor past the page's last item.
                if let Some(last) = got.last() {
                    ep = ep.continue_after(last);
                }
                let fresh: Vec<E::Item> = got
                    .into_iter()
                    .zip(keep)
                    .filter_map(|(item, k)| k.then_some(item))
                    .collect();
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
