//! Command-line options and the runtime-switchable part of the configuration.

use std::fmt;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::str::FromStr;

use clap::Parser;

pub const DEFAULT_SEED: u64 = 20_230_523;
pub const DEFAULT_SESSIONS: usize = 64;

/// `--rate-limit CALLS/SECONDS`
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RateLimit {
    pub calls: u32,
    pub seconds: u64,
}

impl FromStr for RateLimit {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (c, w) = s.split_once('/').ok_or_else(|| format!("expected CALLS/SECONDS, got {s:?}"))?;
        let calls: u32 = c.trim().parse().map_err(|_| format!("bad CALLS in {s:?}"))?;
        let seconds: u64 = w.trim().parse().map_err(|_| format!("bad SECONDS in {s:?}"))?;
        if calls == 0 || seconds == 0 {
            return Err(format!("CALLS and SECONDS must be positive in {s:?}"));
        }
        Ok(RateLimit { calls, seconds })
    }
}

impl fmt::Display for RateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.calls, self.seconds)
    }
}

/// Reference Rocket.Chat device-management server (sessions API) with deterministic seed data.
///
/// Serves POST /api/v1/login, GET /api/v1/me, POST /api/v1/logout, GET /api/v1/sessions/list,
/// GET /api/v1/sessions/info, POST /api/v1/sessions/logout.me and
/// POST /api/v1/users.logoutOtherClients. Demo credentials: demo / demo
/// (personal access token `demo-personal-access-token`); 2FA user twofa / twofa, TOTP code 123456;
/// admin / admin (never rate limited).
#[derive(Parser, Clone, Debug, PartialEq, Eq)]
#[command(name = "devserver", version, about, long_about)]
pub struct Config {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:3000")]
    pub addr: SocketAddr,

    /// Seed of the deterministic seed data (session ids, tokens, devices, login times).
    #[arg(long, default_value_t = DEFAULT_SEED)]
    pub seed: u64,

    /// Number of listed sessions (rows) of the demo user.
    #[arg(long, default_value_t = DEFAULT_SESSIONS)]
    pub sessions: usize,

    /// Server generation whose error bodies to reproduce: 5 (filter is a raw regex), 6 (documented
    /// shapes, escaped filter), 7 or 8 (those generations' 401 and license bodies).
    #[arg(long, default_value_t = 8, value_parser = clap::value_parser!(u8).range(5..=8))]
    pub flavor: u8,

    /// Omit the per-item `current` field (servers before 2026).
    #[arg(long)]
    pub no_current: bool,

    /// No device-management license: every sessions route answers the flavor's license error.
    #[arg(long)]
    pub no_license: bool,

    /// Rocket.Chat's rate limiter, per client IP per route, e.g. 10/60 (off by default).
    #[arg(long, value_name = "CALLS/SECONDS")]
    pub rate_limit: Option<RateLimit>,

    /// Also serve a built app from DIR at `/` (index.html fallback), same origin as /api.
    #[arg(long = "static", value_name = "DIR")]
    pub static_dir: Option<PathBuf>,

    /// Enable the test control API under /__control/ (latency/status injection, token expiry,
    /// runtime config, request log, reset). Never enable on a shared server.
    #[arg(long)]
    pub test_controls: bool,

    /// Turn on CORS for /api (off by default, like Rocket.Chat's API_Enable_CORS): the allowed
    /// origins, one or more, the flag may be repeated; `*` allows any origin (API_CORS_Origin's
    /// default). Methods GET/POST/OPTIONS, headers x-user-id, x-auth-token, content-type; no
    /// exposed headers.
    #[arg(long, value_name = "ORIGIN", num_args = 1.., value_parser = parse_origin)]
    pub cors: Vec<String>,
}

/// An origin for `--cors`: `*` or a non-empty value usable as a header value.
fn parse_origin(s: &str) -> Result<String, String> {
    let t = s.trim();
    if t.is_empty() || axum::http::HeaderValue::from_str(t).is_err() {
        return Err(format!("invalid origin {s:?}"));
    }
    Ok(t.trim_end_matches('/').to_string())
}

impl Default for Config {
    fn default() -> Self {
        Config {
            addr: "127.0.0.1:3000".parse().expect("valid default address"),
            seed: DEFAULT_SEED,
            sessions: DEFAULT_SESSIONS,
            flavor: 8,
            no_current: false,
            no_license: false,
            rate_limit: None,
            static_dir: None,
            test_controls: false,
            cors: Vec::new(),
        }
    }
}

/// The settings that `/__control/config` may change at runtime.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RuntimeConfig {
    pub flavor: u8,
    pub license: bool,
    pub current: bool,
    pub rate_limit: Option<RateLimit>,
}

impl From<&Config> for RuntimeConfig {
    fn from(c: &Config) -> Self {
        RuntimeConfig { flavor: c.flavor, license: !c.no_license, current: !c.no_current, rate_limit: c.rate_limit }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rate_limit_parses() {
        assert_eq!("3/60".parse::<RateLimit>(), Ok(RateLimit { calls: 3, seconds: 60 }));
        assert!("3".parse::<RateLimit>().is_err());
        assert!("0/60".parse::<RateLimit>().is_err());
        assert!("a/b".parse::<RateLimit>().is_err());
    }

    #[test]
    fn cli_defaults_and_flags() {
        let c = Config::try_parse_from(["devserver"]).unwrap();
        assert_eq!(c, Config::default());
        let c = Config::try_parse_from([
            "devserver",
            "--flavor",
            "8",
            "--no-current",
            "--no-license",
            "--rate-limit",
            "5/10",
            "--static",
            "dist",
            "--test-controls",
            "--seed",
            "7",
            "--sessions",
            "70",
            "--addr",
            "0.0.0.0:8080",
        ])
        .unwrap();
        assert_eq!(c.flavor, 8);
        assert!(c.no_current && c.no_license && c.test_controls);
        assert_eq!(c.rate_limit, Some(RateLimit { calls: 5, seconds: 10 }));
        assert_eq!(c.static_dir.as_deref(), Some(std::path::Path::new("dist")));
        assert_eq!((c.seed, c.sessions), (7, 70));
        assert!(c.cors.is_empty());
        let c =
            Config::try_parse_from(["devserver", "--cors", "http://a.test", "http://b.test/", "--cors", "*"]).unwrap();
        assert_eq!(c.cors, vec!["http://a.test", "http://b.test", "*"]);
        assert!(Config::try_parse_from(["devserver", "--cors"]).is_err());
        assert!(Config::try_parse_from(["devserver", "--cors", ""]).is_err());
        assert!(Config::try_parse_from(["devserver", "--flavor", "4"]).is_err());
        assert!(Config::try_parse_from(["devserver", "--flavor", "9"]).is_err());
    }
}
