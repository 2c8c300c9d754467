use serde::Serialize;

use mattermost_sdk_derive::DeserializeExtra;

use super::JsonMap;

/// A user count (`model.UsersStats`, `server/public/model/users_stats.go`): the answer of
/// `GET /users/stats` and `GET /users/stats/filtered`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, DeserializeExtra)]
pub struct UsersStats {
    /// How many users match (Go `int64`).
    #[serde(default)]
    pub total_users_count: i64,
    /// Every field this type does not name.
    #[serde(flatten)]
    pub extra: JsonMap,
}
