//! A failed load: what went wrong, in the user's words, and a Retry button.

use crate::core::error::{rate_limit_text, ApiError};
use crate::core::i18n::M;
use crate::ui::dom::El;
use crate::ui::state::Panel;

/// The key of the Retry button (see `status`).
pub(crate) const RETRY: &str = "error:retry";

pub(crate) fn error_box(panel: Panel, error: &ApiError) -> El {
    let kind = match error {
        ApiError::LicenseRequired => "license",
        ApiError::RateLimited { .. } => "rate-limited",
        ApiError::Network => "network",
        ApiError::Timeout => "timeout",
        _ => "error",
    };
    let what = match error {
        // The seconds left now, not when the answer came (the box stays on screen).
        ApiError::RateLimited { .. } => rate_limit_text(error.rate_limit_wait_seconds(crate::web::time::now_ms())),
        _ => error.text(),
    };
    El::new("div", "as-error-box")
        .attr("role", "alert")
        .attr("data-kind", kind)
        .leaf("p", "", &panel.word(&what))
        .button("as-btn", RETRY, &panel.t(M::Retry), &[])
}
