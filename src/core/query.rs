//! The list query: filter, sort, page size and page, the request parameters
//! it turns into, and its form in the page URL.
//!
//! `sessions/list` rejects any query key besides `offset`, `count`, `filter`
//! and `sort` with a 400, so [`ListQuery::params`] produces exactly those and
//! nothing else (no cache-busters). Every `with_*` change that alters what the
//! list contains returns to the first page; a change to the same value returns
//! an equal query, so a memo over it does not refetch.

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

    /// Menu label.
    pub fn label(self) -> &'static str {
        match self {
            SortChoice::Newest => "Newest login first",
            SortChoice::Oldest => "Oldest login first",
            SortChoice::ClientAsc => "Client A–Z",
            SortChoice::ClientDesc => "Client Z–A",
            SortChoice::OsAsc => "OS A–Z",
            SortChoice::OsDesc => "OS Z–A",
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

/// Page sizes offered (the server caps `count` at 100).
pub const PAGE_SIZES: [u32; 4] = [10, 25, 50, 100];
/// Page size when nothing else is asked for (as in Rocket.Chat's own UI).
pub const DEFAULT_PAGE_SIZE: u32 = 25;

/// The allowed page size nearest to `n` (the smaller one on a tie).
pub fn nearest_page_size(n: u32) -> u32 {
    let mut best = DEFAULT_PAGE_SIZE;
    let mut best_dist = u32::MAX;
    for size in PAGE_SIZES {
        let dist = size.abs_diff(n);
        if dist < best_dist {
            best = size;
            best_dist = dist;
        }
    }
    best
}

/// Everything that decides which sessions are requested.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListQuery {
    /// Already trimmed; empty means no filter.
    pub filter: String,
    pub sort: SortChoice,
    /// One of [`PAGE_SIZES`] when built through the `with_*` methods.
    pub page_size: u32,
    /// 0-based.
    pub page: u32,
}

impl Default for ListQuery {
    fn default() -> Self {
        ListQuery {
            filter: String::new(),
            sort: SortChoice::Newest,
            page_size: DEFAULT_PAGE_SIZE,
            page: 0,
        }
    }
}

impl ListQuery {
    /// The `count` actually sent: `page_size` kept within 1..=100 in case the
    /// field was set directly.
    pub fn count(&self) -> u32 {
        self.page_size.clamp(1, 100)
    }

    /// Items before the current page (`page × count`); cannot overflow.
    pub fn offset(&self) -> u64 {
        u64::from(self.page) * u64::from(self.count())
    }

    /// The request parameters: `offset`, `count`, then `filter` (only when
    /// non-empty) and `sort` (only when not the server default), in that
    /// order, and nothing else.
    pub fn params(&self) -> Vec<(&'static str, String)> {
        let mut p = vec![
            ("offset", self.offset().to_string()),
            ("count", self.count().to_string()),
        ];
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
        ListQuery {
            filter: filter.to_string(),
            page: 0,
            ..self.clone()
        }
    }

    /// Sets the sort; back to the first page if it changed.
    pub fn with_sort(&self, s: SortChoice) -> Self {
        if s == self.sort {
            return self.clone();
        }
        ListQuery {
            sort: s,
            page: 0,
            ..self.clone()
        }
    }

    /// Sets the page size (the nearest allowed one); back to the first page
    /// if it changed.
    pub fn with_page_size(&self, n: u32) -> Self {
        let size = nearest_page_size(n);
        if size == self.page_size {
            return self.clone();
        }
        ListQuery {
            page_size: size,
            page: 0,
            ..self.clone()
        }
    }

    /// Goes to page `p` (0-based). Clamping to the last page needs the total:
    /// see [`crate::core::page::clamp_page`].
    pub fn with_page(&self, p: u32) -> Self {
        ListQuery {
            page: p,
            ..self.clone()
        }
    }

    /// The URL form with the default page size [`DEFAULT_PAGE_SIZE`]; see
    /// [`ListQuery::to_url_params_with_default`].
    pub fn to_url_params(&self, prefix: &str) -> Vec<(String, String)> {
        self.to_url_params_with_default(prefix, DEFAULT_PAGE_SIZE)
    }

    /// `{prefix}q`, `{prefix}sort`, `{prefix}size`, `{prefix}page` (1-based),
    /// each omitted when it has its default value, so a pristine list leaves
    /// the URL untouched.
    pub fn to_url_params_with_default(
        &self,
        prefix: &str,
        default_page_size: u32,
    ) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let filter = self.filter.trim();
        if !filter.is_empty() {
            out.push((format!("{prefix}q"), filter.to_string()));
        }
        if self.sort != SortChoice::Newest {
            out.push((format!("{prefix}sort"), self.sort.token().to_string()));
        }
        if self.page_size != nearest_page_size(default_page_size) {
            out.push((format!("{prefix}size"), self.page_size.to_string()));
        }
        if self.page > 0 {
            out.push((
                format!("{prefix}page"),
                (u64::from(self.page) + 1).to_string(),
            ));
        }
        out
    }

    /// Reads the URL form back. Tolerant: unknown keys are ignored, the first
    /// occurrence of a key wins, and any bad value (unknown sort, a size not
    /// in [`PAGE_SIZES`], a page that is not a positive integer) gives that
    /// field its default.
    pub fn from_url_params<'a>(
        prefix: &str,
        params: impl IntoIterator<Item = (&'a str, &'a str)>,
        default_page_size: u32,
    ) -> Self {
        let mut q = ListQuery {
            page_size: nearest_page_size(default_page_size),
            ..ListQuery::default()
        };
        let (mut seen_q, mut seen_sort, mut seen_size, mut seen_page) =
            (false, false, false, false);
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
                    if let Some(n) = value
                        .trim()
                        .parse::<u32>()
                        .ok()
                        .filter(|n| PAGE_SIZES.contains(n))
                    {
                        q.page_size = n;
                    }
                }
                "page" if !seen_page => {
                    seen_page = true;
                    q.page = value
                        .trim()
                        .parse::<u32>()
                        .ok()
                        .filter(|n| *n >= 1)
                        .map_or(0, |n| n - 1);
                }
                _ => {}
            }
        }
        q
    }
}

/// `application/x-www-form-urlencoded`, as `URLSearchParams` serialises it:
/// ASCII letters, digits and `*-._` stay, space becomes `+`, every other byte
/// of the UTF-8 is `%XX`. Pairs joined with `&`, no leading `?`.
pub fn encode_query_string(params: &[(&str, String)]) -> String {
    let mut out = String::new();
    for (i, (k, v)) in params.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        encode_component(k, &mut out);
        out.push('=');
        encode_component(v, &mut out);
    }
    out
}

fn encode_component(s: &str, out: &mut String) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in s.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0x0f)]));
            }
        }
    }
}

/// The inverse of [`encode_query_string`], tolerant like `URLSearchParams`:
/// a leading `?` is skipped, `+` is a space, a malformed `%` escape is kept
/// literally, invalid UTF-8 becomes U+FFFD, empty pairs are dropped.
pub fn parse_query_string(s: &str) -> Vec<(String, String)> {
    let s = s.strip_prefix('?').unwrap_or(s);
    s.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (decode_component(k), decode_component(v))
        })
        .collect()
}

fn decode_component(s: &str) -> String {
    fn hex(b: u8) -> Option<u8> {
        match b {
            b'0'..=b'9' => Some(b - b'0'),
            b'a'..=b'f' => Some(b - b'a' + 10),
            b'A'..=b'F' => Some(b - b'A' + 10),
            _ => None,
        }
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'+' => out.push(b' '),
            b'%' => {
                let hi = bytes.get(i + 1).copied().and_then(hex);
                let lo = bytes.get(i + 2).copied().and_then(hex);
                if let (Some(h), Some(l)) = (hi, lo) {
                    out.push(h << 4 | l);
                    i += 3;
                    continue;
                }
                out.push(b'%');
            }
            _ => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(q: &ListQuery) -> Vec<&'static str> {
        q.params().into_iter().map(|(k, _)| k).collect()
    }

    #[test]
    fn default_query_sends_only_offset_and_count() {
        let q = ListQuery::default();
        assert_eq!(
            q,
            ListQuery {
                filter: String::new(),
                sort: SortChoice::Newest,
                page_size: 25,
                page: 0
            }
        );
        assert_eq!(
            q.params(),
            vec![("offset", "0".to_string()), ("count", "25".to_string())]
        );
    }

    #[test]
    fn all_four_keys_in_order() {
        let q = ListQuery::default()
            .with_filter("  chrome ")
            .with_sort(SortChoice::OsDesc)
            .with_page_size(50)
            .with_page(2);
        assert_eq!(
            q.params(),
            vec![
                ("offset", "100".to_string()),
                ("count", "50".to_string()),
                ("filter", "chrome".to_string()),
                ("sort", r#"{"device.os.name":-1}"#.to_string()),
            ]
        );
    }

    #[test]
    fn never_more_than_the_four_keys() {
        let allowed = ["offset", "count", "filter", "sort"];
        for sort in SortChoice::ALL {
            for size in [0, 1, 10, 25, 50, 100, 101, u32::MAX] {
                for filter in ["", " ", "x", "a&b=c"] {
                    for page in [0, 1, u32::MAX] {
                        let q = ListQuery::default()
                            .with_filter(filter)
                            .with_sort(sort)
                            .with_page_size(size)
                            .with_page(page);
                        let k = keys(&q);
                        assert!(k.iter().all(|k| allowed.contains(k)), "{k:?}");
                        assert!(k.len() >= 2 && k.len() <= 4);
                        let mut dedup = k.clone();
                        dedup.dedup();
                        assert_eq!(dedup, k);
                    }
                }
            }
        }
    }

    #[test]
    fn empty_or_whitespace_filter_omitted() {
        for f in ["", "   ", "\t\n"] {
            assert_eq!(
                keys(&ListQuery::default().with_filter(f)),
                ["offset", "count"],
                "{f:?}"
            );
        }
        // Even when the field was set directly with spaces.
        let q = ListQuery {
            filter: "  ".into(),
            ..ListQuery::default()
        };
        assert_eq!(keys(&q), ["offset", "count"]);
    }

    #[test]
    fn filter_is_trimmed() {
        let q = ListQuery::default().with_filter("  Firefox\t");
        assert_eq!(q.filter, "Firefox");
        assert_eq!(q.params().get(2), Some(&("filter", "Firefox".to_string())));
    }

    #[test]
    fn sort_json_per_choice() {
        assert_eq!(SortChoice::Newest.sort_json(), None);
        assert_eq!(SortChoice::Oldest.sort_json(), Some(r#"{"loginAt":1}"#));
        assert_eq!(
            SortChoice::ClientAsc.sort_json(),
            Some(r#"{"device.name":1}"#)
        );
        assert_eq!(
            SortChoice::ClientDesc.sort_json(),
            Some(r#"{"device.name":-1}"#)
        );
        assert_eq!(
            SortChoice::OsAsc.sort_json(),
            Some(r#"{"device.os.name":1}"#)
        );
        assert_eq!(
            SortChoice::OsDesc.sort_json(),
            Some(r#"{"device.os.name":-1}"#)
        );
        for c in SortChoice::ALL {
            if let Some(j) = c.sort_json() {
                let v: serde_json::Value = serde_json::from_str(j).expect("valid JSON");
                let obj = v.as_object().expect("object");
                assert_eq!(obj.len(), 1);
                let (k, val) = obj.iter().next().expect("one key");
                assert!(["loginAt", "device.name", "device.os.name"].contains(&k.as_str()));
                assert!(val.as_i64() == Some(1) || val.as_i64() == Some(-1));
            }
        }
    }

    #[test]
    fn sort_tokens_labels_and_locality() {
        for c in SortChoice::ALL {
            assert_eq!(SortChoice::from_token(c.token()), Some(c));
            assert!(!c.label().is_empty());
        }
        assert_eq!(SortChoice::from_token(" -os "), Some(SortChoice::OsDesc));
        assert_eq!(SortChoice::from_token("OS"), None);
        assert_eq!(SortChoice::from_token(""), None);
        assert_eq!(SortChoice::ClientAsc.label(), "Client A–Z");
        assert_eq!(SortChoice::Newest.label(), "Newest login first");
        assert!(!SortChoice::Newest.is_page_local());
        for c in [
            SortChoice::Oldest,
            SortChoice::ClientAsc,
            SortChoice::ClientDesc,
            SortChoice::OsAsc,
            SortChoice::OsDesc,
        ] {
            assert!(c.is_page_local());
        }
        assert_eq!(SortChoice::default(), SortChoice::Newest);
    }

    #[test]
    fn changes_reset_the_page() {
        let q = ListQuery::default().with_page(3);
        assert_eq!(q.with_filter("x").page, 0);
        assert_eq!(q.with_sort(SortChoice::Oldest).page, 0);
        assert_eq!(q.with_page_size(100).page, 0);
        // Same value: nothing changes, the page stays.
        assert_eq!(q.with_filter("").page, 3);
        assert_eq!(q.with_filter("   ").page, 3);
        assert_eq!(q.with_sort(SortChoice::Newest), q);
        assert_eq!(q.with_page_size(25), q);
        let f = ListQuery::default().with_filter("x").with_page(2);
        assert_eq!(f.with_filter(" x ").page, 2);
        assert_eq!(f.with_filter("xy").page, 0);
    }

    #[test]
    fn page_size_snaps_to_allowed() {
        let s = |n| ListQuery::default().with_page_size(n).page_size;
        assert_eq!(s(10), 10);
        assert_eq!(s(0), 10);
        assert_eq!(s(17), 10);
        assert_eq!(s(18), 25);
        assert_eq!(s(30), 25);
        assert_eq!(s(75), 50);
        assert_eq!(s(76), 100);
        assert_eq!(s(1000), 100);
        assert_eq!(s(u32::MAX), 100);
    }

    #[test]
    fn offset_math() {
        let q = ListQuery::default();
        assert_eq!(q.offset(), 0);
        assert_eq!(q.with_page(1).offset(), 25);
        assert_eq!(q.with_page_size(10).with_page(7).offset(), 70);
        assert_eq!(
            q.with_page_size(100).with_page(u32::MAX).offset(),
            u64::from(u32::MAX) * 100
        );
        // A size set directly is kept within what the server accepts.
        let raw = ListQuery {
            page_size: 0,
            page: 4,
            ..ListQuery::default()
        };
        assert_eq!((raw.count(), raw.offset()), (1, 4));
        let raw = ListQuery {
            page_size: 500,
            page: 2,
            ..ListQuery::default()
        };
        assert_eq!((raw.count(), raw.offset()), (100, 200));
    }

    #[test]
    fn url_params_omit_defaults() {
        assert!(ListQuery::default().to_url_params("as_").is_empty());
        let q = ListQuery::default()
            .with_filter("chr ome")
            .with_sort(SortChoice::ClientDesc)
            .with_page_size(10)
            .with_page(4);
        assert_eq!(
            q.to_url_params("as_"),
            vec![
                ("as_q".to_string(), "chr ome".to_string()),
                ("as_sort".to_string(), "-client".to_string()),
                ("as_size".to_string(), "10".to_string()),
                ("as_page".to_string(), "5".to_string()),
            ]
        );
        let q50 = ListQuery::default().with_page_size(50);
        assert!(q50.to_url_params_with_default("", 50).is_empty());
        assert_eq!(q50.to_url_params("").len(), 1);
    }

    #[test]
    fn url_round_trip() {
        let q = ListQuery::default()
            .with_filter("a&b=c ü+")
            .with_sort(SortChoice::OsAsc)
            .with_page_size(100)
            .with_page(2);
        let url = q.to_url_params("as_");
        let pairs: Vec<(&str, &str)> = url.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(ListQuery::from_url_params("as_", pairs, 25), q);
        // Through an actual query string, with other params of the host page around.
        let mut all: Vec<(&str, String)> = vec![("foo", "1".into()), ("page", "9".into())];
        all.extend(url.iter().map(|(k, v)| (k.as_str(), v.clone())));
        let qs = encode_query_string(&all);
        let parsed = parse_query_string(&format!("?{qs}"));
        let back = ListQuery::from_url_params(
            "as_",
            parsed.iter().map(|(k, v)| (k.as_str(), v.as_str())),
            25,
        );
        assert_eq!(back, q);
    }

    #[test]
    fn url_bad_values_give_defaults() {
        let parse = |pairs: &[(&'static str, &'static str)]| {
            ListQuery::from_url_params("as_", pairs.iter().copied(), 25)
        };
        let q = parse(&[
            ("as_sort", "sideways"),
            ("as_size", "33"),
            ("as_page", "-2"),
            ("as_q", "  "),
        ]);
        assert_eq!(q, ListQuery::default());
        assert_eq!(parse(&[("as_page", "0")]).page, 0);
        assert_eq!(parse(&[("as_page", "abc")]).page, 0);
        assert_eq!(parse(&[("as_page", "99999999999999")]).page, 0);
        assert_eq!(parse(&[("as_page", " 3 ")]).page, 2);
        assert_eq!(parse(&[("as_size", "1e2")]).page_size, 25);
        assert_eq!(parse(&[("as_size", "100")]).page_size, 100);
        // Without the prefix, or another prefix: ignored.
        assert_eq!(
            parse(&[("q", "x"), ("bs_q", "y"), ("size", "10")]),
            ListQuery::default()
        );
        // First occurrence wins.
        assert_eq!(parse(&[("as_q", "one"), ("as_q", "two")]).filter, "one");
        // A non-standard default page size is honoured and snapped.
        let q = ListQuery::from_url_params("", [("x", "y")], 40);
        assert_eq!(q.page_size, 50);
    }

    #[test]
    fn query_string_encoding() {
        let qs = encode_query_string(&[
            ("offset", "0".into()),
            ("filter", "a b&c=d/é*-._~".into()),
            ("sort", r#"{"loginAt":1}"#.into()),
        ]);
        assert_eq!(
            qs,
            "offset=0&filter=a+b%26c%3Dd%2F%C3%A9*-._%7E&sort=%7B%22loginAt%22%3A1%7D"
        );
        assert_eq!(encode_query_string(&[]), "");
        assert_eq!(encode_query_string(&[("k", String::new())]), "k=");
    }

    #[test]
    fn query_string_decoding_is_tolerant() {
        assert_eq!(
            parse_query_string("?a=1&&b=%zz&c=%C3%A9+x&d&e=%E2%82"),
            vec![
                ("a".to_string(), "1".to_string()),
                ("b".to_string(), "%zz".to_string()),
                ("c".to_string(), "é x".to_string()),
                ("d".to_string(), String::new()),
                ("e".to_string(), "\u{FFFD}".to_string()),
            ]
        );
        assert_eq!(
            parse_query_string("x=%"),
            vec![("x".to_string(), "%".to_string())]
        );
        assert_eq!(
            parse_query_string("x=%4"),
            vec![("x".to_string(), "%4".to_string())]
        );
    }
}
