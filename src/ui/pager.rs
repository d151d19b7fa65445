//! First / previous / "Page 2 of 3" / next / last.

use leptos::prelude::*;

use crate::core::i18n::{Arg, M};
use crate::core::page::PageInfo;
use crate::ui::dom::{region, El};
use crate::ui::state::Panel;

#[inline(never)]
pub(crate) fn pager(panel: Panel) -> impl IntoView {
    region(panel, draw, |panel, key| {
        let Some(info) = untrack(|| info(panel)) else { return };
        let page = match key {
            "pg:first" => 0,
            "pg:previous" => info.page.saturating_sub(1),
            "pg:next" => info.page + 1,
            "pg:last" => info.last_page(),
            _ => return,
        };
        panel.query.update(|q| *q = q.with_page(page));
    })
}

/// The pager follows the page asked for, not the one on screen, so clicks while a
/// page loads step from where the user is going.
fn info(panel: Panel) -> Option<PageInfo> {
    let total = panel.page_info()?.total;
    let q = panel.request.get();
    Some(PageInfo::new(total, 0, q.page_size, q.offset(), 0))
}

fn draw(panel: Panel) -> Vec<El> {
    panel.lang_rev.track();
    let Some(i) = info(panel).filter(|i| i.page_count > 1) else { return Vec::new() };
    let t = |m| panel.t(m);
    let page = M::PageOf.with("page", Arg::Num(u64::from(i.page) + 1)).with("pages", Arg::Num(u64::from(i.page_count)));
    let step = |nav: El, key: &str, m: M, sign: &str, off: bool| {
        nav.child(
            El::new("button", "as-btn")
                .attr("type", "button")
                .attr("data-as-key", key)
                .attr("aria-label", &t(m))
                .text(sign)
                .prop("disabled", off),
        )
    };
    let nav = El::new("nav", "as-pager").attr("aria-label", &t(M::Pagination));
    let nav = step(nav, "pg:first", M::FirstPage, "«", i.is_first());
    let nav = step(nav, "pg:previous", M::PreviousPage, "‹", i.is_first());
    let nav = nav.leaf("span", "as-page", &panel.word(&page));
    let nav = step(nav, "pg:next", M::NextPage, "›", i.is_last());
    vec![step(nav, "pg:last", M::LastPage, "»", i.is_last())]
}
