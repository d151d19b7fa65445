//! Injectable clock: the system time by default, a fixed (but movable) instant in tests.

use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

/// Milliseconds since the Unix epoch.
pub type Millis = i64;

pub const DAY_MS: Millis = 86_400_000;

#[derive(Clone, Debug, Default)]
pub enum Clock {
    /// Wall-clock time.
    #[default]
    System,
    /// A fixed instant that only moves when [`Clock::advance`] or [`Clock::set`] is called.
    Fixed(Arc<AtomicI64>),
}

impl Clock {
    pub fn system() -> Self {
        Clock::System
    }

    pub fn fixed(ms: Millis) -> Self {
        Clock::Fixed(Arc::new(AtomicI64::new(ms)))
    }

    pub fn now_ms(&self) -> Millis {
        match self {
            Clock::System => SystemTime::now().duration_since(UNIX_EPOCH).map(|d| d.as_millis() as Millis).unwrap_or(0),
            Clock::Fixed(v) => v.load(Ordering::SeqCst),
        }
    }

    /// Moves a fixed clock forward (no effect on the system clock).
    pub fn advance(&self, ms: Millis) {
        if let Clock::Fixed(v) = self {
            v.fetch_add(ms, Ordering::SeqCst);
        }
    }

    /// Sets a fixed clock (no effect on the system clock).
    pub fn set(&self, ms: Millis) {
        if let Clock::Fixed(v) = self {
            v.store(ms, Ordering::SeqCst);
        }
    }
}

/// ISO 8601 with milliseconds and `Z`, like JavaScript's `Date.prototype.toISOString`.
pub fn iso(ms: Millis) -> String {
    let days = ms.div_euclid(DAY_MS);
    let rem = ms.rem_euclid(DAY_MS);
    let (y, m, d) = civil_from_days(days);
    let h = rem / 3_600_000;
    let mi = (rem / 60_000) % 60;
    let s = (rem / 1000) % 60;
    let milli = rem % 1000;
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}Z")
}

/// (year, month, day) of a day count since 1970-01-01 (Howard Hinnant's algorithm).
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_formats_like_javascript() {
        assert_eq!(iso(0), "1970-01-01T00:00:00.000Z");
        assert_eq!(iso(1_684_859_625_202), "2023-05-23T16:33:45.202Z");
        assert_eq!(iso(1_709_210_096_007), "2024-02-29T12:34:56.007Z");
    }

    #[test]
    fn fixed_clock_moves_only_when_told() {
        let c = Clock::fixed(1000);
        assert_eq!(c.now_ms(), 1000);
        c.advance(500);
        assert_eq!(c.now_ms(), 1500);
        c.set(7);
        assert_eq!(c.now_ms(), 7);
    }
}
