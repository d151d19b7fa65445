//! The stored documents: users, login tokens and session documents (Rocket.Chat's `rocketchat_sessions`).

use base64::Engine;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use crate::clock::{civil_from_days, iso, Millis, DAY_MS};

/// `device` of a session document (Rocket.Chat's `ISessionDevice`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Device {
    /// `device.type`
    pub kind: String,
    pub name: String,
    pub long_version: String,
    pub os_name: String,
    /// `None` → `device.os.version` absent.
    pub os_version: Option<String>,
    pub version: String,
}

impl Device {
    pub fn new(kind: &str, name: &str, long_version: &str, os_name: &str, os_version: Option<&str>) -> Self {
        Device {
            kind: kind.into(),
            name: name.into(),
            long_version: long_version.into(),
            os_name: os_name.into(),
            os_version: os_version.map(Into::into),
            version: short_version(long_version),
        }
    }

    pub fn to_json(&self) -> Value {
        let mut os = Map::new();
        os.insert("name".into(), Value::String(self.os_name.clone()));
        if let Some(v) = &self.os_version {
            os.insert("version".into(), Value::String(v.clone()));
        }
        json!({
            "type": self.kind,
            "name": self.name,
            "longVersion": self.long_version,
            "os": os,
            "version": self.version,
        })
    }
}

/// Rocket.Chat: `longVersion.match(/(\d+\.){0,2}\d+/)?.[0] || ''`.
pub fn short_version(long: &str) -> String {
    static RE: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(\d+\.){0,2}\d+").expect("valid regex"));
    RE.find(long).map(|m| m.as_str().to_string()).unwrap_or_default()
}

/// Meteor's `Accounts._hashLoginToken`: base64(sha256(token)).
pub fn hash_token(token: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(Sha256::digest(token.as_bytes()))
}

#[derive(Clone, Debug)]
pub struct User {
    pub id: String,
    pub username: String,
    pub name: String,
    pub password: String,
    pub email: String,
    pub roles: Vec<String>,
    /// TOTP code accepted for this user (2FA enabled when `Some`).
    pub totp: Option<String>,
    pub created_at: Millis,
}

impl User {
    /// Rocket.Chat's `api-bypass-rate-limit` permission (granted to the `admin` role, bots and apps).
    pub fn bypasses_rate_limit(&self) -> bool {
        self.roles.iter().any(|r| r == "admin" || r == "bot" || r == "app")
    }

    /// The user object of `/api/v1/me` and of `login`'s `data.me` (without `success`).
    pub fn me_json(&self) -> Value {
        json!({
            "_id": self.id,
            "username": self.username,
            "name": self.name,
            "emails": [{"address": self.email, "verified": true}],
            "status": "online",
            "statusConnection": "online",
            "statusDefault": "online",
            "active": true,
            "type": "user",
            "roles": self.roles,
            "utcOffset": 0,
            "createdAt": iso(self.created_at),
            "settings": {"preferences": {}},
            "avatarUrl": format!("/avatar/{}", self.username),
        })
    }
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenKind {
    Login,
    PersonalAccess { name: String },
}

#[derive(Clone, Debug)]
pub struct Token {
    pub user_id: String,
    /// Kept only so that the dev server can answer `users.logoutOtherClients` with the caller's token.
    pub plain: String,
    pub hashed: String,
    pub when: Millis,
    pub kind: TokenKind,
}

#[derive(Clone, Debug)]
pub struct SessionDoc {
    pub id: String,
    pub session_id: String,
    pub user_id: String,
    pub instance_id: String,
    /// Hashed login token; `""` means none.
    pub login_token: String,
    pub ip: String,
    pub host: String,
    pub device: Option<Device>,
    pub login_at: Millis,
    pub last_activity_at: Option<Millis>,
    pub closed_at: Option<Millis>,
    pub logout_at: Option<Millis>,
    pub logout_by: Option<String>,
    pub created_at: Millis,
    pub updated_at: Millis,
    pub roles: Vec<String>,
}

impl SessionDoc {
    /// Rocket.Chat's `searchTerm`: device.name + device.type + device.os.name + sessionId + userId.
    pub fn search_term(&self) -> String {
        let mut s = String::new();
        if let Some(d) = &self.device {
            s.push_str(&d.name);
            s.push_str(&d.kind);
            s.push_str(&d.os_name);
        }
        s.push_str(&self.session_id);
        s.push_str(&self.user_id);
        s
    }

    /// The `device` as JSON: `null` for a login without User-Agent (stored as `device: undefined`,
    /// which the driver writes as null; MongoDB's `$first` of a missing field in the list).
    pub fn device_json(&self) -> Value {
        self.device.as_ref().map_or(Value::Null, Device::to_json)
    }

    pub fn listed(&self) -> bool {
        !self.login_token.is_empty() && self.logout_at.is_none()
    }

    /// The raw document as `sessions/info` returns it (without `success`).
    pub fn raw_json(&self) -> Value {
        let (y, m, d) = civil_from_days(self.login_at.div_euclid(DAY_MS));
        let mut o = Map::new();
        o.insert("_id".into(), json!(self.id));
        o.insert("type".into(), json!("session"));
        o.insert("sessionId".into(), json!(self.session_id));
        o.insert("instanceId".into(), json!(self.instance_id));
        o.insert("userId".into(), json!(self.user_id));
        o.insert("loginToken".into(), json!(self.login_token));
        o.insert("ip".into(), json!(self.ip));
        o.insert("host".into(), json!(self.host));
        o.insert("device".into(), self.device_json());
        o.insert("year".into(), json!(y));
        o.insert("month".into(), json!(m));
        o.insert("day".into(), json!(d));
        o.insert("roles".into(), json!(self.roles));
        o.insert("mostImportantRole".into(), json!(self.roles.first().cloned().unwrap_or_else(|| "user".into())));
        o.insert("loginAt".into(), json!(iso(self.login_at)));
        if let Some(t) = self.last_activity_at {
            o.insert("lastActivityAt".into(), json!(iso(t)));
        }
        if let Some(t) = self.closed_at {
            o.insert("closedAt".into(), json!(iso(t)));
        }
        if let Some(t) = self.logout_at {
            o.insert("logoutAt".into(), json!(iso(t)));
        }
        if let Some(b) = &self.logout_by {
            o.insert("logoutBy".into(), json!(b));
        }
        o.insert("searchTerm".into(), json!(self.search_term()));
        o.insert("createdAt".into(), json!(iso(self.created_at)));
        o.insert("_updatedAt".into(), json!(iso(self.updated_at)));
        Value::Object(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_version_takes_three_parts() {
        assert_eq!(short_version("113.0.0.0"), "113.0.0");
        assert_eq!(short_version("125.0"), "125.0");
        assert_eq!(short_version("4.49.0 5263"), "4.49.0");
        assert_eq!(short_version(""), "");
    }

    #[test]
    fn hash_is_base64_sha256() {
        // echo -n abc | sha256sum | xxd -r -p | base64
        assert_eq!(hash_token("abc"), "ungWv48Bz+pBQUDeXa4iI7ADYaOWF3qctBD/YfIAFa0=");
    }

    #[test]
    fn device_json_omits_missing_os_version() {
        let d = Device::new("browser", "Firefox", "125.0", "Linux", None);
        assert_eq!(
            d.to_json(),
            json!({"type":"browser","name":"Firefox","longVersion":"125.0","os":{"name":"Linux"},"version":"125.0"})
        );
    }
}
