//! The panel's language: the `locale` prop (a signal may change it at any time),
//! else the host page's language, matched to the nearest catalog; the catalog
//! fetched next to the page when it is not English, with the host's `messages`
//! over it. Until the first language is in place the panel waits (no flash of
//! English); a later change keeps the old wording until the new one is ready, then
//! rewords everything in place.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::i18n::{is_rtl, language, negotiate, Catalog, Messages, Speaker, LOCALES, M};
use crate::ui::state::Panel;
use crate::web::i18n::{fetch_catalog, host_is_rtl, host_languages, Locale};

/// What [`use_locale_with_options`] needs besides the panel.
pub(crate) struct UseLocaleOptions {
    /// The `locale` prop: a tag, or empty/unset for the host page's language.
    pub locale: MaybeProp<String>,
    /// The host's own wording (the `messages` option).
    pub messages: Messages,
    /// Where the shipped catalogs are (`{locales_url}{tag}.json`); empty = nowhere.
    pub locales_url: String,
    /// How long a catalog may take before the panel shows English instead.
    pub timeout_ms: u32,
}

pub(crate) fn use_locale_with_options(panel: Panel, options: UseLocaleOptions) {
    let UseLocaleOptions { locale, messages, locales_url, timeout_ms } = options;
    let messages = StoredValue::new(messages);
    let locales_url = StoredValue::new(locales_url);
    // Answers to older requests are dropped (a quick A → B → A must end on A).
    let latest = StoredValue::new(0u64);
    let resolve = move |asked: Option<String>| {
        let asked = asked.unwrap_or_default();
        let asked = asked.trim();
        let mut wanted: Vec<String> = Vec::new();
        if !asked.is_empty() {
            wanted.push(asked.to_owned());
        }
        wanted.extend(host_languages());
        let url = locales_url.get_value();
        let shipped: &[&str] = if url.is_empty() { &["en"] } else { LOCALES };
        let own: Vec<String> = messages.with_value(|m| m.locales().map(str::to_owned).collect());
        let mut available: Vec<&str> = shipped.to_vec();
        available.extend(own.iter().map(String::as_str));
        let tag = negotiate(&wanted, &available).unwrap_or("en").to_owned();
        // The shipped catalog under the host's own wording: `de` under a host's `de-CH`.
        let base = negotiate(std::slice::from_ref(&tag), shipped).unwrap_or("en");
        // The host page's direction counts only when the host chose no language.
        let host_rtl = asked.is_empty() && host_is_rtl();
        let generation = latest.get_value() + 1;
        latest.set_value(generation);
        let fetch = (base != "en").then(|| format!("{url}{base}.json"));
        // `tag` is what the texts are in: English when the catalog could not be had,
        // so that dates and plurals never speak another language than the text. The
        // host's wording goes over the catalog: its language's (`pt`), then its tag's.
        let apply = move |mut catalog: Catalog, tag: &str| {
            if latest.try_get_value() != Some(generation) {
                return;
            }
            messages.with_value(|m| {
                if language(tag) != tag {
                    catalog.merge(m.for_locale(language(tag)));
                }
                catalog.merge(m.for_locale(tag));
            });
            let mut l = Locale::new(tag, catalog);
            l.rtl = is_rtl(tag) || host_rtl;
            crate::web::panic::remember(tag, l.say(M::PanicText), l.say(M::PanicReload));
            panel.set_locale(l);
        };
        match fetch {
            None => apply(Catalog::default(), &tag),
            Some(url) => spawn_local(async move {
                let mut catalog = Catalog::default();
                match fetch_catalog(&url, timeout_ms, &mut catalog).await {
                    Some(()) => apply(catalog, &tag),
                    None => {
                        web_sys::console::warn_2(
                            &"active-sessions: could not load (English instead)".into(),
                            &url.into(),
                        );
                        apply(Catalog::default(), "en");
                    }
                }
            }),
        }
    };
    // The first language now, so that a panel in English (or with the host's own
    // wording) is complete at mount; later values of the prop as they come. The
    // effect's first run comes a task later: a value set in between (a `locale`
    // attribute right after mount) differs from `last` and is not lost.
    let first = locale.get_untracked();
    resolve(first.clone());
    let last = StoredValue::new(first);
    crate::ui::dom::effect(move || {
        let asked = locale.get();
        if last.get_value() != asked {
            last.set_value(asked.clone());
            resolve(asked);
        }
    });
}
