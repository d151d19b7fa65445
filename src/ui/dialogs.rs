//! The confirmation dialog: a native `<dialog>` opened with `showModal()`, so the
//! browser traps focus, makes the page inert and closes it on Escape.
//!
//! Its content is drawn with plain DOM calls (`dom`) whenever the dialog or the
//! language changes (a Leptos view here weighed ~12 KB gzipped of generic code for a
//! few texts and two buttons); one click handler acts on its buttons' keys.

use leptos::html;
use leptos::prelude::*;

use crate::core::i18n::{s, Text, M};
use crate::ui::dom::{effect, event_key, fragment, replace_keeping_focus, with_key, El};
use crate::ui::state::{Dialog, Panel};

/// How many devices a dialog names before "and N more".
const SHOWN: usize = 10;

const CANCEL: &str = "dialog:cancel";
const CONFIRM: &str = "dialog:confirm";

#[inline(never)]
pub(crate) fn confirm_dialog(panel: Panel) -> impl IntoView {
    let dialog_ref = NodeRef::<html::Dialog>::new();
    let title_id = format!("as{}-dialog-title", panel.uid);
    let desc_id = format!("as{}-dialog-desc", panel.uid);
    // Focus goes back where it was when the dialog closes.
    let opener = StoredValue::new_local(None::<web_sys::HtmlElement>);
    let ids = (title_id.clone(), desc_id.clone());

    effect(move || {
        let d = panel.dialog.get();
        panel.lang_rev.track();
        let Some(dialog) = dialog_ref.get() else { return };
        if let Some(d) = &d {
            replace_keeping_focus(&dialog, &fragment(content(panel, d, &ids.0, &ids.1)));
        }
        if d.is_some() && !dialog.open() {
            let active = document()
                .active_element()
                .and_then(|e| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(e).ok());
            opener.set_value(active);
            let _ = dialog.show_modal();
            if let Some(cancel) = with_key(&dialog, CANCEL) {
                let _ = cancel.focus();
            }
        } else if d.is_none() && dialog.open() {
            dialog.close();
            // A closed dialog says nothing (its words would still be in the page's text).
            dialog.replace_children_with_node_0();
            if let Some(el) = opener.get_value() {
                if el.is_connected() {
                    let _ = el.focus();
                } else if let Some(again) =
                    el.get_attribute("data-as-key").and_then(|k| with_key(&document().document_element()?, &k))
                {
                    // A redraw replaced the card's button: its successor has the same key.
                    let _ = again.focus();
                }
            }
        }
    });

    let on_click = move |ev: web_sys::MouseEvent| match event_key(&ev).as_deref() {
        Some(CANCEL) => panel.dialog.set(None),
        Some(CONFIRM) => {
            let Some(d) = panel.dialog.get_untracked() else { return };
            panel.dialog.set(None);
            match d {
                Dialog::Device(target) => panel.logout_device(target),
                Dialog::Others { .. } => crate::ui::hooks::sign_out_others(panel),
                Dialog::Many { targets, .. } => crate::ui::hooks::sign_out_many(panel, targets),
            }
        }
        _ => {}
    };

    view! {
        <dialog
            class="as-dialog"
            node_ref=dialog_ref
            aria-labelledby=title_id
            aria-describedby=desc_id
            on:cancel=move |ev: web_sys::Event| {
                ev.prevent_default();
                panel.dialog.set(None);
            }
            on:click=on_click
        ></dialog>
    }
}

/// The heading, the text, the devices of a many-device dialog (the first ten named)
/// and the two buttons, Cancel first.
fn content(panel: Panel, d: &Dialog, title_id: &str, desc_id: &str) -> Vec<El> {
    let day = |ms: f64| s(panel.lang.try_with_value(|l| l.day(ms)).unwrap_or_default());
    let (heading, body, confirm): (M, Text, Text) = match d {
        Dialog::Device(t) => (
            M::LogoutTitle,
            (if t.current { M::LogoutCurrent } else { M::LogoutOther }).with("device", s(t.title.clone())),
            M::ConfirmLogout.into(),
        ),
        Dialog::Others { count } => (
            M::OthersTitle,
            match count {
                Some(n) => M::OthersCount.count(*n),
                None => M::OthersUnknown.into(),
            },
            M::ConfirmOthers.into(),
        ),
        Dialog::Many { targets, stale } => {
            let n = targets.len() as u64;
            match stale {
                Some((cutoff, oldest)) => (
                    M::StaleTitle,
                    M::StaleCount.count(n).with("cutoff", day(*cutoff)).with("date", day(*oldest)),
                    M::ConfirmMany.count(n),
                ),
                None => (M::SelectedTitle, M::SelectedCount.count(n), M::ConfirmMany.count(n)),
            }
        }
    };
    let mut parts = vec![
        El::new("h2", "as-title").attr("id", title_id).text(&panel.t(heading)),
        El::new("p", "").attr("id", desc_id).text(&panel.word(&body)),
    ];
    if let Dialog::Many { targets, .. } = d {
        let mut list = El::new("ul", "as-dialog-list");
        for (_, title) in targets.iter().take(SHOWN) {
            list = list.child(El::new("li", "").leaf("bdi", "", title));
        }
        let more = targets.len().saturating_sub(SHOWN);
        if more > 0 {
            list = list.leaf("li", "", &panel.word(&M::AndMore.count(more as u64)));
        }
        parts.push(list);
    }
    parts.push(El::new("div", "as-dialog-actions").button("as-btn", CANCEL, &panel.t(M::Cancel), &[]).button(
        "as-btn as-btn-danger",
        CONFIRM,
        &panel.word(&confirm),
        &[],
    ));
    parts
}
