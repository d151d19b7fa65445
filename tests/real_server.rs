//! Browser tests of what a real Rocket.Chat does with the panel's logins (the
//! contract's "which logins ever become a row"): a password login is not listed, a
//! resume login is, a personal access token never is, `logoutOtherClients` leaves the
//! rows. The panel must say "This device" only when the server says so, count the
//! other sessions right in every sign-in mode, and leave the server's list as it says
//! after "Sign out all other devices".
#![cfg(target_arch = "wasm32")]

mod support;

use support::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn dialog_text(t: &Mounted) -> String {
    t.root.query_selector("dialog").unwrap().expect("a dialog").text_content().unwrap_or_default()
}

fn others_button(t: &Mounted) -> web_sys::HtmlButtonElement {
    t.button("Sign out all other devices").expect("the button").unchecked_into()
}

/// Confirms "Sign out all other devices" through the dialog.
async fn start_sign_out_others(t: &Mounted) {
    t.click("Sign out all other devices");
    leptos::task::tick().await;
    t.click("Sign out other devices");
}

/// [`start_sign_out_others`], then waits for the summary.
async fn sign_out_others(t: &Mounted) {
    start_sign_out_others(t).await;
    t.wait_text_for("All other devices were signed out.", 60).await;
}

async fn cards_after_refresh(t: &Mounted) -> usize {
    t.click("Refresh");
    sleep(300).await;
    t.wait_until_gone("Updating").await;
    t.card_titles().len()
}

async fn logins() -> usize {
    requests("/api/v1/login").await.iter().filter(|r| r["method"] == "POST").count()
}

#[wasm_bindgen_test]
async fn password_sign_in_registers_this_device_by_resume() {
    reset().await;
    let seeded = state_total().await;
    let t = Mounted::new(Opts::default());
    t.wait_field("Username or email").await;
    t.fill("Username or email", "demo");
    t.fill("Password", "demo");
    t.click("Sign in");
    t.wait_list().await;
    // Password login + resume login: the second one is what the server lists.
    assert_eq!(logins().await, 2);
    assert_eq!(state_total().await, seeded + 1, "exactly one new row, this browser's");
    t.wait_text("This device").await;
    assert_eq!(t.count_text("This device"), 1);
    assert!(stored_creds(&t.key).listed);
    t.click("Sign out all other devices");
    leptos::task::tick().await;
    assert!(dialog_text(&t).contains(&format!("{seeded} other sessions will be signed out")), "{}", dialog_text(&t));
    t.click("Cancel");
}

#[wasm_bindgen_test]
async fn an_unlisted_password_login_claims_no_row_and_removes_them_all() {
    // A password login whose resume step did not happen: the server lists 64 rows,
    // none of them ours.
    let creds = fresh_password_login_unlisted().await;
    let seeded = state_total().await;
    let t = Mounted::signed_in(Opts::default(), &creds);
    t.wait_list().await;
    assert_eq!(t.count_text("This device"), 0, "no card claims to be this browser");
    assert!(!others_button(&t).disabled());
    // 64 rows over three pages, none marked: the panel does not guess a number.
    t.click("Sign out all other devices");
    leptos::task::tick().await;
    let text = dialog_text(&t);
    assert!(text.contains("Every other session will be signed out"), "{text}");
    t.click("Cancel");
    sign_out_others(&t).await;
    assert!(t.text().contains(&format!("Their {seeded} sessions were removed from the list.")), "{}", t.text());
    assert_eq!(state_total().await, 0, "the server lists what the panel said remains");
    assert_eq!(cards_after_refresh(&t).await, 0);
    t.wait_text("No other sessions.").await;
    assert_eq!(me_status(&stored_creds(&t.key)).await, 200, "this login still works");
}

#[wasm_bindgen_test]
async fn one_other_device_can_be_signed_out() {
    // Before: a server without `current` and an own row assumed, total − 1 = 0 turned the
    // button off with one other device listed.
    let creds = fresh_password_login_unlisted().await;
    control("/__control/config", r#"{"current":false}"#).await;
    let keep = control_state().await["webSessionId"].as_str().unwrap().to_owned();
    // Leave exactly one row on the server.
    let all = active_sessions::web::api::ApiClient::new(server());
    let q = active_sessions::core::query::ListQuery { page_size: 100, ..Default::default() };
    let page = all.list(&creds, &q, &active_sessions::web::api::RequestHandle::new()).await.unwrap();
    for s in page.sessions.iter().filter(|s| s.session_id != keep) {
        all.logout_session(&creds, &s.session_id, &active_sessions::web::api::RequestHandle::new()).await.unwrap();
    }
    assert_eq!(state_total().await, 1);
    let t = Mounted::signed_in(Opts::default(), &creds);
    t.wait_list().await;
    assert_eq!(t.card_titles().len(), 1);
    assert!(!others_button(&t).disabled(), "one other device is listed");
    assert!(!t.text().contains("No other sessions"), "{}", t.text());
    control("/__control/config", r#"{"current":true}"#).await;
}

#[wasm_bindgen_test]
async fn without_the_current_flag_this_device_is_found_by_its_hashed_token() {
    let creds = fresh_login().await;
    control("/__control/config", r#"{"current":false}"#).await;
    let seeded_plus_me = state_total().await;
    let t = Mounted::signed_in(Opts::default(), &creds);
    t.wait_list().await;
    // sessions/info reports each row's hashed token; ours is the newest row.
    t.wait_text("This device").await;
    assert_eq!(t.count_text("This device"), 1);
    let infos = requests("/api/v1/sessions/info").await.len();
    assert!((1..=2).contains(&infos), "{infos} sessions/info calls to find our row");
    t.click("Sign out all other devices");
    leptos::task::tick().await;
    assert!(dialog_text(&t).contains(&format!("{} other sessions", seeded_plus_me - 1)), "{}", dialog_text(&t));
    t.click("Cancel");
    sign_out_others(&t).await;
    assert_eq!(state_total().await, 1, "only this browser's row is left");
    assert_eq!(cards_after_refresh(&t).await, 1, "{}", t.text());
    assert_eq!(t.count_text("This device"), 1);
    assert_eq!(me_status(&stored_creds(&t.key)).await, 200);
    control("/__control/config", r#"{"current":true}"#).await;
}

#[wasm_bindgen_test]
async fn a_reused_web_client_login_keeps_its_own_row() {
    reset().await;
    let state = control_state().await;
    let (user, token) = (state["userId"].as_str().unwrap(), state["webToken"].as_str().unwrap());
    let web_row = state["webSessionId"].as_str().unwrap().to_owned();
    storage_set("Meteor.userId", user);
    storage_set("Meteor.loginToken", token);
    let t = Mounted::new(Opts { reuse_rocketchat_login: true, ..Opts::default() });
    t.wait_list().await;
    sign_out_others(&t).await;
    assert_eq!(state_total().await, 1);
    assert_eq!(cards_after_refresh(&t).await, 1);
    assert_eq!(t.count_text("This device"), 1, "the web client's row, marked by the server");
    // The row left is the web client's, and its token still works.
    let q = active_sessions::core::query::ListQuery::default();
    let creds = brought_creds(user, token);
    let page = active_sessions::web::api::ApiClient::new(server())
        .list(&creds, &q, &active_sessions::web::api::RequestHandle::new())
        .await
        .unwrap();
    assert_eq!(page.sessions[0].session_id, web_row);
    drop(t);
    storage_remove("Meteor.userId");
    storage_remove("Meteor.loginToken");
}

#[wasm_bindgen_test]
async fn a_personal_access_token_has_no_row() {
    reset().await;
    let state = control_state().await;
    let seeded = state_total().await;
    let t = Mounted::new(Opts::default());
    t.wait_field("Username or email").await;
    t.choose("User ID and access token");
    t.wait_field("User ID").await;
    t.fill("User ID", state["userId"].as_str().unwrap());
    t.fill("Personal access token", state["pat"].as_str().unwrap());
    t.click("Sign in");
    t.wait_list().await;
    assert_eq!(logins().await, 0, "a token the user brings is never logged in again");
    assert_eq!(state_total().await, seeded);
    assert_eq!(t.count_text("This device"), 0);
    sign_out_others(&t).await;
    assert_eq!(state_total().await, 0);
    assert_eq!(cards_after_refresh(&t).await, 0);
    assert_eq!(me_status(&stored_creds(&t.key)).await, 200, "the access token is kept");
}

#[wasm_bindgen_test]
async fn without_the_flag_an_unknown_row_is_left_and_the_panel_says_so() {
    // A personal access token on a server without `current`: any row could be ours,
    // so none is removed, and the summary says how many stay.
    reset().await;
    control("/__control/config", r#"{"current":false}"#).await;
    let state = control_state().await;
    let seeded = state_total().await;
    let creds = brought_creds(state["userId"].as_str().unwrap(), state["pat"].as_str().unwrap());
    let t = Mounted::signed_in(Opts::default(), &creds);
    t.wait_list().await;
    sign_out_others(&t).await;
    assert!(t.text().contains(&format!("so it still lists {seeded} sessions")), "{}", t.text());
    assert_eq!(state_total().await, seeded, "what the panel said");
    control("/__control/config", r#"{"current":true}"#).await;
}

#[wasm_bindgen_test]
async fn the_rate_limit_is_waited_out_and_progress_shown() {
    let creds = fresh_login().await;
    let total = state_total().await;
    let t = Mounted::signed_in(Opts::default(), &creds);
    t.wait_list().await;
    // 30 calls per 2 s per route: the 64 logout.me calls need three windows.
    control("/__control/config", r#"{"rateLimit":"30/2"}"#).await;
    start_sign_out_others(&t).await;
    t.wait_text_for("The server asks us to slow down", 30).await;
    t.wait_text_for("All other devices were signed out.", 60).await;
    assert!(t.text().contains(&format!("Their {} sessions were removed from the list.", total - 1)), "{}", t.text());
    control("/__control/config", r#"{"rateLimit":null}"#).await;
    assert_eq!(state_total().await, 1);
    let limited = requests("/api/v1/sessions/logout.me").await.iter().filter(|r| r["status"] == 429).count();
    assert!(limited >= 1, "the server did limit the run");
}

#[wasm_bindgen_test]
async fn a_failed_removal_is_reported_with_what_is_left() {
    let creds = fresh_login().await;
    let total = state_total().await;
    let t = Mounted::signed_in(Opts::default(), &creds);
    t.wait_list().await;
    inject(r#"{"route":"/api/v1/sessions/logout.me","times":2,"status":500}"#).await;
    sign_out_others(&t).await;
    let removed = total - 1 - 2;
    assert!(
        t.text().contains(&format!("{removed} of {} sessions were removed from the list; 2 could not be", total - 1)),
        "{}",
        t.text()
    );
    assert_eq!(state_total().await, 3, "this one and the two that failed");
    assert_eq!(cards_after_refresh(&t).await, 3);
    assert!(!others_button(&t).disabled(), "two other sessions are still there to sign out");
}
