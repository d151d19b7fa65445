//! The SHA-256 of our own token, through the browser's SubtleCrypto (no hash crate
//! in the wasm), in the form Rocket.Chat stores it: compared with a row's
//! `loginToken` from `sessions/info`, it tells which listed session is this browser
//! on servers that do not mark it `current`.

use js_sys::{Function, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

/// base64(SHA-256(token)), or `None` where SubtleCrypto is missing (a page served
/// over plain http from another host than localhost is not a secure context).
/// The token goes only into the digest; nothing is logged.
pub async fn hashed_login_token(token: &str) -> Option<String> {
    let crypto = Reflect::get(&js_sys::global(), &JsValue::from_str("crypto")).ok()?;
    let subtle = Reflect::get(&crypto, &JsValue::from_str("subtle")).ok()?;
    let digest = Reflect::get(&subtle, &JsValue::from_str("digest")).ok()?.dyn_into::<Function>().ok()?;
    let data = Uint8Array::from(token.as_bytes());
    let promise = digest.call2(&subtle, &JsValue::from_str("SHA-256"), &data).ok()?.dyn_into::<Promise>().ok()?;
    let buffer = JsFuture::from(promise).await.ok()?;
    Some(crate::core::own::base64(&Uint8Array::new(&buffer).to_vec()))
}
