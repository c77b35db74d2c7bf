//! A tiny calendar date type for dated actor roles.
//!
//! Dictionaries write dates as ISO `YYYY-MM-DD`; `YYYY-MM` and `YYYY` are accepted
//! for facts known only to the month or year and mean the first day of that period.
//! Dates order chronologically, which is all role lookup needs.

use std::fmt;

/// A calendar date (proleptic Gregorian), ordered chronologically.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2024.
    pub year: i32,
    /// Month, 1..=12.
    pub month: u8,
    /// Day of month, 1..=31 (checked against the month).
    pub day: u8,
}

impl Date {
    /// Builds a date, or `None` when the month or day is out of range.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY`; the message explains a failure.
    pub fn parse(text: &str) -> Result<Date, String> {
        let parts: Vec<&str> = text.split('-').collect();
        if parts.is_empty() || parts.len() > 3 {
            return Err(format!("bad date '{text}': expected yyyy-mm-dd"));
        }
        let num = |s: &str, width: usize| -> Result<u32, String> {
            if s.len() != width || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(format!("bad date '{text}': expected yyyy-mm-dd"));
            }
            s.parse::<u32>().map_err(|_| format!("bad date '{text}'"))
        };
        let year = num(parts[0], 4)? as i32;
        let month = if parts.len() > 1 {
            num(parts[1], 2)?
        } else {
            1
        };
        let day = if parts.len() > 2 {
            num(parts[2], 2)?
        } else {
            1
        };
        if month > 12 || day > 31 {
            return Err(format!("bad date '{text}': month or day out of range"));
        }
        Date::new(year, month as u8, day as u8)
            .ok_or_else(|| format!("bad date '{text}': no such day"))
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl std::str::FromStr for Date {
    type Err = String;
    fn from_str(s: &str) -> Result<Date, String> {
        Date::parse(s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_orders() {
        let a = Date::parse("2024-12-08").unwrap();
        let b = Date::parse("2025-01").unwrap();
        assert!(a < b);
        assert_eq!(b, Date::new(2025, 1, 1).unwrap());
        assert_eq!(Date::parse("2024").unwrap().to_string(), "2024-01-01");
        assert!(Date::parse("2023-02-29").is_err());
        assert!(Date::parse("2024-02-29").is_ok());
        assert!(Date::parse("2024-13-01").is_err());
        assert!(Date::parse("24-01-01").is_err());
        assert!(Date::parse("").is_err());
        assert!(Date::parse("2024-1-01").is_err());
    }
}
