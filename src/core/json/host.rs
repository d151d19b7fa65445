//! serde_json as the decoders' JSON backend, for host builds and every `cargo test`
//! (see [`crate::core::json`]).

use serde_json::Value;

use super::Json;

/// A value parsed by serde_json (host builds and tests).
pub type Node = Value;

/// Parses a document; `None` when it is not JSON (serde_json limits nesting depth).
pub fn parse(body: &str) -> Option<Node> {
    serde_json::from_str(body).ok()
}

impl Json for Value {
    fn field(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key).cloned()
    }
    fn text(&self) -> Option<String> {
        self.as_str().map(str::to_owned)
    }
    fn number(&self) -> Option<f64> {
        self.as_f64()
    }
    fn boolean(&self) -> Option<bool> {
        self.as_bool()
    }
    fn is_record(&self) -> bool {
        Value::is_object(self)
    }
    fn array_len(&self) -> Option<usize> {
        self.as_array().map(Vec::len)
    }
    fn item(&self, i: usize) -> Option<Self> {
        self.as_array()?.get(i).cloned()
    }
    fn is_json_null(&self) -> bool {
        Value::is_null(self)
    }
    fn entries(&self) -> Option<Vec<(String, Self)>> {
        Some(self.as_object()?.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
    }
}
