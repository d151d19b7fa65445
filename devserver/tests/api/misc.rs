//! CORS, UA derivation, static files, unknown routes

use devserver::model::Device;
use devserver::ua::device_from_user_agent;
use devserver::Config;
use serde_json::json;

use crate::common::*;

async fn preflight(t: &T, path: &str, origin: &str) -> Resp {
    t.req(
        "OPTIONS",
        path,
        &[
            ("Origin", origin),
            ("Access-Control-Request-Method", "POST"),
            ("Access-Control-Request-Headers", "x-user-id,x-auth-token,content-type"),
        ],
        None,
    )
    .await
}

fn access_control_headers(r: &Resp) -> Vec<String> {
    r.headers.keys().map(|k| k.as_str().to_string()).filter(|k| k.starts_with("access-control-")).collect()
}

fn assert_preflight_allowed(r: &Resp, origin: &str, what: &str) {
    assert!(r.status == 200 || r.status == 204, "{what}: {}", r.status);
    assert_eq!(r.header("access-control-allow-origin").as_deref(), Some(origin), "{what}");
    let headers = r.header("access-control-allow-headers").unwrap().to_lowercase();
    for h in ["x-user-id", "x-auth-token", "content-type"] {
        assert!(headers.contains(h), "{what}: {headers}");
    }
    let methods = r.header("access-control-allow-methods").unwrap();
    for m in ["GET", "POST", "OPTIONS"] {
        assert!(methods.contains(m), "{what}: {methods}");
    }
}

#[tokio::test]
async fn cors_is_off_by_default_but_controls_always_allow_any_origin() {
    let t = T::controls();
    for path in ["/api/v1/sessions/list", "/api/v1/sessions/logout.me", "/api/v1/login"] {
        let r = preflight(&t, path, "http://127.0.0.1:8080").await;
        assert!(access_control_headers(&r).is_empty(), "{path}: {:?}", r.headers);
    }
    let a = Auth::pat();
    let r = t.get_from("http://elsewhere.test", "/api/v1/sessions/list", Some(&a)).await;
    assert_eq!(r.status, 200);
    assert!(access_control_headers(&r).is_empty(), "{:?}", r.headers);
    let r = t.get_from("http://elsewhere.test", "/api/v1/me", None).await;
    assert_eq!(r.status, 401);
    assert!(access_control_headers(&r).is_empty(), "{:?}", r.headers);
    // the test controls keep a permissive CORS (browser tests call them cross-origin)
    for path in ["/__control/inject", "/__control/state", "/__control/login"] {
        let r = preflight(&t, path, "http://127.0.0.1:8080").await;
        assert_preflight_allowed(&r, "*", path);
    }
    let r = t.get_from("http://elsewhere.test", "/__control/state", None).await;
    assert_eq!((r.status, r.header("access-control-allow-origin").as_deref()), (200, Some("*")));
}

#[tokio::test]
async fn cors_flag_any_origin_without_exposed_headers() {
    let t = T::with(Config {
        cors: vec!["*".into()],
        rate_limit: Some(devserver::RateLimit { calls: 5, seconds: 60 }),
        ..Config::default()
    });
    for path in ["/api/v1/sessions/list", "/api/v1/sessions/logout.me", "/api/v1/login"] {
        let r = preflight(&t, path, "http://127.0.0.1:8080").await;
        assert_preflight_allowed(&r, "*", path);
    }
    let a = Auth::pat();
    let r = t.get_from("http://elsewhere.test", "/api/v1/sessions/list", Some(&a)).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.header("access-control-allow-origin").as_deref(), Some("*"));
    assert_eq!(r.header("x-ratelimit-limit").as_deref(), Some("5"), "sent, but not readable cross-origin");
    assert!(r.header("access-control-expose-headers").is_none(), "Rocket.Chat exposes no X-RateLimit-*");
    let r = t.get_from("http://elsewhere.test", "/api/v1/me", None).await;
    assert_eq!((r.status, r.header("access-control-allow-origin").as_deref()), (401, Some("*")));
    assert!(r.header("access-control-expose-headers").is_none());
    // no test controls without --test-controls, CORS or not
    assert_eq!(preflight(&t, "/__control/state", "http://127.0.0.1:8080").await.status, 404);
}

#[tokio::test]
async fn cors_flag_with_an_origin_list() {
    let t = T::with(Config {
        cors: vec!["http://127.0.0.1:8080".into(), "https://app.example.com".into()],
        ..Config::default()
    });
    for origin in ["http://127.0.0.1:8080", "https://app.example.com"] {
        let r = preflight(&t, "/api/v1/sessions/list", origin).await;
        assert_preflight_allowed(&r, origin, origin);
        let r = t.get_from(origin, "/api/v1/me", None).await;
        assert_eq!((r.status, r.header("access-control-allow-origin").as_deref()), (401, Some(origin)));
        assert!(r.header("access-control-expose-headers").is_none());
    }
    let r = preflight(&t, "/api/v1/sessions/list", "http://evil.test").await;
    assert!(r.header("access-control-allow-origin").is_none(), "{:?}", r.headers);
    let r = t.get_from("http://evil.test", "/api/v1/me", None).await;
    assert!(r.header("access-control-allow-origin").is_none(), "{:?}", r.headers);
}

#[test]
fn user_agent_derivation() {
    let d = Device::new;
    let cases = [
        (CHROME_WIN, d("browser", "Chrome", "124.0.6367.60", "Windows", Some("10"))),
        (
            "Mozilla/5.0 (X11; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0",
            d("browser", "Firefox", "125.0", "Linux", None),
        ),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15",
            d("browser", "Safari", "17.4.1", "Mac OS", Some("10.15.7")),
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 Edg/124.0.2478.51",
            d("browser", "Edge", "124.0.2478.51", "Windows", Some("10")),
        ),
        (
            "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/123.0.0.0 Safari/537.36 OPR/109.0.0.0",
            d("browser", "Opera", "109.0.0.0", "Windows", Some("10")),
        ),
        (
            "Mozilla/5.0 (iPhone; CPU iPhone OS 17_4_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Mobile/15E148 Safari/604.1",
            d("mobile", "Mobile Safari", "17.4.1", "iOS", Some("17.4.1")),
        ),
        (
            "Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1",
            d("tablet", "Mobile Safari", "17.4", "iOS", Some("17.4")),
        ),
        (
            "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.82 Mobile Safari/537.36",
            d("mobile", "Mobile Chrome", "124.0.6367.82", "Android", Some("14")),
        ),
        ("RC Mobile; iOS 12.2; v3.4.0 (250)", d("mobile-app", "RC Mobile", "3.4.0 250", "iOS", Some("12.2"))),
        ("RC Mobile; Android 14; v4.49.0 (5263)", d("mobile-app", "RC Mobile", "4.49.0 5263", "Android", Some("14"))),
        (
            "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_14_1) AppleWebKit/537.36 (KHTML, like Gecko) Rocket.Chat/2.15.2 Chrome/69.0.3497.128 Electron/4.1.4 Safari/537.36",
            d("desktop-app", "Rocket.Chat", "2.15.2", "Mac OS", Some("10.14.1")),
        ),
        ("curl/8.5.0", d("other", "", "", "", Some(""))),
        ("python-requests/2.31.0", d("other", "", "", "", Some(""))),
    ];
    for (ua, want) in cases {
        assert_eq!(device_from_user_agent(ua), want, "{ua}");
    }
    assert_eq!(
        device_from_user_agent("RC Mobile; iOS 12.2; v3.4.0 (250)").to_json(),
        json!({"type": "mobile-app", "name": "RC Mobile", "longVersion": "3.4.0 250", "os": {"name": "iOS", "version": "12.2"}, "version": "3.4.0"})
    );
}

#[tokio::test]
async fn login_derives_the_device_through_the_parser() {
    let t = T::new();
    let a = t.login_as("demo", Some("curl/8.5.0")).await;
    let own = t.all(&a).await.into_iter().find(|i| i["current"] == true).unwrap();
    assert_eq!(
        own["device"],
        json!({"type": "other", "name": "", "longVersion": "", "os": {"name": "", "version": ""}, "version": ""})
    );
    let a = t.login_as("demo", Some("RC Mobile; Android 14; v4.49.0 (5263)")).await;
    let own = t.all(&a).await.into_iter().find(|i| i["current"] == true).unwrap();
    assert_eq!(own["device"]["type"], "mobile-app");
}

#[tokio::test]
async fn unknown_api_route_and_static_files() {
    let t = T::new();
    let r = t.req("GET", "/api/v1/nope", &[], None).await;
    assert_eq!(
        (r.status, r.json()),
        (404, json!({"status": "error", "message": "API endpoint \"/api/v1/nope\" not found!"}))
    );
    assert_eq!(t.req("GET", "/", &[], None).await.status, 404, "no static dir by default");

    let dir = std::env::temp_dir().join(format!("devserver-static-{}", std::process::id()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("index.html"), "<!doctype html><title>app</title>").unwrap();
    std::fs::write(dir.join("assets/app.js"), "console.log(1)").unwrap();
    let t = T::with(Config { static_dir: Some(dir.clone()), ..Config::default() });
    let r = t.req("GET", "/", &[], None).await;
    assert_eq!((r.status, r.text.as_str()), (200, "<!doctype html><title>app</title>"));
    let r = t.req("GET", "/assets/app.js", &[], None).await;
    assert_eq!((r.status, r.text.as_str()), (200, "console.log(1)"));
    let r = t.req("GET", "/account/devices", &[], None).await;
    assert_eq!((r.status, r.text.as_str()), (200, "<!doctype html><title>app</title>"), "index.html fallback");
    assert_eq!(t.get("/api/v1/me", &Auth::pat()).await.status, 200, "API on the same origin");
    assert_eq!(t.req("GET", "/api/v1/nope", &[], None).await.status, 404);
    std::fs::remove_dir_all(dir).ok();
}

/// With no flags the server answers as a late-7.x/8.x Rocket.Chat: `success` on the
/// login answer, the 7.x-style 401 body, the license middleware's 400.
#[tokio::test]
async fn default_bodies_are_a_current_servers() {
    let t = T::with(Config { no_license: true, ..Config::default() });
    let r = t
        .req(
            "POST",
            "/api/v1/login",
            &[("content-type", "application/json")],
            Some(r#"{"user":"demo","password":"demo"}"#),
        )
        .await;
    assert_eq!(r.json()["success"], json!(true));
    let r = t.req("GET", "/api/v1/me", &[], None).await;
    assert_eq!(
        (r.status, r.json()),
        (
            401,
            json!({"success": false, "error": "You must be logged in to do this.", "status": "error", "message": "You must be logged in to do this."})
        )
    );
    let r = t.get("/api/v1/sessions/list", &Auth::pat()).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["errorType"], json!("error-action-not-allowed"));
}
