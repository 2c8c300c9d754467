//! A user's preferences.

use crate::body::Body;
use crate::error::BuildError;
use crate::ids::{PreferenceCategory, PreferenceName, UserId};
use crate::models::{Preference, StatusOk};

/// The body of a save or delete: at least one preference, each for the path's user by its
/// real ID. The server compares every preference's `user_id` with the path's user and
/// answers 403 otherwise (`UpdatePreferences`/`DeletePreferences` in
/// `server/channels/app/preference.go`), so `me`, an empty ID or another user's ID is
/// refused here; the facade fills in the real ID for `me` and `""`.
fn checked_body(user_id: &UserId, prefs: &[Preference]) -> Result<Body, BuildError> {
    if prefs.is_empty() {
        return Err(BuildError::InvalidParam {
            param: "preferences",
            reason: "at least one preference is required".into(),
        });
    }
    for p in prefs {
        if !crate::is_valid_id(&p.user_id) {
            return Err(BuildError::InvalidParam {
                param: "preferences[].user_id",
                reason: format!(
                    "{:?} is not a real user ID (`me` and \"\" are not allowed in a body)",
                    p.user_id
                ),
            });
        }
        if !user_id.is_me() && p.user_id != user_id.as_str() {
            return Err(BuildError::InvalidParam {
                param: "preferences[].user_id",
                reason: format!(
                    "{:?} is not the user in the path {:?}",
                    p.user_id,
                    user_id.as_str()
                ),
            });
        }
    }
    Body::json(prefs)
}

endpoint! {
    /// Lists all of the user's preferences.
    GET "/users/{user_id}/preferences" => GetPreferences -> Vec<Preference> {
        /// The user, or `me`.
        user_id: UserId,
    }
    path(user_id)
}

endpoint! {
    /// Saves preferences (creates or overwrites each).
    PUT "/users/{user_id}/preferences" => UpdatePreferences -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
        /// The preferences to save.
        preferences: Vec<Preference>,
    }
    path(user_id)
    body(|ep| checked_body(&ep.user_id, &ep.preferences))
}

endpoint! {
    /// Deletes preferences.
    POST "/users/{user_id}/preferences/delete" => DeletePreferences -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
        /// The preferences to delete.
        preferences: Vec<Preference>,
    }
    path(user_id)
    body(|ep| checked_body(&ep.user_id, &ep.preferences))
}

endpoint! {
    /// Lists the user's preferences in one category.
    GET "/users/{user_id}/preferences/{category}" => GetPreferencesByCategory -> Vec<Preference> {
        /// The user, or `me`.
        user_id: UserId,
        /// The category.
        category: PreferenceCategory,
    }
    path(user_id, category)
}

endpoint! {
    /// Gets one preference by category and name.
    GET "/users/{user_id}/preferences/{category}/name/{preference_name}" => GetPreferencesByCategoryByName -> Preference {
        /// The user, or `me`.
        user_id: UserId,
        /// The category.
        category: PreferenceCategory,
        /// The name within the category.
        preference_name: PreferenceName,
    }
    path(user_id, category, preference_name)
}
