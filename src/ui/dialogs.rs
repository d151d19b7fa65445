//! The confirmation dialog: a native `<dialog>` opened with `showModal()`, so the
//! browser traps focus, makes the page inert and closes it on Escape.

use leptos::html;
use leptos::prelude::*;

use crate::core::i18n::{s, M};
use crate::ui::card::button_with_key;
use crate::ui::state::{Dialog, Panel};
use crate::ui::tr;

/// How many devices a dialog names before "and N more".
const SHOWN: usize = 10;

#[component]
pub fn ConfirmDialog() -> impl IntoView {
    let panel = expect_context::<Panel>();
    let dialog_ref = NodeRef::<html::Dialog>::new();
    let cancel_ref = NodeRef::<html::Button>::new();
    let title_id = format!("as{}-dialog-title", panel.uid);
    let desc_id = format!("as{}-dialog-desc", panel.uid);
    // Focus goes back where it was when the dialog closes.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);

    Effect::new(move |_| {
        let open = panel.dialog.with(|d| d.is_some());
        let Some(dialog) = dialog_ref.get() else { return };
        if open && !dialog.open() {
            let active = web_sys::window()
                .and_then(|w| w.document())
                .and_then(|d| d.active_element())
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
            opener.set_value(active);
            let _ = dialog.show_modal();
            if let Some(cancel) = cancel_ref.get() {
                let _ = cancel.focus();
            }
        } else if !open && dialog.open() {
            dialog.close();
            if let Some(el) = opener.get_value() {
                if el.is_connected() {
                    let _ = el.focus();
                } else if let Some(again) =
                    el.get_attribute("data-as-key").and_then(|k| button_with_key(&document().document_element()?, &k))
                {
                    // A redraw replaced the card's button: its successor has the same key.
                    let _ = again.focus();
                }
            }
        }
    });

    let close = move || panel.dialog.set(None);
    let confirm = move |_| {
        let Some(d) = panel.dialog.get_untracked() else { return };
        close();
        match d {
            Dialog::Device(target) => panel.logout_device(target),
            Dialog::Others { .. } => crate::ui::hooks::sign_out_others(panel),
            Dialog::Many { targets, .. } => crate::ui::hooks::sign_out_many(panel, targets),
        }
    };

    // The heading and the confirm button, by dialog.
    let words = move || match panel.dialog.get() {
        Some(Dialog::Others { .. }) => (M::OthersTitle, M::ConfirmOthers.into()),
        Some(Dialog::Many { targets, stale }) => {
            (if stale.is_some() { M::StaleTitle } else { M::SelectedTitle }, M::ConfirmMany.count(targets.len() as u64))
        }
        _ => (M::LogoutTitle, M::ConfirmLogout.into()),
    };
    let heading = move || panel.t(words().0);
    let confirm_label = move || panel.word(&words().1);
    let day = move |ms: f64| s(panel.lang.try_with_value(|l| l.day(ms)).unwrap_or_default());
    let body = move || match panel.dialog.get() {
        Some(Dialog::Many { targets, stale: Some((cutoff, oldest)) }) => {
            panel.word(&M::StaleCount.count(targets.len() as u64).with("cutoff", day(cutoff)).with("date", day(oldest)))
        }
        Some(Dialog::Many { targets, stale: None }) => panel.word(&M::SelectedCount.count(targets.len() as u64)),
        Some(Dialog::Device(t)) => {
            panel.word(&(if t.current { M::LogoutCurrent } else { M::LogoutOther }).with("device", s(t.title)))
        }
        Some(Dialog::Others { count: Some(count) }) => panel.word(&M::OthersCount.count(count)),
        Some(Dialog::Others { count: None }) => panel.t(M::OthersUnknown),
        None => String::new(),
    };
    // The devices of a many-device dialog, the first ten named.
    let devices = move || {
        let Some(Dialog::Many { targets, .. }) = panel.dialog.get() else { return None };
        let more = targets.len().saturating_sub(SHOWN);
        let items =
            targets.into_iter().take(SHOWN).map(|(_, title)| view! { <li><bdi>{title}</bdi></li> }).collect_view();
        let more = (more > 0).then(|| view! { <li>{panel.word(&M::AndMore.count(more as u64))}</li> });
        Some(view! { <ul class="as-dialog-list">{items}{more}</ul> })
    };

    view! {
        <dialog
            class="as-dialog"
            node_ref=dialog_ref
            aria-labelledby=title_id.clone()
            aria-describedby=desc_id.clone()
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                close();
            }
        >
            <h2 class="as-title" id=title_id.clone()>{heading}</h2>
            <p id=desc_id.clone()>{body}</p>
            {devices}
            <div class="as-dialog-actions">
                <button type="button" class="as-btn" node_ref=cancel_ref autofocus on:click=move |_| close()>
                    {tr(panel, M::Cancel)}
                </button>
                <button type="button" class="as-btn as-btn-danger" on:click=confirm>
                    {confirm_label}
                </button>
            </div>
        </dialog>
    }
    .into_any()
}
