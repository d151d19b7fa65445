//! Helpers for the browser tests: mounting, finding elements by accessible name,
//! acting like a user, waiting, and the reference server's test controls.
#![allow(dead_code)]

use std::future::Future;

use active_sessions::core::creds::{decode_credentials, encode_credentials, Credentials, StoredCredentials};
use active_sessions::ActiveSessions;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// The reference server's URL, baked in by scripts/test.sh.
pub fn server() -> &'static str {
    option_env!("AS_TEST_SERVER").unwrap_or("http://127.0.0.1:3917")
}

pub async fn sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window().unwrap().set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms);
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// Lets Leptos update the DOM, then checks `check`, every 50 ms for up to 10 s;
/// panics with `why()` if it never holds.
pub async fn poll(check: impl Fn() -> bool, why: impl Fn() -> String) {
    poll_for(10, check, why).await
}

/// [`poll`] for up to `seconds` (slow flows: a rate limit waited out).
pub async fn poll_for(seconds: u32, check: impl Fn() -> bool, why: impl Fn() -> String) {
    for _ in 0..seconds * 20 {
        leptos::task::tick().await;
        if check() {
            return;
        }
        sleep(50).await;
    }
    panic!("{}", why());
}

pub async fn wait_for<F, Fut>(f: F, what: &str)
where
    F: Fn() -> Fut,
    Fut: Future<Output = bool>,
{
    for _ in 0..200 {
        if f().await {
            return;
        }
        sleep(50).await;
    }
    panic!("timed out waiting for {what}");
}

async fn http(method: &str, path: &str, body: Option<&str>) -> (u16, String) {
    let url = format!("{}{}", server(), path);
    let req = match method {
        "GET" => gloo_net::http::Request::get(&url).build().unwrap(),
        _ => gloo_net::http::Request::post(&url)
            .header("Content-Type", "application/json")
            .body(body.unwrap_or("{}"))
            .unwrap(),
    };
    let resp = req.send().await.expect("reference server reachable");
    (resp.status(), resp.text().await.unwrap_or_default())
}

pub async fn control(path: &str, body: &str) {
    let (status, text) = http("POST", path, Some(body)).await;
    assert!(status < 300, "control {path} failed: {status} {text}");
}

/// What the browser sends when the window regains focus.
pub fn focus_window() {
    web_sys::window().unwrap().dispatch_event(&web_sys::Event::new("focus").unwrap()).unwrap();
}

pub async fn reset() {
    control("/__control/reset", "{}").await;
}

pub async fn inject(json: &str) {
    control("/__control/inject", json).await;
}

pub async fn requests(route: &str) -> Vec<serde_json::Value> {
    let (_, text) = http("GET", &format!("/__control/requests?route={route}"), None).await;
    let v: serde_json::Value = serde_json::from_str(&text).expect("requests log json");
    v["requests"].as_array().cloned().unwrap_or_default()
}

pub async fn demo_user_id() -> String {
    let (_, text) = http("GET", "/__control/state", None).await;
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["userId"].as_str().unwrap().to_owned()
}

pub async fn state_total() -> u64 {
    let (_, text) = http("GET", "/__control/state", None).await;
    let v: serde_json::Value = serde_json::from_str(&text).unwrap();
    v["sessions"].as_u64().unwrap()
}

/// Resets the server and signs `demo` in, as the component would: a password login,
/// then the resume login that makes this browser a listed row.
pub async fn fresh_login() -> Credentials {
    reset().await;
    let client = active_sessions::web::api::ApiClient::new(server());
    let creds = client
        .sign_in("demo", "demo", None, &active_sessions::web::api::RequestHandle::new())
        .await
        .expect("demo sign-in");
    assert!(creds.listed, "the resume login after the password login was accepted");
    creds
}

/// Resets the server and logs `demo` in with a password only: on a real server that
/// login has no listed row.
pub async fn fresh_password_login_unlisted() -> Credentials {
    reset().await;
    let client = active_sessions::web::api::ApiClient::new(server());
    let login =
        client.login("demo", "demo", None, &active_sessions::web::api::RequestHandle::new()).await.expect("demo login");
    Credentials { user_id: login.user_id, auth_token: login.auth_token, base_url: server().to_owned(), listed: false }
}

/// Credentials for a token the user brings (never logged in again by the panel).
pub fn brought_creds(user_id: &str, token: &str) -> Credentials {
    Credentials { user_id: user_id.into(), auth_token: token.into(), base_url: server().into(), listed: false }
}

/// `GET /__control/state`: `userId`, `sessions` (demo's listed rows), `webToken`,
/// `webSessionId`, `pat`.
pub async fn control_state() -> serde_json::Value {
    let (_, text) = http("GET", "/__control/state", None).await;
    serde_json::from_str(&text).expect("state json")
}

/// A request to the reference server's API as the user: `(status, body)`. A `body`
/// makes it a POST of that JSON.
pub async fn as_user(creds: &Credentials, path: &str, body: Option<&str>) -> (u16, String) {
    let url = format!("{}{path}", server());
    let builder = match body {
        None => gloo_net::http::Request::get(&url),
        Some(_) => gloo_net::http::Request::post(&url).header("Content-Type", "application/json"),
    }
    .header("X-User-Id", &creds.user_id)
    .header("X-Auth-Token", &creds.auth_token);
    let resp = match body {
        None => builder.send().await,
        Some(b) => builder.body(b).unwrap().send().await,
    }
    .unwrap();
    (resp.status(), resp.text().await.unwrap_or_default())
}

pub async fn me_status(creds: &Credentials) -> u16 {
    as_user(creds, "/api/v1/me", None).await.0
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}
/// An event that bubbles, as the browser's own `input` and `change` do (the panel
/// listens on its containers).
pub fn bubbling(name: &str) -> web_sys::Event {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    web_sys::Event::new_with_event_init_dict(name, &init).unwrap()
}

pub fn storage_get(key: &str) -> Option<String> {
    storage().get_item(key).unwrap()
}
pub fn storage_set(key: &str, v: &str) {
    storage().set_item(key, v).unwrap()
}
pub fn storage_remove(key: &str) {
    let _ = storage().remove_item(key);
}
pub fn stored_creds(key: &str) -> Credentials {
    match decode_credentials(&storage_get(key).expect("stored")) {
        StoredCredentials::Valid(c) => c,
        other => panic!("not valid credentials: {other:?}"),
    }
}

/// Makes `window.localStorage` throw, as in a sandboxed iframe.
pub fn block_storage(on: bool) {
    // `localStorage` is an own accessor of the global object in Chromium: keep it to put it back.
    let js = if on {
        "window.__asStorage = window.__asStorage || Object.getOwnPropertyDescriptor(window, 'localStorage') || Object.getOwnPropertyDescriptor(Window.prototype, 'localStorage'); \
         Object.defineProperty(window, 'localStorage', { configurable: true, get() { throw new DOMException('blocked', 'SecurityError'); } });"
    } else {
        "Object.defineProperty(window, 'localStorage', window.__asStorage);"
    };
    js_sys::eval(js).unwrap();
}

pub fn dispatch_storage_event(key: &str, new_value: Option<&str>) {
    let init = web_sys::StorageEventInit::new();
    init.set_key(Some(key));
    init.set_new_value(new_value);
    let ev = web_sys::StorageEvent::new_with_event_init_dict("storage", &init).unwrap();
    web_sys::window().unwrap().dispatch_event(&ev).unwrap();
}

pub fn unique_key() -> String {
    format!("as-test.{}", (js_sys::Math::random() * 1e12) as u64)
}

#[derive(Default, Clone)]
pub struct Opts {
    pub key: Option<String>,
    pub timeout_ms: Option<u32>,
    pub sync_url: bool,
    pub refresh_interval_ms: Option<u32>,
    /// `None`: the component's default.
    pub focus_refresh_after_ms: Option<u32>,
    pub page_size: Option<u32>,
    pub reuse_rocketchat_login: bool,
    /// The `locale` prop's first value (`None`: unset, the page's language).
    pub locale: Option<String>,
    pub messages: Option<active_sessions::core::i18n::Messages>,
    /// `None`: the reference server's `locales/`.
    pub locales_url: Option<String>,
    /// `None`: the component's default (30).
    pub stale_after_days: Option<u32>,
}

/// A mounted component in a fresh element; unmounted and cleaned up on drop.
pub struct Mounted {
    pub root: HtmlElement,
    pub key: String,
    /// The `locale` prop: setting it changes the language at run time.
    pub locale: RwSignal<String>,
    handle: Option<leptos::mount::UnmountHandle<leptos::tachys::view::any_view::AnyViewState>>,
}

impl Mounted {
    pub fn new(opts: Opts) -> Self {
        let doc = document();
        let root: HtmlElement = doc.create_element("div").unwrap().unchecked_into();
        doc.body().unwrap().append_child(&root).unwrap();
        let key = opts.key.clone().unwrap_or_else(unique_key);
        let k = key.clone();
        let locale = RwSignal::new(opts.locale.clone().unwrap_or_default());
        // The catalogs from the reference server (scripts/test.sh serves the repository).
        let locales_url = opts.locales_url.clone().unwrap_or_else(|| format!("{}/locales/", server()));
        let handle = leptos::mount::mount_to(root.clone(), move || {
            view! {
                <ActiveSessions
                    base_url=server()
                    storage_key=k
                    debounce_ms=50
                    timeout_ms=opts.timeout_ms.unwrap_or(10_000)
                    sync_url=opts.sync_url
                    refresh_interval_ms=opts.refresh_interval_ms.unwrap_or(0)
                    focus_refresh_after_ms=opts.focus_refresh_after_ms.unwrap_or(active_sessions::ui::DEFAULT_FOCUS_REFRESH_AFTER_MS)
                    default_page_size=opts.page_size.unwrap_or(25)
                    reuse_rocketchat_login=opts.reuse_rocketchat_login
                    locale=locale
                    messages=opts.messages.clone().unwrap_or_default()
                    locales_url=locales_url
                    stale_after_days=opts.stale_after_days.unwrap_or(30)
                />
            }
            .into_any()
        });
        Self { root, key, locale, handle: Some(handle) }
    }

    /// A fresh demo login (server reset first), mounted with it, its list shown.
    pub async fn signed_in_fresh(opts: Opts) -> (Self, Credentials) {
        let creds = fresh_login().await;
        let t = Self::signed_in(opts, &creds);
        t.wait_list().await;
        (t, creds)
    }

    pub fn signed_in(opts: Opts, creds: &Credentials) -> Self {
        let key = opts.key.clone().unwrap_or_else(unique_key);
        storage_set(&key, &encode_credentials(creds));
        Self::new(Opts { key: Some(key), ..opts })
    }

    pub fn text(&self) -> String {
        self.root.text_content().unwrap_or_default()
    }

    pub fn count_text(&self, needle: &str) -> usize {
        self.text().matches(needle).count()
    }

    fn all(&self, sel: &str) -> Vec<Element> {
        let list = self.root.query_selector_all(sel).unwrap();
        (0..list.length()).filter_map(|i| list.item(i)?.dyn_into::<Element>().ok()).collect()
    }

    /// A button by accessible name: its aria-label, or else its text.
    pub fn button(&self, name: &str) -> Option<HtmlElement> {
        self.all("button").into_iter().find_map(|b| {
            let label = b.get_attribute("aria-label").unwrap_or_else(|| b.text_content().unwrap_or_default());
            (label.trim() == name).then(|| b.unchecked_into())
        })
    }

    /// A form control by the text of its `<label>`.
    pub fn field(&self, name: &str) -> Option<HtmlElement> {
        self.all("label").into_iter().find_map(|l| {
            let text = l
                .query_selector("span")
                .ok()
                .flatten()
                .and_then(|s| s.text_content())
                .unwrap_or_else(|| l.text_content().unwrap_or_default());
            if text.trim() != name {
                return None;
            }
            l.query_selector("input, select").ok().flatten().map(|e| e.unchecked_into())
        })
    }

    pub fn click(&self, name: &str) {
        self.button(name).unwrap_or_else(|| panic!("no button named {name:?}")).click();
    }

    pub fn fill(&self, name: &str, value: &str) {
        let el = self.field(name).unwrap_or_else(|| panic!("no field labelled {name:?}"));
        let input: web_sys::HtmlInputElement = el.unchecked_into();
        input.set_value(value);
        input.dispatch_event(&bubbling("input")).unwrap();
    }

    pub fn select(&self, name: &str, value: &str) {
        let el = self.field(name).unwrap_or_else(|| panic!("no select labelled {name:?}"));
        let select: web_sys::HtmlSelectElement = el.unchecked_into();
        select.set_value(value);
        select.dispatch_event(&bubbling("change")).unwrap();
    }

    /// Picks a radio choice by its label text.
    pub fn choose(&self, name: &str) {
        let label = self
            .all("label")
            .into_iter()
            .find(|l| l.text_content().unwrap_or_default().trim() == name)
            .unwrap_or_else(|| panic!("no choice {name:?}"));
        let input: HtmlElement = label.query_selector("input").unwrap().unwrap().unchecked_into();
        input.click();
    }

    pub fn list(&self) -> Option<Element> {
        self.root.query_selector("ul.as-list:not(.as-skeletons)").unwrap()
    }

    pub fn card_titles(&self) -> Vec<String> {
        self.list()
            .map(|l| {
                let arts = l.query_selector_all("li > article").unwrap();
                (0..arts.length())
                    .filter_map(|i| {
                        let a: Element = arts.item(i)?.unchecked_into();
                        let id = a.get_attribute("aria-labelledby")?;
                        document().get_element_by_id(&id)?.text_content()
                    })
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn status(&self) -> String {
        self.texts("[role=status]")
    }

    /// The text of every `role=alert` element, joined.
    pub fn alerts(&self) -> String {
        self.texts("[role=alert]")
    }

    fn texts(&self, selector: &str) -> String {
        self.all(selector).iter().map(|e| e.text_content().unwrap_or_default()).collect::<Vec<_>>().join(" | ")
    }

    pub async fn wait_text(&self, needle: &str) {
        poll(
            || self.text().contains(needle),
            || format!("timed out waiting for text {needle:?}; page text: {}", self.text()),
        )
        .await
    }

    /// [`Self::wait_text`] for slow flows (a rate limit waited out): up to `seconds`.
    pub async fn wait_text_for(&self, needle: &str, seconds: u32) {
        poll_for(
            seconds,
            || self.text().contains(needle),
            || format!("timed out after {seconds} s waiting for text {needle:?}; page text: {}", self.text()),
        )
        .await
    }

    pub async fn wait_until_gone(&self, needle: &str) {
        poll(|| !self.text().contains(needle), || format!("timed out waiting for {needle:?} to go")).await
    }

    pub async fn wait_field(&self, name: &str) {
        poll(
            || self.field(name).is_some(),
            || format!("timed out waiting for field {name:?}; page text: {}", self.text()),
        )
        .await
    }

    pub async fn wait_list(&self) -> Element {
        let filled = || self.list().filter(|l| l.child_element_count() > 0);
        poll(|| filled().is_some(), || format!("timed out waiting for the session list; page text: {}", self.text()))
            .await;
        filled().expect("the list, just seen")
    }

    pub async fn wait_status(&self, needle: &str) {
        poll(
            || self.status().contains(needle),
            || format!("timed out waiting for status {needle:?}; status: {}", self.status()),
        )
        .await
    }

    pub async fn wait_alert(&self, needle: &str) {
        poll(
            || self.alerts().contains(needle),
            || {
                format!(
                    "timed out waiting for an alert with {needle:?}; alerts: {:?}; text: {}",
                    self.alerts(),
                    self.text()
                )
            },
        )
        .await
    }

    pub async fn wait_no_alert(&self) {
        poll(|| self.alerts().is_empty(), || format!("the alert did not go: {}", self.alerts())).await
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        drop(self.handle.take());
        self.root.remove();
        storage_remove(&self.key);
    }
}
