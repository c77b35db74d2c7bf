//! Proleptic Gregorian calendar arithmetic, written out by hand: leap years, month
//! lengths, day numbers, weekdays and adding days to a date.
//!
//! Dates are plain `(year, month, day)` triples with months and days counted from 1.
//! Day numbers count days since 1970-01-01 (day 0), using Howard Hinnant's
//! `days_from_civil` / `civil_from_days` algorithms over 400-year eras.

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Weekday {
    /// Monday.
    Monday,
    /// Tuesday.
    Tuesday,
    /// Wednesday.
    Wednesday,
    /// Thursday.
    Thursday,
    /// Friday.
    Friday,
    /// Saturday.
    Saturday,
    /// Sunday.
    Sunday,
}

impl Weekday {
    /// All weekdays, Monday first.
    pub const ALL: [Weekday; 7] = [
        Weekday::Monday,
        Weekday::Tuesday,
        Weekday::Wednesday,
        Weekday::Thursday,
        Weekday::Friday,
        Weekday::Saturday,
        Weekday::Sunday,
    ];

    /// Days since Monday: Monday is 0, Sunday is 6.
    pub fn index(self) -> u8 {
        self as u8
    }
}

/// True for Gregorian leap years: divisible by 4, except centuries not divisible by 400.
pub fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in `month` (1–12) of `year`; 0 for a month outside 1–12.
pub fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap_year(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// True when `(year, month, day)` names a real calendar day.
pub fn is_valid_date(year: i32, month: u8, day: u8) -> bool {
    (1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month)
}

/// Days since 1970-01-01 of a valid date (negative before 1970).
pub fn days_from_civil(year: i32, month: u8, day: u8) -> i64 {
    let y = i64::from(year) - i64::from(month <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400; // 0..=399
    let m = i64::from(month);
    let mp = (m + 9) % 12; // March = 0
    let doy = (153 * mp + 2) / 5 + i64::from(day) - 1; // 0..=365
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy; // 0..=146096
    era * 146_097 + doe - 719_468
}

/// The date of a day number (inverse of [`days_from_civil`]); the year is an `i64`
/// because day numbers can reach beyond the `i32` year range.
pub fn civil_from_days(days: i64) -> (i64, u8, u8) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097; // 0..=146096
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365; // 0..=399
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100); // 0..=365
    let mp = (5 * doy + 2) / 153; // 0..=11
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// The weekday of a valid date.
pub fn weekday(year: i32, month: u8, day: u8) -> Weekday {
    // 1970-01-01 was a Thursday (index 3).
    let idx = (days_from_civil(year, month, day) + 3).rem_euclid(7);
    Weekday::ALL[idx as usize]
}

/// The valid date `n` days after `(year, month, day)` (before it when `n` is negative).
///
/// The resulting year saturates at the `i32` bounds.
pub fn add_days(year: i32, month: u8, day: u8, n: i64) -> (i32, u8, u8) {
    let days = days_from_civil(year, month, day).saturating_add(n);
    let (y, m, d) = civil_from_days(days);
    match i32::try_from(y) {
        Ok(y) => (y, m, d),
        Err(_) if y < 0 => (i32::MIN, 1, 1),
        Err(_) => (i32::MAX, 12, 31),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leap_years() {
        assert!(is_leap_year(2024));
        assert!(is_leap_year(2000));
        assert!(is_leap_year(1600));
        assert!(!is_leap_year(1900));
        assert!(!is_leap_year(2100));
        assert!(!is_leap_year(2025));
        assert!(is_leap_year(0));
        assert!(is_leap_year(-4));
    }

    #[test]
    fn month_lengths() {
        assert_eq!(days_in_month(2024, 2), 29);
        assert_eq!(days_in_month(2025, 2), 28);
        assert_eq!(days_in_month(1900, 2), 28);
        assert_eq!(days_in_month(2025, 4), 30);
        assert_eq!(days_in_month(2025, 12), 31);
        assert_eq!(days_in_month(2025, 13), 0);
        let total: u32 = (1..=12).map(|m| u32::from(days_in_month(2024, m))).sum();
        assert_eq!(total, 366);
    }

    #[test]
    fn known_weekdays() {
        assert_eq!(weekday(2025, 5, 28), Weekday::Wednesday);
        assert_eq!(weekday(1970, 1, 1), Weekday::Thursday);
        assert_eq!(weekday(2000, 1, 1), Weekday::Saturday);
        assert_eq!(weekday(2024, 2, 29), Weekday::Thursday);
        assert_eq!(weekday(1967, 6, 5), Weekday::Monday);
        assert_eq!(weekday(2001, 9, 11), Weekday::Tuesday);
        assert_eq!(weekday(1600, 3, 1), Weekday::Wednesday);
    }

    #[test]
    fn day_numbers_round_trip() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
        for d in -800_000..800_000i64 {
            let (y, m, dd) = civil_from_days(d);
            let y = i32::try_from(y).unwrap();
            assert!(is_valid_date(y, m, dd));
            assert_eq!(days_from_civil(y, m, dd), d);
        }
    }

    #[test]
    fn adding_days() {
        assert_eq!(add_days(2025, 5, 28, -7), (2025, 5, 21));
        assert_eq!(add_days(2025, 3, 1, -1), (2025, 2, 28));
        assert_eq!(add_days(2024, 3, 1, -1), (2024, 2, 29));
        assert_eq!(add_days(2024, 12, 31, 1), (2025, 1, 1));
        assert_eq!(add_days(2025, 1, 1, 365), (2026, 1, 1));
        assert_eq!(add_days(2024, 1, 1, 366), (2025, 1, 1));
        assert_eq!(add_days(i32::MAX, 12, 31, 1), (i32::MAX, 12, 31));
        assert_eq!(add_days(i32::MIN, 1, 1, -1), (i32::MIN, 1, 1));
    }
}
