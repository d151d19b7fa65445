//! Browser tests in headless Chromium, against the reference server started by
//! `scripts/test.sh` with `--test-controls` (its URL is baked in at compile time as
//! `AS_TEST_SERVER`). The test page has another origin than the server, so every
//! call here is a real cross-origin request with a CORS preflight.
//!
//! Elements are found through their accessible names only.
#![cfg(target_arch = "wasm32")]

mod support;

use active_sessions::core::creds::encode_credentials;
use active_sessions::core::error::ApiError;
use active_sessions::core::query::ListQuery;
use active_sessions::web::api::{ApiClient, RequestHandle};
use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen_test]
async fn api_client_lists_sessions_cross_origin_with_exact_params() {
    let creds = fresh_login().await;
    let client = ApiClient::new(server());
    let page = client.list(&creds, &ListQuery::default(), &RequestHandle::new()).await.expect("list");
    assert_eq!(page.count, 25);
    assert_eq!(page.sessions.len(), 25);
    assert!(page.total >= 60, "seeded sessions: {}", page.total);
    assert_eq!(page.sessions.iter().filter(|s| s.current == Some(true)).count(), 1);
    let log = requests("/api/v1/sessions/list").await;
    let last = log.last().expect("a logged request");
    assert_eq!(last["query"], "offset=0&count=25");
    assert!(!last["query"].as_str().unwrap_or("").contains(&creds.auth_token));
}

#[wasm_bindgen_test]
async fn api_client_maps_errors_and_times_out() {
    let creds = fresh_login().await;
    let client = ApiClient::new(server()).with_timeout(400);
    inject(r#"{"route":"/api/v1/sessions/list","delayMs":1500}"#).await;
    let err = client.list(&creds, &ListQuery::default(), &RequestHandle::new()).await.unwrap_err();
    assert_eq!(err, ApiError::Timeout);

    inject(
        r#"{"route":"/api/v1/sessions/list","status":502,"body":"<html>Bad gateway</html>","contentType":"text/html"}"#,
    )
    .await;
    let err = client.list(&creds, &ListQuery::default(), &RequestHandle::new()).await.unwrap_err();
    assert_eq!(err, ApiError::Server { status: 502 });

    // Aborting a request in flight ends it at once, long before the server answers.
    let client = ApiClient::new(server());
    let handle = RequestHandle::new();
    inject(r#"{"route":"/api/v1/sessions/list","delayMs":3000}"#).await;
    let out = std::rc::Rc::new(std::cell::RefCell::new(None));
    {
        let (out, handle, creds, client) = (out.clone(), handle.clone(), creds.clone(), client.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let r = client.list(&creds, &ListQuery::default(), &handle).await;
            *out.borrow_mut() = Some(r);
        });
    }
    let started = js_sys::Date::now();
    sleep(100).await;
    assert!(out.borrow().is_none(), "still in flight");
    handle.abort();
    wait_for(
        || {
            let done = out.borrow().is_some();
            async move { done }
        },
        "the aborted request to end",
    )
    .await;
    assert!(js_sys::Date::now() - started < 2500.0, "abort did not cancel the fetch");
    assert_eq!(out.borrow_mut().take().unwrap().unwrap_err(), ApiError::Aborted);

    // Authenticated calls go to the server the credentials belong to.
    let nowhere = active_sessions::core::creds::Credentials { base_url: "http://127.0.0.1:9".into(), ..creds.clone() };
    let refused = ApiClient::new(server()).list(&nowhere, &ListQuery::default(), &RequestHandle::new()).await;
    assert_eq!(refused.unwrap_err(), ApiError::Network);
}

#[wasm_bindgen_test]
async fn signs_in_with_password_and_shows_cards() {
    reset().await;
    let t = Mounted::new(Opts::default());
    // The form is drawn once the panel is mounted (an effect).
    t.wait_field("Username or email").await;
    t.wait_text("Sign in to see your sessions").await;
    t.fill("Username or email", "demo");
    t.fill("Password", "demo");
    t.click("Sign in");
    let list = t.wait_list().await;
    let items = list.query_selector_all(":scope > li").unwrap().length();
    assert_eq!(items, 25);
    let total = state_total().await;
    t.wait_status(&format!("Showing 1–25 of {total} sessions")).await;
    // Stored as one versioned JSON value under the configured key.
    let raw = storage_get(&t.key).expect("stored credentials");
    assert!(raw.contains("\"v\":1"), "{raw}");
    // The token is in storage, but nowhere in the DOM.
    let creds = stored_creds(&t.key);
    assert!(!t.root.outer_html().contains(&creds.auth_token));
    // Exactly one card carries the "This device" badge, as text.
    assert_eq!(t.count_text("This device"), 1);
}

#[wasm_bindgen_test]
async fn two_factor_login_asks_for_the_code() {
    reset().await;
    let t = Mounted::new(Opts::default());
    // The form is drawn once the panel is mounted (an effect).
    t.wait_field("Username or email").await;
    t.fill("Username or email", "twofa");
    t.fill("Password", "twofa");
    t.click("Sign in");
    t.wait_field("Two-factor code").await;
    t.fill("Two-factor code", "000000");
    t.click("Sign in");
    t.wait_text("The two-factor code is not valid").await;
    t.fill("Two-factor code", "123456");
    t.click("Sign in");
    t.wait_list().await;
}

#[wasm_bindgen_test]
async fn signs_in_with_personal_access_token_checked_by_me() {
    reset().await;
    let demo = demo_user_id().await;
    let t = Mounted::new(Opts::default());
    t.wait_field("Username or email").await;
    t.choose("User ID and access token");
    t.wait_field("User ID").await;
    t.fill("User ID", &demo);
    t.fill("Personal access token", "wrong-token");
    t.click("Sign in");
    t.wait_text("were not accepted").await;
    assert!(storage_get(&t.key).is_none(), "nothing saved for a rejected token");
    t.fill("Personal access token", "demo-personal-access-token");
    t.click("Sign in");
    t.wait_list().await;
    assert_eq!(stored_creds(&t.key).auth_token, "demo-personal-access-token");
}

#[wasm_bindgen_test]
async fn wrong_password_is_a_clear_error() {
    reset().await;
    let t = Mounted::new(Opts::default());
    // The form is drawn once the panel is mounted (an effect).
    t.wait_field("Username or email").await;
    t.fill("Username or email", "demo");
    t.fill("Password", "nope");
    t.click("Sign in");
    t.wait_text("Wrong username, e-mail or password.").await;
    assert!(storage_get(&t.key).is_none());
}

#[wasm_bindgen_test]
async fn sign_out_ends_the_login_and_clears_storage() {
    let (t, creds) = Mounted::signed_in_fresh(Opts::default()).await;
    t.click("Sign out");
    t.wait_text("Sign in to see your sessions").await;
    assert!(storage_get(&t.key).is_none());
    // The server forgot the token too (best-effort logout).
    wait_for(|| async { me_status(&creds).await == 401 }, "token revoked at the server").await;
}

#[wasm_bindgen_test]
async fn expired_token_signs_out_with_the_reason_and_clears_storage() {
    let (t, creds) = Mounted::signed_in_fresh(Opts::default()).await;
    control("/__control/expire-token", &format!(r#"{{"token":"{}"}}"#, creds.auth_token)).await;
    t.click("Refresh");
    t.wait_text("Sign in to see your sessions").await;
    t.wait_text("sign in again").await;
    assert!(storage_get(&t.key).is_none(), "a 401 clears the stored credentials");
}

#[wasm_bindgen_test]
async fn blocked_storage_keeps_credentials_in_memory_and_says_so() {
    reset().await;
    block_storage(true);
    let t = Mounted::new(Opts::default());
    // The form is drawn once the panel is mounted (an effect).
    t.wait_field("Username or email").await;
    t.wait_text("blocks site storage").await;
    t.fill("Username or email", "demo");
    t.fill("Password", "demo");
    t.click("Sign in");
    t.wait_list().await;
    block_storage(false);
    assert!(storage_get(&t.key).is_none(), "nothing was written while storage was blocked");
}

#[wasm_bindgen_test]
async fn corrupt_and_future_values_are_handled() {
    reset().await;
    let key = unique_key();
    storage_set(&key, "{not json");
    let t = Mounted::new(Opts { key: Some(key.clone()), ..Opts::default() });
    t.wait_text("unreadable and has been removed").await;
    assert!(storage_get(&key).is_none(), "corrupt value removed");
    drop(t);

    let key = unique_key();
    storage_set(&key, r#"{"v":2,"userId":"x","authToken":"y","baseUrl":""}"#);
    let t = Mounted::new(Opts { key: Some(key.clone()), ..Opts::default() });
    t.wait_text("newer version").await;
    assert!(storage_get(&key).is_some(), "a newer version's value is left alone");
    drop(t);
    storage_remove(&key);
}

#[wasm_bindgen_test]
async fn another_tab_signing_out_and_in_is_picked_up() {
    let (t, creds) = Mounted::signed_in_fresh(Opts::default()).await;
    storage_remove(&t.key);
    dispatch_storage_event(&t.key, None);
    t.wait_text("You signed out in another tab.").await;
    let raw = encode_credentials(&creds);
    storage_set(&t.key, &raw);
    dispatch_storage_event(&t.key, Some(&raw));
    t.wait_list().await;
}

#[wasm_bindgen_test]
async fn another_tab_renewing_the_token_reloads_the_list() {
    let (t, creds) = Mounted::signed_in_fresh(Opts::default()).await;
    // The other tab signed in again as the same user: same user id, a new token.
    let login = active_sessions::web::api::ApiClient::new(server())
        .login("demo", "demo", None, &active_sessions::web::api::RequestHandle::new())
        .await
        .expect("second demo login");
    let renewed = active_sessions::core::creds::Credentials { auth_token: login.auth_token, ..creds.clone() };
    assert_ne!(renewed.auth_token, creds.auth_token);
    control("/__control/requests/clear", "{}").await;
    let raw = encode_credentials(&renewed);
    storage_set(&t.key, &raw);
    dispatch_storage_event(&t.key, Some(&raw));
    t.wait_list().await;
    sleep(200).await;
    // GETs only: a CORS preflight comes too when Chromium's preflight cache (5 s) ran out.
    let log: Vec<_> = requests("/api/v1/sessions/list").await.into_iter().filter(|r| r["method"] == "GET").collect();
    assert_eq!(log.len(), 1, "one reload with the renewed token: {log:?}");
}

#[wasm_bindgen_test]
async fn superseded_request_never_reaches_the_screen() {
    let (t, _) = Mounted::signed_in_fresh(Opts::default()).await;
    // The first of the next two list requests answers late.
    inject(r#"{"route":"/api/v1/sessions/list","delayMs":1500}"#).await;
    t.fill("Filter sessions", "firefox");
    sleep(150).await; // past the test debounce: the slow request is in flight
    t.fill("Filter sessions", "chrome");
    t.wait_text("Chrome").await;
    // Watch the screen while the old answer lands: Firefox must never appear.
    for _ in 0..30 {
        sleep(80).await;
        let titles = t.card_titles();
        assert!(!titles.is_empty());
        assert!(titles.iter().all(|s| !s.contains("Firefox")), "stale results shown: {titles:?}");
    }
    let log = requests("/api/v1/sessions/list").await;
    let last = log.last().unwrap();
    assert!(last["query"].as_str().unwrap().contains("filter=chrome"));
}

#[wasm_bindgen_test]
async fn timeout_shows_retry_and_keeps_results() {
    let (t, _) = Mounted::signed_in_fresh(Opts { timeout_ms: Some(500), ..Opts::default() }).await;
    let before = t.card_titles();
    inject(r#"{"route":"/api/v1/sessions/list","delayMs":2000}"#).await;
    t.click("Refresh");
    t.wait_text("took too long").await;
    assert_eq!(t.card_titles(), before, "the last good results stay visible");
    t.click("Retry");
    t.wait_until_gone("took too long").await;
}

#[wasm_bindgen_test]
async fn reuses_the_rocketchat_web_client_login_only_when_asked() {
    let creds = fresh_login().await;
    storage_set("Meteor.userId", &creds.user_id);
    storage_set("Meteor.loginToken", &creds.auth_token);
    let t = Mounted::new(Opts::default());
    t.wait_text("Sign in to see your sessions").await;
    drop(t);
    // Same origin as the Rocket.Chat client: the component's base URL is its own.
    let t = Mounted::new(Opts { reuse_rocketchat_login: true, ..Opts::default() });
    t.wait_list().await;
    assert!(storage_get(&t.key).is_none(), "the web client's login is used, not copied");
    drop(t);
    storage_remove("Meteor.userId");
    storage_remove("Meteor.loginToken");
}
