//! Profile images.

use bytes::Bytes;

use crate::body::{Body, Multipart};
use crate::error::BuildError;
use crate::ids::UserId;
use crate::models::{ProfileImage, StatusOk};

endpoint! {
    /// Gets the user's profile image: the bytes and their content type, unchanged.
    GET "/users/{user_id}/image" => GetProfileImage -> ProfileImage {
        /// The user, or `me`.
        user_id: UserId,
    }
    path(user_id)
    accept("image/*")
}

endpoint! {
    /// Sets the user's profile image (`multipart/form-data`, part `image`).
    POST "/users/{user_id}/image" => SetProfileImage -> StatusOk {
        /// The user, or `me`.
        user_id: UserId,
        /// The image bytes.
        image: Bytes,
        /// The image's content type (`image/png`, `image/jpeg`, ...).
        content_type: String,
    }
    optional {
        /// The file name sent with the part (default `image` plus an extension).
        filename: String,
    }
    path(user_id)
    body(|ep| {
        if ep.image.is_empty() {
            return Err(BuildError::InvalidParam { param: "image", reason: "the image is empty".into() });
        }
        let subtype = ep.content_type.strip_prefix("image/").unwrap_or("");
        if subtype.is_empty() || ep.content_type.chars().any(char::is_control) {
            return Err(BuildError::InvalidParam { param: "content_type", reason: format!("{:?} is not an image type", ep.content_type) });
        }
        let filename = match &ep.filename {
            Some(f) => f.clone(),
            None => format!("image.{}", ep.content_type.trim_start_matches("image/").split(['+', ';']).next().unwrap_or("bin")),
        };
        Ok(Body::Multipart(Multipart::new().file("image", filename, ep.content_type.clone(), ep.image.clone())))
    })
}
