//! The lower bound of the benchmark (scripts/bench.sh): the smallest honest app with
//! this project's client core. It reads the stored credentials (`CredentialStore`),
//! asks for the first page of sessions (`ApiClient::list`, the crate's decoders),
//! words the device and the login time with the crate's catalog and `Intl` dates,
//! installs the crate's panic hook, and shows the sessions as one plain `<ul>` of
//! text rows: no other UI, no sign-in form. Whatever the demo weighs beyond this app
//! is its UI. The list has the demo's accessible name, so the benchmark's
//! first-card timing (`ul[aria-label="Active sessions"] > li`) applies to it too.
use active_sessions::core::creds::DEFAULT_STORAGE_KEY;
use active_sessions::core::format::device_title_in;
use active_sessions::core::i18n::{Speaker, M};
use active_sessions::core::query::ListQuery;
use active_sessions::web::api::{ApiClient, RequestHandle};
use active_sessions::web::i18n::Locale;
use active_sessions::web::storage::CredentialStore;
use active_sessions::web::{panic, time};
use leptos::prelude::*;

fn main() {
    panic::install();
    let rows = RwSignal::new(Vec::<String>::new());
    // One line of text: why the list is empty (not signed in, or the request failed).
    let note = RwSignal::new(String::new());
    mount_to_body(move || {
        view! {
            <p>{move || note.get()}</p>
            <ul aria-label="Active sessions">
                {move || rows.get().into_iter().map(|row| view! { <li>{row}</li> }).collect_view()}
            </ul>
        }
    });
    // After mounting: mounting starts Leptos's executor (a task spawned before it is dropped).
    leptos::task::spawn_local(load(rows, note));
}

/// The first page as the panel asks for it; one text row per session.
async fn load(rows: RwSignal<Vec<String>>, note: RwSignal<String>) {
    let locale = Locale::english();
    let (creds, _) = CredentialStore::new(DEFAULT_STORAGE_KEY).load();
    let Some(creds) = creds else {
        note.set(locale.say(M::SigninTitle));
        return;
    };
    let client = ApiClient::new(&creds.base_url);
    match client.list(&creds, &ListQuery::default(), &RequestHandle::new()).await {
        Ok(page) => {
            let now = time::now_ms();
            let text = |s: &active_sessions::core::model::Session| {
                let title = device_title_in(&locale, s.device.as_ref());
                match s.login_at_ms {
                    Some(ms) => format!("{title} — {} ({})", locale.relative(ms, now), locale.absolute(ms)),
                    None => format!("{title} — {}", s.login_at),
                }
            };
            rows.set(page.sessions.iter().map(text).collect());
        }
        Err(e) => note.set(locale.word(&e.text())),
    }
}
