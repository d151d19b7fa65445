//! The in-memory "database": users, login tokens and session documents, plus the queries the
//! routes need (Rocket.Chat's `aggregateSessionsByUserId` pipeline in particular).

use std::cmp::Ordering;
use std::collections::HashSet;

use crate::clock::Millis;
use crate::model::{hash_token, SessionDoc, Token, TokenKind, User};

#[derive(Clone, Debug)]
pub struct Store {
    pub users: Vec<User>,
    pub tokens: Vec<Token>,
    pub sessions: Vec<SessionDoc>,
    pub instance_id: String,
}

/// A key of the custom sort (`device.name`, …) with its direction (1 or -1).
pub type SortSpec = Vec<(String, i64)>;

impl Store {
    pub fn user(&self, id: &str) -> Option<&User> {
        self.users.iter().find(|u| u.id == id)
    }

    pub fn user_by_username(&self, username: &str) -> Option<&User> {
        self.users.iter().find(|u| u.username == username)
    }

    pub fn user_by_email(&self, email: &str) -> Option<&User> {
        self.users.iter().find(|u| u.email.eq_ignore_ascii_case(email))
    }

    /// The token record matching these auth headers, if valid.
    pub fn authenticate(&self, user_id: &str, token: &str) -> Option<&Token> {
        self.token_owner(token).filter(|t| t.user_id == user_id)
    }

    /// Listed rows of a user, newest first: documents with a login token, not logged out, matching
    /// `matches(searchTerm)`, grouped by login token (the most recent document of each token wins;
    /// for equal `loginAt` the one written last).
    pub fn rows(&self, user_id: &str, matches: &dyn Fn(&str) -> bool) -> Vec<&SessionDoc> {
        let mut docs: Vec<(usize, &SessionDoc)> = self
            .sessions
            .iter()
            .enumerate()
            .filter(|(_, d)| d.user_id == user_id && d.listed() && matches(&d.search_term()))
            .collect();
        docs.sort_by(|(ia, a), (ib, b)| b.login_at.cmp(&a.login_at).then_with(|| ib.cmp(ia)));
        let mut seen = HashSet::new();
        docs.into_iter().map(|(_, d)| d).filter(|d| seen.insert(d.login_token.clone())).collect()
    }

    /// The user owning this plain token (login token or personal access token): Meteor's resume
    /// handler looks it up in `services.resume.loginTokens`, where Rocket.Chat keeps PATs too.
    pub fn token_owner(&self, token: &str) -> Option<&Token> {
        let hashed = hash_token(token);
        self.tokens.iter().find(|t| t.hashed == hashed)
    }

    /// A web client's stored login of a user: the newest listed row with device type `browser` whose
    /// login token is still valid, with that token (calling with it makes the row `current`).
    pub fn web_login(&self, user_id: &str) -> Option<(&Token, &SessionDoc)> {
        self.rows(user_id, &|_| true).into_iter().find_map(|d| {
            d.device.as_ref().filter(|dev| dev.kind == "browser")?;
            let tok = self.tokens.iter().find(|t| t.user_id == user_id && t.hashed == d.login_token)?;
            Some((tok, d))
        })
    }

    /// `Sessions.findOneBySessionIdAndUserId`: any document (even logged out) with a login token.
    pub fn find_session(&self, user_id: &str, session_id: &str) -> Option<&SessionDoc> {
        self.sessions
            .iter()
            .filter(|d| d.user_id == user_id && d.session_id == session_id && !d.login_token.is_empty())
            .max_by_key(|d| d.login_at)
    }

    /// Removes a hashed token of a user and marks every session document carrying it logged out.
    pub fn revoke(&mut self, user_id: &str, hashed: &str, now: Millis) {
        self.tokens.retain(|t| !(t.user_id == user_id && t.hashed == hashed));
        for d in self.sessions.iter_mut().filter(|d| d.user_id == user_id && d.login_token == hashed) {
            if d.logout_at.is_none() {
                d.logout_at = Some(now);
                d.logout_by = Some(user_id.into());
                d.updated_at = now;
            }
        }
    }

    /// `users.logoutOtherClients`: removes every login token but `keep_hashed` (personal access
    /// tokens stay). Session documents are not touched: their rows stay listed, as on a real server.
    pub fn remove_other_login_tokens(&mut self, user_id: &str, keep_hashed: &str) {
        self.tokens.retain(|t| !(t.user_id == user_id && t.kind == TokenKind::Login && t.hashed != keep_hashed));
    }
}

fn sort_value<'a>(d: &'a SessionDoc, key: &str) -> Option<&'a str> {
    let dev = d.device.as_ref()?;
    match key {
        "device.name" => Some(dev.name.as_str()),
        "device.os.name" => Some(dev.os_name.as_str()),
        "device.os.version" => dev.os_version.as_deref(),
        _ => None,
    }
}

/// MongoDB-like `$sort` (missing < strings, binary string order), stable for ties.
pub fn apply_sort(page: &mut [&SessionDoc], spec: &SortSpec) {
    page.sort_by(|a, b| {
        for (key, dir) in spec {
            let ord = if key == "loginAt" {
                a.login_at.cmp(&b.login_at)
            } else {
                sort_value(a, key).cmp(&sort_value(b, key))
            };
            let ord = if *dir < 0 { ord.reverse() } else { ord };
            if ord != Ordering::Equal {
                return ord;
            }
        }
        Ordering::Equal
    });
}
