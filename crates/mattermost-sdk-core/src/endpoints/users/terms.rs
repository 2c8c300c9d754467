//! The terms of service a user accepted. The server answers for the SESSION's user whatever
//! user the path names (`getUserTermsOfService` and `saveUserTermsOfService` read
//! `c.AppContext.Session().UserId`, `server/channels/api4/user.go`), so `me` is the honest
//! path; no permission beyond a session is checked.

use serde_json::json;

use crate::body::Body;
use crate::error::BuildError;
use crate::ids::UserId;
use crate::models::{StatusOk, UserTermsOfService};

endpoint! {
    /// Gets the caller's acceptance of the terms of service: the session's user, whatever
    /// the path says. 404 `app.user_terms_of_service.get_by_user.no_rows.app_error` when
    /// the caller has accepted none (`server/channels/app/user_terms_of_service.go`).
    GET "/users/{user_id}/terms_of_service" => GetUserTermsOfService -> UserTermsOfService {
        /// The user, or `me` (the server answers for the caller either way).
        user_id: UserId,
    }
    path(user_id)
}

endpoint! {
    /// Records that the caller accepted (or declined) the terms of service
    /// `terms_of_service_id`, for the session's user whatever the path says. Declining
    /// deletes the acceptance. The body is what the server reads
    /// (`saveUserTermsOfService`, `server/channels/api4/user.go`; `client4.go` sends the
    /// same): `{"termsOfServiceId": <string>, "accepted": <bool>}`, not the spec's
    /// `serviceTermsId` and string `accepted`, which the server refuses (400). Unknown
    /// terms: 404 `app.terms_of_service.get.no_rows.app_error`. An empty ID is refused
    /// before I/O.
    POST "/users/{user_id}/terms_of_service" => RegisterTermsOfServiceAction -> StatusOk {
        /// The user, or `me` (the server records the caller's action either way).
        user_id: UserId,
        /// The terms of service's ID.
        terms_of_service_id: String,
        /// True to accept, false to decline.
        accepted: bool,
    }
    path(user_id)
    body(|ep| {
        if ep.terms_of_service_id.is_empty() {
            return Err(BuildError::InvalidParam { param: "termsOfServiceId", reason: "the terms of service's ID is empty".into() });
        }
        Body::json(&json!({ "termsOfServiceId": ep.terms_of_service_id, "accepted": ep.accepted }))
    })
}
