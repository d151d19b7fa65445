//! Plain DOM building, for the parts of the view that are redrawn as a whole from
//! the panel's state: the cards (see `list`), the toolbar's actions, the regions. A
//! Leptos view there compiled into large generic build/rebuild code for one deeply
//! nested type and bought nothing (each part is replaced whole, with no reactive
//! parts inside). A part is written as markup ([`El`], or [`Html`] for the cards)
//! and put in place with one `innerHTML`.
//!
//! Server text only ever goes in escaped, as text or attribute values, never as
//! markup.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::ui::state::Panel;

/// An element under construction, written as markup: a part is drawn as one string
/// and put in place with one `innerHTML` (the browser's parser builds it natively;
/// a DOM call per node from the wasm, each crossing into JavaScript with its strings,
/// made a page of cards 3.8× slower than the plain-DOM baseline). Every text and
/// attribute value goes through [`escape_into`], so server text stays text.
pub(crate) struct El {
    tag: &'static str,
    attrs: String,
    inner: String,
}

impl El {
    /// `<tag class=…>`; `class` may be empty.
    #[inline(never)]
    pub fn new(tag: &'static str, class: &str) -> El {
        let el = El { tag, attrs: String::new(), inner: String::new() };
        if class.is_empty() {
            el
        } else {
            el.attr("class", class)
        }
    }

    #[inline(never)]
    pub fn attr(mut self, name: &str, value: &str) -> El {
        self.attrs.push(' ');
        self.attrs.push_str(name);
        self.attrs.push_str("=\"");
        escape_into(&mut self.attrs, value);
        self.attrs.push('"');
        self
    }

    /// Appends `text` as text.
    #[inline(never)]
    pub fn text(mut self, text: &str) -> El {
        escape_into(&mut self.inner, text);
        self
    }

    #[inline(never)]
    pub fn child(mut self, child: El) -> El {
        child.write_into(&mut self.inner);
        self
    }

    /// `<tag class=…>text</tag>` appended.
    #[inline(never)]
    pub fn leaf(self, tag: &'static str, class: &str, text: &str) -> El {
        self.child(El::new(tag, class).text(text))
    }

    /// A `<button type="button">` appended, with its text and the `data-as-key` the
    /// click handlers and the focus keeping go by.
    #[inline(never)]
    pub fn button(self, class: &str, key: &str, text: &str, attrs: &[(&str, &str)]) -> El {
        let mut b = El::new("button", class).attr("type", "button").attr("data-as-key", key);
        for (k, v) in attrs {
            b = b.attr(k, v);
        }
        self.child(b.text(text))
    }

    /// A boolean attribute (`disabled`, `checked`): a fresh element starts so.
    #[inline(never)]
    pub fn prop(self, name: &str, on: bool) -> El {
        if on {
            self.attr(name, "")
        } else {
            self
        }
    }

    #[inline(never)]
    fn write_into(self, out: &mut String) {
        out.push('<');
        out.push_str(self.tag);
        out.push_str(&self.attrs);
        out.push('>');
        // `input` is a void element: no content, no end tag.
        if self.tag != "input" {
            out.push_str(&self.inner);
            out.push_str("</");
            out.push_str(self.tag);
            out.push('>');
        }
    }
}

pub(crate) use crate::core::format::escape_html_into as escape_into;

/// Markup written straight into one buffer, front to back: what a page of cards is
/// drawn with. [`El`] builds every element in strings of its own and copies it into
/// its parent, a few hundred allocations per card, which was most of the time a
/// page of cards took to write. Escaped the same way.
pub(crate) struct Html(pub String);

/// An attribute that is there only when `on` (`checked`, `disabled`): left out
/// otherwise (see [`Html::open`]).
pub(crate) fn flag(name: &str, on: bool) -> (&str, &str) {
    (if on { name } else { "" }, "")
}

impl Html {
    /// `<tag class=… name="value"…>`; `class` may be empty, and a pair with an empty
    /// name is left out (a [`flag`] that is off).
    pub fn open(&mut self, tag: &str, class: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.open_with(tag, class, &[], attrs)
    }

    /// [`Html::open`] with attributes from two lists, `first` then `attrs`.
    #[inline(never)]
    fn open_with(&mut self, tag: &str, class: &str, first: &[(&str, &str)], attrs: &[(&str, &str)]) -> &mut Self {
        self.0.push('<');
        self.0.push_str(tag);
        for (name, value) in [("class", class)].iter().filter(|_| !class.is_empty()).chain(first).chain(attrs) {
            if !name.is_empty() {
                self.0.push(' ');
                self.0.push_str(name);
                self.0.push_str("=\"");
                escape_into(&mut self.0, value);
                self.0.push('"');
            }
        }
        self.0.push('>');
        self
    }

    /// `text`, as text.
    pub fn text(&mut self, text: &str) -> &mut Self {
        escape_into(&mut self.0, text);
        self
    }

    #[inline(never)]
    pub fn close(&mut self, tag: &str) -> &mut Self {
        self.0.push_str("</");
        self.0.push_str(tag);
        self.0.push('>');
        self
    }

    /// `<tag class=…>text</tag>`.
    #[inline(never)]
    pub fn leaf(&mut self, tag: &str, class: &str, text: &str) -> &mut Self {
        self.open(tag, class, &[]).text(text).close(tag)
    }

    /// A `<button type="button">` with its text and the `data-as-key` the click
    /// handlers and the focus keeping go by, as [`El::button`] writes it.
    #[inline(never)]
    pub fn button(&mut self, class: &str, key: &str, text: &str, attrs: &[(&str, &str)]) -> &mut Self {
        self.open_with("button", class, &[("type", "button"), ("data-as-key", key)], attrs).text(text).close("button")
    }
}

/// The elements side by side, as one piece of markup.
#[inline(never)]
pub(crate) fn fragment(parts: Vec<El>) -> String {
    let mut out = String::new();
    for p in parts {
        p.write_into(&mut out);
    }
    out
}

/// Puts `markup` in place of `container`'s children, keeping focus (see [`keeping_focus`]).
pub(crate) fn replace_keeping_focus(container: &Element, markup: &str) {
    keeping_focus(container, || container.set_inner_html(markup));
}

/// Runs `change` (a redraw of some of `container`'s insides) so that a keyboard user
/// is not thrown out: when the control that had focus inside was drawn anew, its
/// successor (the control with the same `data-as-key`) gets focus.
pub(crate) fn keeping_focus(container: &Element, change: impl FnOnce()) {
    let focused = document().active_element().filter(|a| container.contains(Some(a)));
    change();
    let Some(was) = focused.filter(|a| !a.is_connected()) else { return };
    if let Some(c) = was.get_attribute("data-as-key").and_then(|key| with_key(container, &key)) {
        let _ = c.focus();
    }
}

/// What a part of the view last drew, so that the same markup again is left alone:
/// redraws that change nothing (a count that moved but not its button, an error
/// cleared when there was none) dropped a click landing on a control being swapped.
/// (The cards keep each card's markup instead: see `list`.)
#[derive(Default)]
pub(crate) struct Drawn(std::cell::RefCell<String>);

impl Drawn {
    /// [`replace_keeping_focus`] unless `markup` is what is already there. An alert
    /// goes in again even unchanged: put in anew, it is announced anew (the same
    /// error after Retry).
    #[inline(never)]
    pub fn put(&self, container: &Element, markup: String) {
        let mut last = self.0.borrow_mut();
        if *last == markup && !markup.contains("role=\"alert\"") {
            return;
        }
        replace_keeping_focus(container, &markup);
        *last = markup;
    }
}

/// The control (button, checkbox, field) with that `data-as-key` inside `scope`: how
/// handlers find a control and focus finds its way back after a redraw.
pub(crate) fn with_key(scope: &Element, key: &str) -> Option<web_sys::HtmlElement> {
    let found = scope.query_selector_all("[data-as-key]").ok()?;
    (0..found.length())
        .filter_map(|i| found.item(i)?.dyn_into::<web_sys::HtmlElement>().ok())
        .find(|b| b.get_attribute("data-as-key").as_deref() == Some(key))
}

/// The `data-as-key` of the control an event happened on (or inside).
pub(crate) fn event_key(ev: &web_sys::Event) -> Option<String> {
    ev.target()?.dyn_into::<Element>().ok()?.closest("[data-as-key]").ok()??.get_attribute("data-as-key")
}

/// An effect, type-erased: Leptos compiles its effect machinery (a task with its own
/// loop) once per closure type, ~1–2 KB of wasm each; every effect of the panel goes
/// through this one closure type instead.
pub(crate) fn effect(f: impl Fn() + 'static) {
    let f: Box<dyn Fn()> = Box::new(f);
    Effect::new(move |_| f());
}

/// Keeps `node`'s text what `text` says, in place: a live region (`role="status"`)
/// stays the same element, so a screen reader announces each new text.
pub(crate) fn live_text(node: NodeRef<leptos::html::P>, text: impl Fn() -> String + 'static) {
    effect(move || {
        let text = text();
        if let Some(p) = node.get() {
            p.set_text_content(Some(&text));
        }
    });
}

/// A part of the view drawn by `draw` from the panel's state, again whenever what it
/// read changes (focus kept by key), with `act` called for a click on a control's
/// `data-as-key`. Plain function pointers: one compiled copy serves every region.
/// Its `<div class="as-region">` is `display: contents`, so the layout is the parts'.
pub(crate) fn region(panel: Panel, draw: fn(Panel) -> Vec<El>, act: fn(Panel, &str)) -> impl IntoView {
    let r = NodeRef::<leptos::html::Div>::new();
    let drawn = Drawn::default();
    effect(move || {
        let parts = draw(panel);
        if let Some(el) = r.get() {
            drawn.put(&el, fragment(parts));
        }
    });
    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some(key) = event_key(&ev) {
            act(panel, &key);
        }
    };
    view! { <div class="as-region" node_ref=r on:click=on_click></div> }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_and_attributes_are_escaped() {
        let el = El::new("p", "a\"b")
            .attr("title", "<x> & 'y'")
            .text("<img src=x onerror=alert(1)> & \"q\"")
            .child(El::new("input", "").prop("checked", true).prop("disabled", false));
        let expected = "<p class=\"a&quot;b\" title=\"&lt;x&gt; &amp; &#39;y&#39;\">&lt;img src=x onerror=alert(1)&gt; &amp; &quot;q&quot;<input checked=\"\"></p>";
        assert_eq!(fragment(vec![el]), expected);
        // The writer the cards use writes the same.
        let mut h = Html(String::new());
        h.open("p", "a\"b", &[("title", "<x> & 'y'")]).text("<img src=x onerror=alert(1)> & \"q\"");
        h.open("input", "", &[flag("checked", true), flag("disabled", false)]).close("p");
        assert_eq!(h.0, expected);
        let mut h = Html(String::new());
        h.leaf("b", "", "<&>");
        assert_eq!(h.0, "<b>&lt;&amp;&gt;</b>");
        let mut h = Html(String::new());
        h.button("as-btn", "s1:copy", "Copy", &[("aria-label", "Copy \"s1\""), flag("disabled", true)]);
        let el =
            El::new("p", "").button("as-btn", "s1:copy", "Copy", &[("aria-label", "Copy \"s1\""), ("disabled", "")]);
        assert_eq!(format!("<p>{}</p>", h.0), fragment(vec![el]));
    }
}
