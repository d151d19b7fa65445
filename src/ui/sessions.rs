//! The signed-in view: toolbar, status, list, empty state, pager and the
//! confirmation dialog, in this order.

use leptos::prelude::*;

use crate::ui::dialogs::confirm_dialog;
use crate::ui::empty::empty_state;
use crate::ui::list::session_list;
use crate::ui::pager::pager;
use crate::ui::state::Panel;
use crate::ui::status::status;
use crate::ui::toolbar::toolbar;

/// `debounce`: milliseconds the filter waits after the last keystroke.
#[inline(never)]
pub(crate) fn sessions_view(panel: Panel, debounce: f64) -> AnyView {
    let heading = format!("as{}-heading", panel.uid);
    view! {
        <section class="as-sessions" aria-labelledby=heading.clone()>
            <h2 class="as-sr-only" id=heading.clone()>{crate::ui::tr(panel, crate::core::i18n::M::PanelHeading)}</h2>
            {toolbar(panel, debounce)}
            {status(panel)}
            {session_list(panel)}
            {empty_state(panel)}
            {pager(panel)}
            {confirm_dialog(panel)}
        </section>
    }
    .into_any()
}
