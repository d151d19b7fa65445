//! "Sign out all other devices", so that the server's list afterwards is what the
//! panel says (see the contract: `logoutOtherClients` leaves the rows behind).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::creds::Credentials;
use crate::core::error::ApiError;
use crate::core::i18n::{Arg, Text, M};
use crate::core::model::Session;
use crate::core::own::{marks_current, own_row_candidates, rows_to_remove};
use crate::core::page::MAX_PAGE_SIZE;
use crate::core::query::ListQuery;
use crate::ui::hooks::sessions::{identify_own_row, OWN_ROW_PROBES_ON_LOAD};
use crate::ui::state::Panel;
use crate::web::api::{ApiClient, RequestHandle};

/// "Sign out all other devices", so that the server's list afterwards is what the
/// panel says:
/// 1. `users.logoutOtherClients` ends every other login at once, listed or not (a
///    password login is never listed), but leaves their rows in the list;
/// 2. every listed row is read, and this device's row told apart (the `current`
///    flag, or its hashed token);
/// 3. `sessions/logout.me` ends each other row for good, one by one, waiting out
///    the rate limit (10 calls a minute by default) and going on after a failure;
/// 4. a summary says what was removed and what was not, and why.
pub(crate) fn sign_out_others(panel: Panel) {
    let Some(creds) = panel.creds_now() else { return };
    if panel.bulk_running_untracked() {
        return;
    }
    panel.bulk_says(M::BulkStart.into(), true);
    panel.announce_bulk();
    spawn_local(run(panel, creds));
}

async fn run(panel: Panel, creds: Credentials) {
    let client = panel.client();
    let handle = RequestHandle::new();
    let mut waits = 0;
    let token = loop {
        match client.logout_other_clients(&creds, &handle).await {
            Err(e) if wait_out(panel, &e, None, &mut waits).await => {}
            Err(e) => return panel.bulk_failed(e, M::BulkFailed),
            Ok(t) => break t,
        }
    };
    let creds = if token.token == creds.auth_token {
        creds
    } else {
        // Older servers issue a new token: our old row is now just another stale row.
        let renewed = Credentials { auth_token: token.token, listed: false, ..creds };
        panel.store.with_value(|s| s.save(&renewed));
        let _ = panel.creds.try_set(Some(renewed.clone()));
        let _ = panel.own_session.try_set(None);
        renewed
    };
    let rows = match all_rows(panel, &client, &creds).await {
        Ok(rows) => rows,
        Err(e) => return panel.bulk_failed(e, M::BulkUnread),
    };
    let mut own = panel.own_session.get_untracked();
    if own.is_none() && !marks_current(&rows) {
        // The server pages newest first, so the rows a load already asked about are the
        // newest ones: skip them rather than spend rate-limited calls twice.
        let asked = if panel.own_searched.get_value() { OWN_ROW_PROBES_ON_LOAD } else { 0 };
        let candidates = own_row_candidates(&rows, asked + OWN_ROW_PROBES_IN_BULK);
        own = identify_own_row(&client, &creds, candidates.get(asked..).unwrap_or_default()).await;
        let _ = panel.own_session.try_set(own.clone());
    }
    let Some(targets) = rows_to_remove(&rows, own.as_deref()) else {
        let _ = panel.others.try_set(None);
        panel.bulk_done(M::BulkOwnUnknown.count(rows.len() as u64));
        return panel.refetch_first_page();
    };
    let total = targets.len();
    let (mut failed, mut why) = (0, None::<Text>);
    for (i, sid) in targets.iter().enumerate() {
        if panel.bulk.try_with_untracked(|_| ()).is_none() {
            return; // The component is gone.
        }
        let step = M::BulkRemoving.with("done", Arg::Num(i as u64 + 1)).with("total", Arg::Num(total as u64));
        panel.bulk_says(step, true);
        waits = 0;
        loop {
            match client.logout_session(&creds, sid, &handle).await {
                Err(e) if wait_out(panel, &e, Some((i, total)), &mut waits).await => continue,
                // Already gone is what we wanted.
                Ok(_) | Err(ApiError::NotFound { .. }) => {}
                Err(e) if e.clears_credentials() => return panel.sign_out_local(Some(e.text())),
                Err(e) => {
                    failed += 1;
                    why = Some(e.text());
                }
            }
            break;
        }
    }
    let _ = panel.others.try_set(Some(failed as u64));
    let summary = if let (true, Some(why)) = (failed > 0, why) {
        M::BulkPartial
            .count(failed as u64)
            .with("removed", Arg::Num((total - failed) as u64))
            .with("total", Arg::Num(total as u64))
            .with("error", Arg::Text(Box::new(why)))
    } else if total > 0 {
        M::BulkDone.count(total as u64)
    } else {
        M::BulkDoneNone.into()
    };
    panel.bulk_done(summary);
    panel.refetch_first_page();
}

/// `sessions/info` calls spent looking for our row before removing the others (each
/// is rate-limited; our resume login is normally the newest row).
const OWN_ROW_PROBES_IN_BULK: usize = 5;
/// 429s in a row on one call before it counts as failed.
const MAX_RATE_LIMIT_WAITS: u32 = 10;

/// After a 429: waits as long as the server asks (60 s when it does not say), saying
/// so in the bulk line, and returns `true` (try again), at most
/// [`MAX_RATE_LIMIT_WAITS`] times in a row. Any other error: `false` at once.
/// Not generic over the call, so each request's future is built in one place only.
async fn wait_out(panel: Panel, e: &ApiError, progress: Option<(usize, usize)>, waits: &mut u32) -> bool {
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
    crate::web::time::sleep_ms(seconds as u32 * 1000).await;
    true
}

/// Every listed row of the user, newest logins first, 100 a page (rate limits waited out).
async fn all_rows(panel: Panel, client: &ApiClient, creds: &Credentials) -> Result<Vec<Session>, ApiError> {
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
