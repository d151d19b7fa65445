//! Signing out several sessions in one confirmed action (the selected ones, the
//! stale ones), and what every bulk run shares: `sessions/logout.me` per session
//! (the only call that ends a row for good; see the contract), progress, waiting
//! out a 429, Stop, going on after a failure, and a summary that names what was
//! not signed out and why.

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::creds::Credentials;
use crate::core::error::ApiError;
use crate::core::i18n::{s, Arg, Text, M};
use crate::core::model::Session;
use crate::core::own::is_this_device;
use crate::core::page::MAX_PAGE_SIZE;
use crate::core::query::ListQuery;
use crate::core::recency::{is_stale, stale_cutoff};
use crate::ui::state::{Dialog, Panel};
use crate::web::api::{ApiClient, RequestHandle};

/// 429s in a row on one call before it counts as failed.
const MAX_RATE_LIMIT_WAITS: u32 = 10;

/// What a run of `logout.me` calls came to.
pub(super) struct Removal {
    pub removed: usize,
    /// One worded line per session not signed out ("Chrome on Windows: …").
    pub failed: Vec<Text>,
    /// Not tried, because the user pressed Stop.
    pub untried: usize,
}

/// Starts a bulk run: its first line, Stop reset, the last run's failures gone.
pub(super) fn begin(panel: Panel, first: Text) {
    panel.bulk_stop.set_value(false);
    panel.bulk_failures.set_value(Vec::new());
    panel.bulk_says(first, true);
    panel.announce_bulk();
}

/// Whether the user pressed Stop (or the panel went).
pub(super) fn stopped(panel: Panel) -> bool {
    panel.bulk_stop.try_get_value() != Some(false)
}

/// Signs out each of `targets` (id, title) with `sessions/logout.me`, one at a
/// time, saying `step` ("… {done} of {total}…") as it goes. A session already gone
/// counts as signed out. `None` when the run cannot go on (the panel went, or the
/// credentials died: the user is then signed out here).
pub(super) async fn remove_each(
    panel: Panel,
    client: &ApiClient,
    creds: &Credentials,
    targets: &[(String, String)],
    step: M,
) -> Option<Removal> {
    let total = targets.len();
    let handle = RequestHandle::new();
    let mut out = Removal { removed: 0, failed: Vec::new(), untried: 0 };
    for (i, (sid, title)) in targets.iter().enumerate() {
        if stopped(panel) {
            break;
        }
        panel.bulk_says(step.with("done", Arg::Num(i as u64 + 1)).with("total", Arg::Num(total as u64)), true);
        let mut waits = 0;
        loop {
            match client.logout_session(creds, sid, &handle).await {
                Err(e) if wait_out(panel, &e, Some((i, total)), &mut waits).await => continue,
                Ok(_) | Err(ApiError::NotFound { .. }) => {
                    out.removed += 1;
                    panel.unselect(std::slice::from_ref(sid));
                }
                Err(e) if e.clears_credentials() => {
                    panel.sign_out_local(Some(e.text()));
                    return None;
                }
                // Stopped while waiting out a 429: this one was not tried to the end.
                Err(_) if stopped(panel) => {}
                Err(e) => out
                    .failed
                    .push(M::FailedItem.with("device", s(title.clone())).with("error", Arg::Text(Box::new(e.text())))),
            }
            break;
        }
    }
    // The component is gone: nobody to tell.
    panel.bulk.try_with_untracked(|_| ())?;
    if stopped(panel) {
        out.untried = total - out.removed - out.failed.len();
    }
    Some(out)
}

/// The summary of a run of the selected or stale sessions (and of any stopped run).
pub(super) fn summary(out: &Removal, total: usize) -> Text {
    let of = |m: M, n: usize| {
        m.count(n as u64).with("done", Arg::Num(out.removed as u64)).with("total", Arg::Num(total as u64))
    };
    if out.untried > 0 {
        of(M::ManyStopped, out.untried)
    } else if !out.failed.is_empty() {
        of(M::ManyPartial, out.failed.len())
    } else {
        M::ManyDone.count(out.removed as u64)
    }
}

/// Ends a run: the failures listed under its summary, which is announced.
pub(super) fn finish(panel: Panel, out: Removal, summary: Text) {
    let _ = panel.others.try_update(|o| *o = o.map(|n| n.saturating_sub(out.removed as u64)));
    let _ = panel.bulk_failures.try_set_value(out.failed);
    panel.bulk_done(summary);
}

/// "Log out selected" / "Sign out stale sessions", after the dialog's confirmation.
pub(crate) fn sign_out_many(panel: Panel, targets: Vec<(String, String)>) {
    let Some(creds) = panel.creds_now() else { return };
    if panel.bulk_running_untracked() || targets.is_empty() {
        return;
    }
    let total = targets.len();
    begin(panel, M::ManyProgress.with("done", Arg::Num(0)).with("total", Arg::Num(total as u64)));
    spawn_local(async move {
        let Some(out) = remove_each(panel, &panel.client(), &creds, &targets, M::ManyProgress).await else { return };
        let text = summary(&out, total);
        finish(panel, out, text);
        // The server's list now: what is left, and how many are stale.
        let _ = panel.stale.try_set(None);
        panel.refetch();
    });
}

/// "Sign out stale sessions": reads the whole list (the stale sessions are its
/// tail, maybe on pages never opened), then asks once, naming how many and the
/// oldest login. This device is never among them.
pub(crate) fn find_stale(panel: Panel) {
    let Some(creds) = panel.creds_now() else { return };
    if panel.bulk_running_untracked() {
        return;
    }
    begin(panel, M::StaleSearch.into());
    spawn_local(async move {
        let rows = match all_rows(panel, &panel.client(), &creds).await {
            Ok(rows) => rows,
            Err(e) if e.clears_credentials() => return panel.sign_out_local(Some(e.text())),
            Err(e) => return panel.bulk_done(e.text()),
        };
        let now = crate::web::time::now_ms();
        let own = panel.own_session.get_untracked();
        let stale: Vec<&Session> =
            rows.iter().filter(|r| is_stale(r, now, panel.stale_days) && !is_this_device(r, own.as_deref())).collect();
        let _ = panel.stale.try_set(Some(stale.len() as u64));
        let Some(oldest) = stale.iter().filter_map(|r| r.login_at_ms).reduce(f64::min) else {
            return panel.bulk_done(M::StaleNone.into());
        };
        let _ = panel.bulk.try_set(None);
        let _ = panel.bulk_running.try_set(false);
        let targets = stale.iter().map(|r| (r.session_id.clone(), panel.title_of(r))).collect();
        let cutoff = stale_cutoff(now, panel.stale_days);
        let _ = panel.dialog.try_set(Some(Dialog::Many { targets, stale: Some((cutoff, oldest)) }));
    });
}

/// After a 429: waits as long as the server asks (60 s when it does not say), saying
/// so in the bulk line, and returns `true` (try again), at most
/// [`MAX_RATE_LIMIT_WAITS`] times in a row. Any other error, or Stop: `false`.
/// Not generic over the call, so each request's future is built in one place only.
pub(super) async fn wait_out(panel: Panel, e: &ApiError, progress: Option<(usize, usize)>, waits: &mut u32) -> bool {
    if !matches!(e, ApiError::RateLimited { .. }) || *waits >= MAX_RATE_LIMIT_WAITS {
        return false;
    }
    *waits += 1;
    let seconds = e.rate_limit_wait_seconds(crate::web::time::now_ms()).unwrap_or(60).clamp(1, 3600);
    let text = match progress {
        Some((i, total)) => {
            M::BulkWaitProgress.count(seconds).with("done", Arg::Num(i as u64)).with("total", Arg::Num(total as u64))
        }
        None => M::BulkWait.count(seconds),
    };
    panel.bulk_says(text, true);
    panel.announce_bulk();
    // A second at a time, so that Stop does not wait out the whole pause.
    for _ in 0..seconds {
        if stopped(panel) {
            return false;
        }
        crate::web::time::sleep_ms(1000).await;
    }
    !stopped(panel)
}

/// Every listed row of the user, newest logins first, 100 a page (rate limits waited out).
pub(super) async fn all_rows(panel: Panel, client: &ApiClient, creds: &Credentials) -> Result<Vec<Session>, ApiError> {
    let handle = RequestHandle::new();
    let mut rows: Vec<Session> = Vec::new();
    let mut waits = 0;
    let mut page = 0;
    // Bounded: a server that keeps answering full pages cannot keep us here forever.
    while page < 100 {
        let query = ListQuery { page_size: MAX_PAGE_SIZE, page, ..ListQuery::default() };
        let answer = match client.list(creds, &query, &handle).await {
            Err(e) if wait_out(panel, &e, None, &mut waits).await => continue,
            other => other?,
        };
        let got = answer.sessions.len();
        for s in answer.sessions {
            if !rows.iter().any(|r| r.session_id == s.session_id) {
                rows.push(s);
            }
        }
        if got == 0 || query.offset() + got as u64 >= answer.total {
            break;
        }
        page += 1;
    }
    Ok(rows)
}
