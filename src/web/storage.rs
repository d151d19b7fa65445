//! Credentials in localStorage, with a fallback to memory when storage is blocked.
//!
//! Storage can be missing or throw on every call (private mode, sandboxed iframes,
//! disabled site data, a full quota). Nothing here throws or panics: a failure turns
//! the store into a memory-only one and [`CredentialStore::persistence`] says so,
//! so the UI can tell the user their sign-in will not survive a reload.
//!
//! ```no_run
//! use active_sessions::web::storage::CredentialStore;
//! let store = CredentialStore::new("active-sessions.credentials.v1");
//! let (creds, notice) = store.load();
//! ```

use crate::core::i18n::{Arg, Text, M};
use std::cell::RefCell;
use std::rc::Rc;

use crate::core::creds::{decode_credentials, encode_credentials, Credentials, StoredCredentials};
use crate::core::recency::{decode_visit, encode_visit, Visit};

/// Whether credentials survive a reload.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Persistence {
    LocalStorage,
    /// Storage is unavailable or refused a write: kept in memory for this page only.
    MemoryOnly(StorageProblem),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StorageProblem {
    /// `localStorage` is missing or throws on access.
    Blocked,
    /// A write failed, usually `QuotaExceededError`.
    Full,
}

impl Persistence {
    /// What the panel tells the user, if anything: nothing while storage works.
    pub fn warning(self) -> Option<M> {
        match self {
            Persistence::LocalStorage => None,
            Persistence::MemoryOnly(p) => Some(p.message()),
        }
    }
}

impl StorageProblem {
    pub fn message(self) -> M {
        match self {
            StorageProblem::Blocked => M::StorageBlocked,
            StorageProblem::Full => M::StorageFull,
        }
    }
}

/// Why stored credentials were not used.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum LoadNotice {
    /// The stored value did not decode; it was removed.
    Corrupt,
    /// Written by a newer version of this component; left alone so that version keeps working.
    FutureVersion(u32),
}

impl LoadNotice {
    pub fn text(&self) -> Text {
        match self {
            LoadNotice::Corrupt => M::NoticeCorrupt.into(),
            LoadNotice::FutureVersion(v) => M::NoticeFutureVersion.with("version", Arg::Num(u64::from(*v))),
        }
    }
}

/// One namespaced, versioned localStorage entry holding [`Credentials`].
#[derive(Clone)]
pub struct CredentialStore {
    key: String,
    memory: Rc<RefCell<Option<Credentials>>>,
    persistence: Rc<RefCell<Persistence>>,
}

pub(crate) fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

impl CredentialStore {
    pub fn new(key: &str) -> Self {
        let persistence = match local_storage() {
            // Probing with a read: some browsers hand out a storage object whose every call throws.
            Some(s) if s.get_item(key).is_ok() => Persistence::LocalStorage,
            _ => Persistence::MemoryOnly(StorageProblem::Blocked),
        };
        Self {
            key: key.to_owned(),
            memory: Rc::new(RefCell::new(None)),
            persistence: Rc::new(RefCell::new(persistence)),
        }
    }

    #[cfg(any(test, feature = "internals"))]
    pub fn key(&self) -> &str {
        &self.key
    }

    pub fn persistence(&self) -> Persistence {
        self.persistence.borrow().clone()
    }

    fn storage(&self) -> Option<web_sys::Storage> {
        match *self.persistence.borrow() {
            Persistence::LocalStorage => local_storage(),
            Persistence::MemoryOnly(_) => None,
        }
    }

    /// Reads the stored credentials. A corrupt value is removed; a future version is left in place.
    pub fn load(&self) -> (Option<Credentials>, Option<LoadNotice>) {
        let Some(storage) = self.storage() else {
            return (self.memory.borrow().clone(), None);
        };
        let raw = match storage.get_item(&self.key) {
            Ok(Some(raw)) => raw,
            Ok(None) => return (None, None),
            Err(_) => {
                *self.persistence.borrow_mut() = Persistence::MemoryOnly(StorageProblem::Blocked);
                return (self.memory.borrow().clone(), None);
            }
        };
        self.decode(&storage, &raw)
    }

    fn decode(&self, storage: &web_sys::Storage, raw: &str) -> (Option<Credentials>, Option<LoadNotice>) {
        match decode_credentials(raw) {
            StoredCredentials::Valid(c) => (Some(c), None),
            StoredCredentials::Corrupt => {
                let _ = storage.remove_item(&self.key);
                (None, Some(LoadNotice::Corrupt))
            }
            StoredCredentials::FutureVersion(v) => (None, Some(LoadNotice::FutureVersion(v))),
        }
    }

    /// Stores the credentials; on failure keeps them in memory and switches to memory-only.
    pub fn save(&self, creds: &Credentials) {
        *self.memory.borrow_mut() = Some(creds.clone());
        if let Some(storage) = self.storage() {
            if let Err(err) = storage.set_item(&self.key, &encode_credentials(creds)) {
                let problem = if is_quota_error(&err) { StorageProblem::Full } else { StorageProblem::Blocked };
                *self.persistence.borrow_mut() = Persistence::MemoryOnly(problem);
            }
        }
    }

    /// Forgets the credentials everywhere.
    pub fn clear(&self) {
        *self.memory.borrow_mut() = None;
        if let Some(storage) = self.storage() {
            let _ = storage.remove_item(&self.key);
        }
    }

    /// The storage key of `user_id`'s last visit: next to the credentials, one per user.
    fn visit_key(&self, user_id: &str) -> String {
        format!("{}.seen.{user_id}", self.key)
    }

    /// `user_id`'s last visit in this browser (`None`: first visit, storage blocked, or damaged).
    pub fn load_visit(&self, user_id: &str) -> Option<Visit> {
        decode_visit(&self.storage()?.get_item(&self.visit_key(user_id)).ok()??)
    }

    /// Remembers this visit (best effort: a full storage keeps the credentials first).
    pub fn save_visit(&self, user_id: &str, visit: &Visit) {
        if let Some(storage) = self.storage() {
            let _ = storage.set_item(&self.visit_key(user_id), &encode_visit(visit));
        }
    }

    /// Forgets `user_id`'s visits (signing out).
    pub fn forget_visit(&self, user_id: &str) {
        if let Some(storage) = self.storage() {
            let _ = storage.remove_item(&self.visit_key(user_id));
        }
    }

    /// Decodes a `storage` event's new value for our key (another tab signed in or out).
    /// Returns `None` when the event concerns another key.
    pub fn read_storage_event(&self, ev: &web_sys::StorageEvent) -> Option<Option<Credentials>> {
        // `key` is null when another tab called `localStorage.clear()`.
        match ev.key() {
            Some(k) if k == self.key => {}
            None => return Some(None),
            Some(_) => return None,
        }
        if !matches!(self.persistence(), Persistence::LocalStorage) {
            return None;
        }
        let creds = ev.new_value().and_then(|raw| match decode_credentials(&raw) {
            StoredCredentials::Valid(c) => Some(c),
            _ => None,
        });
        *self.memory.borrow_mut() = creds.clone();
        Some(creds)
    }
}

fn is_quota_error(err: &wasm_bindgen::JsValue) -> bool {
    use wasm_bindgen::JsCast;
    err.dyn_ref::<web_sys::DomException>().map(|e| e.name() == "QuotaExceededError" || e.code() == 22).unwrap_or(false)
}

/// Reads the Rocket.Chat web client's own login on the same origin
/// (`Meteor.userId` / `Meteor.loginToken`), for hosts that opt in.
pub fn rocketchat_web_login(base_url: &str) -> Option<Credentials> {
    let s = local_storage()?;
    let user_id = s.get_item("Meteor.userId").ok().flatten()?;
    let auth_token = s.get_item("Meteor.loginToken").ok().flatten()?;
    if user_id.trim().is_empty() || auth_token.trim().is_empty() {
        return None;
    }
    // The web client's token came from its own login: whether it is listed is unknown.
    Some(Credentials { user_id, auth_token, base_url: base_url.to_owned(), listed: false })
}
