//! Meteor's `RateLimiter` as Rocket.Chat's REST API uses it: a fixed window per (client IP, route)
//! that starts at the first call; `X-RateLimit-*` headers on every response of a limited route.

use std::collections::HashMap;

use crate::clock::Millis;

#[derive(Clone, Debug, Default)]
pub struct RateLimiter {
    windows: HashMap<(String, String), (Millis, u32)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub allowed: bool,
    pub limit: u32,
    pub remaining: u32,
    /// Epoch milliseconds at which the window ends.
    pub reset_at: Millis,
    /// Milliseconds until then.
    pub time_to_reset: Millis,
}

impl RateLimiter {
    pub fn hit(&mut self, ip: &str, route: &str, limit: u32, interval_ms: Millis, now: Millis) -> Outcome {
        let w = self.windows.entry((ip.to_string(), route.to_string())).or_insert((now, 0));
        if now - w.0 >= interval_ms {
            *w = (now, 0);
        }
        w.1 = w.1.saturating_add(1);
        let reset_at = w.0 + interval_ms;
        Outcome {
            allowed: w.1 <= limit,
            limit,
            remaining: limit.saturating_sub(w.1),
            reset_at,
            time_to_reset: reset_at - now,
        }
    }

    pub fn clear(&mut self) {
        self.windows.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_counts_and_resets() {
        let mut r = RateLimiter::default();
        let a = r.hit("1.2.3.4", "GET /x", 2, 1000, 0);
        assert_eq!((a.allowed, a.remaining, a.reset_at), (true, 1, 1000));
        assert!(r.hit("1.2.3.4", "GET /x", 2, 1000, 10).allowed);
        let c = r.hit("1.2.3.4", "GET /x", 2, 1000, 20);
        assert_eq!((c.allowed, c.remaining, c.time_to_reset), (false, 0, 980));
        // other IP and other route have their own windows
        assert!(r.hit("5.6.7.8", "GET /x", 2, 1000, 20).allowed);
        assert!(r.hit("1.2.3.4", "GET /y", 2, 1000, 20).allowed);
        // window over
        let d = r.hit("1.2.3.4", "GET /x", 2, 1000, 1000);
        assert_eq!((d.allowed, d.remaining, d.reset_at), (true, 1, 2000));
    }
}
