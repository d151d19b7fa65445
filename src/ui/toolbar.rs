//! The toolbar: filter, sort, page size, IP masking, and the list-wide actions.

use std::time::Duration;

use leptos::prelude::*;

use crate::core::i18n::{Arg, M};
use crate::core::query::SortChoice;
use crate::ui::state::Panel;
use crate::ui::tr;

#[inline(never)]
pub(crate) fn toolbar(panel: Panel, debounce: f64) -> impl IntoView {
    // The debounce: one pending timer, restarted by every keystroke (a few lines
    // instead of leptos-use's debounce, which weighed ~1 KB gzipped in the wasm).
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let on_filter = move |ev: leptos::ev::Event| {
        panel.filter_text.set(event_target_value(&ev));
        if let Some(t) = timer.get_value() {
            t.clear();
        }
        let apply = move || {
            let text = panel.filter_text.get_untracked();
            panel.query.update(|q| *q = q.with_filter(&text));
        };
        timer.set_value(set_timeout_with_handle(apply, Duration::from_millis(debounce as u64)).ok());
    };
    on_cleanup(move || {
        if let Some(Some(t)) = timer.try_get_value() {
            t.clear();
        }
    });
    let page_sizes = panel.page_sizes.get_value();

    view! {
        <div class="as-toolbar">
            <label class="as-field as-filter">
                <span>{tr(panel, M::Filter)}</span>
                <input type="search" autocomplete="off" spellcheck="false"
                    placeholder=tr(panel, M::FilterPlaceholder)
                    prop:value=move || panel.filter_text.get()
                    on:input=on_filter
                    on:keydown=move |ev: leptos::ev::KeyboardEvent| {
                        if ev.key() == "Escape" && !panel.filter_text.get_untracked().is_empty() {
                            ev.prevent_default();
                            panel.clear_filter();
                        }
                    } />
            </label>
            <label class="as-field">
                <span>{tr(panel, M::SortBy)}</span>
                <select on:change=move |ev| {
                    if let Some(s) = SortChoice::from_token(&event_target_value(&ev)) {
                        panel.query.update(|q| *q = q.with_sort(s));
                    }
                }>
                    {SortChoice::ALL.into_iter().map(|s| view! {
                        <option value=s.token() selected=move || panel.query.with(|q| q.sort == s)>{tr(panel, s.label())}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="as-field">
                <span>{tr(panel, M::PageSize)}</span>
                <select on:change=move |ev| {
                    if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                        panel.query.update(|q| *q = q.with_page_size(n));
                    }
                }>
                    {page_sizes.into_iter().map(|n| view! {
                        <option value=n.to_string() selected=move || panel.query.with(|q| q.page_size == n)>{n.to_string()}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="as-choice">
                <input type="checkbox" prop:checked=move || panel.mask_ips.get()
                    on:change=move |ev| panel.mask_ips.set(event_target_checked(&ev)) />
                {tr(panel, M::MaskIps)}
            </label>
            <div class="as-toolbar-actions">
                <button type="button" class="as-btn" on:click=move |_| panel.refetch()>{tr(panel, M::Refresh)}</button>
                // Shown while something is selected; worded in the closure that redraws them.
                {move || {
                    let n = panel.selected.with(|s| s.len() as u64);
                    let busy = panel.bulk_running.get();
                    (n > 0).then(|| view! {
                        <button type="button" class="as-btn" disabled=busy on:click=move |_| panel.ask_logout_selected()>
                            {panel.word(&M::LogOutSelected.with("count", Arg::Num(n)))}
                        </button>
                        <button type="button" class="as-btn" on:click=move |_| panel.clear_selection()>{panel.t(M::ClearSelection)}</button>
                    })
                }}
                {(panel.stale_days > 0).then(|| view! {
                    <button type="button" class="as-btn"
                        prop:disabled=move || panel.stale.get() == Some(0) || panel.bulk_running.get()
                        on:click=move |_| crate::ui::hooks::find_stale(panel)>
                        {move || match panel.stale.get() {
                            Some(n) if n > 0 => panel.word(&M::SignOutStale.count(n)),
                            _ => panel.t(M::SignOutStaleAny),
                        }}
                    </button>
                })}
                <button type="button" class="as-btn"
                    prop:disabled=move || panel.others.get() == Some(0) || panel.bulk_running.get()
                    on:click=move |_| panel.ask_logout_others()>
                    {tr(panel, M::SignOutOthers)}
                </button>
                <button type="button" class="as-btn" on:click=move |_| panel.sign_out()>{tr(panel, M::SignOut)}</button>
            </div>
        </div>
    }
}
