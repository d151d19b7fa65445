//! Refreshing nobody asked for: on window focus, on an interval, and the clock
//! that keeps "5 minutes ago" true.

use std::time::Duration;

use leptos::prelude::*;

use crate::ui::state::Panel;

/// Settings of [`use_auto_refresh_with_options`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct UseAutoRefreshOptions {
    /// Refetch every so many milliseconds while signed in; below 1000 = off.
    pub interval_ms: u32,
    /// On window focus, refetch only a list at least this old (ms). Rocket.Chat allows
    /// 10 list calls a minute by default: quick tab switching must not use them up.
    pub focus_after_ms: u32,
}

impl Default for UseAutoRefreshOptions {
    fn default() -> Self {
        Self { interval_ms: 0, focus_after_ms: crate::ui::DEFAULT_FOCUS_REFRESH_AFTER_MS }
    }
}

/// Never refreshes while loading, signed out, or inside a 429's announced wait
/// (see [`Panel::auto_refresh_allowed`]).
#[inline(never)]
pub(crate) fn use_auto_refresh_with_options(panel: Panel, options: UseAutoRefreshOptions) {
    let focus_min_age = f64::from(options.focus_after_ms);
    let focus = window_event_listener(leptos::ev::focus, move |_| {
        if panel.auto_refresh_allowed() && panel.list_age_ms() >= focus_min_age {
            panel.refetch();
        }
    });
    // Relative times ("5 minutes ago") move on without a refetch.
    let ticker = set_interval_with_handle(
        move || {
            let _ = panel.now.try_set(crate::web::time::now_ms());
        },
        Duration::from_secs(60),
    )
    .ok();
    let refresher = Some(options.interval_ms).filter(|ms| *ms >= 1000).and_then(|ms| {
        set_interval_with_handle(
            move || {
                if panel.auto_refresh_allowed() {
                    panel.refetch();
                }
            },
            Duration::from_millis(u64::from(ms)),
        )
        .ok()
    });
    on_cleanup(move || {
        focus.remove();
        if let Some(t) = ticker {
            t.clear();
        }
        if let Some(r) = refresher {
            r.clear();
        }
    });
}
