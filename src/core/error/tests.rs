use super::*;
use crate::core::i18n::{English, Speaker};

fn r(status: u16, body: &str) -> ApiError {
    ApiError::from_response(status, body, None)
}

#[test]
fn unauthorized_5x_6x() {
    let e = r(401, r#"{"status":"error","message":"You must be logged in to do this."}"#);
    assert_eq!(e, ApiError::Unauthorized { message: "You must be logged in to do this.".into() });
    assert!(e.clears_credentials());
    assert_eq!(e.message(), "Your session has expired or was signed out. Please sign in again.");
}

#[test]
fn unauthorized_7x() {
    let e = r(
        401,
        r#"{"success":false,"error":"You must be logged in to do this.","status":"error","message":"You must be logged in to do this."}"#,
    );
    assert_eq!(e, ApiError::Unauthorized { message: "You must be logged in to do this.".into() });
}

#[test]
fn unauthorized_8x() {
    let e = r(401, r#"{"success":false,"error":"You must be logged in to do this."}"#);
    assert_eq!(e, ApiError::Unauthorized { message: "You must be logged in to do this.".into() });
}

#[test]
fn unauthorized_wrong_password_and_empty_or_html_body() {
    let e = r(401, r#"{"status":"error","error":"Unauthorized","message":"Unauthorized"}"#);
    assert_eq!(e, ApiError::Unauthorized { message: "Unauthorized".into() });
    assert_eq!(English.word(&e.login_text()), "Wrong username, e-mail or password.");
    for body in ["", "<html><body>401</body></html>", "null", "[]", r#"{"error":17}"#] {
        assert_eq!(r(401, body), ApiError::Unauthorized { message: DEFAULT_UNAUTHORIZED.into() }, "{body}");
    }
}

#[test]
fn two_factor_required_and_invalid() {
    let e = r(
        401,
        r#"{"status":"error","error":"totp-required","message":"TOTP Required [totp-required]","details":{"method":"totp","codeGenerated":false}}"#,
    );
    assert_eq!(e, ApiError::TwoFactorRequired { method: "totp".into() });
    assert!(!e.clears_credentials());
    let e = r(400, r#"{"success":false,"error":"totp-required","details":{"method":"email"}}"#);
    assert_eq!(e, ApiError::TwoFactorRequired { method: "email".into() });
    assert!(e.message().contains("e-mail"));
    let e = r(401, r#"{"status":"error","error":"totp-required"}"#);
    assert_eq!(e, ApiError::TwoFactorRequired { method: "totp".into() });
    let e = r(401, r#"{"status":"error","error":"totp-invalid","message":"TOTP Invalid [totp-invalid]"}"#);
    assert_eq!(e, ApiError::TwoFactorInvalid);
    let e = r(403, r#"{"success":false,"error":"Invalid code [totp-invalid]","errorType":"totp-invalid"}"#);
    assert_eq!(e, ApiError::TwoFactorInvalid);
    // Not in a 5xx.
    assert_eq!(r(500, r#"{"error":"totp-required"}"#), ApiError::Server { status: 500 });
}

#[test]
fn license_5x_6x_and_7x() {
    assert_eq!(r(403, r#"{"success":false,"error":"unauthorized"}"#), ApiError::LicenseRequired);
    assert_eq!(r(403, r#"{"success":false,"error":"forbidden"}"#), ApiError::LicenseRequired);
    let e = ApiError::LicenseRequired;
    assert!(!e.clears_credentials());
    assert_eq!(
        e.message(),
        "This Rocket.Chat server has no Premium license with device management, so sessions cannot be listed."
    );
}

#[test]
fn license_8x_is_a_400() {
    let e = r(
        400,
        r#"{"success":false,"error":"This is an enterprise feature [error-action-not-allowed]","errorType":"error-action-not-allowed"}"#,
    );
    assert_eq!(e, ApiError::LicenseRequired);
    // Suffix alone is enough.
    let e = r(400, r#"{"success":false,"error":"This is an enterprise feature [error-action-not-allowed]"}"#);
    assert_eq!(e, ApiError::LicenseRequired);
}

#[test]
fn other_403_is_forbidden() {
    let e = r(403, r#"{"success":false,"error":"User does not have the permissions required [error-not-allowed]"}"#);
    assert_eq!(e, ApiError::Forbidden { message: "User does not have the permissions required".into() });
    assert_eq!(r(403, ""), ApiError::Forbidden { message: String::new() });
    assert!(!r(403, "").clears_credentials());
}

#[test]
fn invalid_params_400s() {
    let e = r(
        400,
        r#"{"success":false,"error":"must NOT have additional properties [invalid-params]","errorType":"invalid-params"}"#,
    );
    assert_eq!(
        e,
        ApiError::BadRequest {
            message: "must NOT have additional properties".into(),
            error_type: Some("invalid-params".into())
        }
    );
    assert_eq!(e.message(), "The server rejected the request. Server message: must NOT have additional properties");
    let e = r(400, r#"{"success":false,"error":"must be number [invalid-params]","errorType":"invalid-params"}"#);
    assert_eq!(e, ApiError::BadRequest { message: "must be number".into(), error_type: Some("invalid-params".into()) });
    // Suffix only, no errorType.
    let e = r(400, r#"{"success":false,"error":"must have required property 'sessionId' [invalid-params]"}"#);
    assert_eq!(
        e,
        ApiError::BadRequest {
            message: "must have required property 'sessionId'".into(),
            error_type: Some("invalid-params".into())
        }
    );
}

#[test]
fn invalid_sort() {
    let e = r(
        400,
        r#"{"success":false,"error":"Invalid sort parameter provided: \"{bad\" [error-invalid-sort]","errorType":"error-invalid-sort","details":{"helperMethod":"parseJsonQuery"}}"#,
    );
    assert_eq!(
        e,
        ApiError::BadRequest {
            message: "Invalid sort parameter provided: \"{bad\"".into(),
            error_type: Some("error-invalid-sort".into())
        }
    );
    assert_eq!(e.message(), "This server does not support the chosen sort order.");
}

#[test]
fn invalid_sort_keys() {
    let e = r(400, r#"{"success":false,"error":"error-invalid-sort-keys"}"#);
    assert_eq!(
        e,
        ApiError::BadRequest {
            message: "error-invalid-sort-keys".into(),
            error_type: Some("error-invalid-sort-keys".into())
        }
    );
    assert_eq!(e.message(), "This server does not support the chosen sort order.");
}

#[test]
fn bad_request_uses_message_when_no_error() {
    let e = r(400, r#"{"status":"error","message":"Something odd"}"#);
    assert_eq!(e, ApiError::BadRequest { message: "Something odd".into(), error_type: None });
    let e = r(413, "<html>Request Entity Too Large</html>");
    assert_eq!(e, ApiError::BadRequest { message: String::new(), error_type: None });
    assert_eq!(e.message(), "The server rejected the request.");
}

#[test]
fn not_found() {
    let e = r(404, r#"{"success":false,"error":"Session not found"}"#);
    assert_eq!(e, ApiError::NotFound { message: "Session not found".into() });
    assert_eq!(
        e.message(),
        "Not found: the session may already be logged out, or the server address is wrong. Server message: Session not found"
    );
    assert!(!e.clears_credentials());
    let e = r(404, "<html>404</html>");
    assert_eq!(e, ApiError::NotFound { message: String::new() });
    assert!(e.message().starts_with("Not found"));
}

#[test]
fn rate_limited_with_header_and_text() {
    let body = r#"{"success":false,"error":"Error, too many requests. Please slow down. You must wait 42 seconds before trying this endpoint again. [error-too-many-requests]"}"#;
    let e = ApiError::from_response(429, body, Some("1700000042000"));
    let ApiError::RateLimited { reset_at_ms, wait_seconds, message } = &e else { panic!("{e:?}") };
    assert_eq!(*reset_at_ms, Some(1_700_000_042_000.0));
    assert_eq!(*wait_seconds, Some(42));
    assert!(message.ends_with("before trying this endpoint again."), "{message}");
    assert_eq!(e.message(), "Too many requests. Try again in 42 seconds.");
    assert!(!e.clears_credentials());
    // The reset instant counts down.
    assert_eq!(e.rate_limit_wait_seconds(1_700_000_000_000.0), Some(42));
    assert_eq!(e.rate_limit_wait_seconds(1_700_000_030_500.0), Some(12));
    // Clock skew: implausible reset -> the body's figure.
    assert_eq!(e.rate_limit_wait_seconds(1_800_000_000_000.0), Some(42));
    assert_eq!(e.rate_limit_wait_seconds(1_000_000_000_000.0), Some(42));
}

#[test]
fn rate_limited_without_details() {
    let e = ApiError::from_response(429, "", Some("garbage"));
    assert_eq!(e, ApiError::RateLimited { reset_at_ms: None, wait_seconds: None, message: String::new() });
    assert_eq!(e.message(), "Too many requests. Please wait a minute and try again.");
    assert_eq!(e.rate_limit_wait_seconds(0.0), None);
    let e = ApiError::from_response(429, "", Some(" 5000 "));
    assert_eq!(e.rate_limit_wait_seconds(1000.0), Some(4));
    assert_eq!(e.rate_limit_wait_seconds(9000.0), Some(0));
    for bad in ["NaN", "inf", "-5", "0", ""] {
        let e = ApiError::from_response(429, "{}", Some(bad));
        assert!(matches!(e, ApiError::RateLimited { reset_at_ms: None, .. }), "{bad}");
    }
    let one = ApiError::RateLimited { reset_at_ms: None, wait_seconds: Some(1), message: String::new() };
    assert_eq!(one.message(), "Too many requests. Try again in 1 second.");
    assert_eq!(ApiError::Network.rate_limit_wait_seconds(0.0), None);
}

#[test]
fn wait_seconds_parser() {
    assert_eq!(parse_wait_seconds("You must wait 7 seconds before"), Some(7));
    assert_eq!(parse_wait_seconds("you must WAIT 1 second"), Some(1));
    assert_eq!(parse_wait_seconds("wait a moment"), None);
    assert_eq!(parse_wait_seconds("wait 5 minutes"), None);
    assert_eq!(parse_wait_seconds("wait 99999999999999999999 seconds"), None);
    assert_eq!(parse_wait_seconds("wait"), None);
    assert_eq!(parse_wait_seconds("wait é 3 seconds"), None);
}

#[test]
fn server_errors() {
    let e = r(500, r#"{"success":false,"error":"Internal server error"}"#);
    assert_eq!(e, ApiError::Server { status: 500 });
    assert_eq!(e.message(), "The server answered with an error (500).");
    let e = r(502, "<html><head><title>502 Bad Gateway</title></head><body>nginx</body></html>");
    assert_eq!(e, ApiError::Server { status: 502 });
    assert_eq!(e.message(), "The server answered with an error (502).");
    assert!(!e.message().contains("nginx"));
    assert_eq!(r(503, ""), ApiError::Server { status: 503 });
    assert_eq!(r(302, ""), ApiError::Server { status: 302 });
    assert_eq!(r(101, ""), ApiError::Server { status: 101 });
    assert_eq!(r(0, ""), ApiError::Network);
    assert!(matches!(r(200, "{}"), ApiError::Decode { .. }));
}

#[test]
fn messages_for_transport_errors() {
    assert_eq!(ApiError::Network.message(), "Cannot reach the server (network or CORS).");
    assert_eq!(ApiError::Timeout.message(), "The server took too long to answer.");
    assert_eq!(
        ApiError::Decode { detail: "x".into() }.message(),
        "The server sent a response this component does not understand."
    );
    assert_eq!(ApiError::Timeout.to_string(), ApiError::Timeout.message());
    assert!(!ApiError::Network.clears_credentials());
}

#[test]
fn server_text_is_capped_and_cleaned() {
    let long = "x".repeat(5000);
    let e = r(400, &format!(r#"{{"error":"{long}\u0007 [invalid-params]"}}"#));
    let m = e.message();
    assert!(m.chars().count() <= "The server rejected the request. Server message: ".len() + 200, "{}", m.len());
    assert!(!m.contains('\u{7}'));
    let e = r(404, r#"{"error":"line1\nline2\u202Eevil"}"#);
    assert!(e.message().ends_with("Server message: line1 line2evil"), "{}", e.message());
    // Other variants never echo the server.
    let e = r(403, r#"{"error":"<script>alert(1)</script>"}"#);
    assert!(!e.message().contains("script"));
}

#[test]
fn type_suffix_splitting() {
    assert_eq!(split_type_suffix("a b [x-y]"), ("a b", Some("x-y")));
    assert_eq!(split_type_suffix("a [not a code]"), ("a [not a code]", None));
    assert_eq!(split_type_suffix("[]"), ("[]", None));
    assert_eq!(split_type_suffix("]"), ("]", None));
    assert_eq!(split_type_suffix("[é]"), ("[é]", None));
    assert_eq!(split_type_suffix("[only-code]"), ("", Some("only-code")));
}

#[test]
fn never_panics_on_odd_bodies() {
    let bodies = [
        "",
        " ",
        "{",
        "}",
        "[",
        "\"",
        "{\"error\":",
        "{\"error\":null}",
        "{\"details\":5}",
        "{\"details\":{\"method\":7}}",
        "\u{0}",
        "{\"error\":\"wait 3 seconds\"}",
        "1e999",
        "{\"error\":\"[\"}",
        "{\"error\":\"\u{1F600} [\u{1F600}]\"}",
    ];
    for status in [0u16, 1, 100, 200, 204, 301, 400, 401, 403, 404, 418, 429, 499, 500, 599, 600, u16::MAX] {
        for b in bodies {
            let e = ApiError::from_response(status, b, Some(b));
            let _ = e.message();
            let _ = e.rate_limit_wait_seconds(f64::NAN);
        }
    }
}
