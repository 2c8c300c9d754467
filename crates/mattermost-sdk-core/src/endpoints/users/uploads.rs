//! The user's unfinished resumable uploads (`getUploadsForUser` in
//! `server/channels/api4/user.go`).

use crate::ids::UserId;
use crate::models::UploadSession;

endpoint! {
    /// Lists the user's upload sessions (`model.UploadSession`). Only the user themself may
    /// (403 `api.user.get_uploads_for_user.forbidden.app_error` for anyone else, admins
    /// included); on the local-mode socket there is no such check.
    GET "/users/{user_id}/uploads" => GetUploadsForUser -> Vec<UploadSession> {
        /// The user, or `me`.
        user_id: UserId,
    }
    path(user_id)
}
