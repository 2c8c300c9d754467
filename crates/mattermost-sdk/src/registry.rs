//! The facade's index: which facade method sends which operation.
//!
//! Every facade method is registered here with the endpoint type it sends, so the compiler
//! checks that the operation exists; `ENDPOINTS.md` is generated from [`FACADE_METHODS`] and
//! a test fails when an implemented endpoint has no facade method. Methods written with the
//! `user_ops!` macro (and the other per-area macros) register themselves; hand-written ones
//! are listed in [`HAND_WRITTEN`].

use mattermost_sdk_core::endpoints::users::*;

/// One facade method and the operation it sends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FacadeMethod {
    /// The operationId of the endpoint the method sends (taken from the endpoint type's
    /// `INFO`, so a typo does not compile).
    pub operation_id: &'static str,
    /// How the method is called, for example `client.user(id).get()`.
    pub call: &'static str,
}

/// Makes a `&[FacadeMethod]` from `EndpointType => "call text"` pairs.
macro_rules! facade_methods {
    ($($ep:ty => $call:expr),* $(,)?) => {
        &[$($crate::registry::FacadeMethod {
            operation_id: <$ep as mattermost_sdk_core::Endpoint>::INFO.operation_id,
            call: $call,
        }),*]
    };
}
pub(crate) use facade_methods;

/// Facade methods written by hand (not through a registering macro).
pub const HAND_WRITTEN: &[FacadeMethod] = facade_methods![
    Login => "client.login(login_id, password)",
    Login => "client.login_with_mfa(login_id, password, code)",
    Login => "Client::builder(url).login(login_id, password).await",
    Login => "client.login_with_options(login_id, password, LoginOptions)",
    Login => "Client::builder(url).login_with_options(login_id, password, LoginOptions).await",
    Logout => "client.logout()",
    GetUser => "client.me()",
    UpdateUserStatus => "client.user(id).set_status(status)",
    UpdateUserStatus => "client.users().set_status(user, status)",
    UpdatePreferences => "client.user(id).set_preferences(preferences)",
    UpdatePreferences => "client.users().set_preferences(user, preferences)",
    DeletePreferences => "client.user(id).delete_preferences(preferences)",
    DeletePreferences => "client.users().delete_preferences(user, preferences)",
    GetAuthorizedOAuthAppsForUser => "client.user(id).get_authorised_apps()",
    GetAuthorizedOAuthAppsForUser => "client.users().get_authorised_apps(user)",
];

/// Every registered facade method, in no particular order. Each area's list is added here.
pub const FACADE_METHODS: &[&[FacadeMethod]] = &[
    HAND_WRITTEN,
    crate::users::USER_METHODS,
    crate::directory::DIRECTORY_METHODS,
    crate::admin::USER_METHODS,
    crate::admin::OTHER_METHODS,
    crate::tokens::USER_METHODS,
    crate::tokens::OTHER_METHODS,
    crate::sessions::SESSION_METHODS,
    crate::account::USER_METHODS,
    crate::account::OTHER_METHODS,
    crate::terms_status::USER_METHODS,
    crate::threads::TEAM_THREAD_METHODS,
    crate::threads::THREAD_METHODS,
    crate::channels::USER_METHODS,
    crate::channels::TEAM_METHODS,
    // sidebar categories (issue 12)
    crate::sidebar::TEAM_METHODS,
    crate::sidebar::CATEGORY_METHODS,
    // issue 12, users 3 of 3: memberships, reminders, typing, uploads, retention policies
    crate::activity::USER_METHODS,
    // sign-in flows (issue 11)
    crate::signin::SIGNIN_METHODS,
];

/// The facade methods that send the operation `operation_id`.
pub fn methods_for(operation_id: &str) -> impl Iterator<Item = &'static FacadeMethod> + '_ {
    FACADE_METHODS
        .iter()
        .flat_map(|list| list.iter())
        .filter(move |m| m.operation_id == operation_id)
}
