//! "Sign out all other devices", so that the server's list afterwards is what the
//! panel says (see the contract: `logoutOtherClients` leaves the rows behind).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::core::creds::Credentials;
use crate::core::i18n::{Arg, M};
use crate::core::own::{marks_current, own_row_candidates, rows_to_remove};
use crate::ui::hooks::bulk::{all_rows, begin, finish, remove_each, summary, wait_out};
use crate::ui::hooks::sessions::{identify_own_row, OWN_ROW_PROBES_ON_LOAD};
use crate::ui::state::Panel;
use crate::web::api::RequestHandle;

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
    begin(panel, M::BulkStart.into());
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
    let targets: Vec<(String, String)> = targets
        .into_iter()
        .map(|sid| {
            let title = rows.iter().find(|r| r.session_id == sid).map(|r| panel.title_of(r)).unwrap_or_default();
            (sid, title)
        })
        .collect();
    let total = targets.len();
    let Some(out) = remove_each(panel, &client, &creds, &targets, M::BulkRemoving).await else { return };
    let failed = out.failed.len();
    let summary = if out.untried > 0 {
        summary(&out, total)
    } else if let Some(why) = out.failed.first() {
        M::BulkPartial
            .count(failed as u64)
            .with("removed", Arg::Num(out.removed as u64))
            .with("total", Arg::Num(total as u64))
            .with("error", Arg::Text(Box::new(why.clone())))
    } else if total > 0 {
        M::BulkDone.count(total as u64)
    } else {
        M::BulkDoneNone.into()
    };
    let _ = panel.others.try_set(Some((failed + out.untried) as u64));
    finish(panel, out, summary);
    panel.refetch_first_page();
}

/// `sessions/info` calls spent looking for our row before removing the others (each
/// is rate-limited; our resume login is normally the newest row).
const OWN_ROW_PROBES_IN_BULK: usize = 5;
