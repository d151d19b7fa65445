//! The harness the end-to-end suite (`tests/e2e.rs`) and the benchmark runner
//! (`bench/runner`) share: free ports, child processes in their own process
//! groups (ended on drop), a temporary Chromium profile, chromedriver plus headless
//! Chromium behind a fantoccini client, chromedriver's CDP bridge, and a small
//! HTTP client for the reference server's API.
//!
//! Only what both use lives here; each side passes its own differences (extra
//! Chromium flags and capabilities, the reference server's arguments).

use std::error::Error;
use std::io::Write as _;
use std::net::{TcpListener, TcpStream};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use fantoccini::wd::WebDriverCompatibleCommand;
use fantoccini::{Client, ClientBuilder};
use http_body_util::{BodyExt as _, Full};
use hyper::body::Bytes;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{json, Value as Json};

pub type BoxError = Box<dyn Error + Send + Sync>;
pub type R<T = ()> = Result<T, BoxError>;

/// `ensure!(cond, "message {}", x)`: return `Err(message)` from the enclosing function.
#[macro_export]
macro_rules! ensure {
    ($cond:expr, $($arg:tt)+) => {
        if !$cond {
            return Err(format!($($arg)+).into());
        }
    };
}

// ---------------------------------------------------------------------------
// Processes
// ---------------------------------------------------------------------------

/// A free TCP port on 127.0.0.1 (bound, read, released).
pub fn free_port() -> R<u16> {
    Ok(TcpListener::bind("127.0.0.1:0")?.local_addr()?.port())
}

/// Waits up to 30 s until `port` accepts connections; fails early if `child` exits.
pub fn wait_for_port(port: u16, what: &str, child: &mut Child) -> R {
    let deadline = Instant::now() + Duration::from_secs(30);
    while Instant::now() < deadline {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok(());
        }
        if let Some(status) = child.try_wait()? {
            return Err(format!("{what} exited before listening: {status}").into());
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    Err(format!("{what} did not listen on port {port} within 30 s").into())
}

/// A child process leading its own process group; dropping it ends the whole
/// group (so the Chromium that chromedriver starts goes too) and reaps it.
pub struct Proc {
    what: &'static str,
    pub child: Child,
}

impl Proc {
    /// Spawns `cmd` (stdin from /dev/null) as the leader of a new process group.
    pub fn spawn(what: &'static str, cmd: &mut Command) -> R<Proc> {
        let child =
            cmd.stdin(Stdio::null()).process_group(0).spawn().map_err(|e| format!("cannot start {what}: {e}"))?;
        Ok(Proc { what, child })
    }

    fn signal_group(&self, signal: &str) {
        let _ = Command::new("kill")
            .args([signal, "--", &format!("-{}", self.child.id())])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status();
    }
}

impl Drop for Proc {
    /// SIGTERM to the group, up to 5 s for the leader to exit, then SIGKILL to
    /// whatever is left of the group (a Chromium helper that outlived its parent).
    fn drop(&mut self) {
        self.signal_group("-TERM");
        let deadline = Instant::now() + Duration::from_secs(5);
        loop {
            match self.child.try_wait() {
                Ok(Some(_)) | Err(_) => break,
                Ok(None) if Instant::now() < deadline => std::thread::sleep(Duration::from_millis(50)),
                Ok(None) => {
                    let _ = writeln!(std::io::stderr(), "harness: {} ignored SIGTERM, killing it", self.what);
                    break;
                }
            }
        }
        self.signal_group("-KILL");
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A temporary directory, `<tmp>/<prefix>-<pid>-<n>`, removed on drop.
pub struct TempDir(pub PathBuf);

impl TempDir {
    pub fn new(prefix: &str) -> R<TempDir> {
        static N: AtomicU32 = AtomicU32::new(0);
        let dir =
            std::env::temp_dir().join(format!("{prefix}-{}-{}", std::process::id(), N.fetch_add(1, Ordering::Relaxed)));
        std::fs::create_dir_all(&dir)?;
        Ok(TempDir(dir))
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// A reference server (`bin`) on a free port, ended on drop.
pub struct Server {
    /// `http://127.0.0.1:<port>`
    pub url: String,
    _proc: Proc,
}

/// Starts `bin --addr 127.0.0.1:<free port> --static <dist> <args…>` (stdout
/// discarded) and waits until it listens.
pub fn start_server(bin: &Path, dist: &Path, args: &[&str]) -> R<Server> {
    let port = free_port()?;
    let mut proc = Proc::spawn(
        "devserver",
        Command::new(bin)
            .arg("--addr")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--static")
            .arg(dist)
            .args(args)
            .stdout(Stdio::null()),
    )?;
    wait_for_port(port, "devserver", &mut proc.child)?;
    Ok(Server { url: format!("http://127.0.0.1:{port}"), _proc: proc })
}

// ---------------------------------------------------------------------------
// Browser
// ---------------------------------------------------------------------------

/// chromedriver (and through it Chromium) plus a WebDriver session; dropping it
/// ends chromedriver's process group and removes the profile (close the session first).
pub struct Browser {
    pub client: Client,
    _driver: Proc,
    _profile: TempDir,
}

/// Starts `/usr/bin/chromedriver` on a free port and opens a session with
/// `/usr/bin/chromium`: headless, 1280×800, no sandbox/GPU/QUIC/background
/// networking, a fresh profile under `<tmp>/<profile_prefix>-…`.
/// `extra_args` go after the fixed flags (before `--user-data-dir`); `extra_caps`
/// are added to the top-level capabilities.
pub async fn start_browser(profile_prefix: &str, extra_args: &[&str], extra_caps: Json) -> R<Browser> {
    let profile = TempDir::new(profile_prefix)?;
    let port = free_port()?;
    let mut driver = Proc::spawn(
        "chromedriver",
        Command::new("/usr/bin/chromedriver").arg(format!("--port={port}")).stdout(Stdio::null()).stderr(Stdio::null()),
    )?;
    wait_for_port(port, "chromedriver", &mut driver.child)?;
    let mut args: Vec<String> = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-dev-shm-usage",
        "--window-size=1280,800",
        "--hide-scrollbars",
    ]
    .into_iter()
    .chain(extra_args.iter().copied())
    .map(String::from)
    .collect();
    args.push(format!("--user-data-dir={}", profile.0.display()));
    let mut caps = serde_json::Map::new();
    caps.insert("browserName".into(), json!("chrome"));
    if let Json::Object(extra) = extra_caps {
        caps.extend(extra);
    }
    caps.insert("goog:chromeOptions".into(), json!({ "binary": "/usr/bin/chromium", "args": args }));
    let client = ClientBuilder::new(HttpConnector::new())
        .capabilities(caps)
        .connect(&format!("http://127.0.0.1:{port}"))
        .await
        .map_err(|e| format!("cannot open a WebDriver session: {e}"))?;
    Ok(Browser { client, _driver: driver, _profile: profile })
}

/// A raw WebDriver command on the current session: `<method> session/<id>/<path>`.
#[derive(Debug)]
pub struct SessionCmd {
    pub method: http::Method,
    pub path: String,
    pub body: Option<Json>,
}

impl WebDriverCompatibleCommand for SessionCmd {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/{}", session.unwrap_or_default(), self.path))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        (self.method.clone(), self.body.as_ref().map(Json::to_string))
    }
}

/// A Chrome DevTools Protocol command through chromedriver's `goog/cdp/execute`.
pub async fn cdp(c: &Client, cmd: &str, params: Json) -> R<Json> {
    Ok(c.issue_cmd(SessionCmd {
        method: http::Method::POST,
        path: "goog/cdp/execute".into(),
        body: Some(json!({ "cmd": cmd, "params": params })),
    })
    .await?)
}

// ---------------------------------------------------------------------------
// HTTP client (the reference server's API)
// ---------------------------------------------------------------------------

/// A plain-HTTP client on the hyper stack fantoccini already pulls in.
#[derive(Clone)]
pub struct Http(hyper_util::client::legacy::Client<HttpConnector, Full<Bytes>>);

impl Default for Http {
    fn default() -> Http {
        Http::new()
    }
}

impl Http {
    pub fn new() -> Http {
        Http(hyper_util::client::legacy::Client::builder(TokioExecutor::new()).build_http())
    }

    /// Sends `method url` with an optional JSON body and extra headers; returns
    /// the status and the body as JSON (`Null` when empty or not JSON). 20 s timeout.
    pub async fn send(&self, method: &str, url: &str, body: Option<Json>, headers: &[(&str, &str)]) -> R<(u16, Json)> {
        let mut req = hyper::Request::builder().method(method).uri(url);
        for (k, v) in headers {
            req = req.header(*k, *v);
        }
        let body = match body {
            Some(b) => {
                req = req.header("content-type", "application/json");
                Full::new(Bytes::from(b.to_string()))
            }
            None => Full::new(Bytes::new()),
        };
        let res = tokio::time::timeout(Duration::from_secs(20), self.0.request(req.body(body)?))
            .await
            .map_err(|_| format!("{method} {url}: no answer in 20 s"))??;
        let status = res.status().as_u16();
        let bytes = res.into_body().collect().await?.to_bytes();
        let json = if bytes.is_empty() { Json::Null } else { serde_json::from_slice(&bytes).unwrap_or(Json::Null) };
        Ok((status, json))
    }
}

// ---------------------------------------------------------------------------
// The reference server's test controls
// ---------------------------------------------------------------------------

/// Where the app keeps its credentials (the component's default storage key).
pub const CREDS_KEY: &str = "active-sessions.credentials.v1";
/// The sessions list route.
pub const LIST: &str = "/api/v1/sessions/list";

/// A reference server reached over HTTP: its base URL and its `/__control/*` API.
#[derive(Clone)]
pub struct Control {
    pub base: String,
    pub http: Http,
}

impl Control {
    pub fn new(base: &str) -> Control {
        Control { base: base.to_owned(), http: Http::new() }
    }

    /// `method path` on the server; an error unless the status is 2xx.
    pub async fn call(&self, method: &str, path: &str, body: Option<Json>) -> R<Json> {
        let (status, json) = self.http.send(method, &format!("{}{path}", self.base), body, &[]).await?;
        ensure!((200..300).contains(&status), "{method} {path} → {status} {json}");
        Ok(json)
    }

    pub async fn clear_requests(&self) -> R {
        self.call("POST", "/__control/requests/clear", None).await.map(drop)
    }

    /// Logged requests of `route` with `method`, oldest first.
    pub async fn requests(&self, route: &str, method: &str) -> R<Vec<Json>> {
        let q = format!("/__control/requests?route={}&method={method}", encode(route));
        let v = self.call("GET", &q, None).await?;
        Ok(v["requests"].as_array().cloned().unwrap_or_default())
    }
}

/// Percent-encodes everything but RFC 3986's unreserved characters.
pub fn encode(s: &str) -> String {
    let mut out = String::new();
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => out.push(b as char),
            _ => out.push_str(&format!("%{b:02X}")),
        }
    }
    out
}
