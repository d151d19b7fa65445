//! The smallest Leptos 0.8 CSR app with reactivity (the counter of Leptos's README):
//! the size and time floor any interactive Leptos app pays, for scripts/bench.sh.
//! `#hello` is what the benchmark waits for.
use leptos::prelude::*;

fn main() {
    mount_to_body(|| {
        let (count, set_count) = signal(0);
        view! {
            <p id="hello">"Hello, world!"</p>
            <button on:click=move |_| set_count.update(|n| *n += 1)>"Clicked " {count} " times"</button>
        }
    });
}
