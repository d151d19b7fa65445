//! Two-way sync between the list query and the page URL, through prefixed query
//! parameters that leave the host page's own parameters alone.
//!
//! No router: `leptos_router` would capture every link of the host page. Typing
//! replaces the history entry; a page change pushes one, so back/forward walk pages.

use wasm_bindgen::JsValue;

use crate::core::query::{ListQuery, Paging};

fn location() -> Option<web_sys::Location> {
    web_sys::window().map(|w| w.location())
}

/// The query encoded in the current URL, for the panel with page sizes `paging`
/// (its defaults for anything absent, invalid or not offered).
pub fn read(prefix: &str, paging: &Paging) -> ListQuery {
    let search = location().and_then(|l| l.search().ok()).unwrap_or_default();
    let params = web_sys::UrlSearchParams::new_with_str(&search).ok();
    let mut pairs: Vec<(String, String)> = Vec::new();
    if let Some(params) = params {
        for key in ["q", "sort", "size", "page"] {
            let name = format!("{prefix}{key}");
            if let Some(v) = params.get(&name) {
                pairs.push((name, v));
            }
        }
    }
    ListQuery::from_url_params(prefix, pairs.iter().map(|(k, v)| (k.as_str(), v.as_str())), paging)
}

/// How a change is recorded in the session history.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HistoryMode {
    Replace,
    Push,
}

/// Writes the query into the URL, keeping every other parameter and the hash.
/// The size is left out when it is the default of the query's own [`Paging`].
pub fn write(prefix: &str, query: &ListQuery, mode: HistoryMode) {
    let Some(window) = web_sys::window() else { return };
    let location = window.location();
    let (Ok(path), Ok(search), Ok(hash)) = (location.pathname(), location.search(), location.hash()) else {
        return;
    };
    let Ok(params) = web_sys::UrlSearchParams::new_with_str(&search) else { return };
    for key in ["q", "sort", "size", "page"] {
        params.delete(&format!("{prefix}{key}"));
    }
    for (k, v) in query.to_url_params(prefix) {
        params.append(&k, &v);
    }
    let qs = String::from(params.to_string());
    let url = if qs.is_empty() { format!("{path}{hash}") } else { format!("{path}?{qs}{hash}") };
    if url == format!("{path}{search}{hash}") {
        return;
    }
    let Ok(history) = window.history() else { return };
    let _ = match mode {
        HistoryMode::Replace => history.replace_state_with_url(&JsValue::NULL, "", Some(&url)),
        HistoryMode::Push => history.push_state_with_url(&JsValue::NULL, "", Some(&url)),
    };
}

/// Push when only the page moved (so Back returns to the previous page), replace otherwise.
pub fn mode_for(previous: &ListQuery, next: &ListQuery) -> HistoryMode {
    let same_view =
        previous.filter == next.filter && previous.sort == next.sort && previous.page_size == next.page_size;
    if same_view && previous.page != next.page {
        HistoryMode::Push
    } else {
        HistoryMode::Replace
    }
}
