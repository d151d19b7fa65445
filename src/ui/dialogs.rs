//! The confirmation dialog: a native `<dialog>` opened with `showModal()`, so the
//! browser traps focus, makes the page inert and closes it on Escape.

use leptos::html;
use leptos::prelude::*;

use crate::ui::card::button_with_key;
use crate::ui::state::{Dialog, Panel};

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

    let heading = move || match panel.dialog.get() {
        Some(Dialog::LogoutDevice(_)) | None => "Log out device".to_owned(),
        Some(Dialog::LogoutOthers { .. }) => "Sign out all other devices".to_owned(),
    };
    let body = move || match panel.dialog.get() {
        Some(Dialog::LogoutDevice(t)) if t.current => {
            format!("{} is the device you are using now. Logging it out signs you out of this panel too.", t.title)
        }
        Some(Dialog::LogoutDevice(t)) => format!(
            "{} will be logged out of this workspace and its session ended. It can sign in again with the same device.",
            t.title
        ),
        Some(Dialog::LogoutOthers { count: Some(count) }) => format!(
            "{count} other {} will be signed out. This device stays signed in.",
            if count == 1 { "session" } else { "sessions" }
        ),
        Some(Dialog::LogoutOthers { count: None }) => {
            "Every other session will be signed out. This device stays signed in.".to_owned()
        }
        None => String::new(),
    };
    let confirm_label = move || match panel.dialog.get() {
        Some(Dialog::LogoutOthers { .. }) => "Sign out other devices",
        _ => "Log out device",
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
            <div class="as-dialog-actions">
                <button type="button" class="as-btn" node_ref=cancel_ref autofocus on:click=move |_| close()>
                    "Cancel"
                </button>
                <button type="button" class="as-btn as-btn-danger" on:click=confirm>
                    {confirm_label}
                </button>
            </div>
        </dialog>
    }
    .into_any()
}
