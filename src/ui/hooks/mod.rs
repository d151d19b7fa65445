//! The panel's behaviour over time, one concern a hook, in the style of leptos-use
//! (`use_x(panel)`, or `use_x_with_options(panel, UseXOptions { .. })` when it has
//! settings). Each hook registers its effects, listeners and timers on the current
//! owner and removes them in `on_cleanup`, so unmounting leaves nothing behind.
//!
//! ```ignore
//! let panel = Panel::new(..);
//! use_sessions(panel);
//! use_url_sync_with_options(panel, UseUrlSyncOptions { prefix: "as_".into(), paging: Paging::default() });
//! use_auto_refresh_with_options(panel, UseAutoRefreshOptions { interval_ms: 60_000, ..Default::default() });
//! use_cross_tab_credentials(panel);
//! ```

mod auto_refresh;
mod bulk;
mod cross_tab;
mod locale;
mod sessions;
mod sign_out_others;
mod url_sync;

pub(crate) use auto_refresh::{use_auto_refresh_with_options, UseAutoRefreshOptions};
pub(crate) use bulk::{find_stale, sign_out_many};
pub(crate) use cross_tab::use_cross_tab_credentials;
pub(crate) use locale::{use_locale_with_options, UseLocaleOptions};
pub(crate) use sessions::use_sessions;
pub(crate) use sign_out_others::sign_out_others;
pub(crate) use url_sync::{use_url_sync_with_options, UseUrlSyncOptions};
