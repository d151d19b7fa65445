//! The sign-in panel: username/e-mail + password (with a 2FA step when the server
//! asks), or user id + personal access token checked with `/api/v1/me`.

use leptos::prelude::*;

use leptos::task::spawn_local;

use crate::core::creds::Credentials;
use crate::core::error::ApiError;
use crate::core::i18n::{Text, M};
use crate::ui::dom::{effect, event_key, fragment, region, replace_keeping_focus, with_key, El};
use crate::ui::state::Panel;
use crate::ui::tr;
use crate::web::api::RequestHandle;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Password,
    Token,
}

#[inline(never)]
pub(crate) fn sign_in(panel: Panel) -> AnyView {
    let id = move |s: &str| format!("as{}-{s}", panel.uid);
    let mode = RwSignal::new(Mode::Password);
    let user = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let code = RwSignal::new(String::new());
    let needs_code = RwSignal::new(None::<String>);
    let user_id = RwSignal::new(String::new());
    let token = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<Text>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let client = panel.client();
        let base = client.base_url().to_owned();
        error.set(None);
        match mode.get_untracked() {
            Mode::Password => {
                let (u, p) = (user.get_untracked(), password.get_untracked());
                if u.trim().is_empty() || p.is_empty() {
                    error.set(Some(M::SigninMissingPassword.into()));
                    return;
                }
                let c = needs_code.get_untracked().map(|_| code.get_untracked());
                busy.set(true);
                spawn_local(async move {
                    // A password login is never listed on a real Rocket.Chat: `sign_in`
                    // logs the new token in once more by `resume`, which is.
                    let result = client.sign_in(&u, &p, c.as_deref(), &RequestHandle::new()).await;
                    let _ = busy.try_set(false);
                    match result {
                        Ok(creds) => {
                            let _ = password.try_set(String::new());
                            panel.sign_in(creds);
                        }
                        Err(ApiError::TwoFactorRequired { method }) => {
                            let _ = needs_code.try_set(Some(method));
                        }
                        // One wording for sign-in errors, the core's ("Wrong username, …").
                        Err(e) => {
                            let _ = error.try_set(Some(e.login_text()));
                        }
                    }
                });
            }
            Mode::Token => {
                let (uid, tok) = (user_id.get_untracked().trim().to_owned(), token.get_untracked().trim().to_owned());
                if uid.is_empty() || tok.is_empty() {
                    error.set(Some(M::SigninMissingToken.into()));
                    return;
                }
                // A token the user brings is never logged in again here: a personal access
                // token used as `resume` would make the server list a row for it.
                let creds = Credentials { user_id: uid, auth_token: tok, base_url: base, listed: false };
                busy.set(true);
                spawn_local(async move {
                    let result = client.me(&creds, &RequestHandle::new()).await;
                    let _ = busy.try_set(false);
                    match result {
                        Ok(_) => {
                            let _ = token.try_set(String::new());
                            panel.sign_in(creds);
                        }
                        Err(ApiError::Unauthorized { .. }) => {
                            let _ = error.try_set(Some(M::SigninTokenRejected.into()));
                        }
                        Err(e) => {
                            let _ = error.try_set(Some(e.text()));
                        }
                    }
                });
            }
        }
    };

    // The form is drawn with plain DOM calls (`dom`) when the mode, the 2FA step, the
    // error, the busy state or the language changes; what the user typed lives in the
    // signals above, so a redraw keeps it (and focus, by key). A Leptos view of it
    // weighed ~12 KB gzipped.
    let form = NodeRef::<leptos::html::Form>::new();
    effect(move || {
        let (m, step, busy, error) = (mode.get(), needs_code.get(), busy.get(), error.get());
        panel.lang_rev.track();
        let t = |m| panel.t(m);
        let radio = |value: Mode, key: &str, label: M| {
            El::new("label", "as-choice")
                .child(
                    El::new("input", "")
                        .attr("type", "radio")
                        .attr("name", &id("mode"))
                        .attr("data-as-key", key)
                        .prop("checked", m == value),
                )
                .text(&t(label))
        };
        // No `value` in the markup (a password would sit in an attribute): the values
        // are set as properties once the fields are in place, below.
        let input = |key: &str, kind: &str, autocomplete: &str, label: M, extra: &[(&str, &str)]| {
            let mut field =
                El::new("input", "").attr("type", kind).attr("autocomplete", autocomplete).attr("data-as-key", key);
            for (k, v) in extra {
                field = field.attr(k, v);
            }
            El::new("label", "as-field").leaf("span", "", &t(label)).child(field)
        };
        let mut parts = vec![El::new("fieldset", "as-modes")
            .leaf("legend", "", &t(M::SigninWith))
            .child(radio(Mode::Password, MODE_PASSWORD, M::SigninModePassword))
            .child(radio(Mode::Token, MODE_TOKEN, M::SigninModeToken))];
        if m == Mode::Password {
            parts.push(input(USER, "text", "username", M::SigninUser, &[("required", "")]));
            parts.push(input(PASSWORD, "password", "current-password", M::SigninPassword, &[("required", "")]));
            if let Some(method) = step {
                let hint = ApiError::TwoFactorRequired { method }.text();
                let field = input(CODE, "text", "one-time-code", M::SigninCode, &[("inputmode", "numeric")]);
                parts.push(field.leaf("small", "", &panel.word(&hint)));
            }
        } else {
            parts.push(input(USER_ID, "text", "off", M::SigninUserId, &[("spellcheck", "false")]));
            parts.push(input(TOKEN, "password", "off", M::SigninToken, &[]));
        }
        if let Some(e) = error {
            parts.push(El::new("p", "as-error").attr("role", "alert").text(&panel.word(&e)));
        }
        parts.push(
            El::new("button", "as-btn as-btn-primary")
                .attr("type", "submit")
                .attr("data-as-key", SUBMIT)
                .text(&t(M::SigninSubmit))
                .prop("disabled", busy),
        );
        if let Some(f) = form.get() {
            replace_keeping_focus(&f, &fragment(parts));
            for (key, value) in [(USER, user), (PASSWORD, password), (CODE, code), (USER_ID, user_id), (TOKEN, token)] {
                if let Some(field) = with_key(&f, key) {
                    let _ = js_sys::Reflect::set(&field, &"value".into(), &value.get_untracked().into());
                }
            }
        }
    });
    let on_input = move |ev: web_sys::Event| {
        let target = match event_key(&ev).as_deref() {
            Some(USER) => user,
            Some(PASSWORD) => password,
            Some(CODE) => code,
            Some(USER_ID) => user_id,
            Some(TOKEN) => token,
            _ => return,
        };
        target.set(event_target_value(&ev));
    };
    let on_change = move |ev: web_sys::Event| {
        let m = match event_key(&ev).as_deref() {
            Some(MODE_PASSWORD) => Mode::Password,
            Some(MODE_TOKEN) => Mode::Token,
            _ => return,
        };
        mode.set(m);
        error.set(None);
    };

    view! {
        <section class="as-signin" aria-labelledby=id("signin-title")>
            <h2 class="as-title" id=id("signin-title")>{tr(panel, M::SigninTitle)}</h2>
            {region(panel, |panel| panel.auth_notice.with(|n| {
                n.iter().map(|n| El::new("p", "as-notice").attr("role", "alert").text(&panel.word(n))).collect()
            }), |_, _| {})}
            <form class="as-form" node_ref=form on:submit=submit on:input=on_input on:change=on_change novalidate></form>
        </section>
    }
    .into_any()
}

const MODE_PASSWORD: &str = "si:mode-password";
const MODE_TOKEN: &str = "si:mode-token";
const USER: &str = "si:user";
const PASSWORD: &str = "si:password";
const CODE: &str = "si:code";
const USER_ID: &str = "si:user-id";
const TOKEN: &str = "si:token";
const SUBMIT: &str = "si:submit";
