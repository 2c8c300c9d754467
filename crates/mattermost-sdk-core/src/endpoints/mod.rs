//! One struct per API operation, grouped by API area.
//!
//! Every endpoint is defined with the `endpoint!` macro, which writes the struct, its
//! constructor and setters, its doc line (`METHOD /api/v4/path`, operationId) and its
//! [`Endpoint`](crate::Endpoint) impl. [`ALL`] lists every endpoint's [`EndpointInfo`].

use crate::endpoint::EndpointInfo;

/// Defines one endpoint struct. See the users module for examples.
macro_rules! endpoint {
    // The operationId: the struct's name, unless an `operation_id("...")` clause gives the
    // spec's spelling (a few are lower camel case, such as `resetPasswordFailedAttempts`).
    (@opid $name:ident) => { stringify!($name) };
    (@opid $name:ident $opid:literal) => { $opid };
    (
        $(#[$meta:meta])*
        $method:ident $path:literal => $name:ident -> $out:ty {
            $( $(#[$fmeta:meta])* $field:ident : $fty:ty ),* $(,)?
        }
        $( optional { $( $(#[$ometa:meta])* $ofield:ident : $oty:ty ),* $(,)? } )?
        path($($seg:ident),*)
        $( query(|$qs:ident| $qbody:expr) )?
        $( body(|$bs:ident| $bbody:expr) )?
        $( accept($accept:literal) )?
        $( operation_id($opid:literal) )?
    ) => {
        #[doc = concat!("`", stringify!($method), " /api/v4", $path, "` (operationId `", endpoint!(@opid $name $($opid)?), "`).")]
        ///
        $(#[$meta])*
        #[derive(Debug, Clone, PartialEq)]
        #[non_exhaustive]
        pub struct $name {
            $( $(#[$fmeta])* pub $field: $fty, )*
            $($( $(#[$ometa])* pub $ofield: Option<$oty>, )*)?
        }

        impl $name {
            /// Creates the endpoint from its required parameters.
            #[allow(clippy::new_without_default)]
            pub fn new($($field: $fty),*) -> Self {
                $name { $($field,)* $($($ofield: None,)*)? }
            }

            $($(
                $(#[$ometa])*
                pub fn $ofield(mut self, value: $oty) -> Self {
                    self.$ofield = Some(value);
                    self
                }
            )*)?
        }

        impl $crate::Endpoint for $name {
            type Output = $out;
            const INFO: $crate::EndpointInfo = $crate::EndpointInfo {
                operation_id: endpoint!(@opid $name $($opid)?),
                method: stringify!($method),
                path: $path,
            };
            fn method(&self) -> $crate::http::Method {
                $crate::http::Method::$method
            }
            fn path(&self) -> Result<$crate::EncodedPath, $crate::BuildError> {
                $crate::PathBuilder::from_template($path, &[$(&self.$seg),*])
            }
            $(
                fn query(&self) -> Result<$crate::Query, $crate::BuildError> {
                    let $qs = self;
                    $qbody
                }
            )?
            $(
                fn body(&self) -> Result<$crate::Body, $crate::BuildError> {
                    let $bs = self;
                    $bbody
                }
            )?
            $(
                fn accept(&self) -> &'static str {
                    $accept
                }
            )?
        }
    };
}

/// Lists endpoint types and produces the [`ALL`] table from them.
macro_rules! endpoint_table {
    ($($ty:path),* $(,)?) => {
        /// Every endpoint this crate implements: operationId, method and path template.
        pub const ALL: &[EndpointInfo] = &[$(<$ty as $crate::Endpoint>::INFO),*];
    };
}

pub mod users;

endpoint_table![
    users::Login,
    users::Logout,
    users::GetUser,
    users::UpdateUser,
    users::DeleteUser,
    users::PatchUser,
    users::UpdateUserActive,
    users::GetTeamsForUser,
    users::UpdateUserRoles,
    users::GenerateMfaSecret,
    users::UpdateUserMfa,
    users::GetProfileImage,
    users::SetProfileImage,
    users::UpdateUserPassword,
    users::UpdateUserAuth,
    users::GetUserStatus,
    users::UpdateUserStatus,
    users::GetSessions,
    users::RevokeSession,
    users::RevokeAllSessions,
    users::GetPreferences,
    users::UpdatePreferences,
    users::DeletePreferences,
    users::GetPreferencesByCategory,
    users::GetPreferencesByCategoryByName,
    users::GetFlaggedPostsForUser,
    users::DeleteReaction,
    users::GetAuthorizedOAuthAppsForUser,
    // directory
    users::GetUsers,
    users::CreateUser,
    users::AutocompleteUsers,
    users::GetUserByUsername,
    users::GetUserByEmail,
    users::GetUsersByIds,
    users::GetUsersByUsernames,
    users::GetUsersByGroupChannelIds,
    users::GetKnownUsers,
    users::SearchUsers,
    users::GetTotalUsersStats,
    users::GetTotalUsersStatsFiltered,
    users::GetUsersStatusesByIds,
    users::GetUsersWithInvalidEmails,
    // administration
    users::GetUserAudits,
    users::ConvertUserToBot,
    users::DemoteUserToGuest,
    users::PromoteGuestToUser,
    users::GetGroupsByUserId,
    users::SetDefaultProfileImage,
    users::GetDefaultProfileImage,
    users::ResetPasswordFailedAttempts,
    users::ListCPAValues,
    users::PatchCPAValuesForUser,
    users::MigrateAuthToLdap,
    users::MigrateAuthToSaml,
    users::PermanentDeleteAllUsers,
];
