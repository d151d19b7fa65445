//! Live-heap checks: repeating the same user action must not keep growing the
//! wasm heap. A counting global allocator measures live bytes exactly (wasm
//! memory itself only grows in 64 KiB pages and never shrinks).
#![cfg(target_arch = "wasm32")]
// The counting allocator below implements `GlobalAlloc`, an unsafe trait.
#![allow(unsafe_code)]

mod support;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicIsize, Ordering};

use support::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

struct Counting;
static LIVE: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let p = unsafe { System.alloc(layout) };
        if !p.is_null() {
            LIVE.fetch_add(layout.size() as isize, Ordering::Relaxed);
        }
        p
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            LIVE.fetch_add(new_size as isize - layout.size() as isize, Ordering::Relaxed);
        }
        p
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn live() -> isize {
    LIVE.load(Ordering::Relaxed)
}

async fn settle(t: &Mounted, filter: &str) {
    t.fill("Filter sessions", filter);
    // Past the debounce, then until the answer is on screen.
    sleep(120).await;
    t.wait_until_gone("Updating…").await;
    t.wait_until_gone("Loading").await;
    leptos::task::tick().await;
}

#[wasm_bindgen_test]
async fn filter_changes_do_not_grow_the_heap() {
    let (t, _) = Mounted::signed_in_fresh(Opts::default()).await;
    let filters = ["chrome", "firefox", "safari", ""];
    // Warm up: first renders fill caches, interned strings and arenas.
    for f in filters.iter().cycle().take(8) {
        settle(&t, f).await;
    }
    let before = live();
    let rounds = 40;
    for f in filters.iter().cycle().take(rounds) {
        settle(&t, f).await;
    }
    let grown = live() - before;
    web_sys::console::log_1(&format!("live heap growth after {rounds} filter changes: {grown} bytes").into());
    assert!(grown < 16 * 1024, "the heap grew by {grown} bytes over {rounds} filter changes");
}

#[wasm_bindgen_test]
async fn paging_masking_and_details_do_not_grow_the_heap() {
    let (t, _) = Mounted::signed_in_fresh(Opts { page_size: Some(10), ..Opts::default() }).await;
    for _ in 0..3 {
        page_round(&t).await;
    }
    let before = live();
    let rounds = 15;
    for _ in 0..rounds {
        page_round(&t).await;
    }
    let grown = live() - before;
    web_sys::console::log_1(&format!("live heap growth after {rounds} rounds: {grown} bytes").into());
    assert!(grown < 16 * 1024, "the heap grew by {grown} bytes over {rounds} rounds of paging, masking and details");
}

async fn page_round(t: &Mounted) {
    t.click("Next page");
    t.wait_status("Showing 11–20").await;
    t.field("Mask IP addresses").unwrap().click();
    leptos::task::tick().await;
    let first = t.card_titles()[0].clone();
    t.click(&format!("Details for {first}"));
    t.wait_text("Last activity").await;
    t.click(&format!("Details for {first}"));
    leptos::task::tick().await;
    t.click("Previous page");
    t.wait_status("Showing 1–10").await;
    t.field("Mask IP addresses").unwrap().click();
    leptos::task::tick().await;
}
