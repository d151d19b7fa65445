//! The browser layer: HTTP through gloo-net, localStorage, URL and `Intl`.
//! Everything here is a thin shell over [`crate::core`], which holds the logic.

pub mod api;
pub mod crypto;
pub mod i18n;
pub mod panic;
pub mod storage;
pub mod time;
pub mod url_sync;
