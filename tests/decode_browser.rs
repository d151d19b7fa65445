//! The decoders in the browser, where they read what `JSON.parse` made (see
//! `core::json`): the contract's corpus and the tricky bodies of
//! `tests/contract` must decode exactly as on the host, and every prefix of
//! every corpus body must give a value or a typed error, never a panic (a
//! panic in the wasm kills the component).
#![cfg(target_arch = "wasm32")]

use wasm_bindgen_test::*;

mod contract;

wasm_bindgen_test_configure!(run_in_browser);

/// Every file of `tests/corpus/` (a host test in `decode_props.rs` checks the list is complete).
const CORPUS: &[(&str, &str)] = &[
    ("err_401_v5_v6.json", include_str!("corpus/err_401_v5_v6.json")),
    ("err_401_v7.json", include_str!("corpus/err_401_v7.json")),
    ("err_401_v8.json", include_str!("corpus/err_401_v8.json")),
    ("err_500.json", include_str!("corpus/err_500.json")),
    ("err_502_proxy.html", include_str!("corpus/err_502_proxy.html")),
    ("err_503.json", include_str!("corpus/err_503.json")),
    ("err_api_not_found.json", include_str!("corpus/err_api_not_found.json")),
    ("err_invalid_params_additional.json", include_str!("corpus/err_invalid_params_additional.json")),
    ("err_invalid_params_number.json", include_str!("corpus/err_invalid_params_number.json")),
    ("err_invalid_sort.json", include_str!("corpus/err_invalid_sort.json")),
    ("err_invalid_sort_keys.json", include_str!("corpus/err_invalid_sort_keys.json")),
    ("err_license_400_v8.json", include_str!("corpus/err_license_400_v8.json")),
    ("err_license_403_v5_v7.json", include_str!("corpus/err_license_403_v5_v7.json")),
    ("err_login_unauthorized.json", include_str!("corpus/err_login_unauthorized.json")),
    ("err_not_found.json", include_str!("corpus/err_not_found.json")),
    ("err_rate_limited.json", include_str!("corpus/err_rate_limited.json")),
    ("err_totp_invalid.json", include_str!("corpus/err_totp_invalid.json")),
    ("err_totp_required.json", include_str!("corpus/err_totp_required.json")),
    ("info.json", include_str!("corpus/info.json")),
    ("list_current_mixed.json", include_str!("corpus/list_current_mixed.json")),
    ("list_docs_example.json", include_str!("corpus/list_docs_example.json")),
    ("list_empty.json", include_str!("corpus/list_empty.json")),
    ("login.json", include_str!("corpus/login.json")),
    ("login_v7.json", include_str!("corpus/login_v7.json")),
    ("logout.json", include_str!("corpus/logout.json")),
    ("logout_me.json", include_str!("corpus/logout_me.json")),
    ("logout_other_clients.json", include_str!("corpus/logout_other_clients.json")),
    ("me.json", include_str!("corpus/me.json")),
];

fn corpus(name: &str) -> String {
    CORPUS.iter().find(|(n, _)| *n == name).unwrap_or_else(|| panic!("corpus file {name}")).1.to_owned()
}

#[wasm_bindgen_test]
fn corpus_decodes_as_the_contract_says() {
    contract::check_corpus(&corpus);
}

#[wasm_bindgen_test]
fn tricky_bodies_decode_as_on_the_host() {
    contract::check_tricky_bodies();
}

#[wasm_bindgen_test]
fn every_prefix_of_every_corpus_body_is_a_value_or_an_error() {
    let calls: usize = CORPUS.iter().map(|(_, body)| contract::decode_every_prefix(body)).sum();
    web_sys::console::log_1(&format!("decoder calls on truncated bodies in the browser: {calls}, panics: 0").into());
    assert!(calls > 10_000, "{calls}");
}
