//! First / previous / "Page 2 of 3" / next / last.

use leptos::prelude::*;

use crate::core::i18n::{Arg, M};
use crate::core::page::PageInfo;
use crate::ui::state::Panel;

#[inline(never)]
pub(crate) fn pager(panel: Panel) -> impl IntoView {
    let go = move |page: u32| panel.query.update(|q| *q = q.with_page(page));
    let total = Memo::new(move |_| panel.page_info().map(|i| i.total));
    // The pager follows the page asked for, not the one on screen, so clicks
    // while a page loads step from where the user is going. Its texts are worded
    // here, in the closure that redraws it: an effect per text, made at every page
    // change and subscribed to the language, would pile up (see `card`).
    move || {
        let total = total.get()?;
        let q = panel.request.get();
        let i = PageInfo::new(total, 0, q.page_size, q.offset(), 0);
        let t = |m| panel.t(m);
        let page =
            M::PageOf.with("page", Arg::Num(u64::from(i.page) + 1)).with("pages", Arg::Num(u64::from(i.page_count)));
        (i.page_count > 1).then(|| view! {
            <nav class="as-pager" aria-label=t(M::Pagination)>
                <button type="button" class="as-btn" aria-label=t(M::FirstPage) prop:disabled=i.is_first() on:click=move |_| go(0)>"«"</button>
                <button type="button" class="as-btn" aria-label=t(M::PreviousPage) prop:disabled=i.is_first() on:click=move |_| go(i.page.saturating_sub(1))>"‹"</button>
                <span class="as-page">{panel.word(&page)}</span>
                <button type="button" class="as-btn" aria-label=t(M::NextPage) prop:disabled=i.is_last() on:click=move |_| go(i.page + 1)>"›"</button>
                <button type="button" class="as-btn" aria-label=t(M::LastPage) prop:disabled=i.is_last() on:click=move |_| go(i.last_page())>"»"</button>
            </nav>
        })
    }
}
