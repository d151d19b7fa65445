//! Which listed session is "this device", how many others there are, and which
//! rows "sign out all other devices" may remove.
//!
//! On a real Rocket.Chat the panel's own login is not always in the list: a
//! password login is never listed, a resume login is, a personal access token
//! never is (see the contract). So nothing here assumes a row of our own; it goes
//! by what the server says (the 2026 `current` flag, or a row whose hashed token
//! the server reported equal to ours) and by whether the panel registered its
//! login by `resume` (`Credentials::listed`).

use crate::core::model::{Session, SessionsPage};

/// Whether a card is this browser's session: the server marks it `current`, or its
/// hashed login token (from `sessions/info`) was found equal to ours.
pub fn is_this_device(session: &Session, own_session: Option<&str>) -> bool {
    session.current == Some(true) || own_session == Some(session.session_id.as_str())
}

/// Whether the server marks rows with the 2026 `current` flag (then it, not a hash
/// search, tells which row is this device).
pub fn marks_current(rows: &[Session]) -> bool {
    rows.iter().any(|s| s.current.is_some())
}

/// Whether a freshly loaded first page is worth searching for our own row by its
/// hashed token: the panel logged this token in by resume (so a row exists), the
/// server does not mark rows, and the row is not known yet.
pub fn should_search_own_row(page: &[Session], listed: bool, own_session: Option<&str>) -> bool {
    listed && own_session.is_none() && !marks_current(page)
}

/// Sessions other than this one in an *unfiltered* answer, or `None` when the
/// server's answer cannot tell (then the UI names no number).
///
/// - our row is on this page (flag or identified), or the panel registered its login
///   (`listed`): `total − 1`;
/// - a server with the `current` flag whose whole list is on this page and marks none:
///   no row is ours (a personal access token, an unlisted password login): `total`;
/// - otherwise (no flag and a token we did not log in ourselves, or our row may sit
///   on another page): unknown.
pub fn others_count(page: &SessionsPage, listed: bool, own_session: Option<&str>) -> Option<u64> {
    if page.total == 0 {
        return Some(0);
    }
    let mine_here = page.sessions.iter().any(|s| is_this_device(s, own_session));
    if mine_here || listed {
        return Some(page.total.saturating_sub(1));
    }
    let flagged = marks_current(&page.sessions);
    let whole_list = page.offset <= 0 && page.sessions.len() as u64 >= page.total;
    (flagged && whole_list).then_some(page.total)
}

/// The session ids "sign out all other devices" removes with `sessions/logout.me`,
/// given every listed row (all pages). `None` when this device's row cannot be told
/// apart (no `current` flag and not identified): any row could be this very login,
/// so the caller leaves them and says so.
pub fn rows_to_remove(all: &[Session], own_session: Option<&str>) -> Option<Vec<String>> {
    let flagged = marks_current(all);
    if own_session.is_none() && !flagged && !all.is_empty() {
        return None;
    }
    Some(all.iter().filter(|s| !is_this_device(s, own_session)).map(|s| s.session_id.clone()).collect())
}

/// Rows worth asking `sessions/info` about to find ours on a server without the
/// `current` flag: the newest logins first (a resume login just made is the newest),
/// at most `limit` of them (each costs a rate-limited call). A selection, not a sort:
/// the sort machinery costs kilobytes of wasm for a handful of rows.
pub fn own_row_candidates(all: &[Session], limit: usize) -> Vec<String> {
    let mut picked: Vec<String> = Vec::new();
    while picked.len() < limit.min(all.len()) {
        // The newest row not picked yet; rows whose date does not parse come last.
        let next =
            all.iter().filter(|s| !picked.contains(&s.session_id)).fold(None::<&Session>, |best, s| match best {
                Some(b) if b.login_at_ms.unwrap_or(f64::MIN) >= s.login_at_ms.unwrap_or(f64::MIN) => Some(b),
                _ => Some(s),
            });
        match next {
            Some(s) => picked.push(s.session_id.clone()),
            None => break,
        }
    }
    picked
}

/// Standard base64 with padding, as Rocket.Chat stores a hashed login token
/// (`Accounts._hashLoginToken`: base64 of the token's SHA-256).
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, b)| n | (u32::from(*b) << (16 - 8 * i)));
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[((n >> (18 - 6 * i)) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(id: &str, current: Option<bool>, at: f64) -> Session {
        Session { current, ..crate::core::model::test_session(id, at) }
    }

    fn page(rows: Vec<Session>, total: u64, offset: i64) -> SessionsPage {
        SessionsPage { sessions: rows, total, count: 25, offset, skipped: 0 }
    }

    #[test]
    fn this_device_only_when_the_server_says_so() {
        assert!(is_this_device(&row("a", Some(true), 0.0), None));
        assert!(!is_this_device(&row("a", Some(false), 0.0), None));
        assert!(!is_this_device(&row("a", None, 0.0), None));
        assert!(is_this_device(&row("a", None, 0.0), Some("a")));
        assert!(!is_this_device(&row("b", None, 0.0), Some("a")));
    }

    #[test]
    fn others_on_a_server_with_the_flag() {
        // Our row on this page.
        let p = page(vec![row("a", Some(true), 2.0), row("b", Some(false), 1.0)], 45, 0);
        assert_eq!(others_count(&p, false, None), Some(44));
        // A password login that was not registered, every row on screen: none is ours.
        let p = page(vec![row("a", Some(false), 2.0), row("b", Some(false), 1.0)], 2, 0);
        assert_eq!(others_count(&p, false, None), Some(2));
        // One other device only: the button must stay on (the old code said 0 here).
        let p = page(vec![row("b", Some(false), 1.0)], 1, 0);
        assert_eq!(others_count(&p, false, None), Some(1));
        // Registered, our row on another page.
        let p = page(vec![row("b", Some(false), 1.0)], 45, 0);
        assert_eq!(others_count(&p, true, None), Some(44));
        // Not registered, more rows than shown: cannot tell.
        assert_eq!(others_count(&p, false, None), None);
        let p = page(vec![row("b", Some(false), 1.0)], 2, 1);
        assert_eq!(others_count(&p, false, None), None);
    }

    #[test]
    fn others_on_a_server_without_the_flag() {
        let rows = vec![row("a", None, 2.0), row("b", None, 1.0)];
        // Registered by resume: one of the rows is ours.
        assert_eq!(others_count(&page(rows.clone(), 45, 0), true, None), Some(44));
        // Identified by its hashed token.
        assert_eq!(others_count(&page(rows.clone(), 45, 0), false, Some("a")), Some(44));
        // A token the user brought (a personal access token has no row; a web
        // client's may have one): no number is claimed.
        assert_eq!(others_count(&page(rows.clone(), 45, 0), false, None), None);
        assert_eq!(others_count(&page(rows, 2, 0), false, None), None);
        // No rows at all: nothing to sign out whatever we are.
        assert_eq!(others_count(&page(vec![], 0, 0), false, None), Some(0));
    }

    #[test]
    fn which_rows_go() {
        let flagged = vec![row("a", Some(false), 3.0), row("me", Some(true), 2.0), row("c", Some(false), 1.0)];
        assert_eq!(rows_to_remove(&flagged, None), Some(vec!["a".into(), "c".into()]));
        // Flag present and none is ours (personal access token): all go.
        let none_mine = vec![row("a", Some(false), 3.0), row("c", Some(false), 1.0)];
        assert_eq!(rows_to_remove(&none_mine, None), Some(vec!["a".into(), "c".into()]));
        // No flag: only with our row identified.
        let bare = vec![row("a", None, 3.0), row("me", None, 2.0)];
        assert_eq!(rows_to_remove(&bare, Some("me")), Some(vec!["a".into()]));
        assert_eq!(rows_to_remove(&bare, None), None);
        assert_eq!(rows_to_remove(&[], None), Some(vec![]));
    }

    #[test]
    fn search_only_where_the_server_cannot_tell() {
        let bare = [row("a", None, 1.0)];
        assert!(should_search_own_row(&bare, true, None));
        assert!(!should_search_own_row(&bare, false, None), "no row of ours is known to exist");
        assert!(!should_search_own_row(&bare, true, Some("a")), "already found");
        assert!(!should_search_own_row(&[row("a", Some(false), 1.0)], true, None), "the server marks rows");
        assert!(!marks_current(&bare) && marks_current(&[row("a", Some(false), 1.0)]));
    }

    #[test]
    fn candidates_are_the_newest_logins() {
        let rows = vec![row("old", None, 1.0), row("new", None, 9.0), row("mid", None, 5.0)];
        assert_eq!(own_row_candidates(&rows, 2), vec!["new".to_owned(), "mid".to_owned()]);
        let mut undated = row("x", None, 0.0);
        undated.login_at_ms = None;
        assert_eq!(own_row_candidates(&[undated, row("y", None, 1.0)], 5), vec!["y".to_owned(), "x".to_owned()]);
    }

    #[test]
    fn base64_matches_the_standard() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
        assert_eq!(base64(&[0xff, 0xfe, 0x00]), "//4A");
    }
}
