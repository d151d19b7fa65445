//! # active-sessions
//!
//! A Leptos 0.8 component that shows a signed-in Rocket.Chat user every device and
//! browser where they are logged in, and lets them log any of them out.
//!
//! - [`ActiveSessions`]: the component (see its props).
//! - [`core`]: the pure-Rust half (models, tolerant decoding, error mapping, query
//!   building, page math, formatting), tested on the host with plain `cargo test`.
//! - [`web`]: the browser half (gloo-net client, localStorage, URL sync, `Intl`).
//! - [`mount`]: embedding in non-Leptos pages: option decoding, and with the `js`
//!   feature the `mount(element, options)` / `define_element()` exports for JavaScript.
//!
//! ```no_run
//! use leptos::prelude::*;
//! use active_sessions::ActiveSessions;
//!
//! leptos::mount::mount_to_body(|| view! { <ActiveSessions /> });
//! ```

pub mod core;
pub mod mount;
pub mod ui;
pub mod web;

pub use ui::ActiveSessions;
