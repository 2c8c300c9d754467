//! The profile image.

#[allow(unused_imports)]
use super::*;

#[rustfmt::skip]
pub(super) static ROUTES: &[Route] = &[
    Route("GET", "users/{}/image", true, get_image),
    Route("POST", "users/{}/image", true, set_image),
];

pub(super) fn get_image(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    let user = st.user(&id)?;
    let etag = user
        .get("last_picture_update")
        .and_then(Value::as_i64)
        .unwrap_or(0)
        .to_string();
    let mut resp = match st.images.get(&id) {
        Some((ct, bytes)) => bytes_reply(StatusCode::OK, ct, bytes.clone()),
        None => bytes_reply(
            StatusCode::OK,
            "image/png",
            Bytes::from_static(DEFAULT_PROFILE_IMAGE),
        ),
    };
    resp.headers_mut().insert(
        CACHE_CONTROL,
        HeaderValue::from_static("max-age=86400, private"),
    );
    if let Ok(v) = HeaderValue::try_from(etag) {
        resp.headers_mut().insert(ETAG, v);
    }
    Ok(resp)
}

/// `POST /users/{id}/image`: a `multipart/form-data` body with a file part named `image`.
/// The bytes and the part's content type are stored as given.
pub(super) fn set_image(st: &mut State, ctx: &Ctx<'_>, p: &[String]) -> Res {
    let id = uid(ctx, &p[0])?;
    self_or_admin(ctx, &id, "edit_other_users")?;
    st.user(&id)?;
    let parse_error = |detail: String| {
        Fail::new(
            StatusCode::BAD_REQUEST,
            "api.user.upload_profile_user.parse.app_error",
            "Could not parse multipart form.",
        )
        .detail(detail)
    };
    let ct = ctx
        .headers
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !ct.to_ascii_lowercase().starts_with("multipart/form-data") {
        return Err(parse_error(format!(
            "content type {ct:?} is not multipart/form-data"
        )));
    }
    let parts = multipart::parse(ct, ctx.body.clone()).map_err(parse_error)?;
    let image = parts
        .into_iter()
        .find(|part| part.name.as_deref() == Some("image") && part.filename.is_some())
        .ok_or_else(|| {
            Fail::new(
                StatusCode::BAD_REQUEST,
                "api.user.upload_profile_user.no_file.app_error",
                "No file under 'image' in request.",
            )
        })?;
    if image.data.is_empty() {
        return Err(Fail::new(
            StatusCode::BAD_REQUEST,
            "api.user.upload_profile_user.decode.app_error",
            "Could not decode profile image.",
        ));
    }
    let ct = image
        .content_type
        .unwrap_or_else(|| "application/octet-stream".to_owned());
    // Uploading the picture the user already has changes nothing, `last_picture_update`
    // included (TestSetProfileImage: "Same picture should not have updated").
    if st
        .images
        .get(&id)
        .is_some_and(|(_, old)| *old == image.data)
    {
        return Ok(status_ok());
    }
    st.images.insert(id.clone(), (ct, image.data));
    set_now(st, &id, "last_picture_update");
    Ok(status_ok())
}
