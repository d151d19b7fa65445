//! ISO 8601 instants, parsed to epoch milliseconds and formatted back by hand
//! (no chrono in the wasm): `loginAt` and EJSON `$date` in the decoders,
//! `<time datetime>` and tooltips in the cards.

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`), exact for any year in i64 range that we accept.
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of [`days_from_civil`].
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

fn is_leap(y: i64) -> bool {
    (y % 4 == 0 && y % 100 != 0) || y % 400 == 0
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(y) => 29,
        2 => 28,
        _ => 0,
    }
}

/// A small cursor over ASCII bytes for [`parse_iso_ms`].
struct Cursor<'a> {
    b: &'a [u8],
    i: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<u8> {
        self.b.get(self.i).copied()
    }
    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.i += 1;
            true
        } else {
            false
        }
    }
    /// Exactly `n` ASCII digits.
    fn digits(&mut self, n: usize) -> Option<i64> {
        let mut v = 0i64;
        for _ in 0..n {
            let c = self.peek().filter(u8::is_ascii_digit)?;
            v = v * 10 + i64::from(c - b'0');
            self.i += 1;
        }
        Some(v)
    }
}

/// Parses an ISO 8601 / RFC 3339 instant to epoch milliseconds:
/// `2023-05-23T16:33:45.202Z`, without fraction, with any number of fraction
/// digits, with `+hh:mm`/`-hhmm`/`+hh` offsets, `t`/`z`/space accepted, or a
/// bare date (midnight UTC). Without a zone the time is taken as UTC (the
/// server always sends `Z`; a browser would use local time). Anything else,
/// including impossible dates (02-30, 24:01), → `None`. Hand-written to avoid
/// chrono in the wasm.
pub fn parse_iso_ms(s: &str) -> Option<f64> {
    let mut c = Cursor { b: s.trim().as_bytes(), i: 0 };
    let year = c.digits(4)?;
    if !c.eat(b'-') {
        return None;
    }
    let month = c.digits(2)?;
    if !c.eat(b'-') {
        return None;
    }
    let day = c.digits(2)?;
    if !(1..=12).contains(&month) || day < 1 || day > days_in_month(year, month) {
        return None;
    }
    // Whole milliseconds stay integers so that results are exact; only
    // digits beyond the millisecond become a float fraction.
    let mut ms_of_day = 0i64;
    let mut sub_ms = 0f64;
    let mut offset_min = 0i64;
    if c.peek().is_some() {
        if !(c.eat(b'T') || c.eat(b't') || c.eat(b' ')) {
            return None;
        }
        let hour = c.digits(2)?;
        if !c.eat(b':') {
            return None;
        }
        let minute = c.digits(2)?;
        let second = if c.eat(b':') { c.digits(2)? } else { 0 };
        let mut milli = 0i64;
        if c.eat(b'.') || c.eat(b',') {
            let mut n = 0u32;
            let mut scale = 0.1;
            while let Some(d) = c.peek().filter(u8::is_ascii_digit) {
                let digit = i64::from(d - b'0');
                if n < 3 {
                    milli = milli * 10 + digit;
                } else {
                    sub_ms += digit as f64 * scale;
                    scale /= 10.0;
                }
                n = n.saturating_add(1);
                c.i += 1;
            }
            if n == 0 {
                return None;
            }
            for _ in n..3 {
                milli *= 10;
            }
        }
        let end_of_day = hour == 24 && minute == 0 && second == 0 && milli == 0 && sub_ms == 0.0;
        if !(hour < 24 || end_of_day) || minute > 59 || second > 59 {
            return None;
        }
        ms_of_day = ((hour * 60 + minute) * 60 + second) * 1000 + milli;
        match c.peek() {
            None => {}
            Some(b'Z' | b'z') => c.i += 1,
            Some(sign @ (b'+' | b'-')) => {
                c.i += 1;
                let oh = c.digits(2)?;
                let om = if c.peek().is_none() {
                    0
                } else {
                    c.eat(b':');
                    c.digits(2)?
                };
                if oh > 23 || om > 59 {
                    return None;
                }
                offset_min = (oh * 60 + om) * if sign == b'+' { 1 } else { -1 };
            }
            Some(_) => return None,
        }
        if c.peek().is_some() {
            return None;
        }
    }
    // |days| < 3.7e6 for 4-digit years: no overflow anywhere below.
    let ms = days_from_civil(year, month, day) * 86_400_000 + ms_of_day - offset_min * 60_000;
    Some(ms as f64 + sub_ms)
}

/// Formats epoch ms as `YYYY-MM-DDTHH:MM:SS.mmmZ`, as `toISOString` does (for
/// EJSON `$date` numbers and `<time datetime>`). `None` outside years 0000–9999 or for non-finite input.
pub fn format_iso_ms(ms: f64) -> Option<String> {
    // Years 0000..=9999 span roughly ±2.6e14 ms around 1970.
    if !ms.is_finite() || !(-62_167_219_200_000.0..253_402_300_800_000.0).contains(&ms) {
        return None;
    }
    let total = ms.floor() as i64; // in range, checked above
    let days = total.div_euclid(86_400_000);
    let rem = total.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    let (h, rem) = (rem / 3_600_000, rem % 3_600_000);
    let (mi, rem) = (rem / 60_000, rem % 60_000);
    let (s, milli) = (rem / 1000, rem % 1000);
    Some(format!("{y:04}-{m:02}-{d:02}T{h:02}:{mi:02}:{s:02}.{milli:03}Z"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_parsing() {
        assert_eq!(parse_iso_ms("2023-05-23T16:33:45.202Z"), Some(1_684_859_625_202.0));
        assert_eq!(parse_iso_ms("2023-05-23T16:33:45Z"), Some(1_684_859_625_000.0));
        assert_eq!(parse_iso_ms("2023-05-23T18:33:45.202+02:00"), Some(1_684_859_625_202.0));
        assert_eq!(parse_iso_ms("2023-05-23T11:03:45.202-0530"), Some(1_684_859_625_202.0));
        assert_eq!(parse_iso_ms("2023-05-23T17:33:45.202+01"), Some(1_684_859_625_202.0));
        assert_eq!(parse_iso_ms("2023-05-23t16:33:45.202z"), Some(1_684_859_625_202.0));
        assert_eq!(parse_iso_ms("2023-05-23 16:33:45.202"), Some(1_684_859_625_202.0));
        assert_eq!(parse_iso_ms("2023-05-23T16:33Z"), Some(1_684_859_580_000.0));
        assert_eq!(parse_iso_ms("2023-05-23T16:33:45.2Z"), Some(1_684_859_625_200.0));
        assert_eq!(parse_iso_ms("2023-05-23T16:33:45.02Z"), Some(1_684_859_625_020.0));
        assert_eq!(parse_iso_ms("1970-01-01T00:00:00Z"), Some(0.0));
        assert_eq!(parse_iso_ms("1970-01-01"), Some(0.0));
        assert_eq!(parse_iso_ms("1969-12-31T23:59:59.999Z"), Some(-1.0));
        assert_eq!(parse_iso_ms("2000-02-29T00:00:00Z"), Some(951_782_400_000.0));
        assert_eq!(parse_iso_ms("2023-05-23T16:33:45.2024999Z").map(f64::floor), Some(1_684_859_625_202.0));
        assert_eq!(parse_iso_ms("2023-05-23T24:00:00Z"), parse_iso_ms("2023-05-24"));
        for bad in [
            "",
            "2023",
            "2023-05",
            "2023-13-01",
            "2023-00-10",
            "2023-02-29",
            "1900-02-29",
            "2023-04-31",
            "2023-05-23T",
            "2023-05-23T25:00Z",
            "2023-05-23T24:01Z",
            "2023-05-23T16:60Z",
            "2023-05-23T16:33:61Z",
            "2023-05-23T16:33:45.Z",
            "2023-05-23T16:33:45ZZ",
            "2023-05-23T16:33:45+2",
            "2023-05-23T16:33:45+24:00",
            "23-05-23",
            "２０２３-05-23",
            "2023-05-23T16:33:45.202Zjunk",
            "Tue May 23 2023",
            "1684859625202",
        ] {
            assert_eq!(parse_iso_ms(bad), None, "{bad}");
        }
    }

    #[test]
    fn iso_formatting_round_trips() {
        assert_eq!(format_iso_ms(1_684_859_625_202.0).as_deref(), Some("2023-05-23T16:33:45.202Z"));
        assert_eq!(format_iso_ms(-1.0).as_deref(), Some("1969-12-31T23:59:59.999Z"));
        assert_eq!(format_iso_ms(f64::NAN), None);
        assert_eq!(format_iso_ms(1e300), None);
        let mut ms = -62_000_000_000_000.0;
        while ms < 253_000_000_000_000.0 {
            let s = format_iso_ms(ms).expect("in range");
            assert_eq!(parse_iso_ms(&s), Some(ms), "{s}");
            ms += 987_654_321_987.0;
        }
    }
}
