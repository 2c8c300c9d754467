//! Models: the JSON the API sends and receives. Every model keeps unknown fields in
//! `extra`, so a get → modify → update round trip loses nothing.

mod admin;
mod misc;
mod post;
mod session;
mod status;
mod team;
mod user;

pub use admin::{Audit, AuthService, Bot, CpaValues, Group};
pub use misc::{MfaSecret, OAuthApp, Preference, ProfileImage, StatusOk};
pub use post::{Post, PostList};
pub use session::Session;
pub use status::{Status, StatusValue};
pub use team::Team;
pub use user::{Role, User, UserAuthData, UserPatch};

/// A JSON object: the type of `props`, `notify_props`, `timezone` and unknown fields.
pub type JsonMap = serde_json::Map<String, serde_json::Value>;
