//! Helpers: drive the router with `oneshot`, fixed clock.

use axum::body::Body;
use axum::http::{HeaderMap, Request};
use axum::Router;
use devserver::{app, AppState, Clock, Config};
use http_body_util::BodyExt;
use serde_json::Value;
use tower::ServiceExt;

/// 2026-01-01T00:00:00.000Z
pub const NOW: i64 = 1_767_225_600_000;
pub const NOW_ISO: &str = "2026-01-01T00:00:00.000Z";
pub const CHROME_WIN: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.6367.60 Safari/537.36";

pub struct T {
    pub app: Router,
    pub state: AppState,
}

#[derive(Debug)]
pub struct Resp {
    pub status: u16,
    pub headers: HeaderMap,
    pub text: String,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or_else(|e| panic!("not JSON ({e}): {:?}", self.text))
    }
    pub fn header(&self, name: &str) -> Option<String> {
        self.headers.get(name).map(|v| v.to_str().unwrap().to_string())
    }
}

#[derive(Clone, Debug)]
pub struct Auth {
    pub user_id: String,
    pub token: String,
}

impl Auth {
    pub fn pat() -> Auth {
        Auth { user_id: devserver::seed::DEMO_ID.into(), token: devserver::seed::DEMO_PAT.into() }
    }
}

impl T {
    pub fn new() -> T {
        Self::with(Config::default())
    }

    pub fn with(cfg: Config) -> T {
        let state = AppState::new(cfg, Clock::fixed(NOW));
        T { app: app(state.clone()), state }
    }

    pub fn controls() -> T {
        Self::with(Config { test_controls: true, ..Config::default() })
    }

    pub async fn req(&self, method: &str, uri: &str, headers: &[(&str, &str)], body: Option<&str>) -> Resp {
        let mut b = Request::builder().method(method).uri(uri);
        for (k, v) in headers {
            b = b.header(*k, *v);
        }
        let req = b.body(body.map(|s| Body::from(s.to_string())).unwrap_or_else(Body::empty)).unwrap();
        let resp = self.app.clone().oneshot(req).await.unwrap();
        let status = resp.status().as_u16();
        let headers = resp.headers().clone();
        let bytes = resp.into_body().collect().await.unwrap().to_bytes();
        Resp { status, headers, text: String::from_utf8_lossy(&bytes).into_owned() }
    }

    pub async fn get(&self, uri: &str, auth: &Auth) -> Resp {
        self.req("GET", uri, &[("X-User-Id", &auth.user_id), ("X-Auth-Token", &auth.token)], None).await
    }

    pub async fn post(&self, uri: &str, auth: &Auth, body: &str) -> Resp {
        self.req(
            "POST",
            uri,
            &[("X-User-Id", &auth.user_id), ("X-Auth-Token", &auth.token), ("Content-Type", "application/json")],
            Some(body),
        )
        .await
    }

    pub async fn control(&self, path: &str, body: &str) -> Resp {
        self.req("POST", path, &[("Content-Type", "application/json")], Some(body)).await
    }

    /// Password login as `user`/`user`: a new token, but no listed row (as on a real server).
    pub async fn password_login(&self, user: &str) -> Auth {
        let h = [("Content-Type", "application/json"), ("Host", "localhost:3000")];
        let body = format!(r#"{{"user":"{user}","password":"{user}"}}"#);
        let r = self.req("POST", "/api/v1/login", &h, Some(&body)).await;
        assert_eq!(r.status, 200, "{}", r.text);
        let v = r.json();
        Auth {
            user_id: v["data"]["userId"].as_str().unwrap().into(),
            token: v["data"]["authToken"].as_str().unwrap().into(),
        }
    }

    /// `POST /api/v1/login {"resume": token}` with these extra headers (raw answer).
    pub async fn resume(&self, token: &str, headers: &[(&str, &str)]) -> Resp {
        let mut h = vec![("Content-Type", "application/json")];
        h.extend_from_slice(headers);
        self.req("POST", "/api/v1/login", &h, Some(&format!(r#"{{"resume":"{token}"}}"#))).await
    }

    /// Signs in as `user`/`user` like the web client: a password login, then a resume login with
    /// that token and this User-Agent (none when `None`), which writes the listed (`current`) row.
    pub async fn login_as(&self, user: &str, ua: Option<&str>) -> Auth {
        let auth = self.password_login(user).await;
        let mut h = vec![("Host", "localhost:3000")];
        if let Some(ua) = ua {
            h.push(("User-Agent", ua));
        }
        let r = self.resume(&auth.token, &h).await;
        assert_eq!(r.status, 200, "{}", r.text);
        assert_eq!(r.json()["data"]["authToken"], auth.token.as_str());
        auth
    }

    pub async fn login(&self) -> Auth {
        self.login_as("demo", Some(CHROME_WIN)).await
    }

    /// Demo's web client login now (`webToken`, `webSessionId` of `/__control/state`): its auth
    /// and the row's sessionId.
    pub fn web(&self) -> (Auth, String) {
        let (token, session_id) = self.state.web_login().expect("demo has a web client login");
        (Auth { user_id: devserver::seed::DEMO_ID.into(), token }, session_id)
    }

    /// `GET /__control/state` (JSON).
    pub async fn control_state(&self) -> Value {
        self.req("GET", "/__control/state", &[], None).await.json()
    }

    /// A GET with an `Origin` header, signed in as `auth` or unauthenticated (`None`).
    pub async fn get_from(&self, origin: &str, uri: &str, auth: Option<&Auth>) -> Resp {
        let mut h = vec![("Origin", origin)];
        if let Some(a) = auth {
            h.extend([("X-User-Id", a.user_id.as_str()), ("X-Auth-Token", a.token.as_str())]);
        }
        self.req("GET", uri, &h, None).await
    }

    /// All listed rows (count=100), asserting success.
    pub async fn all(&self, auth: &Auth) -> Vec<Value> {
        let r = self.get("/api/v1/sessions/list?count=100", auth).await;
        assert_eq!(r.status, 200, "{}", r.text);
        r.json()["sessions"].as_array().unwrap().clone()
    }
}

pub fn ids(items: &[Value]) -> Vec<String> {
    items.iter().map(|i| i["sessionId"].as_str().unwrap().to_string()).collect()
}

/// searchTerm recomputed from a list item.
pub fn search_term(item: &Value) -> String {
    let d = &item["device"];
    let s = |v: &Value| v.as_str().unwrap_or("").to_string();
    let mut t = String::new();
    if d.is_object() {
        t += &s(&d["name"]);
        t += &s(&d["type"]);
        t += &s(&d["os"]["name"]);
    }
    t + &s(&item["sessionId"]) + &s(&item["userId"])
}

pub fn sessions(v: &Value) -> Vec<Value> {
    v["sessions"].as_array().unwrap().clone()
}
