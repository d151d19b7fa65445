//! The confirmation dialog: a native `<dialog>` opened with `showModal()`, so the
//! browser traps focus, makes the page inert and closes it on Escape.

use leptos::html;
use leptos::prelude::*;

use crate::core::i18n::{s, M};
use crate::ui::card::button_with_key;
use crate::ui::state::{Dialog, Panel};
use crate::ui::tr;

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
            Dialog::LogoutDevice(target) => panel.logout_device(target),
            Dialog::LogoutOthers { .. } => crate::ui::hooks::sign_out_others(panel),
        }
    };

    let others = move || matches!(panel.dialog.get(), Some(Dialog::LogoutOthers { .. }));
    let heading = move || panel.t(if others() { M::OthersTitle } else { M::LogoutTitle });
    let body = move || match panel.dialog.get() {
        Some(Dialog::LogoutDevice(t)) => {
            panel.word(&(if t.current { M::LogoutCurrent } else { M::LogoutOther }).with("device", s(t.title)))
        }
        Some(Dialog::LogoutOthers { count: Some(count) }) => panel.word(&M::OthersCount.count(count)),
        Some(Dialog::LogoutOthers { count: None }) => panel.t(M::OthersUnknown),
        None => String::new(),
    };
    let confirm_label = move || panel.t(if others() { M::ConfirmOthers } else { M::ConfirmLogout });

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
