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
pub mod options;
pub mod ui;
pub mod web;

pub use options::{Options, OptionsError};
pub use ui::ActiveSessions;

// Feature `talc`: the allocator of the wasm this repository ships for pages without
// Leptos (scripts/example.sh builds `--features js,talc`), the same as the demo's
// (smaller and faster than dlmalloc). Off by default: an app keeps its own choice,
// and test binaries with an allocator of their own (tests/leak.rs) still link.
#[cfg(all(feature = "talc", target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
