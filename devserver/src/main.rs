use std::net::SocketAddr;

use clap::Parser;
use devserver::{app, AppState, Clock, Config};

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        _ = ctrl_c => {},
        _ = term => {},
    }
}

#[tokio::main]
async fn main() {
    let config = Config::parse();
    let state = AppState::new(config.clone(), Clock::system());
    let listener = match tokio::net::TcpListener::bind(config.addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("devserver: cannot listen on {}: {e}", config.addr);
            std::process::exit(1);
        }
    };
    let addr = listener.local_addr().unwrap_or(config.addr);
    let mut extras = vec![format!("{} sessions", config.sessions), format!("seed {}", config.seed)];
    if config.no_license {
        extras.push("no license".into());
    }
    if config.no_current {
        extras.push("no current".into());
    }
    if let Some(r) = config.rate_limit {
        extras.push(format!("rate limit {r}"));
    }
    if let Some(d) = &config.static_dir {
        extras.push(format!("static {}", d.display()));
    }
    if config.test_controls {
        extras.push("test controls ON".into());
    }
    if !config.cors.is_empty() {
        extras.push(format!("CORS {}", config.cors.join(" ")));
    }
    println!("devserver listening on http://{addr} (flavor {}, {})", config.flavor, extras.join(", "));
    println!(
        "demo user: demo / demo, userId {} (personal access token: {}); 2FA user: twofa / twofa, code {}; \
         admin (never rate limited): admin / admin",
        state.demo_id(),
        devserver::seed::DEMO_PAT,
        devserver::seed::TWOFA_CODE
    );
    let service = app(state).into_make_service_with_connect_info::<SocketAddr>();
    if let Err(e) = axum::serve(listener, service).with_graceful_shutdown(shutdown_signal()).await {
        eprintln!("devserver: {e}");
        std::process::exit(1);
    }
}
