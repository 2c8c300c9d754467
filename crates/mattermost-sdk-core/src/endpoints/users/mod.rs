//! The Users API (`/api/v4/users/...`), one file per group of operations.

mod account;
mod admin;
mod auth;
mod channels;
mod cpa;
mod custom_status;
mod directory;
mod image;
mod mfa;
mod oauth;
mod password;
mod posts;
mod preferences;
mod profile;
mod roles;
mod sessions;
// sidebar categories (issue 12)
mod sidebar;
// sign-in flows (switch, CWS, SSO code exchange)
mod signin;
mod status;
mod teams;
mod terms;
mod threads;
mod tokens;
// issue 12, users 3 of 3: memberships, retention policies, typing, uploads
mod memberships;
mod retention;
mod typing;
mod uploads;

pub use account::*;
pub use admin::*;
pub use auth::*;
pub use channels::*;
pub use cpa::*;
pub use custom_status::*;
pub use directory::*;
pub use image::*;
pub use mfa::*;
pub use oauth::*;
pub use password::*;
pub use posts::*;
pub use preferences::*;
pub use profile::*;
pub use roles::*;
pub use sessions::*;
// sidebar categories (issue 12)
pub use sidebar::*;
// sign-in flows (switch, CWS, SSO code exchange)
pub use signin::*;
pub use status::*;
pub use teams::*;
pub use terms::*;
pub use threads::*;
pub use tokens::*;
// issue 12, users 3 of 3: memberships, retention policies, typing, uploads
pub use memberships::*;
pub use retention::*;
pub use typing::*;
pub use uploads::*;

use crate::error::BuildError;
use crate::query::Query;
use crate::MAX_PER_PAGE;

/// `page` and `per_page`, with `per_page` checked against the server's maximum.
pub(crate) fn page_query(page: Option<u32>, per_page: Option<u32>) -> Result<Query, BuildError> {
    if let Some(n) = per_page {
        if n == 0 || n > MAX_PER_PAGE {
            return Err(BuildError::InvalidParam {
                param: "per_page",
                reason: format!("{n} is not between 1 and {MAX_PER_PAGE}"),
            });
        }
    }
    Ok(Query::new()
        .with_opt("page", page)
        .with_opt("per_page", per_page))
}
