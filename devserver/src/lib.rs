//! Reference Rocket.Chat device-management server.
//!
//! Reproduces the behaviour described in `shared/rocketchat-sessions-api.md` (login, me, logout,
//! sessions/list|info|logout.me, users.logoutOtherClients) over deterministic seed data, with
//! switchable server generations ("flavors"), license, rate limiting, optional CORS, static files
//! and an opt-in test control API. Build the router with [`app`] and drive it with `oneshot` in
//! tests, or run the `devserver` binary.

// Handlers return early with a ready `Response` as the error: idiomatic for axum.
#![allow(clippy::result_large_err)]

pub mod clock;
pub mod config;
pub mod control;
pub mod errors;
mod middleware;
pub mod model;
pub mod ratelimit;
pub mod rng;
pub mod routes;
pub mod seed;
pub mod store;
pub mod ua;

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use axum::http::{header, HeaderName, HeaderValue, Method};
use axum::middleware::from_fn_with_state;
use axum::routing::{any, get, post};
use axum::Router;
use tower_http::cors::{AllowHeaders, AllowOrigin, Any, CorsLayer};
use tower_http::services::{ServeDir, ServeFile};

pub use clock::Clock;
pub use config::{Config, RateLimit, RuntimeConfig};
pub use seed::SeedInfo;

use clock::Millis;
use ratelimit::RateLimiter;
use rng::Rng;
use store::Store;

/// A queued fault for the next response of a route (`/__control/inject`).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Injection {
    pub delay_ms: u64,
    pub status: Option<u16>,
    pub body: Option<String>,
    pub content_type: Option<String>,
}

/// One logged `/api/` request (`/__control/requests`). Never holds the token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LogEntry {
    pub method: String,
    pub path: String,
    pub query: String,
    pub user_id: Option<String>,
    pub status: u16,
    pub at: Millis,
}

/// Mutable server state behind one lock (never held across an `.await`).
pub struct Inner {
    pub cfg: RuntimeConfig,
    pub store: Store,
    pub seed: SeedInfo,
    pub rng: Rng,
    pub limiter: RateLimiter,
    pub injections: HashMap<String, VecDeque<Injection>>,
    pub log: Vec<LogEntry>,
}

impl Inner {
    fn fresh(config: &Config, now: Millis) -> Self {
        let (store, seed, rng) = seed::build(config.seed, config.sessions, now);
        Inner {
            cfg: RuntimeConfig::from(config),
            store,
            seed,
            rng,
            limiter: RateLimiter::default(),
            injections: HashMap::new(),
            log: Vec::new(),
        }
    }
}

struct Shared {
    config: Config,
    clock: Clock,
    inner: Mutex<Inner>,
}

/// Cheaply clonable handle on the server state.
#[derive(Clone)]
pub struct AppState(Arc<Shared>);

impl AppState {
    pub fn new(config: Config, clock: Clock) -> Self {
        let inner = Inner::fresh(&config, clock.now_ms());
        AppState(Arc::new(Shared { config, clock, inner: Mutex::new(inner) }))
    }

    pub fn lock(&self) -> MutexGuard<'_, Inner> {
        self.0.inner.lock().unwrap_or_else(|e| e.into_inner())
    }

    pub fn clock(&self) -> &Clock {
        &self.0.clock
    }

    /// The start-up configuration (what `/__control/reset` restores).
    pub fn config(&self) -> &Config {
        &self.0.config
    }

    pub fn now(&self) -> Millis {
        self.0.clock.now_ms()
    }

    /// Restores seed data, tokens, runtime config, rate-limit windows, injections and the request log.
    pub fn reset(&self) {
        let fresh = Inner::fresh(&self.0.config, self.now());
        *self.lock() = fresh;
    }

    pub fn seed_info(&self) -> SeedInfo {
        self.lock().seed.clone()
    }

    /// Demo's web client login now (`/__control/state`'s `webToken`, `webSessionId`): the plain
    /// token and sessionId of the newest listed `browser` row whose token is still valid.
    pub fn web_login(&self) -> Option<(String, String)> {
        let inner = self.lock();
        let (token, doc) = inner.store.web_login(&inner.seed.demo_id)?;
        Some((token.plain.clone(), doc.session_id.clone()))
    }

    pub fn demo_id(&self) -> String {
        self.lock().seed.demo_id.clone()
    }
}

/// Rocket.Chat's CORS with `API_Enable_CORS` on (`--cors`): these origins (`*` = any), methods
/// GET/POST/OPTIONS, the auth headers and content-type; no `Access-Control-Expose-Headers`, so a
/// cross-origin page cannot read `X-RateLimit-*`. `None` when CORS is off (the default).
fn api_cors(origins: &[String]) -> Option<CorsLayer> {
    if origins.is_empty() {
        return None;
    }
    let allow = if origins.iter().any(|o| o == "*") {
        AllowOrigin::any()
    } else {
        AllowOrigin::list(origins.iter().filter_map(|o| HeaderValue::from_str(o).ok()))
    };
    Some(
        CorsLayer::new().allow_origin(allow).allow_methods([Method::GET, Method::POST, Method::OPTIONS]).allow_headers(
            [HeaderName::from_static("x-user-id"), HeaderName::from_static("x-auth-token"), header::CONTENT_TYPE],
        ),
    )
}

/// The test controls' CORS: any origin, always (browser tests call them cross-origin).
fn control_cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::POST, Method::OPTIONS])
        .allow_headers(AllowHeaders::mirror_request())
}

/// The whole HTTP application.
pub fn app(state: AppState) -> Router {
    use routes::{auth, sessions};
    // Only the unauthenticated login is limited by a middleware (per IP, before anything else);
    // authenticated routes count calls in their handlers, after authentication and license.
    let mut api = Router::new()
        .route("/api/v1/login", post(auth::login).layer(from_fn_with_state(state.clone(), middleware::rate_limit)))
        .route("/api/v1/me", get(auth::me))
        .route("/api/v1/logout", post(auth::logout))
        .route("/api/v1/users.logoutOtherClients", post(auth::logout_other_clients))
        .route("/api/v1/sessions/list", get(sessions::list))
        .route("/api/v1/sessions/info", get(sessions::info))
        .route("/api/v1/sessions/logout.me", post(sessions::logout_me))
        .route("/api/{*rest}", any(routes::api_not_found))
        .layer(from_fn_with_state(state.clone(), middleware::inject));
    if let Some(cors) = api_cors(&state.config().cors) {
        // route_layer: only /api routes, not the router's fallback (other paths)
        api = api.route_layer(cors);
    }

    let mut router = api;
    if state.config().test_controls {
        router = router.merge(control::router().route_layer(control_cors()));
    }
    if let Some(dir) = &state.config().static_dir {
        let index = dir.join("index.html");
        let files = ServeDir::new(dir).fallback(ServeFile::new(index));
        // The same origins as the API may read the files (a page elsewhere fetching the
        // catalogs, `locales/de.json`, as the browser tests do).
        router = match api_cors(&state.config().cors) {
            Some(cors) => router.fallback_service(Router::new().fallback_service(files).layer(cors)),
            None => router.fallback_service(files),
        };
    }
    router.layer(from_fn_with_state(state.clone(), middleware::log)).with_state(state)
}
