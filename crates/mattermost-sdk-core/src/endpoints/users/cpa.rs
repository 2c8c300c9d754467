//! A user's custom profile attribute values (`/users/{user_id}/custom_profile_attributes`),
//! as `server/channels/api4/custom_profile_attributes.go` serves them: only when the
//! `CustomProfileAttributes` feature flag is on, and with an Enterprise licence (403
//! `api.custom_profile_attributes.license_error` otherwise).

use crate::body::Body;
use crate::ids::UserId;
use crate::models::CpaValues;

endpoint! {
    /// Lists the user's attribute values: field ID → value (an object, not the array of
    /// `{field_id, value}` the spec declares: `listCPAValues` encodes a map). Anyone who can
    /// see the user may read them.
    GET "/users/{user_id}/custom_profile_attributes" => ListCPAValues -> CpaValues {
        /// The user, or `me`.
        user_id: UserId,
    }
    path(user_id)
}

endpoint! {
    /// Sets some of the user's attribute values (field ID → value; fields not named keep
    /// theirs) and returns the values written. Sent as one JSON object, which is what
    /// `patchCPAValuesForUser` decodes (`map[string]json.RawMessage`; the spec's array
    /// would be a 400). An empty map changes nothing and is accepted by the server. Needs the
    /// user themself or `edit_other_users`; admin-managed fields need `manage_system`.
    PATCH "/users/{user_id}/custom_profile_attributes" => PatchCPAValuesForUser -> CpaValues {
        /// The user, or `me`.
        user_id: UserId,
        /// Field ID → new value.
        values: CpaValues,
    }
    path(user_id)
    body(|ep| Body::json(&ep.values))
}
