//! Pure-Rust client core: everything about talking to Rocket.Chat's
//! device-management API that does not need a browser.
//!
//! It lives apart from the wasm layer so that it can be tested on the host
//! with plain `cargo test`, and it is written to never panic on any input:
//! the component runs inside other people's pages and a panic in the wasm
//! would kill it. Nothing here reads a clock (callers pass `now_ms`). To keep
//! the wasm small it has no dependencies of its own: JSON comes through
//! [`json`], which is serde_json on the host and the browser's parser in the wasm.
//!
//! - [`json`]: the small JSON reading trait the decoders use, and a writer.
//! - [`model`]: the data types and tolerant decoders for every response body.
//! - [`date`]: ISO-8601 instants to epoch milliseconds and back.
//! - [`error`]: one error enum, recognising the error bodies of all three
//!   server generations.
//! - [`query`]: the list query (filter, sort, page size, page) with its panel's
//!   page sizes, the request parameters it produces and its URL form.
//! - [`page`]: page math ("1–25 of 64", last page, stepping back).
//! - [`own`]: which row is this device, how many others, which rows a
//!   "sign out all other devices" may remove.
//! - [`creds`]: the stored-credentials codec (versioned, token redacted in
//!   `Debug`).
//! - [`recency`]: new since the last visit, stale, selected sessions gone.
//! - [`format`](mod@format): display helpers (device titles, relative times, IP masking).

pub mod creds;
pub mod date;
pub mod error;
pub mod format;
pub mod i18n;
pub mod json;
pub mod model;
pub mod own;
pub mod page;
pub mod query;
pub mod recency;
