//! The demo app that `trunk serve` shows: the component with URL sync on, talking
//! to the same origin (Trunk proxies `/api/` to the reference server). The page's
//! language menu (`#demo-lang`, plain HTML in index.html) drives the `locale` signal
//! at run time; `?locale=de` picks the first one.

use active_sessions::ActiveSessions;
use leptos::prelude::*;
use wasm_bindgen::{closure::Closure, JsCast};

fn main() {
    let Some(root) = document().get_element_by_id("app") else { return };
    let Ok(root) = root.dyn_into::<web_sys::HtmlElement>() else { return };
    let menu = document().get_element_by_id("demo-lang").and_then(|e| e.dyn_into::<web_sys::HtmlSelectElement>().ok());
    let locale = RwSignal::new(menu.as_ref().map(|m| m.value()).unwrap_or_default());
    if let Some(menu) = menu {
        let m = menu.clone();
        let on_change = Closure::<dyn Fn()>::new(move || locale.set(m.value()));
        let _ = menu.add_event_listener_with_callback("change", on_change.as_ref().unchecked_ref());
        on_change.forget();
    }
    leptos::mount::mount_to(
        root,
        move || view! { <ActiveSessions sync_url=true refresh_interval_ms=60_000 locale=locale /> },
    )
    .forget();
}
