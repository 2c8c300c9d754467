//! One struct per API operation, grouped by API area.
//!
//! Every endpoint is defined with the `endpoint!` macro, which writes the struct, its
//! constructor and setters, its doc line (`METHOD /api/v4/path`, operationId) and its
//! [`Endpoint`] impl. [`ALL`] lists every endpoint's [`EndpointInfo`].

use bytes::Bytes;
use http::Response;

use crate::endpoint::{Endpoint, EndpointInfo};
use crate::error::Error;

/// Defines one endpoint struct. See the users module for examples.
///
/// Optional clauses, in this order: `query(|ep| ..)`, `body(|ep| ..)`, `accept("..")`, and
/// `user_ids_may_be_blank(true)` for a body whose user-naming fields the server fills in when
/// blank (see [`Endpoint::BODY_USER_IDS_MAY_BE_BLANK`](crate::Endpoint)), and
/// `idempotent(true|false)` where the handler makes the operation safe (or not) to repeat
/// against what its method says (see [`EndpointInfo::idempotent`]), and
/// `follow_redirects(false)` for an operation whose redirect is its answer (see
/// [`Endpoint::FOLLOWS_REDIRECTS`](crate::Endpoint)).
macro_rules! endpoint {
    // The operationId: the struct's name, unless an `operation_id("...")` clause gives the
    // spec's spelling (a few are lower camel case, such as `resetPasswordFailedAttempts`).
    (@opid $name:ident) => { stringify!($name) };
    (@opid $name:ident $opid:literal) => { $opid };
    // Safe to repeat (`EndpointInfo::idempotent`): an `idempotent(..)` clause, else by method.
    (@idem $method:ident $idem:literal) => { $idem };
    (@idem GET) => { true };
    (@idem HEAD) => { true };
    (@idem PUT) => { true };
    (@idem DELETE) => { true };
    (@idem $method:ident) => { false };
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
        $( user_ids_may_be_blank($blank:literal) )?
        $( idempotent($idem:literal) )?
        $( follow_redirects($follow:literal) )?
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
                idempotent: endpoint!(@idem $method $($idem)?),
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
            $(
                const BODY_USER_IDS_MAY_BE_BLANK: bool = $blank;
            )?
            $(
                const FOLLOWS_REDIRECTS: bool = $follow;
            )?
        }
    };
}

/// Lists endpoint types and produces the [`ALL`] and [`PROBES`] tables from them.
macro_rules! endpoint_table {
    ($($ty:path),* $(,)?) => {
        /// Every endpoint this crate implements: operationId, method and path template.
        #[allow(deprecated)]
        pub const ALL: &[EndpointInfo] = &[$(<$ty as $crate::Endpoint>::INFO),*];

        /// Every endpoint of [`ALL`], in the same order, with its response handling as plain
        /// functions, so a test can run every endpoint's decoding without naming its type.
        #[allow(deprecated)]
        pub const PROBES: &[EndpointProbe] = &[$(EndpointProbe::of::<$ty>()),*];
    };
}

/// One endpoint's response handling, callable without its type (see [`PROBES`]).
#[derive(Debug, Clone, Copy)]
pub struct EndpointProbe {
    /// The endpoint's facts, as in [`ALL`].
    pub info: EndpointInfo,
    /// [`parse_response`](crate::parse_response) for this endpoint, the output dropped.
    pub decode: fn(Response<Bytes>) -> Result<(), Error>,
    /// `Debug` of the [`raw`](crate::raw) response (status, headers, body) for this endpoint.
    pub debug_raw: fn(Response<Bytes>) -> String,
}

impl EndpointProbe {
    /// The probe of endpoint type `E`.
    pub const fn of<E: Endpoint>() -> Self {
        EndpointProbe {
            info: E::INFO,
            decode: |resp| crate::parse_response::<E>(resp).map(|_| ()),
            debug_raw: |resp| format!("{:?}", crate::parse_response::<crate::Raw<E>>(resp)),
        }
    }
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
    // access tokens
    users::CreateUserAccessToken,
    users::GetUserAccessTokensForUser,
    users::GetUserAccessTokens,
    users::GetUserAccessToken,
    users::RevokeUserAccessToken,
    users::DisableUserAccessToken,
    users::EnableUserAccessToken,
    users::SearchUserAccessTokens,
    // sessions and devices
    users::RevokeSessionsFromAllUsers,
    users::AttachDeviceExtraProps,
    // account flows (password reset, email verification, legacy MFA check)
    users::SendPasswordResetEmail,
    users::ResetPassword,
    users::SendVerificationEmail,
    users::VerifyUserEmail,
    users::VerifyUserEmailWithoutToken,
    users::CheckUserMfa,
    // threads
    users::GetUserThreads,
    users::GetThreadMentionCountsByChannel,
    users::UpdateThreadsReadForUser,
    users::GetUserThread,
    users::StartFollowingThread,
    users::StopFollowingThread,
    users::UpdateThreadReadForUser,
    users::SetThreadUnreadByPostId,
    // channels, channel members and unread (issue 12)
    users::GetChannelsForTeamForUser,
    users::GetChannelMembersForUser,
    users::GetTeamUnread,
    users::GetChannelUnread,
    users::SetPostUnread,
    users::SaveAcknowledgementForPost,
    users::DeleteAcknowledgementForPost,
    // terms of service
    users::GetUserTermsOfService,
    users::RegisterTermsOfServiceAction,
    // custom status
    users::UpdateUserCustomStatus,
    users::UnsetUserCustomStatus,
    users::RemoveRecentCustomStatus,
    users::PostUserRecentCustomStatusDelete,
    // sidebar categories (issue 12)
    users::GetSidebarCategoriesForTeamForUser,
    users::CreateSidebarCategoryForTeamForUser,
    users::UpdateSidebarCategoriesForTeamForUser,
    users::GetSidebarCategoryOrderForTeamForUser,
    users::UpdateSidebarCategoryOrderForTeamForUser,
    users::GetSidebarCategoryForTeamForUser,
    users::UpdateSidebarCategoryForTeamForUser,
    users::RemoveSidebarCategoryForTeamForUser,
    // the rest of the user's lists, reminders, typing, uploads (issue 12, users 3 of 3)
    users::GetChannelMembersWithTeamDataForUser,
    users::GetChannelsForUser,
    users::GetPostsAroundLastUnread,
    users::GetChannelPoliciesForUser,
    users::GetTeamPoliciesForUser,
    users::SetPostReminder,
    users::GetTeamMembersForUser,
    users::GetTeamsUnreadForUser,
    users::PublishUserTyping,
    users::GetUploadsForUser,
    // sign-in flows: switching the sign-in method, CWS login, SSO code exchange (issue 11)
    users::SwitchAccountType,
    users::LoginByCwsToken,
    users::LoginSSOCodeExchange,
];

#[cfg(test)]
#[allow(unreachable_pub)]
mod tests {
    use crate::body::Body;
    use crate::ids::UserId;
    use crate::models::StatusOk;
    use crate::{build_request, BaseUrl, Endpoint};

    endpoint! {
        /// A test endpoint whose server fills a blank `user_id` in.
        POST "/users/{user_id}/blank" => BlankUserOk -> StatusOk {
            /// The user.
            user_id: UserId,
            /// What the body's `user_id` holds.
            body_user: String,
        }
        path(user_id)
        body(|ep| Body::json(&serde_json::json!({ "user_id": ep.body_user })))
        user_ids_may_be_blank(true)
    }

    #[test]
    fn the_optional_clause_allows_blank_but_never_me() {
        const { assert!(BlankUserOk::BODY_USER_IDS_MAY_BE_BLANK) };
        let base = BaseUrl::parse("https://h").unwrap();
        let build =
            |who: &str| build_request(&BlankUserOk::new(UserId::me(), who.into()), &base, None);
        assert!(build("").is_ok());
        assert!(build("me").is_err());
    }
}
