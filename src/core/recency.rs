//! What is new and what is old: the sessions that appeared since the user's last
//! visit, the stale ones, and which selected sessions an answer shows are gone.
//!
//! Everything here leans on one fact of the contract: the server pages the list by
//! login time, newest first, whatever the `sort` (which only reorders a page). So
//! the newest sessions are on the first page, the stale ones at the end, and one
//! unfiltered page tells what lies before and after it.
//!
//! ```
//! use active_sessions::core::recency::Visit;
//! let mut visit = Visit::default();
//! visit.saw(&[], 1_764_000_000_000.0);
//! let stored = active_sessions::core::recency::encode_visit(&visit);
//! assert_eq!(active_sessions::core::recency::decode_visit(&stored), Some(visit));
//! ```

use crate::core::json::{self, Json, Out};
use crate::core::model::Session;

/// How many session ids a visit remembers (the record stays a few KB).
pub const MAX_REMEMBERED: usize = 300;
/// Version written by this code; another version reads as "no last visit".
pub const VISIT_VERSION: u32 = 1;
/// One day in milliseconds.
pub const DAY_MS: f64 = 86_400_000.0;

/// What this browser remembers of the user's last look at the list.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Visit {
    /// When the list was last seen (this browser's clock, epoch ms): "since 3 Nov".
    pub at: f64,
    /// The newest login time among the sessions seen (the server's clock, so that
    /// a wrong clock here cannot mark old sessions new).
    pub mark: f64,
    /// The sessions seen, most recently seen first, at most [`MAX_REMEMBERED`].
    pub ids: Vec<String>,
}

impl Visit {
    /// Whether `s` appeared since this visit: never seen, and logged in after the
    /// newest login seen then (a session on a page the user never opened is older
    /// than that, so it is not new).
    pub fn is_new(&self, s: &Session) -> bool {
        !self.ids.iter().any(|id| id == &s.session_id) && s.login_at_ms.is_some_and(|t| t > self.mark)
    }

    /// Records that `sessions` were on screen at `now`.
    pub fn saw(&mut self, sessions: &[Session], now: f64) {
        self.at = now;
        for s in sessions {
            if let Some(t) = s.login_at_ms {
                self.mark = self.mark.max(t);
            }
            self.ids.retain(|id| id != &s.session_id);
            self.ids.insert(0, s.session_id.clone());
        }
        self.ids.truncate(MAX_REMEMBERED);
    }
}

/// `{"v":1,"at":"…","mark":"…","ids":"id id …"}`: times as whole milliseconds in
/// decimal text and the ids as one space-separated text, so the tiny writer of flat
/// objects suffices (a session id never holds a space; one that did would only look
/// new again). Whole numbers, not `f64` text: float formatting and parsing would
/// add ~38 KB gzipped to the wasm.
pub fn encode_visit(v: &Visit) -> String {
    json::object(&[
        ("v", Out::Int(VISIT_VERSION)),
        ("at", Out::Str(&(v.at.max(0.0) as u64).to_string())),
        ("mark", Out::Str(&(v.mark.max(0.0) as u64).to_string())),
        ("ids", Out::Str(&v.ids.join(" "))),
    ])
}

/// Reads a stored visit; `None` for anything else (then nothing is marked new).
pub fn decode_visit(raw: &str) -> Option<Visit> {
    let map = json::parse_record(raw)?;
    if map.field("v")?.number()? != f64::from(VISIT_VERSION) {
        return None;
    }
    let time = |k: &str| map.text_field(k)?.parse::<u64>().ok().map(|t| t as f64);
    let ids = map.text_field("ids")?;
    Some(Visit {
        at: time("at")?,
        mark: time("mark")?,
        ids: ids.split(' ').filter(|id| !id.is_empty()).take(MAX_REMEMBERED).map(str::to_owned).collect(),
    })
}

/// Whether `s` was last used more than `stale_days` days before `now` (0 = never stale;
/// an unreadable login time is not stale).
pub fn is_stale(s: &Session, now: f64, stale_days: u32) -> bool {
    stale_days > 0 && s.login_at_ms.is_some_and(|t| t < stale_cutoff(now, stale_days))
}

/// The login time before which a session is stale.
pub fn stale_cutoff(now: f64, stale_days: u32) -> f64 {
    now - f64::from(stale_days) * DAY_MS
}

/// How many sessions of the whole list are stale, when one unfiltered page at
/// `offset` (of `total`) tells: the stale ones are the list's tail, so a page that
/// holds the boundary (or ends the list fresh) knows; a page wholly before or
/// after it does not (`None`).
pub fn stale_total(rows: &[Session], offset: u64, total: u64, now: f64, stale_days: u32) -> Option<u64> {
    let len = rows.len() as u64;
    let fresh = rows.iter().filter(|s| !is_stale(s, now, stale_days)).count() as u64;
    if fresh < len && (fresh > 0 || offset == 0) {
        Some(total.saturating_sub(offset + fresh))
    } else if fresh == len && offset + len >= total {
        Some(0)
    } else {
        None
    }
}

/// Which of `picked` (selected sessions, as they were when picked) one unfiltered
/// page at `offset` (of `total`) shows are gone: those missing from it although
/// their login time falls inside the page's span (or before its newest row on the
/// first page, after its oldest on the last).
pub fn gone_from_page<'a>(picked: &'a [Session], rows: &[Session], offset: u64, total: u64) -> Vec<&'a str> {
    let times = rows.iter().filter_map(|s| s.login_at_ms);
    let (newest, oldest) = times.fold((f64::NEG_INFINITY, f64::INFINITY), |(n, o), t| (n.max(t), o.min(t)));
    let first = offset == 0;
    let last = offset + rows.len() as u64 >= total;
    picked
        .iter()
        .filter(|p| !rows.iter().any(|r| r.session_id == p.session_id))
        .filter(|p| match p.login_at_ms {
            _ if first && last => true,
            Some(t) => (t < newest || first) && (t > oldest || last),
            None => false,
        })
        .map(|p| p.session_id.as_str())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: f64 = 1_764_000_000_000.0;

    fn row(id: &str, days_ago: f64) -> Session {
        crate::core::model::test_session(id, NOW - days_ago * DAY_MS)
    }

    #[test]
    fn a_first_visit_marks_nothing_and_a_later_login_is_new() {
        let seen = [row("a", 2.0), row("b", 40.0)];
        let mut visit = Visit::default();
        visit.saw(&seen, NOW);
        assert_eq!((visit.at, visit.mark, visit.ids.clone()), (NOW, NOW - 2.0 * DAY_MS, vec!["b".into(), "a".into()]));
        assert!(!visit.is_new(&seen[0]) && !visit.is_new(&seen[1]), "seen sessions are not new");
        assert!(visit.is_new(&row("c", 1.0)), "a login after the newest seen");
        assert!(!visit.is_new(&row("d", 10.0)), "an older session on a page never opened");
        let mut no_time = row("e", 0.0);
        no_time.login_at_ms = None;
        assert!(!visit.is_new(&no_time));
    }

    #[test]
    fn the_record_round_trips_and_stays_bounded() {
        let rows: Vec<Session> = (0..MAX_REMEMBERED + 20).map(|i| row(&format!("id{i}"), i as f64)).collect();
        let mut visit = Visit::default();
        visit.saw(&rows, NOW);
        assert_eq!(visit.ids.len(), MAX_REMEMBERED);
        assert_eq!(visit.ids[0], format!("id{}", MAX_REMEMBERED + 19), "most recently seen first");
        let raw = encode_visit(&visit);
        assert!(raw.len() < 8 * 1024, "a few KB: {}", raw.len());
        assert_eq!(decode_visit(&raw), Some(visit.clone()));
        visit.saw(&rows[..1], NOW + 1.0);
        assert_eq!((visit.ids[0].as_str(), visit.ids.len()), ("id0", MAX_REMEMBERED), "seen again moves up");
    }

    #[test]
    fn damaged_or_foreign_records_read_as_no_visit() {
        for raw in [
            "",
            "[]",
            "null",
            r#"{"v":2,"at":"1","mark":"1","ids":""}"#,
            r#"{"v":1,"at":1,"mark":"1","ids":""}"#,
            r#"{"v":1,"at":"x","mark":"1","ids":""}"#,
            r#"{"v":1,"at":"NaN","mark":"1","ids":""}"#,
            r#"{"v":1,"at":"1.5","mark":"1","ids":""}"#,
            r#"{"v":1,"at":"-1","mark":"1","ids":""}"#,
            r#"{"v":1,"at":"1","mark":"1"}"#,
        ] {
            assert_eq!(decode_visit(raw), None, "{raw}");
        }
        let v = decode_visit(r#"{"v":1,"at":"5","mark":"7","ids":" a  b "}"#).unwrap();
        assert_eq!((v.at, v.mark, v.ids), (5.0, 7.0, vec!["a".to_string(), "b".to_string()]));
    }

    #[test]
    fn staleness_by_days() {
        assert!(is_stale(&row("a", 31.0), NOW, 30));
        assert!(!is_stale(&row("a", 29.0), NOW, 30));
        assert!(!is_stale(&row("a", 400.0), NOW, 0), "0 = off");
        assert!(is_stale(&row("a", 2.0), NOW, 1));
    }

    #[test]
    fn stale_total_from_one_page() {
        // 10 sessions aged 5, 15, …, 95 days; a 30-day cutoff → 7 stale (35…95).
        let all: Vec<Session> = (0..10).map(|i| row(&format!("s{i}"), i as f64 * 10.0 + 5.0)).collect();
        let count = |offset: usize, len: usize| {
            let page = &all[offset..(offset + len).min(all.len())];
            stale_total(page, offset as u64, all.len() as u64, NOW, 30)
        };
        assert_eq!(count(0, 10), Some(7), "everything on one page");
        assert_eq!(count(0, 5), Some(7), "the first page holds the boundary");
        assert_eq!(count(2, 3), Some(7), "a later page holding the boundary");
        assert_eq!(count(0, 3), None, "a fresh first page: the boundary is further on");
        assert_eq!(count(3, 3), None, "starts stale: the page before may end stale too");
        assert_eq!(count(6, 4), None, "wholly stale after the first page");
        assert_eq!(stale_total(&all[..3], 0, 3, NOW, 30), Some(0), "a fresh list that ends here");
        assert_eq!(stale_total(&all[..3], 0, 3, NOW, 0), Some(0), "off");
    }

    #[test]
    fn gone_sessions_are_the_ones_missing_inside_the_page_span() {
        let all: Vec<Session> = (0..10).map(|i| row(&format!("s{i}"), i as f64)).collect();
        let picked = vec![all[1].clone(), all[4].clone(), all[8].clone()];
        // Page 2 (rows 3..6) without s4: s4 is gone; s1 and s8 lie on other pages.
        let page: Vec<Session> = all[3..6].iter().filter(|s| s.session_id != "s4").cloned().collect();
        assert_eq!(gone_from_page(&picked, &page, 3, 9), vec!["s4"]);
        // The first page (rows 0..3) without s1: gone; s4 and s8 are older, elsewhere.
        let page: Vec<Session> = [0, 2, 3].iter().map(|&i| all[i].clone()).collect();
        assert_eq!(gone_from_page(&picked, &page, 0, 9), vec!["s1"]);
        // The last page (rows 6..10) without s8.
        let page: Vec<Session> = [6, 7, 9].iter().map(|&i| all[i].clone()).collect();
        assert_eq!(gone_from_page(&picked, &page, 6, 9), vec!["s8"]);
        // A complete list: whatever is missing is gone.
        let page = vec![all[0].clone()];
        assert_eq!(gone_from_page(&picked, &page, 0, 1), vec!["s1", "s4", "s8"]);
        // Everything still there: nothing gone.
        assert!(gone_from_page(&picked, &all, 0, 10).is_empty());
    }
}
