//! GET /api/v1/sessions/list

use std::collections::HashSet;

use devserver::seed::{ALICE_ID, DEMO_ID, LOGGED_OUT_ONLY_NAME};
use devserver::Config;
use serde_json::{json, Value};

use crate::common::*;

fn invalid_params(msg: &str) -> Value {
    json!({"success": false, "error": format!("{msg} [invalid-params]"), "errorType": "invalid-params"})
}

fn invalid_sort(raw: &str) -> Value {
    json!({
        "success": false,
        "error": format!("Invalid sort parameter provided: \"{raw}\" [error-invalid-sort]"),
        "errorType": "error-invalid-sort",
        "details": {"helperMethod": "parseJsonQuery"}
    })
}

#[tokio::test]
async fn default_page_shape_and_own_row() {
    let t = T::new();
    let auth = t.password_login("demo").await;
    let r = t
        .resume(
            &auth.token,
            &[("User-Agent", CHROME_WIN), ("Host", "localhost:3000"), ("X-Forwarded-For", "203.0.113.50, 10.0.0.1")],
        )
        .await;
    assert_eq!(r.status, 200);
    let r = t.get("/api/v1/sessions/list", &auth).await;
    assert_eq!(r.status, 200);
    assert!(r.header("content-type").unwrap().starts_with("application/json"));
    let v = r.json();
    assert_eq!(v["total"], 65);
    assert_eq!(v["count"], 50);
    assert_eq!(v["offset"], 0);
    assert_eq!(v["success"], true);
    assert_eq!(v.as_object().unwrap().len(), 5);
    let items = sessions(&v);
    assert_eq!(items.len(), 50);
    let first = &items[0];
    let sid = first["sessionId"].as_str().unwrap();
    assert_eq!(
        first,
        &json!({
            "sessionId": sid,
            "userId": DEMO_ID,
            "device": {"type": "browser", "name": "Chrome", "longVersion": "124.0.6367.60",
                       "os": {"name": "Windows", "version": "10"}, "version": "124.0.6367"},
            "host": "localhost:3000",
            "ip": "203.0.113.50",
            "loginAt": NOW_ISO,
            "_id": sid,
            "current": true
        })
    );
    let iso = regex::Regex::new(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$").unwrap();
    let allowed: HashSet<&str> = ["sessionId", "userId", "device", "host", "ip", "loginAt", "_id", "current"].into();
    for (i, it) in items.iter().enumerate() {
        assert_eq!(it["_id"], it["sessionId"]);
        assert_eq!(it["userId"], DEMO_ID);
        assert!(iso.is_match(it["loginAt"].as_str().unwrap()));
        assert!(it.as_object().unwrap().keys().all(|k| allowed.contains(k.as_str())), "{it}");
        if i > 0 {
            assert!(items[i - 1]["loginAt"].as_str() >= it["loginAt"].as_str(), "newest first");
            assert_eq!(it["current"], false);
        }
    }
}

#[tokio::test]
async fn seed_spread_is_as_documented() {
    let t = T::new();
    let items = t.all(&Auth::pat()).await;
    assert_eq!(items.len(), 64);
    let dev = |i: &Value, k: &str| i["device"][k].as_str().unwrap_or("").to_string();
    let types: HashSet<String> = items.iter().map(|i| dev(i, "type")).collect();
    for ty in ["browser", "mobile-app", "desktop-app", "other", "mobile", "tablet", ""] {
        assert!(types.contains(ty), "type {ty:?} missing");
    }
    let names: HashSet<String> = items.iter().map(|i| dev(i, "name")).collect();
    for n in [
        "Chrome",
        "Firefox",
        "Safari",
        "Edge",
        "Opera",
        "RC Mobile",
        "Rocket.Chat",
        "curl",
        "<img src=x onerror=alert(1)>",
    ] {
        assert!(names.contains(n), "name {n:?} missing");
    }
    let oses: HashSet<String> =
        items.iter().map(|i| i["device"]["os"]["name"].as_str().unwrap_or("").to_string()).collect();
    for os in ["Windows", "Mac OS", "Linux", "Android", "iOS"] {
        assert!(oses.contains(os), "os {os:?} missing");
    }
    assert_eq!(
        items.iter().filter(|i| i.get("device") == Some(&Value::Null)).count(),
        1,
        "exactly one with device null"
    );
    assert!(items.iter().all(|i| i.get("device").is_some()), "the key is always there");
    assert!(items.iter().any(|i| i["device"].is_object() && i["device"]["os"].get("version").is_none()));
    let ips: Vec<&str> = items.iter().map(|i| i["ip"].as_str().unwrap()).collect();
    assert!(ips.iter().any(|ip| ip.contains(':')) && ips.iter().any(|ip| ip.contains('.')));
    let hosts: HashSet<&str> = items.iter().map(|i| i["host"].as_str().unwrap()).collect();
    assert!(hosts.len() >= 3);
    let oldest = items.last().unwrap()["loginAt"].as_str().unwrap().to_string();
    assert!(oldest.as_str() > "2025-10-03" && oldest.as_str() < "2025-11-15", "spread over ~90 days: {oldest}");
    // deterministic for a seed, different for another seed
    assert_eq!(ids(&T::new().all(&Auth::pat()).await), ids(&items));
    let other = T::with(Config { seed: 99, ..Config::default() });
    assert_ne!(ids(&other.all(&Auth::pat()).await), ids(&items));
    let more = T::with(Config { sessions: 70, ..Config::default() });
    assert_eq!(more.get("/api/v1/sessions/list", &Auth::pat()).await.json()["total"], 70);
}

#[tokio::test]
async fn count_default_clamp_zero_and_echo() {
    let t = T::new();
    let a = Auth::pat();
    let v = t.get("/api/v1/sessions/list?count=500", &a).await.json();
    assert_eq!((v["count"].clone(), sessions(&v).len(), v["total"].clone()), (json!(100), 64, json!(64)));
    // count=0 stays 0 (API_Allow_Infinite_Count) and MongoDB refuses $limit: 0
    let r = t.get("/api/v1/sessions/list?count=0", &a).await;
    assert_eq!((r.status, r.json()), (400, json!({"success": false, "error": "the limit must be positive"})));
    let r = t.get("/api/v1/sessions/list?count=0.5", &a).await;
    assert_eq!((r.status, r.json()), (400, json!({"success": false, "error": "the limit must be positive"})));
    let v = t.get("/api/v1/sessions/list", &a).await.json();
    assert_eq!((v["count"].clone(), sessions(&v).len()), (json!(50), 50), "absent → 50");
    let v = t.get("/api/v1/sessions/list?count=10", &a).await.json();
    assert_eq!((v["count"].clone(), sessions(&v).len()), (json!(10), 10));
    let v = t.get("/api/v1/sessions/list?count=7.9", &a).await.json();
    assert_eq!((v["count"].clone(), sessions(&v).len()), (json!(7), 7));
    // count is the page size, not the number of items
    let v = t.get("/api/v1/sessions/list?offset=60&count=10", &a).await.json();
    assert_eq!((v["count"].clone(), sessions(&v).len(), v["offset"].clone()), (json!(10), 4, json!(60)));
}

#[tokio::test]
async fn numeric_coercion_errors() {
    let t = T::new();
    let a = Auth::pat();
    for q in ["count=abc", "count=", "offset=abc", "offset=1x", "count=1&count=2"] {
        let r = t.get(&format!("/api/v1/sessions/list?{q}"), &a).await;
        assert_eq!(r.status, 400, "{q}");
        assert_eq!(r.json(), invalid_params("must be number"), "{q}");
    }
    let r = t.get("/api/v1/sessions/list?count=-5", &a).await;
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json(),
        json!({"success": false, "error": "invalid argument to $limit stage: Expected a non-negative number in: $limit: -5"})
    );
}

#[tokio::test]
async fn offset_paging_and_negative_offset() {
    let t = T::new();
    let a = Auth::pat();
    let all = ids(&t.all(&a).await);
    let v = t.get("/api/v1/sessions/list?offset=5&count=10", &a).await.json();
    assert_eq!(v["offset"], 5);
    assert_eq!(ids(&sessions(&v)), all[5..15].to_vec());
    let v = t.get("/api/v1/sessions/list?offset=-3&count=10", &a).await.json();
    assert_eq!(v["offset"], -3, "echoed as sent");
    assert_eq!(ids(&sessions(&v)), all[0..10].to_vec(), "treated as 0");
    let v = t.get("/api/v1/sessions/list?offset=100", &a).await.json();
    assert_eq!((sessions(&v).len(), v["total"].clone()), (0, json!(64)));
}

#[tokio::test]
async fn only_four_params_are_accepted() {
    let t = T::new();
    let a = Auth::pat();
    for q in ["foo=1", "_=1700000000000", "offset=0&count=25&search=x", "sessionId=abc"] {
        let r = t.get(&format!("/api/v1/sessions/list?{q}"), &a).await;
        assert_eq!(r.status, 400, "{q}");
        assert_eq!(r.json(), invalid_params("must NOT have additional properties"), "{q}");
    }
    let r = t.get("/api/v1/sessions/list?offset=0&count=25&filter=&sort=%7B%22loginAt%22%3A-1%7D", &a).await;
    assert_eq!(r.status, 200, "{}", r.text);
}

#[tokio::test]
async fn filter_is_a_case_insensitive_literal_on_search_term() {
    let t = T::new();
    let a = Auth::pat();
    let all = t.all(&a).await;
    let expect = |needle: &str| -> Vec<String> {
        let n = needle.to_lowercase();
        ids(&all.iter().filter(|i| search_term(i).to_lowercase().contains(&n)).cloned().collect::<Vec<_>>())
    };
    for f in ["chrome", "CHROME", "ChRoMe", "mac os", "rc mobile", "mobile-app", "."] {
        let q = form_urlencoded::byte_serialize(f.as_bytes()).collect::<String>();
        let v = t.get(&format!("/api/v1/sessions/list?count=100&filter={q}"), &a).await.json();
        let want = expect(f);
        assert!(!want.is_empty(), "{f} should match something");
        assert_eq!(ids(&sessions(&v)), want, "filter {f:?}");
        assert_eq!(v["total"], want.len(), "filter {f:?}");
    }
    // '.' is literal: only names containing a dot (Rocket.Chat), not everything
    assert_eq!(expect(".").len(), 3);
    // regex metacharacters are literal and never an error
    let r = t.get("/api/v1/sessions/list?filter=(", &a).await;
    assert_eq!((r.status, r.json()["total"].clone()), (200, json!(1)), "only the <img … alert(1)> name");
    let seed = t.state.seed_info();
    assert_eq!(ids(&sessions(&r.json())), vec![seed.xss_session_id.clone().unwrap()]);
    let r = t.get("/api/v1/sessions/list?filter=.*", &a).await;
    assert_eq!(r.json()["total"], 0);
}

#[tokio::test]
async fn filter_ignores_ip_host_version_and_matches_ids() {
    let t = T::new();
    let a = Auth::pat();
    let all = t.all(&a).await;
    let ip = all.iter().map(|i| i["ip"].as_str().unwrap()).find(|ip| ip.contains('.')).unwrap().to_string();
    for f in [ip.as_str(), "chat.example.com", "10.15.7", "124.0.0.0", "2025", LOGGED_OUT_ONLY_NAME, ALICE_ID] {
        let q = form_urlencoded::byte_serialize(f.as_bytes()).collect::<String>();
        let v = t.get(&format!("/api/v1/sessions/list?filter={q}"), &a).await.json();
        assert_eq!(v["total"], 0, "{f:?} must match nothing");
    }
    // a piece of one's own userId matches every session
    let v = t.get("/api/v1/sessions/list?filter=seedhq7&count=100", &a).await.json();
    assert_eq!(v["total"], 64);
    // a sessionId matches its row
    let sid = all[17]["sessionId"].as_str().unwrap();
    let v = t.get(&format!("/api/v1/sessions/list?filter={sid}"), &a).await.json();
    assert_eq!((v["total"].clone(), ids(&sessions(&v))), (json!(1), vec![sid.to_string()]));
}

#[tokio::test]
async fn flavor5_filter_is_a_raw_regex() {
    let t = T::with(Config { flavor: 5, ..Config::default() });
    let a = Auth::pat();
    let all = t.all(&a).await;
    let v = t.get("/api/v1/sessions/list?count=100&filter=.", &a).await.json();
    assert_eq!(v["total"], 64, "'.' matches everything as a regex");
    let re = regex::RegexBuilder::new("^(chrome|firefox)browser").case_insensitive(true).build().unwrap();
    let want: Vec<_> = all.iter().filter(|i| re.is_match(&search_term(i))).cloned().collect();
    assert!(!want.is_empty());
    let v = t.get("/api/v1/sessions/list?count=100&filter=%5E(CHROME%7Cfirefox)browser", &a).await.json();
    assert_eq!(ids(&sessions(&v)), ids(&want));
    let r = t.get("/api/v1/sessions/list?filter=(", &a).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json(), json!({"success": false, "error": "Regular expression is invalid: unclosed group"}));
}

#[tokio::test]
async fn sort_is_applied_within_the_login_time_page_only() {
    let t = T::new();
    let a = Auth::pat();
    let all = t.all(&a).await;
    let page2 = ids(&all[10..20]);
    let v = t.get("/api/v1/sessions/list?offset=10&count=10&sort=%7B%22device.name%22%3A1%7D", &a).await.json();
    let got = sessions(&v);
    assert_eq!(v["total"], 64);
    let got_ids: HashSet<String> = ids(&got).into_iter().collect();
    assert_eq!(got_ids, page2.iter().cloned().collect::<HashSet<_>>(), "still the 2nd block by loginAt");
    let names: Vec<Option<&str>> = got.iter().map(|i| i["device"]["name"].as_str()).collect();
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "ordered by device.name within the page");
    assert_ne!(ids(&got), page2, "the page was reordered");
    // a global sort by name would have given a different block
    let mut global = all.clone();
    global.sort_by(|x, y| x["device"]["name"].as_str().cmp(&y["device"]["name"].as_str()));
    assert_ne!(ids(&global[10..20]).into_iter().collect::<HashSet<_>>(), got_ids);
    // descending, several keys, stable ties
    let v = t
        .get("/api/v1/sessions/list?count=100&sort=%7B%22device.os.name%22%3A-1%2C%22loginAt%22%3A1%7D", &a)
        .await
        .json();
    let got = sessions(&v);
    for w in got.windows(2) {
        let (x, y) = (w[0]["device"]["os"]["name"].as_str(), w[1]["device"]["os"]["name"].as_str());
        assert!(x >= y);
        if x == y {
            assert!(w[0]["loginAt"].as_str() <= w[1]["loginAt"].as_str());
        }
    }
    // loginAt ascending: newest 5, oldest first
    let v = t.get("/api/v1/sessions/list?count=5&sort=%7B%22loginAt%22%3A1%7D", &a).await.json();
    let mut first5 = ids(&all[0..5]);
    first5.reverse();
    assert_eq!(ids(&sessions(&v)), first5);
    // device.os.version is allowed (current servers)
    assert_eq!(t.get("/api/v1/sessions/list?sort=%7B%22device.os.version%22%3A1%7D", &a).await.status, 200);
}

#[tokio::test]
async fn sort_validation_errors() {
    let t = T::new();
    let a = Auth::pat();
    for raw in ["{bad", "{\"loginAt\":2}", "{\"loginAt\":\"1\"}", "null", "{\"loginAt\":0}"] {
        let q = form_urlencoded::byte_serialize(raw.as_bytes()).collect::<String>();
        let r = t.get(&format!("/api/v1/sessions/list?sort={q}"), &a).await;
        assert_eq!(r.status, 400, "{raw}");
        assert_eq!(r.json(), invalid_sort(raw), "{raw}");
    }
    for raw in ["{\"ip\":1}", "{\"loginAt\":-1,\"host\":1}", "{\"device.type\":1}"] {
        let q = form_urlencoded::byte_serialize(raw.as_bytes()).collect::<String>();
        let r = t.get(&format!("/api/v1/sessions/list?sort={q}"), &a).await;
        assert_eq!(r.status, 400, "{raw}");
        assert_eq!(r.json(), json!({"success": false, "error": "error-invalid-sort-keys"}), "{raw}");
    }
    let t5 = T::with(Config { flavor: 5, ..Config::default() });
    let r = t5.get("/api/v1/sessions/list?sort=%7B%22device.os.version%22%3A1%7D", &a).await;
    assert_eq!((r.status, r.json()), (400, json!({"success": false, "error": "error-invalid-sort-keys"})));
    let r = t5.get("/api/v1/sessions/list?sort=%7B%22device.os.name%22%3A1%7D", &a).await;
    assert_eq!(r.status, 200);
}

#[tokio::test]
async fn one_row_per_login_token_with_the_newest_document() {
    let t = T::new();
    let a = Auth::pat();
    let seed = t.state.seed_info();
    assert_eq!(seed.tab_session_ids.len(), 3);
    let all = t.all(&a).await;
    let listed = ids(&all);
    assert!(listed.contains(&seed.tab_session_ids[0]));
    assert!(!listed.contains(&seed.tab_session_ids[1]));
    assert!(!listed.contains(&seed.tab_session_ids[2]));
    let newest = t.get(&format!("/api/v1/sessions/info?sessionId={}", seed.tab_session_ids[0]), &a).await.json();
    let older = t.get(&format!("/api/v1/sessions/info?sessionId={}", seed.tab_session_ids[2]), &a).await.json();
    assert_eq!(newest["loginToken"], older["loginToken"]);
    assert!(newest["loginAt"].as_str() > older["loginAt"].as_str());
    let row = all.iter().find(|i| i["sessionId"] == seed.tab_session_ids[0]).unwrap();
    assert_eq!(row["ip"], newest["ip"]);
    assert_eq!(row["loginAt"], newest["loginAt"]);
    assert_ne!(row["ip"], older["ip"]);
    // $match runs before $group: filtering by an older tab's sessionId gives that document's row
    let v = t.get(&format!("/api/v1/sessions/list?filter={}", seed.tab_session_ids[2]), &a).await.json();
    assert_eq!(v["total"], 1);
    assert_eq!(ids(&sessions(&v)), vec![seed.tab_session_ids[2].clone()]);
    assert!(seed.demo_docs > 64 + 2);
}

#[tokio::test]
async fn logged_out_sessions_are_hidden() {
    let t = T::new();
    let a = Auth::pat();
    let seed = t.state.seed_info();
    assert!(seed.logged_out_session_ids.len() >= 3);
    let listed = ids(&t.all(&a).await);
    for id in &seed.logged_out_session_ids {
        assert!(!listed.contains(id));
        let info = t.get(&format!("/api/v1/sessions/info?sessionId={id}"), &a).await;
        assert_eq!(info.status, 200, "info still finds the document");
        assert!(info.json()["logoutAt"].is_string());
    }
}

#[tokio::test]
async fn device_is_null_without_user_agent() {
    let t = T::new();
    let seed = t.state.seed_info();
    let all = t.all(&Auth::pat()).await;
    let no_device = seed.no_device_session_id.clone().unwrap();
    let row = all.iter().find(|i| i["sessionId"] == no_device.as_str()).unwrap();
    assert_eq!(row.get("device"), Some(&Value::Null), "{row}");
    let info = t.get(&format!("/api/v1/sessions/info?sessionId={no_device}"), &Auth::pat()).await.json();
    assert_eq!(info.get("device"), Some(&Value::Null), "{info}");
    let me = t.login_as("demo", None).await;
    let items = t.all(&me).await;
    let own = items.iter().find(|i| i["current"] == true).unwrap();
    let sid = own["sessionId"].as_str().unwrap();
    assert_eq!(
        own,
        &json!({"sessionId": sid, "userId": DEMO_ID, "device": null, "host": "localhost:3000", "ip": "127.0.0.1",
                "loginAt": NOW_ISO, "_id": sid, "current": true})
    );
    let info = t.get(&format!("/api/v1/sessions/info?sessionId={sid}"), &me).await.json();
    assert_eq!(info.get("device"), Some(&Value::Null), "{info}");
}

#[tokio::test]
async fn current_flag_and_no_current() {
    let t = T::new();
    let a = t.login().await;
    let b = t.login().await;
    let items_a = t.all(&a).await;
    let items_b = t.all(&b).await;
    assert_eq!(items_a.iter().filter(|i| i["current"] == true).count(), 1);
    let cur_a = items_a.iter().find(|i| i["current"] == true).unwrap()["sessionId"].clone();
    let cur_b = items_b.iter().find(|i| i["current"] == true).unwrap()["sessionId"].clone();
    assert_ne!(cur_a, cur_b);
    assert!(items_a.iter().all(|i| i["current"].is_boolean()));
    // a personal access token has no session row: nothing is current
    assert!(t.all(&Auth::pat()).await.iter().all(|i| i["current"] == false));

    let t = T::with(Config { no_current: true, ..Config::default() });
    let a = t.login().await;
    assert!(t.all(&a).await.iter().all(|i| i.get("current").is_none()));
}

#[tokio::test]
async fn alice_never_leaks_to_demo() {
    let t = T::new();
    let seed = t.state.seed_info();
    let demo = Auth::pat();
    let all = t.all(&demo).await;
    assert!(all.iter().all(|i| i["userId"] == DEMO_ID));
    let listed = ids(&all);
    for id in &seed.alice_session_ids {
        assert!(!listed.contains(id));
        let r = t.get(&format!("/api/v1/sessions/info?sessionId={id}"), &demo).await;
        assert_eq!((r.status, r.json()), (404, json!({"success": false, "error": "Session not found"})));
        let r = t.post("/api/v1/sessions/logout.me", &demo, &format!(r#"{{"sessionId":"{id}"}}"#)).await;
        assert_eq!((r.status, r.json()), (404, json!({"success": false, "error": "Session not found"})));
    }
    let alice = t.login_as("alice", Some(CHROME_WIN)).await;
    assert_eq!(alice.user_id, ALICE_ID);
    let items = t.all(&alice).await;
    assert_eq!(items.len(), 11);
    assert!(items.iter().all(|i| i["userId"] == ALICE_ID));
    assert!(ids(&items).contains(&seed.alice_session_ids[0]), "demo's logout.me did not touch alice");
    let v = t.get(&format!("/api/v1/sessions/list?filter={ALICE_ID}"), &demo).await.json();
    assert_eq!(v["total"], 0);
}
