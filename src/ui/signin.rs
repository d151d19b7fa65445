//! The sign-in panel: username/e-mail + password (with a 2FA step when the server
//! asks), or user id + personal access token checked with `/api/v1/me`.

use leptos::prelude::*;

use crate::ui::show::when;
use leptos::task::spawn_local;

use crate::core::creds::Credentials;
use crate::core::error::ApiError;
use crate::core::i18n::{Text, M};
use crate::ui::state::Panel;
use crate::ui::tr;
use crate::web::api::RequestHandle;

#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    Password,
    Token,
}

#[component]
pub fn SignIn() -> impl IntoView {
    let panel = expect_context::<Panel>();
    let id = |s: &str| format!("as{}-{s}", panel.uid);
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

    let mode_radio = move |m: Mode, label: M| {
        view! {
            <label class="as-choice">
                <input
                    type="radio"
                    name=id("mode")
                    prop:checked=move || mode.get() == m
                    on:change=move |_| {
                        mode.set(m);
                        error.set(None);
                    }
                />
                {tr(panel, label)}
            </label>
        }
    };

    view! {
        <section class="as-signin" aria-labelledby=id("signin-title")>
            <h2 class="as-title" id=id("signin-title")>{tr(panel, M::SigninTitle)}</h2>
            {move || panel.auth_notice.get().map(|n| view! { <p class="as-notice" role="alert">{panel.word(&n)}</p> })}
            <form class="as-form" on:submit=submit novalidate>
                <fieldset class="as-modes">
                    <legend>{tr(panel, M::SigninWith)}</legend>
                    {mode_radio(Mode::Password, M::SigninModePassword)}
                    {mode_radio(Mode::Token, M::SigninModeToken)}
                </fieldset>
                // The fields of each mode are built when the mode is chosen: their labels are
                // worded there (a text effect per label would leak at every switch, see `card`).
                {when(move || mode.get() == Mode::Password, move || view! {
                    <label class="as-field">
                        <span>{panel.t(M::SigninUser)}</span>
                        <input type="text" autocomplete="username" required
                            prop:value=move || user.get()
                            on:input=move |ev| user.set(event_target_value(&ev)) />
                    </label>
                    <label class="as-field">
                        <span>{panel.t(M::SigninPassword)}</span>
                        <input type="password" autocomplete="current-password" required
                            prop:value=move || password.get()
                            on:input=move |ev| password.set(event_target_value(&ev)) />
                    </label>
                    {move || needs_code.get().map(|method| {
                        let hint = ApiError::TwoFactorRequired { method }.text();
                        view! {
                            <label class="as-field">
                                <span>{panel.t(M::SigninCode)}</span>
                                <input type="text" inputmode="numeric" autocomplete="one-time-code"
                                    prop:value=move || code.get()
                                    on:input=move |ev| code.set(event_target_value(&ev)) />
                                <small>{panel.word(&hint)}</small>
                            </label>
                        }
                    })}
                }.into_any())}
                {when(move || mode.get() == Mode::Token, move || view! {
                    <label class="as-field">
                        <span>{panel.t(M::SigninUserId)}</span>
                        <input type="text" autocomplete="off" spellcheck="false"
                            prop:value=move || user_id.get()
                            on:input=move |ev| user_id.set(event_target_value(&ev)) />
                    </label>
                    <label class="as-field">
                        <span>{panel.t(M::SigninToken)}</span>
                        <input type="password" autocomplete="off"
                            prop:value=move || token.get()
                            on:input=move |ev| token.set(event_target_value(&ev)) />
                    </label>
                }.into_any())}
                {move || error.get().map(|e| view! { <p class="as-error" role="alert">{panel.word(&e)}</p> })}
                <button type="submit" class="as-btn as-btn-primary" prop:disabled=move || busy.get()>
                    {tr(panel, M::SigninSubmit)}
                </button>
            </form>
        </section>
    }
    .into_any()
}
