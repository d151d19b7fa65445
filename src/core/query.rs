//! The list query: filter, sort, page size and page, the request parameters
//! it turns into, and its form in the page URL.
//!
//! `sessions/list` rejects any query key besides `offset`, `count`, `filter`
//! and `sort` with a 400, so [`ListQuery::params`] produces exactly those and
//! nothing else (no cache-busters). Every `with_*` change that alters what the
//! list contains returns to the first page; a change to the same value returns
//! an equal query, so a memo over it does not refetch.
//!
//! The page sizes a query may take, and the one its URL leaves out, are its
//! panel's own ([`Paging`]): a query carries them, so every `with_page_size`
//! and every URL written or read follows that panel's settings.

use crate::core::page::MAX_PAGE_SIZE;

/// The sort orders offered. Login time is sorted by the server across all
/// pages; client and OS only within the current page (the server pages by
/// login time first), see [`SortChoice::is_page_local`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum SortChoice {
    #[default]
    Newest,
    Oldest,
    ClientAsc,
    ClientDesc,
    OsAsc,
    OsDesc,
}

impl SortChoice {
    /// Every choice, in menu order.
    pub const ALL: [SortChoice; 6] = [
        SortChoice::Newest,
        SortChoice::Oldest,
        SortChoice::ClientAsc,
        SortChoice::ClientDesc,
        SortChoice::OsAsc,
        SortChoice::OsDesc,
    ];

    /// The `sort` parameter, or `None` for the server's default order
    /// (`{"loginAt":-1}`), which is then not sent at all. Only keys every
    /// server generation accepts are used.
    pub fn sort_json(self) -> Option<&'static str> {
        match self {
            SortChoice::Newest => None,
            SortChoice::Oldest => Some(r#"{"loginAt":1}"#),
            SortChoice::ClientAsc => Some(r#"{"device.name":1}"#),
            SortChoice::ClientDesc => Some(r#"{"device.name":-1}"#),
            SortChoice::OsAsc => Some(r#"{"device.os.name":1}"#),
            SortChoice::OsDesc => Some(r#"{"device.os.name":-1}"#),
        }
    }

    /// Menu label (a message of the catalog).
    pub fn label(self) -> crate::core::i18n::M {
        use crate::core::i18n::M;
        match self {
            SortChoice::Newest => M::SortNewest,
            SortChoice::Oldest => M::SortOldest,
            SortChoice::ClientAsc => M::SortClientAsc,
            SortChoice::ClientDesc => M::SortClientDesc,
            SortChoice::OsAsc => M::SortOsAsc,
            SortChoice::OsDesc => M::SortOsDesc,
        }
    }

    /// Stable value for `<option value>` and the URL.
    pub fn token(self) -> &'static str {
        match self {
            SortChoice::Newest => "newest",
            SortChoice::Oldest => "oldest",
            SortChoice::ClientAsc => "client",
            SortChoice::ClientDesc => "-client",
            SortChoice::OsAsc => "os",
            SortChoice::OsDesc => "-os",
        }
    }

    /// The inverse of [`SortChoice::token`] (exact match after trimming).
    pub fn from_token(s: &str) -> Option<Self> {
        let s = s.trim();
        Self::ALL.into_iter().find(|c| c.token() == s)
    }

    /// True when the server applies this order only within the current page
    /// (client and OS), so the UI can say so.
    pub fn is_page_local(self) -> bool {
        // The server pages newest-first and sorts only inside the page, so "oldest first"
        // reverses the current page too: page 1 is still the newest logins.
        !matches!(self, SortChoice::Newest)
    }
}

/// The page sizes a panel offers unless told otherwise.
pub const PAGE_SIZES: [u32; 4] = [10, 25, 50, MAX_PAGE_SIZE];
/// The page size a panel starts with unless told otherwise (as in Rocket.Chat's own UI).
pub const DEFAULT_PAGE_SIZE: u32 = 25;

/// One panel's page sizes: the ones it offers and the one it starts with, which
/// its URL leaves out. A [`ListQuery`] carries its panel's, so that choosing a
/// size and writing or reading the URL follow that panel's settings.
///
/// `Copy` and two words: the offered sizes are a set of bits (sizes are at most
/// [`MAX_PAGE_SIZE`]); the menu keeps its own order.
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Paging {
    /// Bit `n` set: size `n` is offered (1..=[`MAX_PAGE_SIZE`]). Never 0.
    offered: u128,
    /// One of the offered sizes.
    default_size: u32,
}

// Every size the server accepts has its bit.
const _: () = assert!(MAX_PAGE_SIZE < u128::BITS);

impl Default for Paging {
    /// [`PAGE_SIZES`], starting at [`DEFAULT_PAGE_SIZE`].
    fn default() -> Self {
        Paging::new(&PAGE_SIZES, DEFAULT_PAGE_SIZE)
    }
}

impl std::fmt::Debug for Paging {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Paging")
            .field("sizes", &self.sizes().collect::<Vec<_>>())
            .field("default_size", &self.default_size)
            .finish()
    }
}

impl Paging {
    /// The sizes of `sizes` within 1..=[`MAX_PAGE_SIZE`] (the server's cap), or
    /// [`PAGE_SIZES`] if there is none; `default_size` becomes the nearest of them.
    pub fn new(sizes: &[u32], default_size: u32) -> Self {
        let bits = |sizes: &[u32]| {
            sizes.iter().filter(|n| (1..=MAX_PAGE_SIZE).contains(*n)).fold(0u128, |bits, n| bits | 1 << n)
        };
        let offered = match bits(sizes) {
            0 => bits(&PAGE_SIZES),
            offered => offered,
        };
        let mut paging = Paging { offered, default_size: DEFAULT_PAGE_SIZE };
        paging.default_size = paging.nearest(default_size);
        paging
    }

    /// The sizes offered, smallest first.
    pub fn sizes(&self) -> impl Iterator<Item = u32> + '_ {
        (1..=MAX_PAGE_SIZE).filter(|n| self.offers(*n))
    }

    /// The size a new query starts with, and the one the URL leaves out.
    pub fn default_size(&self) -> u32 {
        self.default_size
    }

    /// Whether `n` is one of the sizes offered.
    pub fn offers(&self, n: u32) -> bool {
        n <= MAX_PAGE_SIZE && self.offered & 1 << n != 0
    }

    /// The offered size nearest to `n` (the smaller one on a tie).
    pub fn nearest(&self, n: u32) -> u32 {
        self.sizes().min_by_key(|size| (size.abs_diff(n), *size)).unwrap_or(self.default_size)
    }
}

/// Everything that decides which sessions are requested.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListQuery {
    /// Already trimmed; empty means no filter.
    pub filter: String,
    pub sort: SortChoice,
    /// One of `paging`'s sizes when built through the `with_*` methods.
    pub page_size: u32,
    /// 0-based.
    pub page: u32,
    /// The panel's page sizes (see [`Paging`]); [`Paging::default`] unless
    /// the query was made by [`ListQuery::new`] or read from a URL.
    pub paging: Paging,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery::new(Paging::default())
    }
}

impl ListQuery {
    /// The first page, unfiltered, newest first, at `paging`'s default size.
    pub fn new(paging: Paging) -> Self {
        ListQuery { filter: String::new(), sort: SortChoice::Newest, page_size: paging.default_size(), page: 0, paging }
    }

    /// The `count` actually sent: `page_size` kept within 1..=[`MAX_PAGE_SIZE`]
    /// in case the field was set directly.
    pub fn count(&self) -> u32 {
        self.page_size.clamp(1, MAX_PAGE_SIZE)
    }

    /// Items before the current page (`page × count`); cannot overflow.
    pub fn offset(&self) -> u64 {
        u64::from(self.page) * u64::from(self.count())
    }

    /// The request parameters: `offset`, `count`, then `filter` (only when
    /// non-empty) and `sort` (only when not the server default), in that
    /// order, and nothing else.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![("offset", self.offset().to_string()), ("count", self.count().to_string())];
        let filter = self.filter.trim();
        if !filter.is_empty() {
            p.push(("filter", filter.to_string()));
        }
        if let Some(sort) = self.sort.sort_json() {
            p.push(("sort", sort.to_string()));
        }
        p
    }

    /// Sets the filter (trimmed); back to the first page if it changed.
    pub fn with_filter(&self, raw: &str) -> Self {
        let filter = raw.trim();
        if filter == self.filter {
            return self.clone();
        }
        ListQuery { filter: filter.to_string(), page: 0, ..self.clone() }
    }

    /// Sets the sort; back to the first page if it changed.
    pub fn with_sort(&self, s: SortChoice) -> Self {
        if s == self.sort {
            return self.clone();
        }
        ListQuery { sort: s, page: 0, ..self.clone() }
    }

    /// Sets the page size (the nearest one the panel offers, see [`Paging`]);
    /// back to the first page if it changed.
    pub fn with_page_size(&self, n: u32) -> Self {
        let size = self.paging.nearest(n);
        if size == self.page_size {
            return self.clone();
        }
        ListQuery { page_size: size, page: 0, ..self.clone() }
    }

    /// Goes to page `p` (0-based). Clamping to the last page needs the total:
    /// see [`crate::core::page::clamp_page`].
    pub fn with_page(&self, p: u32) -> Self {
        ListQuery { page: p, ..self.clone() }
    }

    /// `{prefix}q`, `{prefix}sort`, `{prefix}size`, `{prefix}page` (1-based),
    /// each omitted when it has its default value (the size: the panel's own
    /// default, [`Paging::default_size`]), so a pristine list leaves the URL untouched.
    pub fn to_url_params(&self, prefix: &str) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let filter = self.filter.trim();
        if !filter.is_empty() {
            out.push((format!("{prefix}q"), filter.to_string()));
        }
        if self.sort != SortChoice::Newest {
            out.push((format!("{prefix}sort"), self.sort.token().to_string()));
        }
        if self.page_size != self.paging.default_size() {
            out.push((format!("{prefix}size"), self.page_size.to_string()));
        }
        if self.page > 0 {
            out.push((format!("{prefix}page"), (u64::from(self.page) + 1).to_string()));
        }
        out
    }

    /// Reads the URL form back, for the panel with page sizes `paging`.
    /// Tolerant: unknown keys are ignored, the first occurrence of a key wins,
    /// and any bad value (unknown sort, a size `paging` does not offer, a page
    /// that is not a positive integer) gives that field its default.
    pub fn from_url_params<'a>(
        prefix: &str,
        params: impl IntoIterator<Item = (&'a str, &'a str)>,
        paging: &Paging,
    ) -> Self {
        let mut q = ListQuery::new(*paging);
        let (mut seen_q, mut seen_sort, mut seen_size, mut seen_page) = (false, false, false, false);
        for (key, value) in params {
            let Some(name) = key.strip_prefix(prefix) else {
                continue;
            };
            match name {
                "q" if !seen_q => {
                    seen_q = true;
                    q.filter = value.trim().to_string();
                }
                "sort" if !seen_sort => {
                    seen_sort = true;
                    q.sort = SortChoice::from_token(value).unwrap_or_default();
                }
                "size" if !seen_size => {
                    seen_size = true;
                    if let Some(n) = value.trim().parse::<u32>().ok().filter(|n| q.paging.offers(*n)) {
                        q.page_size = n;
                    }
                }
                "page" if !seen_page => {
                    seen_page = true;
                    q.page = value.trim().parse::<u32>().ok().filter(|n| *n >= 1).map_or(0, |n| n - 1);
                }
                _ => {}
            }
        }
        q
    }
}

#[cfg(test)]
mod tests;
