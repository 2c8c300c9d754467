//! Models: the JSON the API sends and receives. Every model keeps unknown fields in
//! `extra`, so a get → modify → update round trip loses nothing.

mod admin;
mod misc;
mod new_user;
mod post;
mod session;
mod stats;
mod status;
mod team;
mod user;
mod user_search;

pub use admin::{Audit, AuthService, Bot, CpaValues, Group};
pub use misc::{MfaSecret, OAuthApp, Preference, ProfileImage, StatusOk};
pub use new_user::NewUser;
pub use post::{Post, PostList};
pub use session::Session;
pub use stats::UsersStats;
pub use status::{Status, StatusValue};
pub use team::Team;
pub use user::{Role, User, UserAuthData, UserPatch};
pub use user_search::{UserAutocomplete, UserSearch, UserSort};

/// A JSON object: the type of `props`, `notify_props`, `timezone` and unknown fields.
pub type JsonMap = serde_json::Map<String, serde_json::Value>;
