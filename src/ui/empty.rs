//! What shows instead of cards: no match for the filter, or nobody else signed in.

use leptos::prelude::*;

use crate::core::i18n::{s, M};
use crate::ui::dom::{region, El};
use crate::ui::state::{this_device, Panel};

const CLEAR: &str = "empty:clear";

#[inline(never)]
pub(crate) fn empty_state(panel: Panel) -> impl IntoView {
    region(panel, draw, |panel, key| {
        if key == CLEAR {
            panel.clear_filter();
        }
    })
}

fn draw(panel: Panel) -> Vec<El> {
    let empty = panel.data.with(|d| d.as_ref().is_some_and(|p| p.sessions.is_empty()));
    let filter = panel.data_query.with(|q| q.as_ref().map(|q| q.filter.clone()).unwrap_or_default());
    // The same rule as "Sign out all other devices" (see `core::own::others_count`).
    let nobody_else = filter.is_empty() && panel.others.get() == Some(0);
    let here = panel.data.with(|d| d.as_ref().is_some_and(|p| p.sessions.iter().any(|s| this_device(&panel, s))));
    let say = |m| vec![El::new("p", "as-empty").text(&panel.t(m))];
    if empty && !filter.is_empty() {
        vec![El::new("div", "as-empty")
            .child(El::new("p", "").leaf("bdi", "", &panel.word(&M::NoMatch.with("filter", s(filter)))))
            .button("as-btn", CLEAR, &panel.t(M::ClearFilter), &[])]
    } else if nobody_else && here {
        say(M::OnlyHere)
    } else if nobody_else || (empty && filter.is_empty()) {
        say(M::NoOthers)
    } else {
        Vec::new()
    }
}
