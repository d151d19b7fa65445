//! A failed load: what went wrong, in the user's words, and a Retry button.

use leptos::prelude::*;

use crate::core::error::{rate_limit_text, ApiError};
use crate::core::i18n::M;
use crate::ui::state::Panel;

#[inline(never)]
pub(crate) fn error_box(panel: Panel, error: ApiError) -> impl IntoView {
    let kind = match &error {
        ApiError::LicenseRequired => "license",
        ApiError::RateLimited { .. } => "rate-limited",
        ApiError::Network => "network",
        ApiError::Timeout => "timeout",
        _ => "error",
    };
    let what = match &error {
        // The seconds left now, not when the answer came (the box stays on screen).
        ApiError::RateLimited { .. } => rate_limit_text(error.rate_limit_wait_seconds(crate::web::time::now_ms())),
        _ => error.text(),
    };
    view! {
        <div class="as-error-box" role="alert" data-kind=kind>
            <p>{panel.word(&what)}</p>
            <button type="button" class="as-btn" on:click=move |_| panel.refetch()>{panel.t(M::Retry)}</button>
        </div>
    }
}
