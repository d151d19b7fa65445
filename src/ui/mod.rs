//! The `ActiveSessions` component and its parts, one concern a file:
//! [`panel`](self) builds one mounted instance (state, effects, root view); the
//! signed-in view is `sessions` = `toolbar` + `status` (+ `error_box`) + `list` of
//! `card`s + `empty` + `pager` + the confirmation `dialogs`; `signin` is the form
//! shown when signed out; `state` holds what these share.
//!
//! Leptos's reactive system drives everything (signals, memos, effects, owners and
//! their cleanup), but most parts are drawn with plain DOM calls (`dom`) by an
//! effect, with one delegated handler per event kind acting on the controls'
//! `data-as-key`, rather than with `view!`: each view compiled into its own generic
//! build/rebuild code, and the views were most of the wasm (the cards, toolbar,
//! dialog, sign-in form, notes and pager went 210 → 163 KB gzipped this way, and a
//! page of cards renders close to the plain-DOM baseline). A redraw keeps focus on
//! the control with the same key; inputs keep their values in signals; live regions
//! stay in place and only their text changes.

mod card;
mod dialogs;
mod dom;
mod empty;
mod error_box;
mod hooks;
mod list;
mod pager;
mod panel;
mod sessions;
mod show;
mod signin;
pub mod state;
mod status;
mod toolbar;

// The component, its props and the checked settings the panel takes come from
// the options table (src/options.rs).
pub(crate) use crate::options::Settings;
pub(crate) use panel::panel;

/// The root element's classes: `as-root` and the host's `class`, if any.
pub(crate) fn root_class(class: &str) -> String {
    match class.trim() {
        "" => "as-root".to_owned(),
        c => format!("as-root {c}"),
    }
}

/// A text of the view (a node or an attribute) in the panel's language, reworded
/// in place when the language changes. One closure type for every such text, so
/// the view code is compiled once for all of them. (A view type of its own with
/// one non-generic build was measured: 1.1 KB larger.)
pub(crate) fn tr(panel: state::Panel, m: crate::core::i18n::M) -> impl Fn() -> String + Copy + Send + Sync + 'static {
    move || panel.t(m)
}

/// Default of the `focus_refresh_after_ms` prop.
pub const DEFAULT_FOCUS_REFRESH_AFTER_MS: u32 = 30_000;
