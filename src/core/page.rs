//! Page math from a list answer: which items are shown, how many pages there
//! are, and where to go when the current page empties.
//!
//! The server's `count` is the page size it used (it clamps requests above
//! 100), not the number of items returned, so it wins over the size we asked
//! for; `total` counts every matching row.

use crate::core::i18n::{Arg, Text, M};

/// Where the current page sits in the whole list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageInfo {
    /// Matching rows; never less than the items actually seen.
    pub total: u64,
    /// The page size in effect (≥ 1).
    pub page_size: u32,
    /// 0-based page the offset falls in.
    pub page: u32,
    /// 1-based index of the first item shown, 0 if none.
    pub first_item: u64,
    /// 1-based index of the last item shown, 0 if none.
    pub last_item: u64,
    /// Number of pages, at least 1 (an empty list is one empty page).
    pub page_count: u32,
}

/// Largest page size a server uses (`API_Upper_Count_Limit`); a request for
/// more is answered with this many.
pub const MAX_PAGE_SIZE: u32 = 100;

impl PageInfo {
    /// `echoed_count` is the answer's `count` (0 if absent); when it is 0 the
    /// `requested_size` is used, capped at [`MAX_PAGE_SIZE`] as the server
    /// would. If the server reports a `total` smaller than what it sent, the
    /// items seen count instead, so the text never says "1–5 of 2".
    pub fn new(total: u64, echoed_count: u64, requested_size: u32, offset: u64, items_on_page: usize) -> Self {
        let page_size = if echoed_count > 0 {
            u32::try_from(echoed_count).unwrap_or(u32::MAX)
        } else {
            requested_size.clamp(1, MAX_PAGE_SIZE)
        };
        let items = u64::try_from(items_on_page).unwrap_or(u64::MAX);
        let seen_end = offset.saturating_add(items);
        let total = if items == 0 { total } else { total.max(seen_end) };
        let size = u64::from(page_size);
        let page = u32::try_from(offset / size).unwrap_or(u32::MAX);
        let (first_item, last_item) = if items == 0 { (0, 0) } else { (offset.saturating_add(1), seen_end) };
        let pages = total.div_ceil(size).max(1);
        let page_count = u32::try_from(pages).unwrap_or(u32::MAX);
        PageInfo { total, page_size, page, first_item, last_item, page_count }
    }

    pub fn is_first(&self) -> bool {
        self.page == 0
    }

    /// True on (or, after a removal, beyond) the last page.
    pub fn is_last(&self) -> bool {
        self.page >= self.last_page()
    }

    /// 0-based index of the last page.
    pub fn last_page(&self) -> u32 {
        self.page_count.saturating_sub(1)
    }

    /// "Showing 1–25 of 64 sessions", "Showing 1–1 of 1 session",
    /// "No sessions", or, on a page past the end, "No sessions on this page
    /// (64 in total)".
    pub fn status_text(&self) -> Text {
        if self.total == 0 {
            return M::NoSessions.into();
        }
        if self.first_item == 0 {
            return M::PastEnd.count(self.total);
        }
        M::Showing.count(self.total).with("first", Arg::Num(self.first_item)).with("last", Arg::Num(self.last_item))
    }
}

/// `page` limited to the last page of `total` rows (page 0 when empty).
/// A page size of 0 counts as 1. Also the page to show after rows were removed
/// (logged out): the same page if it still has rows, else the last one that does.
pub fn clamp_page(page: u32, page_size: u32, total: u64) -> u32 {
    if total == 0 {
        return 0;
    }
    let last = (total - 1) / u64::from(page_size.max(1));
    u32::try_from(last).map_or(page, |last| page.min(last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::i18n::{English, Speaker};

    #[test]
    fn first_middle_last_pages() {
        let p = PageInfo::new(64, 25, 25, 0, 25);
        assert_eq!(p, PageInfo { total: 64, page_size: 25, page: 0, first_item: 1, last_item: 25, page_count: 3 });
        assert!(p.is_first() && !p.is_last());
        assert_eq!(English.word(&p.status_text()), "Showing 1–25 of 64 sessions");
        let p = PageInfo::new(64, 25, 25, 25, 25);
        assert_eq!((p.page, p.first_item, p.last_item), (1, 26, 50));
        assert!(!p.is_first() && !p.is_last());
        let p = PageInfo::new(64, 25, 25, 50, 14);
        assert_eq!((p.page, p.first_item, p.last_item), (2, 51, 64));
        assert!(p.is_last());
        assert_eq!(p.last_page(), 2);
        assert_eq!(English.word(&p.status_text()), "Showing 51–64 of 64 sessions");
    }

    #[test]
    fn single_and_empty() {
        let p = PageInfo::new(1, 25, 25, 0, 1);
        assert_eq!(English.word(&p.status_text()), "Showing 1–1 of 1 session");
        assert!(p.is_first() && p.is_last());
        let p = PageInfo::new(0, 25, 25, 0, 0);
        assert_eq!(p, PageInfo { total: 0, page_size: 25, page: 0, first_item: 0, last_item: 0, page_count: 1 });
        assert_eq!(English.word(&p.status_text()), "No sessions");
        assert!(p.is_first() && p.is_last());
    }

    #[test]
    fn exact_multiple_of_page_size() {
        let p = PageInfo::new(50, 25, 25, 25, 25);
        assert_eq!((p.page_count, p.page), (2, 1));
        assert!(p.is_last());
    }

    #[test]
    fn echoed_count_wins_over_requested() {
        // Asked for 25, server used its default 50 (old server ignoring count).
        let p = PageInfo::new(120, 50, 25, 50, 50);
        assert_eq!((p.page_size, p.page, p.page_count), (50, 1, 3));
        // No echoed count: the requested size.
        let p = PageInfo::new(120, 0, 10, 30, 10);
        assert_eq!((p.page_size, p.page, p.page_count), (10, 3, 12));
    }

    #[test]
    fn requested_size_clamped_at_100() {
        let p = PageInfo::new(250, 0, 500, 0, 100);
        assert_eq!((p.page_size, p.page_count), (100, 3));
        let p = PageInfo::new(250, 100, 500, 100, 100);
        assert_eq!((p.page_size, p.page), (100, 1));
        let p = PageInfo::new(5, 0, 0, 0, 5);
        assert_eq!(p.page_size, 1);
    }

    #[test]
    fn page_past_the_end() {
        let p = PageInfo::new(64, 25, 25, 75, 0);
        assert_eq!((p.page, p.first_item, p.last_item, p.page_count), (3, 0, 0, 3));
        assert!(p.is_last());
        assert_eq!(English.word(&p.status_text()), "No sessions on this page (64 in total)");
    }

    #[test]
    fn inconsistent_total_never_below_seen() {
        let p = PageInfo::new(2, 25, 25, 0, 5);
        assert_eq!((p.total, p.last_item), (5, 5));
        assert_eq!(English.word(&p.status_text()), "Showing 1–5 of 5 sessions");
    }

    #[test]
    fn huge_values_do_not_overflow() {
        let p = PageInfo::new(u64::MAX, u64::MAX, 25, u64::MAX, usize::MAX);
        assert_eq!(p.page_size, u32::MAX);
        assert!(p.page_count >= 1);
        let p = PageInfo::new(u64::MAX, 1, 25, 0, 1);
        assert_eq!(p.page_count, u32::MAX);
        let _ = p.status_text();
    }

    #[test]
    fn stepping_back_after_removal() {
        // Last page had one item; it was logged out.
        assert_eq!(clamp_page(2, 25, 50), 1);
        // Page still has items.
        assert_eq!(clamp_page(2, 25, 51), 2);
        assert_eq!(clamp_page(1, 25, 49), 1);
        // Everything gone.
        assert_eq!(clamp_page(3, 25, 0), 0);
        assert_eq!(clamp_page(0, 25, 0), 0);
        // Several removed at once (log out all others).
        assert_eq!(clamp_page(4, 10, 1), 0);
    }

    #[test]
    fn clamping() {
        assert_eq!(clamp_page(0, 25, 0), 0);
        assert_eq!(clamp_page(9, 25, 64), 2);
        assert_eq!(clamp_page(1, 25, 64), 1);
        assert_eq!(clamp_page(5, 0, 3), 2);
        assert_eq!(clamp_page(u32::MAX, 1, u64::MAX), u32::MAX);
        assert_eq!(clamp_page(7, 100, 100), 0);
        assert_eq!(clamp_page(7, 100, 101), 1);
    }
}
