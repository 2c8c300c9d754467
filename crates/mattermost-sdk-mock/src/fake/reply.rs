//! Responses: successes and Mattermost-shaped errors.

use bytes::Bytes;
use http::header::{HeaderValue, CONTENT_TYPE};
use http::{Response, StatusCode};
use serde_json::{json, Value};

/// A handler's answer.
pub(crate) type Reply = Response<Bytes>;

/// A JSON response.
pub(crate) fn json_reply(status: StatusCode, value: &Value) -> Reply {
    bytes_reply(status, "application/json", Bytes::from(value.to_string()))
}

/// `200 {"status":"OK"}`.
pub(crate) fn status_ok() -> Reply {
    json_reply(StatusCode::OK, &json!({"status": "OK"}))
}

/// A response with a content type and raw bytes.
pub(crate) fn bytes_reply(status: StatusCode, content_type: &str, body: Bytes) -> Reply {
    let mut resp = Response::new(body);
    *resp.status_mut() = status;
    let ct = HeaderValue::try_from(content_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    resp.headers_mut().insert(CONTENT_TYPE, ct);
    resp
}

/// A failed request: rendered as Mattermost's `AppError` JSON.
#[derive(Debug)]
pub(crate) struct Fail {
    pub(crate) status: StatusCode,
    pub(crate) id: &'static str,
    pub(crate) message: String,
    pub(crate) detailed: String,
}

impl Fail {
    pub(crate) fn new(status: StatusCode, id: &'static str, message: impl Into<String>) -> Self {
        Fail {
            status,
            id,
            message: message.into(),
            detailed: String::new(),
        }
    }

    pub(crate) fn detail(mut self, detail: impl Into<String>) -> Self {
        self.detailed = detail.into();
        self
    }

    /// 401: no or unknown token.
    pub(crate) fn session_expired() -> Self {
        Fail::new(
            StatusCode::UNAUTHORIZED,
            "api.context.session_expired.app_error",
            "Invalid or expired session, please login again.",
        )
    }

    /// 400: a bad or missing body field.
    pub(crate) fn invalid_body(param: &str) -> Self {
        Fail::new(
            StatusCode::BAD_REQUEST,
            "api.context.invalid_body_param.app_error",
            format!("Invalid or missing {param} in request body."),
        )
    }

    /// 400: a bad path or query parameter.
    pub(crate) fn invalid_url(param: &str) -> Self {
        Fail::new(
            StatusCode::BAD_REQUEST,
            "api.context.invalid_url_param.app_error",
            format!("Invalid or missing {param} parameter in request URL."),
        )
    }

    /// 403: the session lacks `permission`.
    pub(crate) fn forbidden(user_id: &str, permission: &str) -> Self {
        Fail::new(
            StatusCode::FORBIDDEN,
            "api.context.permissions.app_error",
            "You do not have the appropriate permissions.",
        )
        .detail(format!("userId={user_id}, permission={permission}"))
    }

    /// 404: no such user.
    pub(crate) fn user_not_found() -> Self {
        Fail::new(
            StatusCode::NOT_FOUND,
            "app.user.missing_account.const",
            "Unable to find the user.",
        )
    }

    /// 404: no route.
    pub(crate) fn no_route() -> Self {
        Fail::new(
            StatusCode::NOT_FOUND,
            "api.context.404.app_error",
            "Sorry, we could not find the page.",
        )
    }

    /// 405: the route exists for other methods.
    pub(crate) fn method_not_allowed() -> Self {
        Fail::new(
            StatusCode::METHOD_NOT_ALLOWED,
            "api.context.405.app_error",
            "The method is not allowed for this resource.",
        )
    }

    /// The response, carrying `request_id`.
    pub(crate) fn into_reply(self, request_id: &str) -> Reply {
        json_reply(
            self.status,
            &json!({
                "id": self.id,
                "message": self.message,
                "detailed_error": self.detailed,
                "request_id": request_id,
                "status_code": self.status.as_u16(),
            }),
        )
    }
}
