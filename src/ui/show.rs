//! `when` / `either`: what `<Show>` does, without its children and fallback
//! machinery (its generic `ChildrenFn`/`ViewFn` code is a few KB of the wasm).

use leptos::prelude::*;

/// The condition is memoised, so the view is built again only when it flips.
pub(crate) fn when(
    cond: impl Fn() -> bool + Send + Sync + 'static,
    view: impl Fn() -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let cond = Memo::new(move |_| cond());
    move || cond.get().then(&view)
}

/// [`when`] with a view for the other case.
pub(crate) fn either(
    cond: impl Fn() -> bool + Send + Sync + 'static,
    view: impl Fn() -> AnyView + Send + Sync + 'static,
    otherwise: impl Fn() -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    let cond = Memo::new(move |_| cond());
    move || if cond.get() { view() } else { otherwise() }
}
