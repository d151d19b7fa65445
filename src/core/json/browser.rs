//! The browser's `JSON.parse` as the decoders' JSON backend (see [`crate::core::json`]):
//! parsing costs the wasm nothing, and the values stay in JavaScript until a
//! decoder picks a field out.

use js_sys::{Array, Reflect, JSON};
use wasm_bindgen::{JsCast, JsValue};

use super::Json;

/// A value produced by `JSON.parse`.
pub type Node = JsValue;

/// Parses a document; `None` when it is not JSON. The browser's message is
/// dropped on purpose: it quotes the body, which must never reach the screen.
pub fn parse(body: &str) -> Option<Node> {
    JSON::parse(body).ok()
}

impl Json for JsValue {
    fn field(&self, key: &str) -> Option<Self> {
        // One call, no type checks first (this runs for every field of every row):
        // `Reflect.get` throws on `null` and primitives (→ `None`), and on an array
        // gives `undefined` for every key the decoders use (they never ask for
        // `length` or an index). `JSON.parse` only makes plain objects and none of
        // those keys is inherited from `Object.prototype`, so a plain get is exact.
        let v = Reflect::get(self, &JsValue::from_str(key)).ok()?;
        (!v.is_undefined()).then_some(v)
    }
    fn text(&self) -> Option<String> {
        self.as_string()
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn is_record(&self) -> bool {
        JsValue::is_object(self) && !Array::is_array(self)
    }
    fn array_len(&self) -> Option<usize> {
        Array::is_array(self).then(|| self.unchecked_ref::<Array>().length() as usize)
    }
    fn item(&self, i: usize) -> Option<Self> {
        // Only called on arrays (see the trait): no second `isArray` per element.
        let v = self.unchecked_ref::<Array>().get(i as u32);
        (!v.is_undefined()).then_some(v)
    }
    fn is_json_null(&self) -> bool {
        JsValue::is_null(self)
    }
    fn entries(&self) -> Option<Vec<(String, Self)>> {
        if !self.is_record() {
            return None;
        }
        let pairs = js_sys::Object::entries(self.unchecked_ref());
        Some(
            pairs
                .iter()
                .filter_map(|p| {
                    let p: Array = p.dyn_into().ok()?;
                    Some((p.get(0).as_string()?, p.get(1)))
                })
                .collect(),
        )
    }
}
