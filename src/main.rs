//! The demo app that `trunk serve` shows: the component with URL sync on, talking
//! to the same origin (Trunk proxies `/api/` to the reference server).

use active_sessions::ActiveSessions;
use leptos::prelude::*;

fn main() {
    let Some(root) = document().get_element_by_id("app") else { return };
    let Ok(root) = wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlElement>(root) else { return };
    leptos::mount::mount_to(root, || view! { <ActiveSessions sync_url=true refresh_interval_ms=60_000 /> }).forget();
}
