//! One error type for every call, and the recognition of Rocket.Chat's error
//! bodies.
//!
//! Three server generations answer the same fault with different bodies
//! (see `rocketchat-sessions-api.md`): 5.x–6.x send `{"status":"error",
//! "message":…}`, 7.x sends both `error` and `message`, 8.x only `error`.
//! The license check moved from a 403 to a 400 with `errorType`
//! `error-action-not-allowed`. [`ApiError::from_response`] looks at the status
//! first and at whichever fields are present second, so it copes with all of
//! them, and with bodies that are HTML, empty or not JSON at all (proxies).
//!
//! The UI matches on the variant and shows [`ApiError::message`]; server text
//! reaches the screen only where it is useful (bad request, not found) and
//! then truncated. No variant can carry a token.

use crate::core::json::{self, Json};

use crate::core::format::{clean_text, truncate_chars};
use crate::core::i18n::{s, Arg, English, Speaker, Text, M};

/// The message Rocket.Chat puts in every 401 body; used when the body has none.
const DEFAULT_UNAUTHORIZED: &str = "You must be logged in to do this.";
/// How much server-provided text may reach the screen.
const MAX_SERVER_TEXT: usize = 200;
/// How much of anything body-derived may go into a `Decode` detail.
pub(crate) const MAX_DETAIL: usize = 80;

/// Everything that can go wrong with a call, in the terms the UI needs.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiError {
    /// 401 from any generation: the token is missing, wrong, expired or was
    /// logged out. The only error that clears stored credentials.
    Unauthorized { message: String },
    /// Login answered `totp-required`: ask for a code and log in again with it.
    /// `method` is Rocket.Chat's `details.method` (`"totp"`, `"email"`, …).
    TwoFactorRequired { method: String },
    /// Login answered `totp-invalid`: the code given was wrong.
    TwoFactorInvalid,
    /// The server has no Premium license with device management: 403
    /// `unauthorized`/`forbidden` (5.x–7.x) or 400 `error-action-not-allowed` (8.x).
    LicenseRequired,
    /// Any other 403.
    Forbidden { message: String },
    /// Status 429: `reset_at_ms` comes from `X-RateLimit-Reset` (epoch ms;
    /// only readable cross-origin if the server exposes it), `wait_seconds`
    /// from the body's "You must wait N seconds".
    RateLimited { reset_at_ms: Option<f64>, wait_seconds: Option<u64>, message: String },
    /// 404 (`Session not found`, or a wrong base URL).
    NotFound { message: String },
    /// Any other 4xx. `message` is the body's `error` (or `message`) without
    /// its ` [error-type]` suffix; `error_type` is `errorType` or that suffix.
    BadRequest { message: String, error_type: Option<String> },
    /// 5xx, and any status this client does not expect (1xx, 3xx).
    Server { status: u16 },
    /// The request never got an answer: offline, connection refused, DNS, or a
    /// failed CORS preflight (which the browser reports without any detail).
    Network,
    /// No answer within the client's time limit.
    Timeout,
    /// Cancelled because a newer request superseded it; the UI ignores it.
    Aborted,
    /// A 2xx whose body is not what the endpoint should return. `detail` is
    /// for logs; it never holds more than ~80 characters derived from the body.
    Decode { detail: String },
}

impl ApiError {
    /// Classifies a non-2xx answer from its status, its body (any text, JSON or
    /// not) and the raw `X-RateLimit-Reset` header value if it was readable.
    ///
    /// Status decides first, the body refines it: a 2FA answer is recognised in
    /// any 4xx, because servers differ in the status they use for it. Status 0
    /// (an opaque response) is [`ApiError::Network`]; a 2xx passed here by
    /// mistake is [`ApiError::Decode`].
    pub fn from_response(status: u16, body: &str, rate_limit_reset: Option<&str>) -> ApiError {
        let b = ErrorBody::parse(body);
        if (400..500).contains(&status) {
            if let Some(e) = b.two_factor() {
                return e;
            }
        }
        match status {
            0 => ApiError::Network,
            200..=299 => ApiError::Decode { detail: format!("status {status} passed as an error") },
            401 => {
                ApiError::Unauthorized { message: b.display_text().unwrap_or_else(|| DEFAULT_UNAUTHORIZED.to_string()) }
            }
            403 => {
                if b.is_license_403() {
                    ApiError::LicenseRequired
                } else {
                    ApiError::Forbidden { message: b.display_text().unwrap_or_default() }
                }
            }
            404 => ApiError::NotFound { message: b.display_text().unwrap_or_default() },
            429 => ApiError::RateLimited {
                reset_at_ms: rate_limit_reset.and_then(parse_reset_header),
                wait_seconds: b.raw_texts().find_map(parse_wait_seconds),
                message: b.display_text().unwrap_or_default(),
            },
            400..=499 => {
                if b.has_type("error-action-not-allowed") {
                    ApiError::LicenseRequired
                } else {
                    ApiError::BadRequest { message: b.display_text().unwrap_or_default(), error_type: b.error_type() }
                }
            }
            _ => ApiError::Server { status },
        }
    }

    /// What to tell the user, as a message of the catalog (worded in their
    /// language when shown). Server-provided text is only a detail, and only for
    /// [`ApiError::BadRequest`] and [`ApiError::NotFound`], cleaned of control
    /// characters and cut to 200 characters.
    pub fn text(&self) -> Text {
        let (key, detail) = match self {
            ApiError::Unauthorized { .. } => (M::ErrUnauthorized, ""),
            ApiError::TwoFactorRequired { method } if method == "email" => (M::SigninCodeEmail, ""),
            ApiError::TwoFactorRequired { .. } => (M::SigninCodeApp, ""),
            ApiError::TwoFactorInvalid => (M::SigninCodeInvalid, ""),
            ApiError::LicenseRequired => (M::ErrLicense, ""),
            ApiError::Forbidden { .. } => (M::ErrForbidden, ""),
            ApiError::RateLimited { wait_seconds, .. } => return rate_limit_text(*wait_seconds),
            ApiError::NotFound { message } => (M::ErrNotFound, message.as_str()),
            ApiError::BadRequest { message, error_type } => {
                let kind = error_type.as_deref().unwrap_or("");
                if kind == "error-invalid-sort" || kind == "error-invalid-sort-keys" {
                    (M::ErrBadSort, "")
                } else {
                    (M::ErrRejected, message.as_str())
                }
            }
            ApiError::Server { status } => return M::ErrServer.with("status", s(status.to_string())),
            ApiError::Network => (M::ErrNetwork, ""),
            ApiError::Timeout => (M::ErrTimeout, ""),
            ApiError::Aborted => (M::ErrAborted, ""),
            ApiError::Decode { .. } => (M::ErrDecode, ""),
        };
        let detail = server_text(detail);
        if detail.is_empty() {
            key.into()
        } else {
            M::ServerSays.with("error", Arg::Text(Box::new(key.into()))).with("detail", s(detail))
        }
    }

    /// [`ApiError::text`] in English (logs, `Display`, the host tests).
    pub fn message(&self) -> String {
        English.word(&self.text())
    }

    /// Like [`ApiError::text`], worded for the sign-in form, where a 401 means
    /// wrong credentials rather than an expired session.
    pub fn login_text(&self) -> Text {
        match self {
            ApiError::Unauthorized { .. } => M::SigninWrongPassword.into(),
            other => other.text(),
        }
    }

    /// Only a 401 means the stored token is no longer good; every other error
    /// keeps the credentials (a 5xx or a network fault says nothing about them).
    pub fn clears_credentials(&self) -> bool {
        matches!(self, ApiError::Unauthorized { .. })
    }

    /// Seconds to wait before a rate-limited call may be retried, if known.
    ///
    /// Prefers the reset instant (it counts down) when it gives a plausible
    /// wait (1 s to 1 h); the server's clock may differ from ours, so an
    /// implausible value falls back to the body's "wait N seconds". `None` for
    /// every other variant.
    pub fn rate_limit_wait_seconds(&self, now_ms: f64) -> Option<u64> {
        let ApiError::RateLimited { reset_at_ms, wait_seconds, .. } = self else {
            return None;
        };
        let from_reset = reset_at_ms.and_then(|reset| {
            let secs = ((reset - now_ms) / 1000.0).ceil();
            secs.is_finite().then_some(secs)
        });
        match (from_reset, wait_seconds) {
            (Some(s), _) if (1.0..=3600.0).contains(&s) => Some(s as u64),
            (_, Some(w)) => Some(*w),
            (Some(s), None) if s < 1.0 => Some(0),
            _ => None,
        }
    }
}

impl std::fmt::Display for ApiError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message())
    }
}

impl std::error::Error for ApiError {}

/// "Too many requests. Try again in 42 seconds."
pub(crate) fn rate_limit_text(wait_seconds: Option<u64>) -> Text {
    match wait_seconds {
        Some(0) => M::ErrRateLimitedNow.into(),
        Some(n) => M::ErrRateLimited.count(n),
        None => M::ErrRateLimitedWait.into(),
    }
}

/// Server text as shown to the user: one line, no control characters, capped.
fn server_text(s: &str) -> String {
    truncate_chars(&clean_text(s), MAX_SERVER_TEXT)
}

/// `X-RateLimit-Reset` is epoch milliseconds; anything else is ignored.
fn parse_reset_header(raw: &str) -> Option<f64> {
    // Whole milliseconds (a fraction is dropped): parsing integers keeps float
    // parsing out of the wasm.
    let whole = raw.trim().split('.').next()?;
    let v: u64 = whole.parse().ok()?;
    (v > 0).then_some(v as f64)
}

/// Finds N in "... You must wait N seconds before ..." (Rocket.Chat's 429 text).
fn parse_wait_seconds(text: &str) -> Option<u64> {
    let lower = text.to_ascii_lowercase();
    let start = lower.find("wait ")? + "wait ".len();
    let rest = lower.get(start..)?;
    let digits: String = rest.chars().take_while(|c| c.is_ascii_digit()).take(12).collect();
    if digits.is_empty() {
        return None;
    }
    let n: u64 = digits.parse().ok()?;
    rest.get(digits.len()..)?.trim_start().starts_with("second").then_some(n)
}

/// Splits `"must be number [invalid-params]"` into the text and the
/// bracketed error type, if the suffix looks like one (no spaces).
pub(crate) fn split_type_suffix(s: &str) -> (&str, Option<&str>) {
    let t = s.trim_end();
    if let Some(inner) = t.strip_suffix(']') {
        if let Some(open) = inner.rfind('[') {
            let kind = inner.get(open + 1..).unwrap_or("");
            let is_code =
                !kind.is_empty() && kind.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_' || c == '.');
            if is_code {
                return (inner.get(..open).unwrap_or("").trim_end(), Some(kind));
            }
        }
    }
    (t, None)
}

/// A whole `error` value that is itself a code, like `error-invalid-sort-keys`.
fn looks_like_code(s: &str) -> bool {
    s.starts_with("error-")
        && s.len() <= 64
        && s.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// The fields of an error body that matter, from whichever generation.
#[derive(Default)]
struct ErrorBody {
    error: Option<String>,
    message: Option<String>,
    error_type: Option<String>,
    method: Option<String>,
}

impl ErrorBody {
    /// Non-JSON, non-object bodies (HTML from a proxy, empty) give an empty
    /// `ErrorBody`: the status alone then decides.
    fn parse(body: &str) -> Self {
        let Some(map) = json::parse_record(body) else {
            return ErrorBody::default();
        };
        let text = |k: &str| map.text_field(k).map(|s| s.trim().to_string()).filter(|s| !s.is_empty());
        let method = map.field("details").and_then(|d| d.text_field("method"));
        ErrorBody { error: text("error"), message: text("message"), error_type: text("errorType"), method }
    }

    /// `error` and `message` as sent, for searching.
    fn raw_texts(&self) -> impl Iterator<Item = &str> {
        self.error.as_deref().into_iter().chain(self.message.as_deref())
    }

    /// The error type: `errorType`, else the `[suffix]` of `error`/`message`,
    /// else an `error` that is itself a code.
    fn error_type(&self) -> Option<String> {
        if let Some(t) = &self.error_type {
            return Some(t.clone());
        }
        for t in self.raw_texts() {
            if let (_, Some(kind)) = split_type_suffix(t) {
                return Some(kind.to_string());
            }
        }
        self.error.as_deref().filter(|e| looks_like_code(e)).map(str::to_string)
    }

    fn has_type(&self, kind: &str) -> bool {
        self.error_type().is_some_and(|t| t == kind)
    }

    /// The human text: `error`, else `message`, without the type suffix.
    fn display_text(&self) -> Option<String> {
        self.raw_texts().map(|t| split_type_suffix(t).0).find(|t| !t.is_empty()).map(str::to_string)
    }

    fn two_factor(&self) -> Option<ApiError> {
        let is = |code: &str| self.error.as_deref() == Some(code) || self.error_type().as_deref() == Some(code);
        if is("totp-required") {
            let method = self.method.clone().filter(|m| !m.is_empty()).unwrap_or_else(|| "totp".into());
            Some(ApiError::TwoFactorRequired { method })
        } else if is("totp-invalid") {
            Some(ApiError::TwoFactorInvalid)
        } else {
            None
        }
    }

    /// 5.x–7.x license failures are bare 403s: `error` is `unauthorized` or
    /// (7.x with breaking changes) `forbidden`, or an explicit license error.
    fn is_license_403(&self) -> bool {
        let e = self.error.as_deref().unwrap_or("").to_ascii_lowercase();
        e == "unauthorized"
            || e == "forbidden"
            || self.has_type("error-action-not-allowed")
            || e.contains("enterprise")
            || e.contains("license")
    }
}

#[cfg(test)]
mod tests;
