//! First / previous / "Page 2 of 3" / next / last.

use leptos::prelude::*;

use crate::core::page::PageInfo;
use crate::ui::state::Panel;

#[inline(never)]
pub(crate) fn pager(panel: Panel) -> impl IntoView {
    let go = move |page: u32| panel.query.update(|q| *q = q.with_page(page));
    let total = Memo::new(move |_| panel.page_info().map(|i| i.total));
    // The pager follows the page asked for, not the one on screen, so clicks
    // while a page loads step from where the user is going.
    move || {
        let total = total.get()?;
        let q = panel.request.get();
        let i = PageInfo::new(total, 0, q.page_size, q.offset(), 0);
        (i.page_count > 1).then(|| view! {
            <nav class="as-pager" aria-label="Pagination">
                <button type="button" class="as-btn" aria-label="First page" prop:disabled=i.is_first() on:click=move |_| go(0)>"«"</button>
                <button type="button" class="as-btn" aria-label="Previous page" prop:disabled=i.is_first() on:click=move |_| go(i.page.saturating_sub(1))>"‹"</button>
                <span class="as-page">{format!("Page {} of {}", i.page + 1, i.page_count)}</span>
                <button type="button" class="as-btn" aria-label="Next page" prop:disabled=i.is_last() on:click=move |_| go(i.page + 1)>"›"</button>
                <button type="button" class="as-btn" aria-label="Last page" prop:disabled=i.is_last() on:click=move |_| go(i.last_page())>"»"</button>
            </nav>
        })
    }
}
