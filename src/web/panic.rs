//! A panic hook, so that a panic — which should never happen, see the decoder
//! property tests — leaves a readable error state instead of a dead widget, and
//! a console line without the token.
//!
//! In a release build (`panic = "abort"`) a panic traps and the wasm instance is
//! gone: nothing in it can run afterwards. So the hook does its work while it
//! still can: it logs the message once to `console.error` (with every token it
//! can find in localStorage replaced by `[redacted]`), then replaces the content
//! of every mounted component root (`.as-root`) with a short `role=alert`
//! message and a "Reload" button whose click handler is the browser's own
//! `location.reload` (plain JS, so it works after the instance died, and needs
//! no `eval` under a strict CSP).
//!
//! The hook replaces any earlier one rather than chaining it: a host's
//! `console_error_panic_hook` would print the unredacted message.
//!
//! ```no_run
//! active_sessions::web::panic::install(); // idempotent; the component calls it
//! ```

use std::sync::Once;

use wasm_bindgen::{JsCast, JsValue};

use crate::core::json::{self, Json};

static INSTALL: Once = Once::new();

thread_local! {
    /// The error state's sentence and button, by language (`lang` of a panel's root),
    /// as the panels put their languages in place: after a panic nothing can be looked up.
    static TEXTS: std::cell::RefCell<Vec<(String, String, String)>> = const { std::cell::RefCell::new(Vec::new()) };
}

/// Keeps the error state's wording for panels in `lang`.
pub fn remember(lang: &str, text: String, reload: String) {
    let _ = TEXTS.try_with(|t| {
        let mut t = t.borrow_mut();
        t.retain(|(l, _, _)| l != lang);
        t.push((lang.to_owned(), text, reload));
    });
}

/// The error state's sentence and button for a root in `lang` (English if unknown).
fn texts_for(lang: Option<String>) -> (String, String) {
    use crate::core::i18n::{English, Speaker, M};
    let known = lang.and_then(|lang| {
        TEXTS
            .try_with(|t| {
                t.try_borrow().ok()?.iter().find(|(l, _, _)| *l == lang).map(|(_, a, b)| (a.clone(), b.clone()))
            })
            .ok()
            .flatten()
    });
    known.unwrap_or_else(|| (English.say(M::PanicText), English.say(M::PanicReload)))
}

/// Installs the hook (once per page; later calls do nothing).
pub fn install() {
    INSTALL.call_once(|| {
        std::panic::set_hook(Box::new(|info| report(&info.to_string())));
    });
}

/// What the hook does with a panic message: logs it to `console.error` with the
/// stored tokens redacted, then shows the error state. Public for tests.
pub fn report(message: &str) {
    let message = redact(message, &stored_tokens());
    web_sys::console::error_1(&JsValue::from_str(&format!("active-sessions panicked: {message}")));
    show_error_state();
}

/// Replaces the content of every `.as-root` element on the page with the error
/// state. Public so that tests (and hosts) can show it without panicking.
pub fn show_error_state() {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else { return };
    let Ok(roots) = doc.query_selector_all(".as-root") else { return };
    for i in 0..roots.length() {
        let Some(root) = roots.item(i).and_then(|n| n.dyn_into::<web_sys::Element>().ok()) else { continue };
        let _ = root.set_attribute("data-state", "crashed");
        let _ = build_error_box(&root);
    }
}

fn build_error_box(root: &web_sys::Element) -> Result<(), JsValue> {
    let (text, reload) = texts_for(root.get_attribute("lang"));
    let mut markup = String::from(r#"<div class="as-error-box"><p role="alert">"#);
    crate::core::format::escape_html_into(&mut markup, &text);
    markup.push_str(r#"</p><button type="button" class="as-btn">"#);
    crate::core::format::escape_html_into(&mut markup, &reload);
    markup.push_str("</button></div>");
    root.set_inner_html(&markup);
    // `location.reload` bound to `location`: native JS, callable after the wasm instance trapped.
    if let (Some(location), Some(button)) = (web_sys::window().map(|w| w.location()), root.query_selector("button")?) {
        let reload = js_sys::Reflect::get(&location, &JsValue::from_str("reload"))?;
        if let Some(f) = reload.dyn_ref::<js_sys::Function>() {
            let bound = f.bind0(&location);
            button.add_event_listener_with_callback("click", &bound)?;
        }
    }
    Ok(())
}

/// Every token stored in localStorage: the auth token of any value that reads as
/// credentials (this component's entries, whatever their key), and the Rocket.Chat
/// web client's `Meteor.loginToken`. Never fails; blocked storage gives nothing.
fn stored_tokens() -> Vec<String> {
    let Some(storage) = crate::web::storage::local_storage() else {
        return Vec::new();
    };
    let len = storage.length().unwrap_or(0);
    let mut tokens = Vec::new();
    for i in 0..len.min(1_000) {
        let Some(key) = storage.key(i).ok().flatten() else { continue };
        let Some(value) = storage.get_item(&key).ok().flatten() else { continue };
        if key == "Meteor.loginToken" {
            tokens.push(value);
            continue;
        }
        if !value.contains("authToken") {
            continue;
        }
        // Ours, or a newer format that still names it so: the `authToken` field.
        if let Some(t) = json::parse(&value).and_then(|m| m.text_field("authToken")) {
            tokens.push(t);
        }
    }
    tokens
}

/// `text` with every occurrence of each (non-trivial) token replaced by `[redacted]`.
pub fn redact(text: &str, tokens: &[String]) -> String {
    let mut out = text.to_owned();
    for t in tokens {
        let t = t.trim();
        // A very short "token" would redact ordinary words; real tokens are 40+ characters.
        if t.chars().count() >= 8 {
            out = out.replace(t, "[redacted]");
        }
    }
    out
}
