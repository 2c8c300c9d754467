//! # mattermost-sdk-core
//!
//! The sans-I/O core of `mattermost-sdk`: every Mattermost API v4 operation as a plain value
//! implementing [`Endpoint`], turned into an [`http::Request`] by [`build_request`] and decoded
//! from an [`http::Response`] by [`parse_response`]. Nothing here does I/O or needs a runtime;
//! [`Transport`] is the boundary where a backend (reqwest, hyper, a mock, yours) plugs in.
//!
//! ```
//! use mattermost_sdk_core::{build_request, BaseUrl, UserId, Token};
//! use mattermost_sdk_core::endpoints::users::GetUser;
//!
//! let base = BaseUrl::parse("https://chat.example.com").unwrap();
//! let req = build_request(&GetUser::new(UserId::me()), &base, Some(&Token::new("t"))).unwrap();
//! assert_eq!(req.uri(), "https://chat.example.com/api/v4/users/me");
//! ```

#![cfg_attr(docsrs, feature(doc_cfg))]

// The models' `#[derive(DeserializeExtra)]` names `::mattermost_sdk_core::__private`.
extern crate self as mattermost_sdk_core;

pub use bytes;
pub use http;

#[doc(hidden)]
pub mod __private;
mod base_url;
pub mod batch;
mod body;
mod combinators;
mod endpoint;
pub mod endpoints;
mod error;
mod ids;
pub mod models;
mod origin_form;
pub mod paging;
mod path;
mod query;
pub mod redirect;
mod response;
mod secret;
mod server_version;
mod transport;
pub mod transport_support;

pub use base_url::BaseUrl;
pub use body::{Body, Multipart, Part};
pub use combinators::{ignore, json, raw, Ignore, Json, Raw};
pub use endpoint::{
    build_request, check_body_user_ids, check_status, check_status_for, decode_response,
    parse_response, Endpoint, EndpointInfo,
};
pub use error::{
    retry_after_from, ApiError, ApiErrorBody, BuildError, DecodeError, Error, MattermostError,
    RateLimit, Result, TransportError, TransportErrorKind, SESSION_EXPIRED_ID,
};
pub use http::StatusCode;
pub use ids::{
    is_valid_id, AppId, ChannelId, EmojiName, GroupId, PostId, PreferenceCategory, PreferenceName,
    SessionId, TeamId, TokenId, UserId,
};
pub use path::{EncodedPath, PathBuilder, PathSegment, STRICT};
pub use query::Query;
pub use response::{
    decode_json, mark_sensitive_headers, FromResponse, Ignored, RawResponse, CREDENTIAL_HEADERS,
};
pub use secret::{Secret, Token};
pub use server_version::{server_version, ServerVersion, VERSION_HEADER};
#[cfg(feature = "mockall")]
pub use transport::MockallTransport;
pub use transport::{DynTransport, Transport};

/// The largest `per_page` the server honours.
pub const MAX_PER_PAGE: u32 = 200;
