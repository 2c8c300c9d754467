//! A user's terms of service and custom status, on [`UserHandle`]/[`Users`]
//! (`client.user(id).terms_of_service()`, `client.user(id).set_custom_status(..)`).

use mattermost_sdk_core::endpoints::users::{
    GetUserTermsOfService, PostUserRecentCustomStatusDelete, RegisterTermsOfServiceAction,
    RemoveRecentCustomStatus, UnsetUserCustomStatus, UpdateUserCustomStatus,
};
use mattermost_sdk_core::models::CustomStatus;
use mattermost_sdk_core::UserId;

use crate::client::Call;
use crate::users::{UserHandle, Users};
use crate::IdArg;

crate::users::user_ops! {
    /// Gets the terms of service the CALLER accepted: the server answers for the session's
    /// user whatever the path names, so use `client.user("me")`; 404
    /// `app.user_terms_of_service.get_by_user.no_rows.app_error` when none
    /// (`GET /api/v4/users/{user_id}/terms_of_service`, `GetUserTermsOfService`).
    fn terms_of_service() -> GetUserTermsOfService = |id| Ok(GetUserTermsOfService::new(id));
    /// Records that the CALLER accepted (`true`) or declined (`false`, which deletes the
    /// acceptance) the terms of service `terms_of_service_id`, whatever user the path
    /// names; sent as the server reads it, `{"termsOfServiceId", "accepted": bool}`
    /// (`POST /api/v4/users/{user_id}/terms_of_service`, `RegisterTermsOfServiceAction`).
    fn register_terms_of_service_action(terms_of_service_id: impl Into<String>, accepted: bool)
        -> RegisterTermsOfServiceAction =
        |id| Ok(RegisterTermsOfServiceAction::new(id, terms_of_service_id.into(), accepted));
    /// Sets the user's custom status, checked before I/O as the server checks it (emoji or
    /// text; a known duration with a future `expires_at`); it then shows in the user's
    /// `props.customStatus` and first in the recent list
    /// (`PUT /api/v4/users/{user_id}/status/custom`, `UpdateUserCustomStatus`).
    fn set_custom_status(status: CustomStatus) -> UpdateUserCustomStatus =
        |id| Ok(UpdateUserCustomStatus::new(id, status));
    /// Clears the user's custom status; the recent list stays
    /// (`DELETE /api/v4/users/{user_id}/status/custom`, `UnsetUserCustomStatus`).
    fn unset_custom_status() -> UnsetUserCustomStatus = |id| Ok(UnsetUserCustomStatus::new(id));
    /// Removes `status`, exactly as the recent list holds it, from the user's recent custom
    /// statuses; sent as the POST the server prefers
    /// (`POST /api/v4/users/{user_id}/status/custom/recent/delete`,
    /// `PostUserRecentCustomStatusDelete`).
    fn remove_recent_custom_status(status: CustomStatus) -> PostUserRecentCustomStatusDelete =
        |id| Ok(PostUserRecentCustomStatusDelete::new(id, status));
    /// [`UserHandle::remove_recent_custom_status`] as a DELETE with a body
    /// (`DELETE /api/v4/users/{user_id}/status/custom/recent`, `RemoveRecentCustomStatus`).
    fn remove_recent_custom_status_with_delete(status: CustomStatus) -> RemoveRecentCustomStatus =
        |id| Ok(RemoveRecentCustomStatus::new(id, status));
}
