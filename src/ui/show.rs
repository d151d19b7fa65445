//! `when` / `either`: what `<Show>` does, without its children and fallback
//! machinery (its generic `ChildrenFn`/`ViewFn` code is a few KB of the wasm).
//! Their closures are boxed, so the memo and the view code are compiled once for
//! all of them rather than once per call site.

use leptos::prelude::*;

type Cond = Box<dyn Fn() -> bool + Send + Sync>;
type ViewFn = Box<dyn Fn() -> AnyView + Send + Sync>;

/// The condition is memoised, so the view is built again only when it flips.
pub(crate) fn when(
    cond: impl Fn() -> bool + Send + Sync + 'static,
    view: impl Fn() -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    show(Box::new(cond), Box::new(view), None)
}

/// [`when`] with a view for the other case.
pub(crate) fn either(
    cond: impl Fn() -> bool + Send + Sync + 'static,
    view: impl Fn() -> AnyView + Send + Sync + 'static,
    otherwise: impl Fn() -> AnyView + Send + Sync + 'static,
) -> impl IntoView {
    show(Box::new(cond), Box::new(view), Some(Box::new(otherwise)))
}

fn show(cond: Cond, view: ViewFn, otherwise: Option<ViewFn>) -> impl IntoView {
    let cond = Memo::new(move |_| cond());
    move || match (cond.get(), &otherwise) {
        (true, _) => Some(view()),
        (false, Some(other)) => Some(other()),
        (false, None) => None,
    }
}
