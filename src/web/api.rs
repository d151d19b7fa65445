//! The Rocket.Chat API client: gloo-net requests with the auth headers, a timeout,
//! and an abort handle, mapped onto [`ApiError`].
//!
//! The token only ever travels in the `X-Auth-Token` header: never in a URL, a
//! log line or an error (the error texts come from [`ApiError::message`], which
//! never sees request data).
//!
//! ```no_run
//! # async fn demo(creds: active_sessions::core::creds::Credentials) {
//! use active_sessions::web::api::{ApiClient, RequestHandle};
//! use active_sessions::core::query::ListQuery;
//! let client = ApiClient::new("");
//! let handle = RequestHandle::new();
//! match client.list(&creds, &ListQuery::default(), &handle).await {
//!     Ok(page) => { /* page.sessions */ }
//!     Err(e) => { /* e.message() is safe to show */ }
//! }
//! # }
//! ```

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::{Request, RequestBuilder};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::creds::{normalize_base_url, Credentials};
use crate::core::error::ApiError;
use crate::core::json::{self, Out};
use crate::core::model::{
    decode_login, decode_logout_me, decode_logout_other_clients, decode_me, decode_session_info, decode_sessions_page,
    LoginData, Me, NewToken, SessionInfo, SessionsPage,
};
use crate::core::query::ListQuery;

/// Default time a request may take before it is aborted and reported as [`ApiError::Timeout`].
pub const DEFAULT_TIMEOUT_MS: u32 = 15_000;

/// Cancels one request. Aborting a superseded request is how a late answer is kept
/// off the screen: its future resolves to [`ApiError::Aborted`], which callers ignore.
#[derive(Clone)]
pub struct RequestHandle {
    controller: Option<web_sys::AbortController>,
    timed_out: Rc<Cell<bool>>,
    aborted: Rc<Cell<bool>>,
}

impl Default for RequestHandle {
    fn default() -> Self {
        Self::new()
    }
}

impl RequestHandle {
    pub fn new() -> Self {
        Self {
            // Only fails where AbortController does not exist; requests then simply cannot be cancelled.
            controller: web_sys::AbortController::new().ok(),
            timed_out: Rc::new(Cell::new(false)),
            aborted: Rc::new(Cell::new(false)),
        }
    }

    /// Cancels the request; its caller gets [`ApiError::Aborted`].
    pub fn abort(&self) {
        self.aborted.set(true);
        if let Some(c) = &self.controller {
            c.abort();
        }
    }

    pub fn is_aborted(&self) -> bool {
        self.aborted.get()
    }

    fn signal(&self) -> Option<web_sys::AbortSignal> {
        self.controller.as_ref().map(|c| c.signal())
    }

    fn time_out(&self) {
        self.timed_out.set(true);
        if let Some(c) = &self.controller {
            c.abort();
        }
    }
}

/// Aborts the request when the timer fires; cleared when dropped.
struct TimeoutGuard {
    id: Option<i32>,
    _closure: Option<Closure<dyn FnMut()>>,
}

impl TimeoutGuard {
    fn start(handle: &RequestHandle, ms: u32) -> Self {
        let h = handle.clone();
        let closure = Closure::<dyn FnMut()>::new(move || h.time_out());
        let id = web_sys::window().and_then(|w| {
            w.set_timeout_with_callback_and_timeout_and_arguments_0(
                closure.as_ref().unchecked_ref(),
                ms.min(i32::MAX as u32) as i32,
            )
            .ok()
        });
        Self { id, _closure: Some(closure) }
    }
}

impl Drop for TimeoutGuard {
    fn drop(&mut self) {
        if let (Some(id), Some(w)) = (self.id, web_sys::window()) {
            w.clear_timeout_with_handle(id);
        }
    }
}

enum Method {
    Get,
    /// With its JSON body (`"{}"` when there is nothing to send).
    Post(String),
}

/// A client for one Rocket.Chat server (or the same origin when the base URL is empty).
#[derive(Clone, Debug, PartialEq)]
pub struct ApiClient {
    base_url: String,
    timeout_ms: u32,
}

impl ApiClient {
    /// `base_url` such as `https://chat.example.com`; `""` means the page's own origin.
    pub fn new(base_url: &str) -> Self {
        Self { base_url: normalize_base_url(base_url), timeout_ms: DEFAULT_TIMEOUT_MS }
    }

    pub fn with_timeout(mut self, ms: u32) -> Self {
        self.timeout_ms = ms.max(1);
        self
    }

    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// `POST /api/v1/login` with a username or e-mail, a password and an optional 2FA code.
    pub async fn login(
        &self,
        user: &str,
        password: &str,
        code: Option<&str>,
        handle: &RequestHandle,
    ) -> Result<LoginData, ApiError> {
        let mut fields = vec![("user", Out::Str(user.trim())), ("password", Out::Str(password))];
        if let Some(code) = code.map(str::trim).filter(|c| !c.is_empty()) {
            fields.push(("code", Out::Str(code)));
        }
        self.post_login(&fields, handle).await
    }

    /// `POST /api/v1/login {"resume": token}`: logs the token in again, which makes a real
    /// Rocket.Chat write a *listed* session row for it, with this browser's User-Agent and
    /// address (a password login is never listed; see the contract). The answer carries
    /// the same token.
    pub async fn resume_login(&self, token: &str, handle: &RequestHandle) -> Result<LoginData, ApiError> {
        self.post_login(&[("resume", Out::Str(token))], handle).await
    }

    /// `POST /api/v1/login` with these body fields (no credentials headers).
    async fn post_login(&self, fields: &[(&str, Out<'_>)], handle: &RequestHandle) -> Result<LoginData, ApiError> {
        let body = json::object(fields);
        let text = self.send(&self.base_url, "/api/v1/login", None, &[], Method::Post(body), handle).await?;
        decode_login(&text)
    }

    /// Password sign-in followed by the resume login that makes this device listed
    /// ("This device" on servers that mark the caller's row). The second step is best
    /// effort: when it fails the credentials say `listed: false` and the panel does not
    /// assume a row of its own.
    pub async fn sign_in(
        &self,
        user: &str,
        password: &str,
        code: Option<&str>,
        handle: &RequestHandle,
    ) -> Result<Credentials, ApiError> {
        let login = self.login(user, password, code, handle).await?;
        let listed = matches!(
            self.resume_login(&login.auth_token, handle).await,
            Ok(again) if again.auth_token == login.auth_token && again.user_id == login.user_id
        );
        Ok(Credentials {
            user_id: login.user_id,
            auth_token: login.auth_token,
            base_url: self.base_url.clone(),
            listed,
        })
    }

    /// `GET /api/v1/me`: the cheap way to check a user id + token pair.
    pub async fn me(&self, creds: &Credentials, handle: &RequestHandle) -> Result<Me, ApiError> {
        let text = self.send(&creds.base_url, "/api/v1/me", Some(creds), &[], Method::Get, handle).await?;
        decode_me(&text)
    }

    /// `POST /api/v1/logout`: ends the token's login on the server.
    pub async fn logout(&self, creds: &Credentials, handle: &RequestHandle) -> Result<(), ApiError> {
        self.send(&creds.base_url, "/api/v1/logout", Some(creds), &[], Method::Post("{}".into()), handle)
            .await
            .map(|_| ())
    }

    /// `GET /api/v1/sessions/list` with exactly the parameters [`ListQuery::params`] builds.
    pub async fn list(
        &self,
        creds: &Credentials,
        query: &ListQuery,
        handle: &RequestHandle,
    ) -> Result<SessionsPage, ApiError> {
        let params = query.params();
        let text =
            self.send(&creds.base_url, "/api/v1/sessions/list", Some(creds), &params, Method::Get, handle).await?;
        decode_sessions_page(&text)
    }

    /// `GET /api/v1/sessions/info?sessionId=…`.
    pub async fn info(
        &self,
        creds: &Credentials,
        session_id: &str,
        handle: &RequestHandle,
    ) -> Result<SessionInfo, ApiError> {
        let params = [("sessionId", session_id.to_owned())];
        let text =
            self.send(&creds.base_url, "/api/v1/sessions/info", Some(creds), &params, Method::Get, handle).await?;
        decode_session_info(&text)
    }

    /// `POST /api/v1/sessions/logout.me`: logs one session (every tab sharing its token) out.
    pub async fn logout_session(
        &self,
        creds: &Credentials,
        session_id: &str,
        handle: &RequestHandle,
    ) -> Result<String, ApiError> {
        let body = json::object(&[("sessionId", Out::Str(session_id))]);
        let text = self
            .send(&creds.base_url, "/api/v1/sessions/logout.me", Some(creds), &[], Method::Post(body), handle)
            .await?;
        decode_logout_me(&text)
    }

    /// `POST /api/v1/users.logoutOtherClients`: the caller must store the token that comes back.
    pub async fn logout_other_clients(
        &self,
        creds: &Credentials,
        handle: &RequestHandle,
    ) -> Result<NewToken, ApiError> {
        let text = self
            .send(
                &creds.base_url,
                "/api/v1/users.logoutOtherClients",
                Some(creds),
                &[],
                Method::Post("{}".into()),
                handle,
            )
            .await?;
        decode_logout_other_clients(&text)
    }

    async fn send(
        &self,
        base: &str,
        path: &str,
        creds: Option<&Credentials>,
        params: &[(&str, String)],
        method: Method,
        handle: &RequestHandle,
    ) -> Result<String, ApiError> {
        if handle.is_aborted() {
            return Err(ApiError::Aborted);
        }
        let url = format!("{}{}", normalize_base_url(base), path);
        let mut builder: RequestBuilder = match method {
            Method::Get => Request::get(&url),
            Method::Post(_) => Request::post(&url),
        };
        if !params.is_empty() {
            builder = builder.query(params.iter().map(|(k, v)| (*k, v.as_str())));
        }
        if let Some(c) = creds {
            builder = builder.header("X-User-Id", &c.user_id).header("X-Auth-Token", &c.auth_token);
        }
        let signal = handle.signal();
        builder = builder.abort_signal(signal.as_ref());
        let request = match method {
            Method::Post(body) => builder.header("Content-Type", "application/json").body(body),
            Method::Get => builder.build(),
        }
        .map_err(|_| ApiError::Decode { detail: "could not build the request".into() })?;

        let _timer = TimeoutGuard::start(handle, self.timeout_ms);
        let outcome = request.send().await;
        let response = match outcome {
            Ok(r) => r,
            Err(_) => return Err(self.failure(handle)),
        };
        let status = response.status();
        let reset = response.headers().get("x-ratelimit-reset");
        let text = match response.text().await {
            Ok(t) => t,
            Err(_) => return Err(self.failure(handle)),
        };
        if handle.is_aborted() {
            return Err(ApiError::Aborted);
        }
        if (200..300).contains(&status) {
            Ok(text)
        } else {
            Err(ApiError::from_response(status, &text, reset.as_deref()))
        }
    }

    fn failure(&self, handle: &RequestHandle) -> ApiError {
        if handle.timed_out.get() {
            ApiError::Timeout
        } else if handle.is_aborted() {
            ApiError::Aborted
        } else {
            ApiError::Network
        }
    }
}
