#![doc = include_str!("../docs/crate.md")]
//!
//! (This page is the crate's README, `docs/crate.md`: its example compiles as a doctest.)

// The API: the component, its options and the error they give, and (feature `js`)
// the JavaScript exports. The modules behind them are public only with the
// `internals` feature, which this repository's own tests turn on (scripts/test.sh):
// they are not part of the API and change without notice.
#[cfg(feature = "internals")]
pub mod core;
#[cfg(not(feature = "internals"))]
mod core;
#[cfg(feature = "internals")]
pub mod mount;
#[cfg(not(feature = "internals"))]
mod mount;
pub mod options;
#[cfg(feature = "internals")]
pub mod ui;
#[cfg(not(feature = "internals"))]
mod ui;
#[cfg(feature = "internals")]
pub mod web;
#[cfg(not(feature = "internals"))]
mod web;

pub use core::i18n::Messages;
#[cfg(feature = "js")]
pub use mount::{define_element, mount, MountHandle};
pub use options::{ActiveSessions, ActiveSessionsProps, Options, OptionsError};

// Feature `talc`: talc as the global allocator of the wasm this repository ships,
// the demo (index.html) and the npm package (scripts/package.sh): 786 B gzipped
// smaller than dlmalloc in the demo, 727 B in the package. Off by default: an app
// keeps its own choice, and test binaries with an allocator of their own
// (tests/leak.rs) still link.
#[cfg(all(feature = "talc", target_family = "wasm", not(target_feature = "atomics")))]
#[global_allocator]
static ALLOC: talc::wasm::WasmDynamicTalc = talc::wasm::new_wasm_dynamic_allocator();
