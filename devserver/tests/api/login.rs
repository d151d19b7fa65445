//! Which logins become a row: password logins never, resume logins always (rules of
//! `sauMonitorHooks`), `current` from the caller's token, logoutOtherClients/logout.me on rows.

use devserver::model::hash_token;
use devserver::seed::{ADMIN_ID, DEMO_ID, DEMO_PAT, TWOFA_ID};
use devserver::Config;
use serde_json::{json, Value};

use crate::common::*;

fn unauthorized_login() -> Value {
    json!({"status": "error", "error": "Unauthorized", "message": "Unauthorized"})
}

fn row<'a>(items: &'a [Value], sid: &str) -> Option<&'a Value> {
    items.iter().find(|i| i["sessionId"] == sid)
}

#[tokio::test]
async fn password_login_is_never_listed() {
    let t = T::new();
    let r = t
        .req(
            "POST",
            "/api/v1/login",
            &[("User-Agent", CHROME_WIN), ("Host", "localhost:3000"), ("X-Real-IP", "203.0.113.5")],
            Some(r#"{"user":"demo","password":"demo"}"#),
        )
        .await;
    assert_eq!(r.status, 200);
    let a = Auth { user_id: DEMO_ID.into(), token: r.json()["data"]["authToken"].as_str().unwrap().into() };
    assert_eq!(t.get("/api/v1/me", &a).await.status, 200, "the new token works");
    let v = t.get("/api/v1/sessions/list?count=100", &a).await.json();
    assert_eq!(v["total"], 64, "no row for a password login");
    assert!(sessions(&v).iter().all(|i| i["current"] == false), "nothing is current for its token");
    // the document is written, with an empty login token and no device
    {
        let inner = t.state.lock();
        let doc = inner.store.sessions.last().unwrap();
        assert_eq!((doc.user_id.as_str(), doc.login_token.as_str()), (DEMO_ID, ""));
        assert!(doc.device.is_none());
        assert_eq!((doc.ip.as_str(), doc.host.as_str(), doc.login_at), ("203.0.113.5", "localhost:3000", NOW));
        assert!(!doc.listed());
    }
    // 2FA logins too
    let r = t.req("POST", "/api/v1/login", &[], Some(r#"{"user":"twofa","password":"twofa","code":"123456"}"#)).await;
    let tf = Auth { user_id: TWOFA_ID.into(), token: r.json()["data"]["authToken"].as_str().unwrap().into() };
    assert_eq!(t.get("/api/v1/sessions/list", &tf).await.json()["total"], 0);
}

#[tokio::test]
async fn resume_login_answers_like_a_password_login_and_writes_a_row() {
    for flavor in [6, 7, 8] {
        let t = T::with(Config { flavor, ..Config::default() });
        let a = t.password_login("demo").await;
        let pw = t.req("POST", "/api/v1/login", &[], Some(r#"{"user":"demo","password":"demo"}"#)).await.json();
        let r = t
            .resume(
                &a.token,
                &[
                    ("User-Agent", CHROME_WIN),
                    ("Host", "chat.example.com"),
                    ("X-Real-IP", "198.51.100.9"),
                    ("X-Forwarded-For", "203.0.113.50"),
                ],
            )
            .await;
        assert_eq!(r.status, 200, "flavor {flavor}");
        let v = r.json();
        let mut want = pw.clone();
        want["data"]["authToken"] = json!(a.token);
        assert_eq!(v, want, "flavor {flavor}: same shape as a password login, same token");
        assert_eq!(v.get("success").is_some(), flavor >= 7);

        let items = t.all(&a).await;
        assert_eq!(items.len(), 65);
        let own: Vec<&Value> = items.iter().filter(|i| i["current"] == true).collect();
        assert_eq!(own.len(), 1);
        let sid = own[0]["sessionId"].as_str().unwrap();
        assert_eq!(
            own[0],
            &json!({"sessionId": sid, "userId": DEMO_ID,
                    "device": {"type": "browser", "name": "Chrome", "longVersion": "124.0.6367.60",
                               "os": {"name": "Windows", "version": "10"}, "version": "124.0.6367"},
                    "host": "chat.example.com", "ip": "198.51.100.9", "loginAt": NOW_ISO, "_id": sid, "current": true}),
            "X-Real-IP wins over X-Forwarded-For"
        );
        let info = t.get(&format!("/api/v1/sessions/info?sessionId={sid}"), &a).await.json();
        assert_eq!(info["loginToken"], hash_token(&a.token));
    }
}

#[tokio::test]
async fn resume_ip_falls_back_to_forwarded_for_then_peer() {
    let t = T::new();
    let a = t.password_login("demo").await;
    t.resume(&a.token, &[("X-Forwarded-For", "203.0.113.50, 10.0.0.1")]).await;
    let own = t.all(&a).await.into_iter().find(|i| i["current"] == true).unwrap();
    assert_eq!(
        (own["ip"].clone(), own["host"].clone(), own["device"].clone()),
        (json!("203.0.113.50"), json!(""), Value::Null)
    );
    let b = t.password_login("demo").await;
    t.resume(&b.token, &[]).await;
    let own = t.all(&b).await.into_iter().find(|i| i["current"] == true).unwrap();
    assert_eq!(own["ip"], "127.0.0.1", "no ConnectInfo in oneshot tests: 127.0.0.1");
}

#[tokio::test]
async fn repeated_resume_logins_give_one_row_with_the_newest_values() {
    let t = T::new();
    let a = t.login().await;
    let first = t.all(&a).await.into_iter().find(|i| i["current"] == true).unwrap();
    // same instant: the document written last wins
    t.resume(&a.token, &[("User-Agent", "curl/8.5.0"), ("X-Real-IP", "10.1.1.1")]).await;
    let items = t.all(&a).await;
    assert_eq!(items.len(), 65, "still one row for the token");
    let own = items.iter().find(|i| i["current"] == true).unwrap();
    assert_ne!(own["sessionId"], first["sessionId"], "fresh sessionId");
    assert!(row(&items, first["sessionId"].as_str().unwrap()).is_none());
    assert_eq!((own["ip"].clone(), own["device"]["type"].clone()), (json!("10.1.1.1"), json!("other")));
    // later: newest loginAt wins
    t.state.clock().advance(60_000);
    let r = t.resume(&a.token, &[("User-Agent", "RC Mobile; iOS 12.2; v3.4.0 (250)"), ("X-Real-IP", "10.2.2.2")]).await;
    assert_eq!(r.status, 200);
    let items = t.all(&a).await;
    assert_eq!(items.len(), 65);
    let own: Vec<&Value> = items.iter().filter(|i| i["current"] == true).collect();
    assert_eq!(own.len(), 1);
    assert_eq!(own[0]["ip"], "10.2.2.2");
    assert_eq!(own[0]["device"]["type"], "mobile-app");
    assert_eq!(own[0]["loginAt"], "2026-01-01T00:01:00.000Z");
    assert_eq!(ids(&items)[0], own[0]["sessionId"].as_str().unwrap(), "newest first");
}

#[tokio::test]
async fn resume_with_an_unknown_or_revoked_token_is_refused() {
    let t = T::new();
    for body in [r#"{"resume":"nope"}"#, r#"{"resume":""}"#, r#"{"resume":42}"#, r#"{"resume":null}"#] {
        let r = t.req("POST", "/api/v1/login", &[("Content-Type", "application/json")], Some(body)).await;
        assert_eq!((r.status, r.json()), (401, unauthorized_login()), "{body}");
    }
    let a = t.login().await;
    t.post("/api/v1/logout", &a, "").await;
    let r = t.resume(&a.token, &[]).await;
    assert_eq!((r.status, r.json()), (401, unauthorized_login()), "revoked");
    assert_eq!(t.all(&Auth::pat()).await.len(), 64, "no row written");
    // a password in the body makes it a password login
    let r = t.req("POST", "/api/v1/login", &[], Some(&format!(r#"{{"resume":"{}","password":"x"}}"#, DEMO_PAT))).await;
    assert_eq!((r.status, r.json()), (401, unauthorized_login()));
}

#[tokio::test]
async fn seeded_web_token_resume_and_personal_access_token_resume() {
    let t = T::new();
    let (web, web_session_id) = t.web();
    // reusing the web client's stored token: its row is current, even without a resume login
    let items = t.all(&web).await;
    let cur: Vec<&Value> = items.iter().filter(|i| i["current"] == true).collect();
    assert_eq!(cur.len(), 1);
    assert_eq!(cur[0]["sessionId"], web_session_id.as_str());
    // a resume login with it replaces the row's values (same token, one row)
    t.resume(&web.token, &[("User-Agent", CHROME_WIN)]).await;
    let items = t.all(&web).await;
    assert_eq!(items.len(), 64);
    assert!(row(&items, &web_session_id).is_none());
    assert_eq!(items[0]["current"], true);

    // a personal access token is in services.resume.loginTokens too: accepted, and it gets a row
    let r = t.resume(DEMO_PAT, &[("User-Agent", "curl/8.5.0")]).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["data"]["authToken"], DEMO_PAT);
    let items = t.all(&Auth::pat()).await;
    assert_eq!(items.len(), 65);
    let cur: Vec<&Value> = items.iter().filter(|i| i["current"] == true).collect();
    assert_eq!(cur.len(), 1);
    assert_eq!(cur[0]["device"]["type"], "other");
}

#[tokio::test]
async fn current_is_the_row_of_the_callers_token_hash() {
    let t = T::new();
    let a = t.login().await;
    let b = t.login().await;
    for caller in [&a, &b] {
        let items = t.all(caller).await;
        for it in &items {
            let sid = it["sessionId"].as_str().unwrap();
            let info = t.get(&format!("/api/v1/sessions/info?sessionId={sid}"), caller).await.json();
            assert_eq!(it["current"] == true, info["loginToken"] == hash_token(&caller.token).as_str(), "{sid}");
        }
        assert_eq!(items.iter().filter(|i| i["current"] == true).count(), 1);
    }
}

#[tokio::test]
async fn logout_other_clients_leaves_rows_and_logout_me_still_removes_them() {
    let t = T::new();
    let a = t.login().await;
    let b = t.login_as("demo", Some("curl/8.5.0")).await;
    let b_sid =
        t.all(&b).await.into_iter().find(|i| i["current"] == true).unwrap()["sessionId"].as_str().unwrap().to_string();
    assert_eq!(t.post("/api/v1/users.logoutOtherClients", &a, "").await.status, 200);
    assert_eq!(t.get("/api/v1/me", &b).await.status, 401);
    let items = t.all(&a).await;
    assert_eq!(items.len(), 66);
    let info = t.get(&format!("/api/v1/sessions/info?sessionId={b_sid}"), &a).await.json();
    assert!(info.get("logoutAt").is_none(), "not marked logged out: {info}");
    // logout.me on a row whose token is already gone: still success, and the row goes
    let r = t.post("/api/v1/sessions/logout.me", &a, &format!(r#"{{"sessionId":"{b_sid}"}}"#)).await;
    assert_eq!((r.status, r.json()), (200, json!({"sessionId": b_sid, "success": true})));
    let items = t.all(&a).await;
    assert_eq!(items.len(), 65);
    assert!(row(&items, &b_sid).is_none());
    let info = t.get(&format!("/api/v1/sessions/info?sessionId={b_sid}"), &a).await.json();
    assert_eq!((info["logoutAt"].clone(), info["logoutBy"].clone()), (json!(NOW_ISO), json!(DEMO_ID)));
    // a seeded row (its token also removed) and an older tab of the shared token
    let seed = t.state.seed_info();
    let r =
        t.post("/api/v1/sessions/logout.me", &a, &format!(r#"{{"sessionId":"{}"}}"#, seed.tab_session_ids[1])).await;
    assert_eq!(r.status, 200);
    assert!(row(&t.all(&a).await, &seed.tab_session_ids[0]).is_none(), "all tabs of the token");
    let r = t.post("/api/v1/sessions/logout.me", &a, r#"{"sessionId":"unknown"}"#).await;
    assert_eq!((r.status, r.json()), (404, json!({"success": false, "error": "Session not found"})));
    assert_eq!(t.get("/api/v1/me", &a).await.status, 200, "the caller is untouched");
}

#[tokio::test]
async fn admin_user_is_seeded_without_sessions() {
    let t = T::new();
    let r = t.req("POST", "/api/v1/login", &[], Some(r#"{"user":"admin","password":"admin"}"#)).await;
    assert_eq!(r.status, 200);
    let v = r.json();
    assert_eq!(v["data"]["userId"], ADMIN_ID);
    assert_eq!(v["data"]["me"]["roles"], json!(["admin", "user"]));
    let a = Auth { user_id: ADMIN_ID.into(), token: v["data"]["authToken"].as_str().unwrap().into() };
    let v = t.get("/api/v1/sessions/list", &a).await.json();
    assert_eq!((v["total"].clone(), sessions(&v).len()), (json!(0), 0));
    assert_eq!(t.state.seed_info().admin_id, ADMIN_ID);
}
