//! /__control/… and the rate limiter

use std::time::Instant;

use devserver::seed::DEMO_ID;
use devserver::{Config, RateLimit};
use serde_json::json;

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
    let r = t.req("GET", "/__control/state", &[], None).await;
    assert_eq!((r.status, r.json()), (200, json!({"userId": DEMO_ID, "sessions": 64})));
    t.login().await;
    assert_eq!(t.req("GET", "/__control/state", &[], None).await.json()["sessions"], 65);
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
async fn inject_status_and_body() {
    let t = T::controls();
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
    assert_eq!(r.header("access-control-allow-origin").as_deref(), Some("*"), "CORS even on injected answers");
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
    assert_eq!(r.json(), json!({"success": false, "error": "You must be logged in to do this."}));
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
    assert_eq!(all.json()["count"], 4);
    assert!(!all.text.contains(&a.token), "never logs the token");
    assert_eq!(t.req("GET", "/__control/requests?method=POST", &[], None).await.json()["count"], 1);
    assert_eq!(t.control("/__control/requests/clear", "").await.status, 204);
    assert_eq!(t.req("GET", "/__control/requests", &[], None).await.json(), json!({"requests": [], "count": 0}));
}

#[tokio::test]
async fn reset_restores_everything() {
    let t = T::with(Config { test_controls: true, rate_limit: Some(RateLimit { calls: 100, seconds: 60 }), ..Config::default() });
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
    assert_eq!(r.json(), json!({"success": false, "error": "Error, too many requests. Please slow down. You must wait 60 seconds before trying this endpoint again. [error-too-many-requests]"}));
    assert_eq!(r.header("x-ratelimit-remaining").as_deref(), Some("0"));
    assert_eq!(r.header("x-ratelimit-reset").as_deref(), Some(reset.as_str()));
    t.state.clock().advance(30_500);
    let r = t.get("/api/v1/sessions/list", &a).await;
    assert_eq!(r.status, 429);
    assert!(r.json()["error"].as_str().unwrap().contains("You must wait 30 seconds"));
    // per route and per IP
    assert_eq!(t.get("/api/v1/me", &a).await.status, 200);
    let r = t
        .req("GET", "/api/v1/sessions/list", &[("X-User-Id", DEMO_ID), ("X-Auth-Token", devserver::seed::DEMO_PAT), ("X-Forwarded-For", "198.51.100.7")], None)
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
