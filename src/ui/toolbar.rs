//! The toolbar: filter, sort, page size, IP masking, and the list-wide actions.
//!
//! Drawn with plain DOM calls (`dom`): a Leptos view of it weighed ~16 KB gzipped
//! of generic code, one instantiation per reactive attribute. The fields are drawn
//! once per language and then kept in step in place (typing never redraws the
//! filter box); the action buttons, which come and go with the selection, the stale
//! count and a bulk run, are redrawn with focus kept. One handler per event kind
//! acts on the controls' `data-as-key`.

use std::time::Duration;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::i18n::{Arg, M};
use crate::core::query::SortChoice;
use crate::ui::dom::{effect, event_key, fragment, replace_keeping_focus, with_key, Drawn, El};
use crate::ui::state::Panel;

const FILTER: &str = "tb:filter";
const SORT: &str = "tb:sort";
const SIZE: &str = "tb:size";
const MASK: &str = "tb:mask";
const REFRESH: &str = "tb:refresh";
const SELECTED: &str = "tb:selected";
const CLEAR: &str = "tb:clear";
const STALE: &str = "tb:stale";
const OTHERS: &str = "tb:others";
const SIGN_OUT: &str = "tb:sign-out";

#[inline(never)]
pub(crate) fn toolbar(panel: Panel, debounce: f64) -> impl IntoView {
    let bar = NodeRef::<html::Div>::new();
    let actions = NodeRef::<html::Div>::new();
    // The debounce: one pending timer, restarted by every keystroke (a few lines
    // instead of leptos-use's debounce, which weighed ~1 KB gzipped in the wasm).
    let timer = StoredValue::new(None::<TimeoutHandle>);
    on_cleanup(move || {
        if let Some(Some(t)) = timer.try_get_value() {
            t.clear();
        }
    });

    // The fields: drawn once per language, otherwise kept in step in place.
    // The language the fields were drawn in (0: not yet; the toolbar exists once one is in place).
    let drawn = StoredValue::new(0u64);
    effect(move || {
        let rev = panel.lang_rev.get();
        let (sort, size) = panel.query.with(|q| (q.sort, q.page_size));
        let (text, mask) = (panel.filter_text.get(), panel.mask_ips.get());
        let Some(bar) = bar.get() else { return };
        if drawn.get_value() != rev {
            drawn.set_value(rev);
            replace_keeping_focus(&bar, &fields(panel));
        }
        let set = |key: &str, prop: &str, v: wasm_bindgen::JsValue| {
            if let Some(el) = with_key(&bar, key) {
                let _ = js_sys::Reflect::set(&el, &prop.into(), &v);
            }
        };
        // Only when it differs, so the caret stays where the user types.
        if let Some(f) = with_key(&bar, FILTER).and_then(|f| f.dyn_into::<web_sys::HtmlInputElement>().ok()) {
            if f.value() != text {
                f.set_value(&text);
            }
        }
        set(SORT, "value", sort.token().into());
        set(SIZE, "value", size.to_string().into());
        set(MASK, "checked", mask.into());
    });
    // The actions, redrawn when what they offer changes.
    let shown = Drawn::default();
    effect(move || {
        let selected = panel.selected_count();
        let (stale, others, busy) = (panel.stale.get(), panel.others.get(), panel.bulk_running.get());
        panel.lang_rev.track();
        let Some(el) = actions.get() else { return };
        let t = |m| panel.t(m);
        let mut buttons = vec![action(REFRESH, &t(M::Refresh), false)];
        if selected > 0 {
            buttons.push(action(SELECTED, &panel.word(&M::LogOutSelected.with("count", Arg::Num(selected))), busy));
            buttons.push(action(CLEAR, &t(M::ClearSelection), false));
        }
        if panel.stale_days > 0 {
            let label = match stale {
                Some(n) if n > 0 => panel.word(&M::SignOutStale.count(n)),
                _ => t(M::SignOutStaleAny),
            };
            buttons.push(action(STALE, &label, stale == Some(0) || busy));
        }
        buttons.push(action(OTHERS, &t(M::SignOutOthers), others == Some(0) || busy));
        buttons.push(action(SIGN_OUT, &t(M::SignOut), false));
        shown.put(&el, fragment(buttons));
    });

    let on_input = move |ev: web_sys::Event| {
        if event_key(&ev).as_deref() != Some(FILTER) {
            return;
        }
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
    let on_change = move |ev: web_sys::Event| match event_key(&ev).as_deref() {
        Some(SORT) => {
            if let Some(s) = SortChoice::from_token(&event_target_value(&ev)) {
                panel.query.update(|q| *q = q.with_sort(s));
            }
        }
        Some(SIZE) => {
            if let Ok(n) = event_target_value(&ev).parse::<u32>() {
                panel.query.update(|q| *q = q.with_page_size(n));
            }
        }
        Some(MASK) => panel.mask_ips.set(event_target_checked(&ev)),
        _ => {}
    };
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if ev.key() == "Escape"
            && event_key(&ev).as_deref() == Some(FILTER)
            && !panel.filter_text.get_untracked().is_empty()
        {
            ev.prevent_default();
            panel.clear_filter();
        }
    };
    let on_click = move |ev: web_sys::MouseEvent| match event_key(&ev).as_deref() {
        Some(REFRESH) => panel.refetch(),
        Some(SELECTED) => panel.ask_logout_selected(),
        Some(CLEAR) => panel.clear_selection(),
        Some(STALE) => crate::ui::hooks::find_stale(panel),
        Some(OTHERS) => panel.ask_logout_others(),
        Some(SIGN_OUT) => panel.sign_out(),
        _ => {}
    };

    view! {
        <div class="as-toolbar" on:input=on_input on:change=on_change on:keydown=on_keydown on:click=on_click>
            <div class="as-toolbar-fields" node_ref=bar></div>
            <div class="as-toolbar-actions" node_ref=actions></div>
        </div>
    }
}

/// An action button, disabled when it has nothing to do.
fn action(key: &str, label: &str, disabled: bool) -> El {
    El::new("button", "as-btn").attr("type", "button").attr("data-as-key", key).text(label).prop("disabled", disabled)
}

/// A `<label>` with its text over a control.
fn field(class: &str, label: &str, control: El) -> El {
    El::new("label", class).leaf("span", "", label).child(control)
}

/// The filter box, the two menus and the IP mask, in the panel's language.
fn fields(panel: Panel) -> String {
    let t = |m| panel.t(m);
    let mut sort = El::new("select", "").attr("data-as-key", SORT);
    for s in SortChoice::ALL {
        sort = sort.child(El::new("option", "").attr("value", s.token()).text(&t(s.label())));
    }
    let mut size = El::new("select", "").attr("data-as-key", SIZE);
    for n in panel.page_sizes.get_value() {
        let n = n.to_string();
        size = size.child(El::new("option", "").attr("value", &n).text(&n));
    }
    let filter = El::new("input", "")
        .attr("type", "search")
        .attr("autocomplete", "off")
        .attr("spellcheck", "false")
        .attr("placeholder", &t(M::FilterPlaceholder))
        .attr("data-as-key", FILTER);
    let mask = El::new("label", "as-choice")
        .child(El::new("input", "").attr("type", "checkbox").attr("data-as-key", MASK))
        .text(&t(M::MaskIps));
    fragment(vec![
        field("as-field as-filter", &t(M::Filter), filter),
        field("as-field", &t(M::SortBy), sort),
        field("as-field", &t(M::PageSize), size),
        mask,
    ])
}
