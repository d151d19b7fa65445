//! Plain DOM building, for the part of the view that is redrawn as a whole from the
//! panel's state: the cards (see `list`). A Leptos view there compiled into large
//! generic build/rebuild code for one deeply nested type and bought nothing (the list
//! is replaced whole, with no reactive parts inside); these few calls build the same
//! markup directly, the way the benchmark's plain-DOM baseline does.
//!
//! Server text only ever goes in as text (`append_with_str_1`, attribute values),
//! never as markup.

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::Element;

use crate::ui::state::Panel;

/// An element under construction.
pub(crate) struct El(pub Element);

impl El {
    /// `<tag class=…>`; `class` may be empty.
    pub fn new(tag: &str, class: &str) -> El {
        El::from(document().create_element(tag).unwrap_throw_free(), class)
    }

    /// An SVG element (`svg`, `path`).
    pub fn svg(tag: &str) -> El {
        El(document().create_element_ns(Some("http://www.w3.org/2000/svg"), tag).unwrap_throw_free())
    }

    fn from(e: Element, class: &str) -> El {
        if !class.is_empty() {
            e.set_class_name(class);
        }
        El(e)
    }

    pub fn attr(self, name: &str, value: &str) -> El {
        let _ = self.0.set_attribute(name, value);
        self
    }

    /// Appends `text` as a text node.
    pub fn text(self, text: &str) -> El {
        let _ = self.0.append_with_str_1(text);
        self
    }

    pub fn child(self, child: El) -> El {
        let _ = self.0.append_with_node_1(&child.0);
        self
    }

    pub fn child_if(self, child: Option<El>) -> El {
        match child {
            Some(c) => self.child(c),
            None => self,
        }
    }

    /// `<tag class=…>text</tag>` appended.
    pub fn leaf(self, tag: &str, class: &str, text: &str) -> El {
        self.child(El::new(tag, class).text(text))
    }

    /// A `<button type="button">` appended, with its text and the `data-as-key` the
    /// list's click handler and the focus keeping go by.
    pub fn button(self, class: &str, key: &str, text: &str, attrs: &[(&str, &str)]) -> El {
        let mut b = El::new("button", class).attr("type", "button").attr("data-as-key", key).text(text);
        for (k, v) in attrs {
            b = b.attr(k, v);
        }
        self.child(b)
    }

    /// Sets the `value` property (never the attribute: a password stays out of the markup).
    pub fn value(self, value: &str) -> El {
        let _ = js_sys::Reflect::set(&self.0, &"value".into(), &value.into());
        self
    }

    /// Sets a boolean property (`disabled`, `checked`).
    pub fn prop(self, name: &str, on: bool) -> El {
        let _ = js_sys::Reflect::set(&self.0, &name.into(), &on.into());
        self
    }
}

/// The element the browser made. It refuses only unknown tag names, which these
/// constant tags are not; even then an inert `<div>` stands in, never a panic.
trait UnwrapThrowFree {
    fn unwrap_throw_free(self) -> Element;
}

impl UnwrapThrowFree for Result<Element, wasm_bindgen::JsValue> {
    fn unwrap_throw_free(self) -> Element {
        self.or_else(|_| document().create_element("div"))
            .unwrap_or_else(|_| wasm_bindgen::JsValue::NULL.unchecked_into())
    }
}

/// Puts `content` in place of `container`'s children. The control that had focus
/// inside (found again by its `data-as-key`) gets it back, so a redraw does not
/// throw a keyboard user out.
pub(crate) fn replace_keeping_focus(container: &Element, content: &web_sys::Node) {
    let focused = document()
        .active_element()
        .filter(|a| container.contains(Some(a)))
        .and_then(|a| a.get_attribute("data-as-key"));
    container.replace_children_with_node_1(content);
    if let Some(c) = focused.and_then(|key| crate::ui::card::button_with_key(container, &key)) {
        let _ = c.focus();
    }
}

/// The `data-as-key` of the control an event happened on (or inside).
pub(crate) fn event_key(ev: &web_sys::Event) -> Option<String> {
    ev.target()?.dyn_into::<Element>().ok()?.closest("[data-as-key]").ok()??.get_attribute("data-as-key")
}

/// The elements side by side, to put in place at once.
pub(crate) fn fragment(parts: Vec<El>) -> web_sys::DocumentFragment {
    let f = document().create_document_fragment();
    for p in parts {
        let _ = f.append_with_node_1(&p.0);
    }
    f
}

/// An effect, type-erased: Leptos compiles its effect machinery (a task with its own
/// loop) once per closure type, ~1–2 KB of wasm each; every effect of the panel goes
/// through this one closure type instead.
pub(crate) fn effect(f: impl Fn() + 'static) {
    let f: Box<dyn Fn()> = Box::new(f);
    Effect::new(move |_| f());
}

/// A part of the view drawn by `draw` from the panel's state, again whenever what it
/// read changes (focus kept by key), with `act` called for a click on a control's
/// `data-as-key`. Plain function pointers: one compiled copy serves every region.
/// Its `<div class="as-region">` is `display: contents`, so the layout is the parts'.
pub(crate) fn region(panel: Panel, draw: fn(Panel) -> Vec<El>, act: fn(Panel, &str)) -> impl IntoView {
    let r = NodeRef::<leptos::html::Div>::new();
    effect(move || {
        let parts = draw(panel);
        if let Some(el) = r.get() {
            replace_keeping_focus(&el, &fragment(parts));
        }
    });
    let on_click = move |ev: web_sys::MouseEvent| {
        if let Some(key) = event_key(&ev) {
            act(panel, &key);
        }
    };
    view! { <div class="as-region" node_ref=r on:click=on_click></div> }
}
