//! Dates in the browser's locale through `Intl`, without a date crate in the wasm.
//!
//! The formatters are built through `Reflect` so that a browser that throws (an odd
//! locale, an old engine without `RelativeTimeFormat`) yields `None` and the English
//! fallback from [`crate::core::format`] is used instead of a panic.

use js_sys::{Array, Function, Object, Reflect};
use wasm_bindgen::{JsCast, JsValue};

use crate::core::format::{fallback_relative_text, relative_parts};

fn intl_ctor(name: &str) -> Option<Function> {
    let intl = Reflect::get(&js_sys::global(), &JsValue::from_str("Intl")).ok()?;
    Reflect::get(&intl, &JsValue::from_str(name)).ok()?.dyn_into::<Function>().ok()
}

fn construct(name: &str, options: &[(&str, &str)]) -> Option<JsValue> {
    let ctor = intl_ctor(name)?;
    let opts = Object::new();
    for (k, v) in options {
        Reflect::set(&opts, &JsValue::from_str(k), &JsValue::from_str(v)).ok()?;
    }
    let args = Array::of2(&JsValue::UNDEFINED, &opts);
    Reflect::construct(&ctor, &args).ok()
}

fn call_method(target: &JsValue, method: &str, args: &[JsValue]) -> Option<String> {
    let f = Reflect::get(target, &JsValue::from_str(method)).ok()?.dyn_into::<Function>().ok()?;
    let array = Array::new();
    for a in args {
        array.push(a);
    }
    f.apply(target, &array).ok()?.as_string()
}

/// Formats times for one component instance; the `Intl` objects are built once.
#[derive(Clone)]
pub struct TimeFormatter {
    relative: Option<JsValue>,
    absolute: Option<JsValue>,
}

impl Default for TimeFormatter {
    fn default() -> Self {
        Self::new()
    }
}

impl TimeFormatter {
    pub fn new() -> Self {
        Self {
            relative: construct("RelativeTimeFormat", &[("numeric", "auto")]),
            absolute: construct("DateTimeFormat", &[("dateStyle", "medium"), ("timeStyle", "short")]),
        }
    }

    /// "3 hours ago", "yesterday", in the browser's locale.
    pub fn relative(&self, then_ms: f64, now_ms: f64) -> String {
        let (value, unit) = relative_parts(then_ms, now_ms);
        self.relative
            .as_ref()
            .and_then(|f| call_method(f, "format", &[JsValue::from_f64(value), JsValue::from_str(unit)]))
            .unwrap_or_else(|| fallback_relative_text(then_ms, now_ms))
    }

    /// "26 Nov 2026, 14:03", in the browser's locale and time zone.
    pub fn absolute(&self, ms: f64) -> String {
        let date = js_sys::Date::new(&JsValue::from_f64(ms));
        self.absolute
            .as_ref()
            .and_then(|f| call_method(f, "format", &[date.into()]))
            .or_else(|| crate::core::date::format_iso_ms(ms))
            .unwrap_or_default()
    }
}

/// Milliseconds since the epoch, from the browser's clock.
pub fn now_ms() -> f64 {
    js_sys::Date::now()
}

/// Resolves after `ms` milliseconds (at once where there is no window).
pub async fn sleep_ms(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms.min(i32::MAX as u32) as i32);
        } else {
            let _ = resolve.call0(&wasm_bindgen::JsValue::UNDEFINED);
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
