//! Error bodies, by server generation ("flavor").

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

pub const NOT_LOGGED_IN: &str = "You must be logged in to do this.";

pub fn reply(status: StatusCode, body: Value) -> Response {
    (status, Json(body)).into_response()
}

pub fn ok(body: Value) -> Response {
    reply(StatusCode::OK, body)
}

/// 401 for missing or wrong `X-User-Id` / `X-Auth-Token`. 5.x–6.x: `status`/`message` only; 7.x and
/// 8.x add `success`/`error` and keep `status`/`message` (the bare `{"success":false,"error":…}` body
/// only comes with 9.0's breaking changes, which no flavor reproduces).
pub fn unauthorized_body(flavor: u8) -> Value {
    match flavor {
        7 | 8 => json!({"success": false, "error": NOT_LOGGED_IN, "status": "error", "message": NOT_LOGGED_IN}),
        _ => json!({"status": "error", "message": NOT_LOGGED_IN}),
    }
}

pub fn unauthorized(flavor: u8) -> Response {
    reply(StatusCode::UNAUTHORIZED, unauthorized_body(flavor))
}

/// The device-management license error. 5.x, 6.x and early 7.x (flavors 5–7): `API.v1.forbidden()`
/// (403, `"unauthorized"`); late 7.x and 8.x (flavor 8): the license middleware's 400.
pub fn license_error(flavor: u8) -> (StatusCode, Value) {
    match flavor {
        8 => (
            StatusCode::BAD_REQUEST,
            json!({"success": false, "error": "This is an enterprise feature [error-action-not-allowed]", "errorType": "error-action-not-allowed"}),
        ),
        _ => (StatusCode::FORBIDDEN, json!({"success": false, "error": "unauthorized"})),
    }
}

/// ajv validation failure (`… [invalid-params]`).
pub fn invalid_params(message: &str) -> Response {
    reply(
        StatusCode::BAD_REQUEST,
        json!({"success": false, "error": format!("{message} [invalid-params]"), "errorType": "invalid-params"}),
    )
}

pub fn not_found(message: &str) -> Response {
    reply(StatusCode::NOT_FOUND, json!({"success": false, "error": message}))
}

/// MongoDB's failure for `$limit: 0` (`count=0` with `API_Allow_Infinite_Count` on, its default).
pub fn limit_must_be_positive() -> Response {
    reply(StatusCode::BAD_REQUEST, json!({"success": false, "error": "the limit must be positive"}))
}

pub fn too_many_requests_body(seconds: i64) -> Value {
    json!({"success": false, "error": format!("Error, too many requests. Please slow down. You must wait {seconds} seconds before trying this endpoint again. [error-too-many-requests]")})
}

/// A plausible JSON body for an injected status without a body.
pub fn plausible_body(status: StatusCode, flavor: u8) -> Value {
    match status.as_u16() {
        200 => json!({"success": true}),
        400 => json!({"success": false, "error": "Bad request"}),
        401 => unauthorized_body(flavor),
        403 => json!({"success": false, "error": "unauthorized"}),
        404 => json!({"success": false, "error": "Resource not found"}),
        429 => too_many_requests_body(60),
        500 => json!({"success": false, "error": "Internal server error"}),
        503 => json!({"success": false, "error": "Service Unavailable"}),
        _ => json!({"success": status.is_success(), "error": status.canonical_reason().unwrap_or("Error")}),
    }
}
