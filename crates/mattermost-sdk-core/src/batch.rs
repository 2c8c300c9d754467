//! Batch operations split into several requests: an endpoint that takes a list (IDs,
//! usernames) is cut into chunks of at most [`Batched::CHUNK`] items, each chunk is sent
//! on its own, and the answers are merged into one output. Pure: the facade does the I/O.
//!
//! Why chunks: the server reads a batch body whole and its handlers pass the list to one
//! SQL `IN (...)`; a request body is capped by `ServiceSettings.MaximumPayloadSizeBytes`
//! (default 300000 bytes, `server/public/model/config.go`). A chunk of 1000 items stays far
//! below it: 1000 IDs are about 29 KB of JSON, 1000 usernames of the longest kind
//! (64 characters, `model.UserNameMaxLength`) about 67 KB.

use std::collections::BTreeMap;

use crate::endpoint::Endpoint;
use crate::endpoints::users::{
    GetUsersByGroupChannelIds, GetUsersByIds, GetUsersByUsernames, GetUsersStatusesByIds,
};
use crate::models::{Status, User};

/// Items per request when a batch is split.
pub const BATCH_CHUNK: usize = 1000;

/// An endpoint whose list parameter can be split across requests.
pub trait Batched: Endpoint + Sized {
    /// Most items in one request.
    const CHUNK: usize = BATCH_CHUNK;

    /// Removes repeated items (keeping the first of each, in order), as the server does for
    /// a single request, so that chunks never answer the same item twice.
    fn dedup(self) -> Self;

    /// This endpoint cut into endpoints of at most [`Batched::CHUNK`] items each, in order.
    /// An empty list gives one endpoint (whose build error then reports it).
    fn split(self) -> Vec<Self>;

    /// The outputs of the chunks, merged in order into one output.
    fn merge(outputs: Vec<Self::Output>) -> Self::Output;
}

fn dedup_by_key<T, K: Ord + Clone>(items: Vec<T>, key: impl Fn(&T) -> K) -> Vec<T> {
    let mut seen = std::collections::BTreeSet::new();
    items
        .into_iter()
        .filter(|item| seen.insert(key(item)))
        .collect()
}

fn chunks<T: Clone>(items: &[T], size: usize) -> Vec<Vec<T>> {
    if items.is_empty() {
        return vec![Vec::new()];
    }
    items.chunks(size.max(1)).map(<[T]>::to_vec).collect()
}

macro_rules! batched_list {
    ($ep:ty, $field:ident, $out:ty, |$outs:ident| $merge:expr) => {
        impl Batched for $ep {
            fn dedup(mut self) -> Self {
                self.$field = dedup_by_key(self.$field, |x| x.clone());
                self
            }

            fn split(self) -> Vec<Self> {
                chunks(&self.$field, Self::CHUNK)
                    .into_iter()
                    .map(|part| {
                        let mut ep = self.clone();
                        ep.$field = part;
                        ep
                    })
                    .collect()
            }

            fn merge($outs: Vec<$out>) -> $out {
                $merge
            }
        }
    };
}

batched_list!(GetUsersByIds, user_ids, Vec<User>, |outs| outs.concat());
batched_list!(GetUsersByUsernames, usernames, Vec<User>, |outs| outs
    .concat());
batched_list!(GetUsersStatusesByIds, user_ids, Vec<Status>, |outs| outs
    .concat());
batched_list!(
    GetUsersByGroupChannelIds,
    channel_ids,
    BTreeMap<String, Vec<User>>,
    |outs| outs.into_iter().flatten().collect()
);

#[cfg(test)]
mod tests {
    use super::*;
    use crate::UserId;

    fn ids(n: usize) -> Vec<UserId> {
        (0..n)
            .map(|i| UserId::new(format!("{i:026}")).unwrap())
            .collect()
    }

    #[test]
    fn splits_at_the_chunk_size_in_order() {
        let parts = GetUsersByIds::new(ids(2500)).split();
        let sizes: Vec<usize> = parts.iter().map(|p| p.user_ids.len()).collect();
        assert_eq!(sizes, [1000, 1000, 500]);
        assert_eq!(parts[1].user_ids[0], ids(2500)[1000]);
    }

    #[test]
    fn dedup_keeps_the_first_in_order() {
        let a = ids(3);
        let ep = GetUsersByIds::new(vec![a[1].clone(), a[0].clone(), a[1].clone()]).dedup();
        assert_eq!(ep.user_ids, [a[1].clone(), a[0].clone()]);
    }

    #[test]
    fn an_empty_list_stays_one_request_so_its_error_is_reported() {
        assert_eq!(GetUsersByUsernames::new(vec![]).split().len(), 1);
    }
}
