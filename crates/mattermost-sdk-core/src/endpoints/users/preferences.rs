//! A user's preferences.

use crate::body::Body;
use crate::error::BuildError;
use crate::ids::{PreferenceCategory, PreferenceName, UserId};
use crate::models::{Preference, StatusOk};

fn non_empty(prefs: &[Preference]) -> Result<Body, BuildError> {
    if prefs.is_empty() {
        return Err(BuildError::InvalidParam {
            param: "preferences",
            reason: "at least one preference is required".into(),
        });
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
    body(|ep| non_empty(&ep.preferences))
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
    body(|ep| non_empty(&ep.preferences))
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
