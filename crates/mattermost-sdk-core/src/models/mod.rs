//! Models: the JSON the API sends and receives. Every model keeps unknown fields in
//! `extra`, so a get → modify → update round trip loses nothing.

/// Writes a string enum that keeps the values it does not know, with `as_str`, `from_name`,
/// `Display` and serde as the wire string.
macro_rules! wire_enum {
    (
        $(#[$doc:meta])*
        $name:ident { $( $(#[$vdoc:meta])* $variant:ident = $wire:literal ),* $(,)? }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
        pub enum $name {
            $( $(#[$vdoc])* $variant, )*
            /// Any other value the server sent; kept so it goes back unchanged.
            Unknown(String),
        }

        impl $name {
            /// The wire value.
            pub fn as_str(&self) -> &str {
                match self {
                    $( $name::$variant => $wire, )*
                    $name::Unknown(s) => s,
                }
            }

            #[doc = concat!("Parses a wire value; unknown ones become [`", stringify!($name), "::Unknown`].")]
            pub fn from_name(s: &str) -> $name {
                match s {
                    $( $wire => $name::$variant, )*
                    other => $name::Unknown(other.to_owned()),
                }
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                // `null` reads as the default.
                Ok(<Option<String> as serde::Deserialize>::deserialize(d)?
                    .map_or_else(<$name>::default, |s| <$name>::from_name(&s)))
            }
        }
    };
}

mod access_token;
mod admin;
mod channel;
mod custom_status;
// membership, retention and upload: issue 12, users 3 of 3
mod membership;
// sign-in flows (switching the sign-in method, code exchange)
#[cfg(test)]
mod derive_equivalence;
mod login;
mod misc;
mod new_user;
mod post;
mod retention;
mod session;
// sidebar categories (issue 12)
mod sidebar;
mod stats;
mod status;
mod team;
mod thread;
mod upload;
mod user;
mod user_search;

pub use access_token::{CreatedUserAccessToken, UserAccessToken};
pub use admin::{Audit, AuthService, Bot, CpaValues, Group};
pub use channel::{
    Channel, ChannelMember, ChannelType, ChannelUnread, ChannelUnreadAt, PostAcknowledgement,
    TeamUnread,
};
pub use custom_status::{
    rfc3339_unix_seconds, CustomStatus, UserTermsOfService, CUSTOM_STATUS_DURATIONS,
    CUSTOM_STATUS_TEXT_MAX_CHARS, GO_ZERO_TIME,
};
// sign-in flows (switching the sign-in method, code exchange)
pub use login::{FollowLink, SsoCodeExchangeSession, SwitchRequest};
pub use misc::{MfaRequired, MfaSecret, OAuthApp, Preference, ProfileImage, StatusOk};
pub use new_user::NewUser;
pub use post::{
    Emoji, FileInfo, Post, PostEmbed, PostEmbedType, PostImage, PostList, PostMetadata,
    PostPriority, PostReminder, PriorityLevel, Reaction,
};
pub use session::Session;
// sidebar categories (issue 12)
pub use sidebar::{
    OrderedSidebarCategories, SidebarCategorySorting, SidebarCategoryType,
    SidebarCategoryWithChannels,
};
pub use stats::UsersStats;
pub use status::{Status, StatusValue};
pub use team::Team;
pub use thread::{ThreadResponse, Threads};
pub use user::{Role, User, UserAuthData, UserPatch};
pub use user_search::{UserAutocomplete, UserSearch, UserSort};
// issue 12, users 3 of 3: memberships, retention policies, uploads
pub use membership::{ChannelMemberWithTeamData, TeamMember};
pub use retention::{
    RetentionPolicyForChannel, RetentionPolicyForChannelList, RetentionPolicyForTeam,
    RetentionPolicyForTeamList,
};
pub use upload::{UploadSession, UploadType};

/// A JSON object: the type of unknown fields and of the few fields the server holds as free
/// JSON (`model.StringInterface`, such as `Post.props`).
pub type JsonMap = serde_json::Map<String, serde_json::Value>;

/// The server's `model.StringMap` (`map[string]string`, `server/public/model/session.go`):
/// `User.props`, `notify_props` and `timezone`, `Session.props`, ... The server rejects a
/// whole body whose string map holds anything but strings, so only strings can be put in.
pub type StringMap = std::collections::BTreeMap<String, String>;
