//! Deterministic seed data: users `demo`, `alice`, `twofa`, `admin`, their tokens and session documents.
//!
//! Everything random comes from one [`Rng`] seeded with `--seed`; login times are relative to the
//! clock's "now" at build (or reset) time.

use crate::clock::{Millis, DAY_MS};
use crate::model::{hash_token, Device, SessionDoc, Token, TokenKind, User};
use crate::rng::Rng;
use crate::store::Store;

pub const DEMO_ID: &str = "DemoSeedHq7Tk9Mzr";
pub const ALICE_ID: &str = "Ah5eCq2RtW9mZpKxy";
pub const TWOFA_ID: &str = "TwoFaSeedK3m7PxQz";
/// `admin` / `admin`, roles `admin` + `user` (never rate limited), no sessions.
pub const ADMIN_ID: &str = "AdminSeedW4n8Rq2x";
pub const DEMO_PAT: &str = "demo-personal-access-token";
pub const TWOFA_CODE: &str = "123456";
pub const XSS_NAME: &str = "<img src=x onerror=alert(1)>";
/// Device name used only by a logged-out (hidden) session of `demo`.
pub const LOGGED_OUT_ONLY_NAME: &str = "Vivaldi";
pub const ALICE_SESSIONS: usize = 10;
pub const LOGGED_OUT_SESSIONS: usize = 6;
pub const HOSTS: [&str; 3] = ["chat.example.com", "localhost:3000", "open.rocket.chat"];
const IPV4: [&str; 5] = ["172.20.0.2", "192.168.1.23", "10.0.0.57", "203.0.113.9", "198.51.100.44"];
const IPV6: [&str; 4] = ["2001:db8::1", "2001:db8:85a3::8a2e:370:7334", "::1", "fe80::1c2b:3aff:fe4d:5e6f"];

/// Facts about the generated data that tests (and curious humans) need.
#[derive(Clone, Debug, Default)]
pub struct SeedInfo {
    pub demo_id: String,
    pub alice_id: String,
    pub twofa_id: String,
    pub admin_id: String,
    /// Session ids of the three tabs sharing one login token, newest first (only the first is listed).
    pub tab_session_ids: Vec<String>,
    pub no_device_session_id: Option<String>,
    pub xss_session_id: Option<String>,
    pub logged_out_session_ids: Vec<String>,
    pub alice_session_ids: Vec<String>,
    /// Number of listed rows of `demo` (= `--sessions`).
    pub demo_rows: usize,
    /// Number of session documents of `demo` (rows + extra tabs + logged-out ones).
    pub demo_docs: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Tag {
    Plain,
    NoDevice,
    Xss,
}

fn specials() -> Vec<(Tag, Option<Device>)> {
    let d = Device::new;
    vec![
        (Tag::NoDevice, None),
        (Tag::Plain, Some(d("", "", "", "", Some("")))),
        (Tag::Xss, Some(d("browser", XSS_NAME, "1.0.0", "Windows", Some("10")))),
        (Tag::Plain, Some(d("browser", "Firefox", "125.0", "Linux", None))),
        (Tag::Plain, Some(d("mobile", "Mobile Safari", "17.4.1", "iOS", Some("17.4.1")))),
        (Tag::Plain, Some(d("mobile", "Mobile Chrome", "124.0.6367.82", "Android", Some("14")))),
        (Tag::Plain, Some(d("tablet", "Mobile Safari", "17.4", "iOS", Some("17.4")))),
        (Tag::Plain, Some(d("other", "curl", "8.5.0", "", Some("")))),
        (Tag::Plain, Some(d("mobile-app", "RC Mobile", "4.49.0 5263", "iOS", Some("17.4")))),
        (Tag::Plain, Some(d("mobile-app", "RC Mobile", "4.48.1 5201", "Android", Some("14")))),
        (Tag::Plain, Some(d("desktop-app", "Rocket.Chat", "4.0.2", "Windows", Some("10")))),
        (Tag::Plain, Some(d("desktop-app", "Rocket.Chat", "3.9.14", "Mac OS", Some("10.15.7")))),
        (Tag::Plain, Some(d("desktop-app", "Rocket.Chat", "4.0.2", "Linux", None))),
        (Tag::Plain, Some(d("browser", "Safari", "17.4.1", "Mac OS", Some("10.15.7")))),
        (Tag::Plain, Some(d("browser", "Edge", "124.0.0.0", "Windows", Some("10")))),
        (Tag::Plain, Some(d("browser", "Opera", "109.0.0.0", "Windows", Some("10")))),
        (Tag::Plain, Some(d("browser", "Chrome", "124.0.0.0", "Windows", Some("10")))),
        (Tag::Plain, Some(d("mobile", "Firefox", "125.1", "iOS", Some("17.4.1")))),
    ]
}

/// A random desktop browser on Windows, macOS or Linux.
fn browser_device(rng: &mut Rng) -> Device {
    const BROWSERS: [(&str, &[&str]); 5] = [
        ("Chrome", &["124.0.0.0", "123.0.0.0", "122.0.6261.129"]),
        ("Firefox", &["125.0", "124.0.2", "115.10.0"]),
        ("Safari", &["17.4.1", "16.6"]),
        ("Edge", &["124.0.0.0", "123.0.2420.97"]),
        ("Opera", &["109.0.0.0", "108.0.0.0"]),
    ];
    const OSES: [(&str, Option<&str>); 3] = [("Windows", Some("10")), ("Mac OS", Some("10.15.7")), ("Linux", None)];
    let (name, versions) = *rng.pick(&BROWSERS);
    let version = *rng.pick(versions);
    let (os, os_version) = if name == "Safari" { OSES[1] } else { *rng.pick(&OSES) };
    Device::new("browser", name, version, os, os_version)
}

fn pick_ip(rng: &mut Rng) -> String {
    if rng.below(4) == 0 {
        rng.pick(&IPV6).to_string()
    } else {
        rng.pick(&IPV4).to_string()
    }
}

/// Sorted (ascending) distinct ages in `[2 min, 90 days)`.
fn ages(rng: &mut Rng, n: usize) -> Vec<Millis> {
    let min = 120_000;
    let span = 90 * DAY_MS - min - n as Millis;
    let mut v: Vec<Millis> = (0..n).map(|_| min + rng.below(span as u64) as Millis).collect();
    v.sort_unstable();
    v.iter().enumerate().map(|(i, a)| a + i as Millis).collect()
}

struct DocBuilder<'a> {
    rng: &'a mut Rng,
    instance_id: String,
    now: Millis,
}

impl DocBuilder<'_> {
    fn doc(&mut self, user_id: &str, token_hash: &str, device: Option<Device>, login_at: Millis) -> SessionDoc {
        let id = self.rng.id();
        let session_id = self.rng.id();
        let ip = pick_ip(self.rng);
        let host = self.rng.pick(&HOSTS).to_string();
        let activity = login_at + (1 + self.rng.below(240) as Millis) * 60_000;
        let closed = self.rng.below(4) == 0;
        SessionDoc {
            id,
            session_id,
            user_id: user_id.into(),
            instance_id: self.instance_id.clone(),
            login_token: token_hash.into(),
            ip,
            host,
            device,
            login_at,
            last_activity_at: (activity < self.now).then_some(activity),
            closed_at: (closed && activity < self.now).then_some(activity),
            logout_at: None,
            logout_by: None,
            created_at: login_at,
            updated_at: if activity < self.now { activity } else { login_at },
            roles: vec!["user".into()],
        }
    }
}

fn login_token(rng: &mut Rng, user_id: &str, when: Millis) -> Token {
    let plain = rng.token();
    Token { user_id: user_id.into(), hashed: hash_token(&plain), plain, when, kind: TokenKind::Login }
}

/// Builds the seed store. Returns the store, facts about it, and the PRNG to keep using at runtime.
pub fn build(seed: u64, sessions: usize, now: Millis) -> (Store, SeedInfo, Rng) {
    let mut rng = Rng::new(seed);
    let instance_id = rng.id();
    let created = now - 400 * DAY_MS;
    let user = |id: &str, username: &str, name: &str, totp: Option<&str>| User {
        id: id.into(),
        username: username.into(),
        name: name.into(),
        password: username.into(),
        email: format!("{username}@example.com"),
        roles: vec!["user".into()],
        totp: totp.map(Into::into),
        created_at: created,
    };
    let mut admin = user(ADMIN_ID, "admin", "Administrator", None);
    admin.roles = vec!["admin".into(), "user".into()];
    let users = vec![
        user(DEMO_ID, "demo", "Demo User", None),
        user(ALICE_ID, "alice", "Alice Example", None),
        user(TWOFA_ID, "twofa", "Two Factor", Some(TWOFA_CODE)),
        admin,
    ];
    let mut tokens = vec![Token {
        user_id: DEMO_ID.into(),
        plain: DEMO_PAT.into(),
        hashed: hash_token(DEMO_PAT),
        when: created,
        kind: TokenKind::PersonalAccess { name: "demo-pat".into() },
    }];
    let mut docs: Vec<SessionDoc> = Vec::new();
    let mut info = SeedInfo {
        demo_id: DEMO_ID.into(),
        alice_id: ALICE_ID.into(),
        twofa_id: TWOFA_ID.into(),
        admin_id: ADMIN_ID.into(),
        demo_rows: sessions,
        ..SeedInfo::default()
    };

    // demo's listed rows: the special cases first, then random desktop browsers; shuffled.
    let mut templates = specials();
    templates.truncate(sessions);
    while templates.len() < sessions {
        templates.push((Tag::Plain, Some(browser_device(&mut rng))));
    }
    rng.shuffle(&mut templates);
    let ages = ages(&mut rng, sessions);
    let mut tab_row: Option<usize> = None;
    {
        let mut b = DocBuilder { rng: &mut rng, instance_id: instance_id.clone(), now };
        for (i, (tag, device)) in templates.into_iter().enumerate() {
            let login_at = now - ages[i];
            let tok = login_token(b.rng, DEMO_ID, login_at);
            let is_plain_browser = tag == Tag::Plain && device.as_ref().is_some_and(|d| d.kind == "browser");
            let mut doc = b.doc(DEMO_ID, &tok.hashed, device, login_at);
            match i {
                0 => doc.ip = IPV6[0].into(),
                1 => doc.ip = IPV4[0].into(),
                _ => {}
            }
            match tag {
                Tag::NoDevice => info.no_device_session_id = Some(doc.session_id.clone()),
                Tag::Xss => info.xss_session_id = Some(doc.session_id.clone()),
                Tag::Plain => {}
            }
            if tab_row.is_none() && is_plain_browser && i >= 2 {
                tab_row = Some(docs.len());
            }
            tokens.push(tok);
            docs.push(doc);
        }
        // Two older tabs sharing the token of one row: three documents, one listed row.
        if let Some(r) = tab_row {
            let newest = docs[r].clone();
            info.tab_session_ids.push(newest.session_id.clone());
            for (k, ip) in [(1, "10.9.8.7"), (2, "10.9.8.6")] {
                let mut tab =
                    b.doc(DEMO_ID, &newest.login_token, newest.device.clone(), newest.login_at - k * 5 * 60_000);
                tab.ip = ip.into();
                tab.host = newest.host.clone();
                info.tab_session_ids.push(tab.session_id.clone());
                docs.push(tab);
            }
        }
        // Logged-out sessions of demo: stored, never listed.
        for k in 0..LOGGED_OUT_SESSIONS {
            let login_at = now - (1 + b.rng.below(89)) as Millis * DAY_MS - b.rng.below(DAY_MS as u64 / 2) as Millis;
            let device = if k == 0 {
                Device::new("browser", LOGGED_OUT_ONLY_NAME, "6.6.3379.40", "Linux", None)
            } else {
                browser_device(b.rng)
            };
            let dead = hash_token(&b.rng.token());
            let mut doc = b.doc(DEMO_ID, &dead, Some(device), login_at);
            doc.logout_at = Some(login_at + 3_600_000);
            doc.logout_by = Some(DEMO_ID.into());
            doc.updated_at = login_at + 3_600_000;
            info.logged_out_session_ids.push(doc.session_id.clone());
            docs.push(doc);
        }
        // alice: her own sessions, which must never show up for demo.
        let alice_ages = self::ages(b.rng, ALICE_SESSIONS);
        for age in alice_ages {
            let login_at = now - age;
            let tok = login_token(b.rng, ALICE_ID, login_at);
            let device = browser_device(b.rng);
            let doc = b.doc(ALICE_ID, &tok.hashed, Some(device), login_at);
            info.alice_session_ids.push(doc.session_id.clone());
            tokens.push(tok);
            docs.push(doc);
        }
    }
    info.demo_docs = docs.iter().filter(|d| d.user_id == DEMO_ID).count();
    (Store { users, tokens, sessions: docs, instance_id }, info, rng)
}
