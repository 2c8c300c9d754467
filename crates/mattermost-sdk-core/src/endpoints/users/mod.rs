//! The Users API (`/api/v4/users/...`).

mod profile;

pub use profile::*;
