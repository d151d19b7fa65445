//! login, me, logout, logoutOtherClients, PAT, 2FA, 401 bodies by flavor, info, logout.me

use devserver::model::hash_token;
use devserver::seed::{DEMO_ID, TWOFA_ID};
use devserver::Config;
use serde_json::{json, Value};

use crate::common::*;

fn demo_me() -> Value {
    json!({
        "_id": DEMO_ID, "username": "demo", "name": "Demo User",
        "emails": [{"address": "demo@example.com", "verified": true}],
        "status": "online", "statusConnection": "online", "statusDefault": "online",
        "active": true, "type": "user", "roles": ["user"], "utcOffset": 0,
        "createdAt": "2024-11-27T00:00:00.000Z", "settings": {"preferences": {}}, "avatarUrl": "/avatar/demo"
    })
}

fn login_failed() -> Value {
    json!({"status": "error", "error": "Unauthorized", "message": "Unauthorized"})
}

async fn login_body(t: &T, body: &str) -> Resp {
    t.req("POST", "/api/v1/login", &[("Content-Type", "application/json")], Some(body)).await
}

#[tokio::test]
async fn login_success_body_for_each_key_variant() {
    // 5.x/6.x bodies (no `success`); 7 and 8 below.
    let t = T::with(Config { flavor: 6, ..Config::default() });
    for body in [
        r#"{"user":"demo","password":"demo"}"#,
        r#"{"username":"demo","password":"demo"}"#,
        r#"{"email":"demo@example.com","password":"demo"}"#,
        r#"{"user":"demo@example.com","password":"demo"}"#,
    ] {
        let r = login_body(&t, body).await;
        assert_eq!(r.status, 200, "{body}");
        let v = r.json();
        let token = v["data"]["authToken"].as_str().unwrap().to_string();
        assert_eq!(token.len(), 43);
        assert_eq!(
            v,
            json!({"status": "success", "data": {"userId": DEMO_ID, "authToken": token, "me": demo_me()}}),
            "{body}"
        );
        let auth = Auth { user_id: DEMO_ID.into(), token };
        assert_eq!(t.get("/api/v1/me", &auth).await.status, 200);
    }
    for flavor in [7, 8] {
        let t = T::with(Config { flavor, ..Config::default() });
        let v = login_body(&t, r#"{"user":"demo","password":"demo"}"#).await.json();
        assert_eq!(v["success"], true, "flavor {flavor}");
        assert_eq!(v["status"], "success");
    }
}

#[tokio::test]
async fn login_failures() {
    let t = T::new();
    for body in [
        r#"{"user":"demo","password":"nope"}"#,
        r#"{"user":"nobody","password":"demo"}"#,
        r#"{"user":"demo"}"#,
        r#"{"password":"demo"}"#,
        r#"{"user":"alice","password":"demo"}"#,
        "not json",
    ] {
        let r = login_body(&t, body).await;
        assert_eq!((r.status, r.json()), (401, login_failed()), "{body}");
    }
}

#[tokio::test]
async fn two_factor_login() {
    let t = T::new();
    let r = login_body(&t, r#"{"user":"twofa","password":"twofa"}"#).await;
    assert_eq!(r.status, 401);
    assert_eq!(
        r.json(),
        json!({"status": "error", "error": "totp-required", "message": "TOTP Required [totp-required]", "details": {"method": "totp"}})
    );
    let r = login_body(&t, r#"{"user":"twofa","password":"twofa","code":"000000"}"#).await;
    assert_eq!(r.status, 401);
    assert_eq!(
        r.json(),
        json!({"status": "error", "error": "totp-invalid", "message": "TOTP Invalid [totp-invalid]", "details": {"method": "totp"}})
    );
    let r = login_body(&t, r#"{"user":"twofa","password":"wrong","code":"123456"}"#).await;
    assert_eq!((r.status, r.json()), (401, login_failed()), "password is checked first");
    let r = login_body(&t, r#"{"user":"twofa","password":"twofa","code":"123456"}"#).await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json()["data"]["userId"], TWOFA_ID);
}

#[tokio::test]
async fn me_body_and_401_bodies_by_flavor() {
    let t = T::new();
    let a = t.login().await;
    let mut want = demo_me();
    want["success"] = json!(true);
    assert_eq!(t.get("/api/v1/me", &a).await.json(), want);

    let msg = "You must be logged in to do this.";
    let cases = [
        (5, json!({"status": "error", "message": msg})),
        (6, json!({"status": "error", "message": msg})),
        (7, json!({"success": false, "error": msg, "status": "error", "message": msg})),
        // 8.x still sends the 7.x body; the bare one only comes with 9.0
        (8, json!({"success": false, "error": msg, "status": "error", "message": msg})),
    ];
    for (flavor, body) in cases {
        let t = T::with(Config { flavor, ..Config::default() });
        let wrong = Auth { user_id: DEMO_ID.into(), token: "wrong".into() };
        let other_user = Auth { user_id: devserver::seed::ALICE_ID.into(), token: devserver::seed::DEMO_PAT.into() };
        for uri in ["/api/v1/me", "/api/v1/sessions/list", "/api/v1/sessions/info?sessionId=x"] {
            let r = t.req("GET", uri, &[], None).await;
            assert_eq!((r.status, r.json()), (401, body.clone()), "flavor {flavor} {uri} no headers");
            let r = t.req("GET", uri, &[("X-User-Id", DEMO_ID)], None).await;
            assert_eq!((r.status, r.json()), (401, body.clone()), "flavor {flavor} {uri} no token");
            let r = t.get(uri, &wrong).await;
            assert_eq!((r.status, r.json()), (401, body.clone()), "flavor {flavor} {uri} wrong token");
            let r = t.get(uri, &other_user).await;
            assert_eq!((r.status, r.json()), (401, body.clone()), "flavor {flavor} {uri} token of another user");
        }
        for uri in ["/api/v1/logout", "/api/v1/users.logoutOtherClients", "/api/v1/sessions/logout.me"] {
            let r = t.post(uri, &wrong, "{}").await;
            assert_eq!((r.status, r.json()), (401, body.clone()), "flavor {flavor} {uri}");
        }
    }
}

#[tokio::test]
async fn logout_kills_the_token_and_hides_its_row() {
    let t = T::new();
    let a = t.login().await;
    let own = t.all(&a).await.iter().find(|i| i["current"] == true).unwrap()["sessionId"].clone();
    let r = t.post("/api/v1/logout", &a, "").await;
    assert_eq!(
        (r.status, r.json()),
        (200, json!({"status": "success", "data": {"message": "You've been logged out!"}}))
    );
    assert_eq!(t.get("/api/v1/me", &a).await.status, 401);
    let listed = ids(&t.all(&Auth::pat()).await);
    assert_eq!(listed.len(), 64);
    assert!(!listed.contains(&own.as_str().unwrap().to_string()));
}

#[tokio::test]
async fn logout_other_clients_removes_tokens_but_keeps_rows() {
    let t = T::new();
    let (web, _) = t.web();
    let a = t.login().await;
    let b = t.login().await;
    let before = ids(&t.all(&a).await);
    assert_eq!(before.len(), 66);
    let r = t.post("/api/v1/users.logoutOtherClients", &a, "").await;
    assert_eq!(r.status, 200);
    assert_eq!(r.json(), json!({"token": a.token, "tokenExpires": "2026-04-01T00:00:00.000Z", "success": true}));
    // Rocket.Chat does not mark the other sessions logged out: every row stays listed
    let items = t.all(&a).await;
    assert_eq!(ids(&items), before);
    assert_eq!(items.iter().filter(|i| i["current"] == true).count(), 1);
    assert_eq!(t.get("/api/v1/me", &b).await.status, 401);
    assert_eq!(t.get("/api/v1/me", &web).await.status, 401, "seeded login tokens are gone too");
    let r = t.resume(&b.token, &[]).await;
    assert_eq!((r.status, r.json()), (401, login_failed()), "a removed token cannot resume either");
    assert_eq!(t.get("/api/v1/me", &a).await.status, 200);
    assert_eq!(t.get("/api/v1/me", &Auth::pat()).await.status, 200, "personal access token kept");
    // alice is untouched
    let alice = t.login_as("alice", None).await;
    assert_eq!(t.all(&alice).await.len(), 11);
}

#[tokio::test]
async fn personal_access_token_works_without_a_row() {
    let t = T::new();
    let pat = Auth::pat();
    let (web, _) = t.web();
    assert_eq!(t.get("/api/v1/me", &pat).await.json()["username"], "demo");
    let v = t.get("/api/v1/sessions/list", &pat).await.json();
    assert_eq!(v["total"], 64);
    assert!(sessions(&v).iter().all(|i| i["current"] == false));
    let r = t.post("/api/v1/users.logoutOtherClients", &pat, "").await;
    assert_eq!(r.json(), json!({"token": devserver::seed::DEMO_PAT, "tokenExpires": "", "success": true}));
    // every login token is gone, but the rows stay listed
    assert_eq!(t.get("/api/v1/sessions/list", &pat).await.json()["total"], 64);
    assert_eq!(t.get("/api/v1/me", &web).await.status, 401);
    assert_eq!(t.get("/api/v1/me", &pat).await.status, 200);
}

#[tokio::test]
async fn info_returns_the_raw_document() {
    let t = T::new();
    let a = t.login().await;
    let sid = t.all(&a).await[0]["sessionId"].as_str().unwrap().to_string();
    let r = t.get(&format!("/api/v1/sessions/info?sessionId={sid}"), &a).await;
    assert_eq!(r.status, 200);
    let v = r.json();
    let id = v["_id"].as_str().unwrap();
    let instance = v["instanceId"].as_str().unwrap();
    assert_ne!(id, sid, "the raw document has its own _id");
    assert_eq!(
        v,
        json!({
            "_id": id, "type": "session", "sessionId": sid, "instanceId": instance, "userId": DEMO_ID,
            "loginToken": hash_token(&a.token), "ip": "127.0.0.1", "host": "localhost:3000",
            "device": {"type": "browser", "name": "Chrome", "longVersion": "124.0.6367.60",
                       "os": {"name": "Windows", "version": "10"}, "version": "124.0.6367"},
            "year": 2026, "month": 1, "day": 1, "roles": ["user"], "mostImportantRole": "user",
            "loginAt": NOW_ISO, "lastActivityAt": NOW_ISO,
            "searchTerm": format!("ChromebrowserWindows{sid}{DEMO_ID}"),
            "createdAt": NOW_ISO, "_updatedAt": NOW_ISO, "success": true
        })
    );
    assert_ne!(v["loginToken"], json!(a.token), "never the plain token");
    // a closed session still lists and has closedAt in info
    let all = t.all(&a).await;
    let mut closed = 0;
    for it in &all {
        let info =
            t.get(&format!("/api/v1/sessions/info?sessionId={}", it["sessionId"].as_str().unwrap()), &a).await.json();
        if info.get("closedAt").is_some() {
            closed += 1;
        }
    }
    assert!(closed > 0, "some listed sessions are closed");
}

#[tokio::test]
async fn info_errors() {
    let t = T::new();
    let a = Auth::pat();
    let r = t.get("/api/v1/sessions/info", &a).await;
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json(),
        json!({"success": false, "error": "must have required property 'sessionId' [invalid-params]", "errorType": "invalid-params"})
    );
    let r = t.get("/api/v1/sessions/info?sessionId=nope", &a).await;
    assert_eq!((r.status, r.json()), (404, json!({"success": false, "error": "Session not found"})));
    let r = t.get("/api/v1/sessions/info?sessionId=x&foo=1", &a).await;
    assert_eq!(r.status, 400);
    assert_eq!(r.json()["error"], "must NOT have additional properties [invalid-params]");
}

#[tokio::test]
async fn logout_me_revokes_a_session_and_all_its_tabs() {
    let t = T::new();
    let a = t.login().await;
    let seed = t.state.seed_info();
    let victim = ids(&t.all(&a).await).into_iter().skip(1).find(|id| *id != seed.tab_session_ids[0]).unwrap();
    let r = t.post("/api/v1/sessions/logout.me", &a, &format!(r#"{{"sessionId":"{victim}"}}"#)).await;
    assert_eq!((r.status, r.json()), (200, json!({"sessionId": victim, "success": true})));
    let listed = ids(&t.all(&a).await);
    assert_eq!(listed.len(), 64);
    assert!(!listed.contains(&victim));
    // an older tab's id revokes the shared token: the row goes
    assert!(listed.contains(&seed.tab_session_ids[0]));
    let r =
        t.post("/api/v1/sessions/logout.me", &a, &format!(r#"{{"sessionId":"{}"}}"#, seed.tab_session_ids[2])).await;
    assert_eq!(r.status, 200);
    let listed = ids(&t.all(&a).await);
    assert_eq!(listed.len(), 63);
    assert!(!listed.contains(&seed.tab_session_ids[0]));
}

#[tokio::test]
async fn logout_me_errors_and_own_session() {
    let t = T::new();
    let a = t.login().await;
    let r = t.post("/api/v1/sessions/logout.me", &a, r#"{"sessionId":"unknown"}"#).await;
    assert_eq!((r.status, r.json()), (404, json!({"success": false, "error": "Session not found"})));
    let r = t.post("/api/v1/sessions/logout.me", &a, "{}").await;
    assert_eq!(r.status, 400);
    assert_eq!(
        r.json(),
        json!({"success": false, "error": "must have required property 'sessionId' [invalid-params]", "errorType": "invalid-params"})
    );
    let r = t.post("/api/v1/sessions/logout.me", &a, r#"{"sessionId":"x","extra":1}"#).await;
    assert_eq!(r.json()["error"], "must NOT have additional properties [invalid-params]");
    // logging out one's own session kills the caller's token
    let own = t.all(&a).await.iter().find(|i| i["current"] == true).unwrap()["sessionId"].as_str().unwrap().to_string();
    let r = t.post("/api/v1/sessions/logout.me", &a, &format!(r#"{{"sessionId":"{own}"}}"#)).await;
    assert_eq!((r.status, r.json()), (200, json!({"sessionId": own, "success": true})));
    assert_eq!(t.get("/api/v1/sessions/list", &a).await.status, 401);
    assert_eq!(t.get("/api/v1/me", &a).await.status, 401);
}

#[tokio::test]
async fn license_errors_by_flavor() {
    let cases = [
        (5, 403, json!({"success": false, "error": "unauthorized"})),
        (6, 403, json!({"success": false, "error": "unauthorized"})),
        (7, 403, json!({"success": false, "error": "unauthorized"})),
        (
            8,
            400,
            json!({"success": false, "error": "This is an enterprise feature [error-action-not-allowed]", "errorType": "error-action-not-allowed"}),
        ),
    ];
    for (flavor, status, body) in cases {
        let t = T::with(Config { flavor, no_license: true, ..Config::default() });
        let a = Auth::pat();
        for r in [
            t.get("/api/v1/sessions/list", &a).await,
            t.get("/api/v1/sessions/info?sessionId=x", &a).await,
            t.post("/api/v1/sessions/logout.me", &a, r#"{"sessionId":"x"}"#).await,
        ] {
            assert_eq!((r.status, r.json()), (status, body.clone()), "flavor {flavor}");
        }
        assert_eq!(t.get("/api/v1/me", &a).await.status, 200, "not a sessions route");
    }
}
