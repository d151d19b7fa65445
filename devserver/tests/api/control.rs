//! /__control/… and the rate limiter

use std::time::Instant;

use devserver::seed::DEMO_ID;
use devserver::{Config, RateLimit};
use serde_json::{json, Value};

use crate::common::*;

#[tokio::test]
async fn controls_are_off_by_default() {
    let t = T::new();
    assert_eq!(t.req("GET", "/__control/state", &[], None).await.status, 404);
    assert_eq!(t.control("/__control/reset", "").await.status, 404);
}

#[tokio::test]
async fn state_endpoint() {
    let t = T::controls();
    let (web, web_session_id) = t.web();
    let r = t.req("GET", "/__control/state", &[], None).await;
    assert_eq!(
        (r.status, r.json()),
        (
            200,
            json!({"userId": DEMO_ID, "sessions": 64, "webToken": web.token, "webSessionId": web_session_id,
                   "pat": "demo-personal-access-token"})
        )
    );
    t.login().await;
    assert_eq!(t.control_state().await["sessions"], 65);
    t.password_login("demo").await;
    assert_eq!(t.control_state().await["sessions"], 65, "password logins are not rows");
}

#[tokio::test]
async fn inject_delay_delays_the_real_answer_once() {
    let t = T::controls();
    let r = t.control("/__control/inject", r#"{"route":"/api/v1/sessions/list","delayMs":300}"#).await;
    assert_eq!(r.status, 204);
    let start = Instant::now();
    let r = t.get("/api/v1/sessions/list?count=1", &Auth::pat()).await;
    assert!(start.elapsed().as_millis() >= 300, "delayed");
    assert_eq!((r.status, r.json()["total"].clone()), (200, json!(64)));
    let start = Instant::now();
    t.get("/api/v1/sessions/list?count=1", &Auth::pat()).await;
    assert!(start.elapsed().as_millis() < 250, "only once");
}

#[tokio::test]
async fn inject_skip_lets_calls_through_first() {
    let t = T::controls();
    let a = Auth::pat();
    let r = t.control("/__control/inject", r#"{"route":"/api/v1/me","skip":2,"status":500}"#).await;
    assert_eq!(r.status, 204);
    let statuses = [t.get("/api/v1/me", &a).await.status, t.get("/api/v1/me", &a).await.status];
    assert_eq!(statuses, [200, 200], "the first two pass");
    assert_eq!(t.get("/api/v1/me", &a).await.status, 500, "the third is the fault");
    assert_eq!(t.get("/api/v1/me", &a).await.status, 200, "once");
    let r = t.control("/__control/inject", r#"{"route":"/api/v1/me","skip":-1}"#).await;
    assert_eq!(r.status, 400);
}

#[tokio::test]
async fn inject_status_and_body() {
    let t = T::with(Config { test_controls: true, cors: vec!["*".into()], flavor: 6, ..Config::default() });
    let a = Auth::pat();
    let r = t
        .control(
            "/__control/inject",
            r#"{"route":"/api/v1/sessions/list?ignored=1","status":500,"body":"<html>oops</html>","contentType":"text/html"}"#,
        )
        .await;
    assert_eq!(r.status, 204);
    let r = t.get("/api/v1/sessions/list", &a).await;
    assert_eq!((r.status, r.text.as_str()), (500, "<html>oops</html>"));
    assert_eq!(r.header("content-type").as_deref(), Some("text/html"));
    assert_eq!(
        r.header("access-control-allow-origin").as_deref(),
        Some("*"),
        "CORS (when on) even on injected answers"
    );
    assert_eq!(t.get("/api/v1/sessions/list", &a).await.status, 200);

    // status without body → plausible JSON; FIFO; times
    t.control("/__control/inject", r#"{"route":"/api/v1/me","status":503,"times":2}"#).await;
    t.control("/__control/inject", r#"{"route":"/api/v1/me","status":401}"#).await;
    for _ in 0..2 {
        let r = t.get("/api/v1/me", &a).await;
        assert_eq!((r.status, r.json()), (503, json!({"success": false, "error": "Service Unavailable"})));
    }
    let r = t.get("/api/v1/me", &a).await;
    assert_eq!((r.status, r.json()), (401, json!({"status": "error", "message": "You must be logged in to do this."})));
    assert_eq!(t.get("/api/v1/me", &a).await.status, 200);

    // body without status → 200 with that (malformed) body
    t.control("/__control/inject", r#"{"route":"/api/v1/sessions/list","body":"{\"sessions\":"}"#).await;
    let r = t.get("/api/v1/sessions/list", &a).await;
    assert_eq!((r.status, r.text.as_str()), (200, "{\"sessions\":"));
    // other routes are untouched; bad requests are refused
    assert_eq!(t.control("/__control/inject", r#"{"status":500}"#).await.status, 400);
    assert_eq!(t.control("/__control/inject", r#"{"route":"/x","bogus":1}"#).await.status, 400);
}

#[tokio::test]
async fn expire_token_by_user_or_token() {
    let t = T::controls();
    let a = t.login().await;
    let b = t.login().await;
    let r = t.control("/__control/expire-token", &format!(r#"{{"token":"{}"}}"#, a.token)).await;
    assert_eq!(r.status, 204);
    assert_eq!(t.get("/api/v1/me", &a).await.status, 401);
    assert_eq!(t.get("/api/v1/me", &b).await.status, 200);
    let r = t.control("/__control/expire-token", &format!(r#"{{"userId":"{DEMO_ID}"}}"#)).await;
    assert_eq!(r.status, 204);
    assert_eq!(t.get("/api/v1/me", &b).await.status, 401);
    assert_eq!(t.get("/api/v1/me", &Auth::pat()).await.status, 200, "PAT is not a login token");
    assert_eq!(t.control("/__control/expire-token", r#"{"token":"nope"}"#).await.status, 404);
    assert_eq!(t.control("/__control/expire-token", "{}").await.status, 400);
}

#[tokio::test]
async fn config_changes_settings_at_runtime() {
    let t = T::controls();
    let a = Auth::pat();
    let r = t.control("/__control/config", r#"{"flavor":8,"license":false}"#).await;
    assert_eq!(r.status, 204);
    let r = t.get("/api/v1/sessions/list", &a).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["errorType"], "error-action-not-allowed");
    let r = t.req("GET", "/api/v1/me", &[], None).await;
    let msg = "You must be logged in to do this.";
    assert_eq!(r.json(), json!({"success": false, "error": msg, "status": "error", "message": msg}));
    t.control("/__control/config", r#"{"license":true,"current":false,"rateLimit":"3/60"}"#).await;
    let r = t.get("/api/v1/sessions/list", &a).await;
    assert_eq!(r.status, 200);
    assert!(r.json()["sessions"][0].get("current").is_none());
    assert_eq!(r.header("x-ratelimit-limit").as_deref(), Some("3"));
    t.control("/__control/config", r#"{"rateLimit":null,"current":true}"#).await;
    let r = t.get("/api/v1/sessions/list", &a).await;
    assert!(r.header("x-ratelimit-limit").is_none());
    assert_eq!(r.json()["sessions"][0]["current"], false);
    for bad in [r#"{"flavor":4}"#, r#"{"license":"no"}"#, r#"{"rateLimit":"x"}"#, r#"{"what":1}"#, "[]"] {
        assert_eq!(t.control("/__control/config", bad).await.status, 400, "{bad}");
    }
}

#[tokio::test]
async fn requests_log_and_clear() {
    let t = T::controls();
    let a = t.login().await;
    t.get("/api/v1/sessions/list?offset=0&count=25", &a).await;
    t.req("GET", "/api/v1/sessions/list?count=abc", &[], None).await;
    t.get("/api/v1/me", &a).await;
    let r = t.req("GET", "/__control/requests?route=/api/v1/sessions/list", &[], None).await;
    assert_eq!(r.status, 200);
    assert_eq!(
        r.json(),
        json!({"requests": [
            {"method": "GET", "path": "/api/v1/sessions/list", "query": "offset=0&count=25", "userId": DEMO_ID, "status": 200, "at": NOW_ISO},
            {"method": "GET", "path": "/api/v1/sessions/list", "query": "count=abc", "userId": null, "status": 401, "at": NOW_ISO}
        ], "count": 2})
    );
    let all = t.req("GET", "/__control/requests", &[], None).await;
    assert_eq!(all.json()["count"], 5, "login = password login + resume login");
    assert!(!all.text.contains(&a.token), "never logs the token");
    assert_eq!(t.req("GET", "/__control/requests?method=POST", &[], None).await.json()["count"], 2);
    assert_eq!(t.control("/__control/requests/clear", "").await.status, 204);
    assert_eq!(t.req("GET", "/__control/requests", &[], None).await.json(), json!({"requests": [], "count": 0}));
}

#[tokio::test]
async fn reset_restores_everything() {
    let t = T::with(Config {
        test_controls: true,
        flavor: 6,
        rate_limit: Some(RateLimit { calls: 100, seconds: 60 }),
        ..Config::default()
    });
    let a = t.login().await;
    let victim = t.all(&a).await[5]["sessionId"].as_str().unwrap().to_string();
    t.post("/api/v1/sessions/logout.me", &a, &format!(r#"{{"sessionId":"{victim}"}}"#)).await;
    t.control("/__control/config", r#"{"flavor":8,"rateLimit":null}"#).await;
    t.control("/__control/inject", r#"{"route":"/api/v1/sessions/list","status":500}"#).await;
    let before = t.state.seed_info();
    assert_eq!(t.control("/__control/reset", "").await.status, 204);
    assert_eq!(t.get("/api/v1/me", &a).await.status, 401, "login tokens are gone");
    let r = t.get("/api/v1/sessions/list?count=100", &Auth::pat()).await;
    assert_eq!(r.status, 200, "injection cleared");
    assert_eq!(r.header("x-ratelimit-limit").as_deref(), Some("100"), "start-up config restored");
    let listed = ids(&sessions(&r.json()));
    assert_eq!(listed.len(), 64);
    assert!(listed.contains(&victim));
    assert_eq!(t.state.seed_info().tab_session_ids, before.tab_session_ids, "same seed data");
    let r = t.req("GET", "/api/v1/me", &[], None).await;
    assert_eq!(r.json(), json!({"status": "error", "message": "You must be logged in to do this."}), "flavor 6 again");
    let log = t.req("GET", "/__control/requests", &[], None).await.json();
    assert_eq!(log["count"], 3, "log restarted at reset: {log}");
}

#[tokio::test]
async fn rate_limit_headers_and_429() {
    let t = T::with(Config { rate_limit: Some(RateLimit { calls: 3, seconds: 60 }), ..Config::default() });
    let a = Auth::pat();
    let reset = (NOW + 60_000).to_string();
    for remaining in ["2", "1", "0"] {
        let r = t.get("/api/v1/sessions/list", &a).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.header("x-ratelimit-limit").as_deref(), Some("3"));
        assert_eq!(r.header("x-ratelimit-remaining").as_deref(), Some(remaining));
        assert_eq!(r.header("x-ratelimit-reset").as_deref(), Some(reset.as_str()));
    }
    let r = t.get("/api/v1/sessions/list", &a).await;
    assert_eq!(r.status, 429);
    assert_eq!(
        r.json(),
        json!({"success": false, "error": "Error, too many requests. Please slow down. You must wait 60 seconds before trying this endpoint again. [error-too-many-requests]"})
    );
    assert_eq!(r.header("x-ratelimit-remaining").as_deref(), Some("0"));
    assert_eq!(r.header("x-ratelimit-reset").as_deref(), Some(reset.as_str()));
    t.state.clock().advance(30_500);
    let r = t.get("/api/v1/sessions/list", &a).await;
    assert_eq!(r.status, 429);
    assert!(r.json()["error"].as_str().unwrap().contains("You must wait 30 seconds"));
    // per route and per IP
    assert_eq!(t.get("/api/v1/me", &a).await.status, 200);
    let r = t
        .req(
            "GET",
            "/api/v1/sessions/list",
            &[("X-User-Id", DEMO_ID), ("X-Auth-Token", devserver::seed::DEMO_PAT), ("X-Forwarded-For", "198.51.100.7")],
            None,
        )
        .await;
    assert_eq!((r.status, r.header("x-ratelimit-remaining")), (200, Some("2".into())));
    // window over
    t.state.clock().advance(30_000);
    let r = t.get("/api/v1/sessions/list", &a).await;
    assert_eq!((r.status, r.header("x-ratelimit-remaining")), (200, Some("2".into())));
    // off by default: no headers
    let r = T::new().get("/api/v1/sessions/list", &a).await;
    assert!(r.header("x-ratelimit-limit").is_none());
}

fn limit_headers(r: &Resp) -> (Option<String>, Option<String>, Option<String>) {
    (r.header("x-ratelimit-limit"), r.header("x-ratelimit-remaining"), r.header("x-ratelimit-reset"))
}

#[tokio::test]
async fn rate_limit_comes_after_auth_and_license_and_before_parameters() {
    let t = T::with(Config {
        test_controls: true,
        no_license: true,
        flavor: 6,
        rate_limit: Some(RateLimit { calls: 2, seconds: 60 }),
        ..Config::default()
    });
    let a = Auth::pat();
    let (web, victim) = t.web();
    let wrong = Auth { user_id: DEMO_ID.into(), token: "wrong".into() };
    let reset = (NOW + 60_000).to_string();
    // 401s: no headers, not counted
    for _ in 0..5 {
        let r = t.get("/api/v1/sessions/list?bogus=1", &wrong).await;
        assert_eq!(r.status, 401);
        assert_eq!(limit_headers(&r), (None, None, None));
        let r = t.req("GET", "/api/v1/me", &[], None).await;
        assert_eq!(r.status, 401);
        assert_eq!(limit_headers(&r), (None, None, None));
    }
    // license errors: no headers, not counted
    for _ in 0..5 {
        let r = t.get("/api/v1/sessions/list?bogus=1", &a).await;
        assert_eq!((r.status, r.json()), (403, json!({"success": false, "error": "unauthorized"})));
        assert_eq!(limit_headers(&r), (None, None, None));
    }
    t.control("/__control/config", r#"{"license":true}"#).await;
    // a parameter error is counted and carries the headers
    let r = t.get("/api/v1/sessions/list?bogus=1", &a).await;
    assert_eq!(r.status, 400);
    assert_eq!(limit_headers(&r), (Some("2".into()), Some("1".into()), Some(reset.clone())));
    let r = t.get("/api/v1/sessions/list", &a).await;
    assert_eq!(r.status, 200);
    assert_eq!(limit_headers(&r), (Some("2".into()), Some("0".into()), Some(reset.clone())));
    // over the limit: 429 before parameter validation, with headers
    let r = t.get("/api/v1/sessions/list?bogus=1", &a).await;
    assert_eq!(r.status, 429);
    assert_eq!(limit_headers(&r), (Some("2".into()), Some("0".into()), Some(reset.clone())));
    // still 401 without credentials, without headers
    let r = t.get("/api/v1/sessions/list", &wrong).await;
    assert_eq!((r.status, limit_headers(&r)), (401, (None, None, None)));
    // a limited logout.me has no effect
    for _ in 0..2 {
        t.post("/api/v1/sessions/logout.me", &a, r#"{"sessionId":"unknown"}"#).await;
    }
    let r = t.post("/api/v1/sessions/logout.me", &a, &format!(r#"{{"sessionId":"{victim}"}}"#)).await;
    assert_eq!(r.status, 429);
    assert_eq!(t.get("/api/v1/me", &web).await.status, 200, "not logged out");
    // unknown /api routes are not rate-limited routes
    let r = t.req("GET", "/api/v1/nope", &[], None).await;
    assert_eq!((r.status, limit_headers(&r)), (404, (None, None, None)));
}

#[tokio::test]
async fn admin_is_never_rate_limited() {
    let t = T::with(Config { rate_limit: Some(RateLimit { calls: 1, seconds: 60 }), ..Config::default() });
    let r = t.req("POST", "/api/v1/login", &[], Some(r#"{"user":"admin","password":"admin"}"#)).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("x-ratelimit-limit").as_deref(), Some("1"), "login is limited per IP, whoever logs in");
    let admin = Auth {
        user_id: devserver::seed::ADMIN_ID.into(),
        token: r.json()["data"]["authToken"].as_str().unwrap().into(),
    };
    for _ in 0..5 {
        for r in [
            t.get("/api/v1/sessions/list", &admin).await,
            t.get("/api/v1/me", &admin).await,
            t.get("/api/v1/sessions/list?bogus=1", &admin).await,
        ] {
            assert_ne!(r.status, 429);
            assert_eq!(limit_headers(&r), (None, None, None), "never counted: no headers");
        }
    }
    // demo from the same IP is limited
    assert_eq!(t.get("/api/v1/sessions/list", &Auth::pat()).await.status, 200);
    assert_eq!(t.get("/api/v1/sessions/list", &Auth::pat()).await.status, 429);
}

#[tokio::test]
async fn login_is_limited_per_ip_before_anything_else() {
    let t = T::with(Config { rate_limit: Some(RateLimit { calls: 2, seconds: 60 }), ..Config::default() });
    let r = t.req("POST", "/api/v1/login", &[], Some(r#"{"user":"demo","password":"nope"}"#)).await;
    assert_eq!((r.status, r.header("x-ratelimit-remaining")), (401, Some("1".into())));
    let r = t.req("POST", "/api/v1/login", &[], Some(r#"{"user":"demo","password":"demo"}"#)).await;
    assert_eq!((r.status, r.header("x-ratelimit-remaining")), (200, Some("0".into())));
    let r = t.req("POST", "/api/v1/login", &[], Some(r#"{"user":"demo","password":"demo"}"#)).await;
    assert_eq!(r.status, 429);
    assert_eq!(r.header("x-ratelimit-limit").as_deref(), Some("2"));
    let r = t
        .req("POST", "/api/v1/login", &[("X-Real-IP", "198.51.100.7")], Some(r#"{"user":"demo","password":"demo"}"#))
        .await;
    assert_eq!((r.status, r.header("x-ratelimit-remaining")), (200, Some("1".into())), "another IP");
}

#[tokio::test]
async fn control_login_simulates_another_device() {
    let t = T::controls();
    let (web, _) = t.web();
    let r = t
        .control("/__control/login", &format!(r#"{{"user":"demo","userAgent":"{CHROME_WIN}","ip":"192.0.2.77"}}"#))
        .await;
    assert_eq!(r.status, 200);
    let v = r.json();
    let token = v["token"].as_str().unwrap().to_string();
    let sid = v["sessionId"].as_str().unwrap().to_string();
    assert_eq!(token.len(), 43);
    assert_eq!(v, json!({"token": token, "sessionId": sid}));
    let other = Auth { user_id: DEMO_ID.into(), token: token.clone() };
    assert_eq!(t.get("/api/v1/me", &other).await.status, 200, "a real login token");
    let items = t.all(&web).await;
    assert_eq!(items.len(), 65);
    let it = &items[0];
    assert_eq!(
        it,
        &json!({"sessionId": sid, "userId": DEMO_ID,
                "device": {"type": "browser", "name": "Chrome", "longVersion": "124.0.6367.60",
                           "os": {"name": "Windows", "version": "10"}, "version": "124.0.6367"},
                "host": "", "ip": "192.0.2.77", "loginAt": NOW_ISO, "_id": sid, "current": false})
    );
    assert_eq!(t.all(&other).await[0]["current"], true);
    assert_eq!(t.control_state().await["sessions"], 65);
    // defaults: user demo, no device, this request's address
    let v = t.control("/__control/login", "").await.json();
    let items = t.all(&web).await;
    let it = items.iter().find(|i| i["sessionId"] == v["sessionId"]).unwrap();
    assert_eq!((it["device"].clone(), it["ip"].clone()), (Value::Null, json!("127.0.0.1")));
    // another user
    let v = t.control("/__control/login", r#"{"user":"alice"}"#).await.json();
    let alice = Auth { user_id: devserver::seed::ALICE_ID.into(), token: v["token"].as_str().unwrap().into() };
    assert_eq!(t.all(&alice).await.len(), 11);
    // errors
    assert_eq!(t.control("/__control/login", r#"{"user":"nobody"}"#).await.status, 400);
    assert_eq!(t.control("/__control/login", r#"{"device":"x"}"#).await.status, 400);
    assert_eq!(t.control("/__control/login", r#"{"ip":5}"#).await.status, 400);
    assert_eq!(T::new().control("/__control/login", "").await.status, 404, "only with --test-controls");
    // reset restores the seed: the simulated device is gone, the web token works again
    t.post("/api/v1/users.logoutOtherClients", &other, "").await;
    assert_eq!(t.get("/api/v1/me", &web).await.status, 401);
    assert_eq!(t.control("/__control/reset", "").await.status, 204);
    assert_eq!(t.get("/api/v1/me", &other).await.status, 401);
    assert_eq!(t.get("/api/v1/me", &web).await.status, 200);
    let state = t.control_state().await;
    assert_eq!((state["sessions"].clone(), state["webToken"].clone()), (json!(64), json!(web.token)));
}

#[tokio::test]
async fn state_web_token_is_the_newest_seeded_browser_row() {
    let t = T::controls();
    let state = t.control_state().await;
    let web = Auth { user_id: DEMO_ID.into(), token: state["webToken"].as_str().unwrap().into() };
    assert_eq!(web.token.len(), 43);
    let items = t.all(&web).await;
    let browsers: Vec<&Value> = items.iter().filter(|i| i["device"]["type"] == "browser").collect();
    assert_eq!(browsers[0]["sessionId"], state["webSessionId"], "newest browser row");
    assert_eq!(browsers[0]["current"], true, "signing in with it makes that row current");
    assert_eq!(items.iter().filter(|i| i["current"] == true).count(), 1);
    let pat = Auth { user_id: DEMO_ID.into(), token: state["pat"].as_str().unwrap().into() };
    assert_eq!(t.get("/api/v1/me", &pat).await.status, 200);
}

#[tokio::test]
async fn state_web_token_follows_the_store() {
    let t = T::controls();
    let (web, web_session_id) = t.web();
    // a resume login with it moves the row to a new sessionId: the state follows
    t.resume(&web.token, &[("User-Agent", CHROME_WIN)]).await;
    let state = t.control_state().await;
    assert_eq!(state["webToken"], web.token.as_str());
    assert_ne!(state["webSessionId"], web_session_id.as_str());
    assert_eq!(state["webSessionId"], t.all(&web).await[0]["sessionId"]);
    // once every login token is gone there is no web client login
    t.post("/api/v1/users.logoutOtherClients", &Auth::pat(), "").await;
    let state = t.control_state().await;
    assert_eq!((state["webToken"].clone(), state["webSessionId"].clone()), (Value::Null, Value::Null));
    assert_eq!(t.control("/__control/reset", "").await.status, 204);
    assert_eq!(t.control_state().await["webToken"], web.token.as_str());
}
