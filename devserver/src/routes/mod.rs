//! `/api/v1/…` handlers.

pub mod auth;
pub mod sessions;

use axum::http::{HeaderMap, StatusCode, Uri};
use axum::response::Response;
use serde_json::json;

use crate::errors::{reply, unauthorized};
use crate::model::{hash_token, TokenKind};
use crate::Inner;

/// The authenticated caller of a route.
#[derive(Clone, Debug)]
pub struct Caller {
    pub user_id: String,
    pub token_plain: String,
    pub token_hashed: String,
    pub token_when: i64,
    pub kind: TokenKind,
}

fn header<'a>(headers: &'a HeaderMap, name: &str) -> Option<&'a str> {
    headers.get(name).and_then(|v| v.to_str().ok()).filter(|v| !v.is_empty())
}

/// Checks `X-User-Id` + `X-Auth-Token` (login or personal access token); 401 of the flavor otherwise.
pub fn authenticate(inner: &Inner, headers: &HeaderMap) -> Result<Caller, Response> {
    let (Some(user_id), Some(token)) = (header(headers, "x-user-id"), header(headers, "x-auth-token")) else {
        return Err(unauthorized(inner.cfg.flavor));
    };
    match inner.store.authenticate(user_id, token) {
        Some(t) => Ok(Caller {
            user_id: user_id.to_string(),
            token_plain: token.to_string(),
            token_hashed: hash_token(token),
            token_when: t.when,
            kind: t.kind.clone(),
        }),
        None => Err(unauthorized(inner.cfg.flavor)),
    }
}

/// Unknown `/api/…` route.
pub async fn api_not_found(uri: Uri) -> Response {
    reply(
        StatusCode::NOT_FOUND,
        json!({"status": "error", "message": format!("API endpoint \"{}\" not found!", uri.path())}),
    )
}
