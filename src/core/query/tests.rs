use super::*;
use crate::core::i18n::{English, Speaker};

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
            page: 0,
            paging: Paging::new(&[10, 25, 50, 100], 25),
        }
    );
    assert_eq!(q.params(), vec![("offset", "0".to_string()), ("count", "25".to_string())]);
}

#[test]
fn all_four_keys_in_order() {
    let q = ListQuery::default().with_filter("  chrome ").with_sort(SortChoice::OsDesc).with_page_size(50).with_page(2);
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
                    let q =
                        ListQuery::default().with_filter(filter).with_sort(sort).with_page_size(size).with_page(page);
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
        assert_eq!(keys(&ListQuery::default().with_filter(f)), ["offset", "count"], "{f:?}");
    }
    // Even when the field was set directly with spaces.
    let q = ListQuery { filter: "  ".into(), ..ListQuery::default() };
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
    assert_eq!(SortChoice::ClientAsc.sort_json(), Some(r#"{"device.name":1}"#));
    assert_eq!(SortChoice::ClientDesc.sort_json(), Some(r#"{"device.name":-1}"#));
    assert_eq!(SortChoice::OsAsc.sort_json(), Some(r#"{"device.os.name":1}"#));
    assert_eq!(SortChoice::OsDesc.sort_json(), Some(r#"{"device.os.name":-1}"#));
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
        assert!(!English.say(c.label()).is_empty());
    }
    assert_eq!(SortChoice::from_token(" -os "), Some(SortChoice::OsDesc));
    assert_eq!(SortChoice::from_token("OS"), None);
    assert_eq!(SortChoice::from_token(""), None);
    assert_eq!(English.say(SortChoice::ClientAsc.label()), "Client A–Z");
    assert_eq!(English.say(SortChoice::Newest.label()), "Newest login first");
    assert!(!SortChoice::Newest.is_page_local());
    for c in [SortChoice::Oldest, SortChoice::ClientAsc, SortChoice::ClientDesc, SortChoice::OsAsc, SortChoice::OsDesc]
    {
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
    assert_eq!(q.with_page_size(100).with_page(u32::MAX).offset(), u64::from(u32::MAX) * 100);
    // A size set directly is kept within what the server accepts.
    let raw = ListQuery { page_size: 0, page: 4, ..ListQuery::default() };
    assert_eq!((raw.count(), raw.offset()), (1, 4));
    let raw = ListQuery { page_size: 500, page: 2, ..ListQuery::default() };
    assert_eq!((raw.count(), raw.offset()), (100, 200));
}

#[test]
fn url_params_omit_defaults() {
    assert!(ListQuery::default().to_url_params("as_").is_empty());
    let q =
        ListQuery::default().with_filter("chr ome").with_sort(SortChoice::ClientDesc).with_page_size(10).with_page(4);
    assert_eq!(
        q.to_url_params("as_"),
        vec![
            ("as_q".to_string(), "chr ome".to_string()),
            ("as_sort".to_string(), "-client".to_string()),
            ("as_size".to_string(), "10".to_string()),
            ("as_page".to_string(), "5".to_string()),
        ]
    );
    // The size is left out when it is the query's own default.
    let q50 = ListQuery::new(Paging::new(&PAGE_SIZES, 50)).with_page_size(50);
    assert!(q50.to_url_params("").is_empty());
    assert_eq!(ListQuery::default().with_page_size(50).to_url_params("").len(), 1);
}

#[test]
fn url_round_trip() {
    let q = ListQuery::default().with_filter("a&b=c ü+").with_sort(SortChoice::OsAsc).with_page_size(100).with_page(2);
    let url = q.to_url_params("as_");
    let pairs: Vec<(&str, &str)> = url.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(ListQuery::from_url_params("as_", pairs.clone(), &Paging::default()), q);
    // With other params of the host page around (the browser's `URLSearchParams`
    // does the encoding).
    let mut all: Vec<(&str, &str)> = vec![("foo", "1"), ("page", "9")];
    all.extend(pairs);
    let back = ListQuery::from_url_params("as_", all, &Paging::default());
    assert_eq!(back, q);
}

#[test]
fn url_bad_values_give_defaults() {
    let parse = |pairs: &[(&'static str, &'static str)]| {
        ListQuery::from_url_params("as_", pairs.iter().copied(), &Paging::default())
    };
    let q = parse(&[("as_sort", "sideways"), ("as_size", "33"), ("as_page", "-2"), ("as_q", "  ")]);
    assert_eq!(q, ListQuery::default());
    assert_eq!(parse(&[("as_page", "0")]).page, 0);
    assert_eq!(parse(&[("as_page", "abc")]).page, 0);
    assert_eq!(parse(&[("as_page", "99999999999999")]).page, 0);
    assert_eq!(parse(&[("as_page", " 3 ")]).page, 2);
    assert_eq!(parse(&[("as_size", "1e2")]).page_size, 25);
    assert_eq!(parse(&[("as_size", "100")]).page_size, 100);
    // Without the prefix, or another prefix: ignored.
    assert_eq!(parse(&[("q", "x"), ("bs_q", "y"), ("size", "10")]), ListQuery::default());
    // First occurrence wins.
    assert_eq!(parse(&[("as_q", "one"), ("as_q", "two")]).filter, "one");
    // A non-standard default page size is honoured and snapped.
    let q = ListQuery::from_url_params("", [("x", "y")], &Paging::new(&PAGE_SIZES, 40));
    assert_eq!(q.page_size, 50);
}

#[test]
fn paging_keeps_the_sizes_a_panel_may_offer() {
    let p = Paging::new(&[20, 0, 5, 101, 10, 5], 7);
    assert_eq!(p.sizes().collect::<Vec<_>>(), [5, 10, 20]);
    assert_eq!(p.default_size(), 5);
    assert!(p.offers(20) && !p.offers(25) && !p.offers(0));
    assert_eq!((p.nearest(0), p.nearest(8), p.nearest(15), p.nearest(u32::MAX)), (5, 10, 10, 20));
    // Nothing usable: the built-in sizes.
    assert_eq!(Paging::new(&[], 25), Paging::default());
    assert_eq!(Paging::new(&[0, 500], 25), Paging::default());
    assert_eq!(Paging::default().sizes().collect::<Vec<_>>(), PAGE_SIZES);
    assert_eq!(format!("{:?}", Paging::default()), "Paging { sizes: [10, 25, 50, 100], default_size: 25 }");
    assert_eq!(Paging::default().default_size(), DEFAULT_PAGE_SIZE);
    // The server's cap is a size a panel may offer; a default past it snaps down.
    assert_eq!(Paging::new(&[MAX_PAGE_SIZE], 1000).default_size(), MAX_PAGE_SIZE);
}

/// Bug: a panel with `page_sizes=[5, 10, 20]` could not choose 5 or 20, because
/// `with_page_size` snapped to the built-in 10/25/50/100 (5 → 10, 20 → 25), and
/// a URL with `as_size=5` read back as the default.
#[test]
fn instance_page_sizes_can_be_chosen() {
    let paging = Paging::new(&[5, 10, 20], 10);
    let q = ListQuery::new(paging);
    assert_eq!(q.page_size, 10);
    assert_eq!(q.with_page_size(5).page_size, 5, "choosing 5");
    assert_eq!(q.with_page_size(20).page_size, 20, "choosing 20");
    assert_eq!(q.with_page_size(25).page_size, 20);
    assert_eq!(q.with_page_size(5).count(), 5);
    assert_eq!(q.with_page_size(20).with_page(2).offset(), 40);
    // Chosen sizes survive the URL; sizes this panel does not offer do not.
    let five = q.with_page_size(5);
    let url = five.to_url_params("as_");
    assert_eq!(url, vec![("as_size".to_string(), "5".to_string())]);
    let pairs = url.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    assert_eq!(ListQuery::from_url_params("as_", pairs, &paging), five);
    assert_eq!(ListQuery::from_url_params("as_", [("as_size", "25")], &paging).page_size, 10);
    // A query built field by field (all rows, 100 a page) still sends its own size.
    let all = ListQuery { page_size: MAX_PAGE_SIZE, page: 1, ..ListQuery::new(paging) };
    assert_eq!((all.count(), all.offset()), (100, 100));
}

/// Bug: with `default_page_size=10` and URL sync on, choosing 25 wrote no
/// `as_size` (the URL assumed 25 was the default), so a reload came back at 10;
/// and staying at 10 wrote a needless `as_size=10`.
#[test]
fn url_size_is_relative_to_the_instance_default() {
    let paging = Paging::new(&PAGE_SIZES, 10);
    let q = ListQuery::new(paging);
    assert!(q.to_url_params("as_").is_empty(), "the default size is left out");
    let q25 = q.with_page_size(25);
    let url = q25.to_url_params("as_");
    assert_eq!(url, vec![("as_size".to_string(), "25".to_string())], "URL written");
    let pairs = url.iter().map(|(k, v)| (k.as_str(), v.as_str()));
    let back = ListQuery::from_url_params("as_", pairs, &paging);
    assert_eq!(back.page_size, 25, "after reload");
    assert_eq!(back, q25);
    // No size in the URL: this panel's default, with any prefix.
    assert_eq!(ListQuery::from_url_params("x_", [("x_page", "2")], &paging).page_size, 10);
    let other = ListQuery::from_url_params("x_", [("x_size", "25")], &paging);
    assert_eq!(other.to_url_params("x_"), vec![("x_size".to_string(), "25".to_string())]);
}
