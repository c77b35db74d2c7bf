//! Date resolution for detente: finds date expressions in the words of one sentence
//! and resolves them against the article's publication date.
//!
//! [`resolve_dates`] scans the word forms left to right and returns one
//! [`DateMention`] per expression, with the word range it covers, an [`EventDate`]
//! as precise as the text allows (day, month or year) and a [`Relation`].
//!
//! # Rules
//!
//! Relative to the publication date `P`:
//!
//! * **Weekdays** ("Tuesday", "on Tue."): the most recent such weekday on or before
//!   `P` (news reports the past); if `P` itself is that weekday, `P`.
//!   "last Tuesday" is the most recent one strictly before `P`; "next Tuesday" /
//!   "this coming Tuesday" is the first one strictly after `P`. A weekday followed
//!   by an explicit date ("Tuesday, May 27") is one mention with the explicit date.
//! * **today / tonight / yesterday / tomorrow**: `P`, `P`−1, `P`+1 (day precision).
//! * **N days/weeks ago**: `P`−N days (day precision) or `P`−7N days (month precision);
//!   "N months/years ago" gives month/year precision.
//! * **Weeks** are reported with month precision: "last week" / "past week" is the
//!   month of `P`−7 days, "this week" / "earlier this week" the month of `P`,
//!   "next week" the month of `P`+7 days.
//! * **Months**: "this month" / "earlier this month" / "later this month" is `P`'s
//!   year-month; "last month" the month before; "next month" the month after.
//! * **Years**: "this year" / "earlier this year" is `P`'s year, "last year" one less,
//!   "next year" one more.
//! * **Month names** without a year ("in May"): the most recent such month not after
//!   `P`'s month (so "in December" in a 2025-05-28 article is 2024-12).
//!   "last May" is the most recent May strictly before `P`'s month, "this May" is
//!   May of `P`'s year, "next May" the first May strictly after `P`'s month.
//! * **Month + day without year** ("May 28", "28 May", "Jan. 5", "May 28th"): the next
//!   occurrence after `P` when it is at most 60 days ahead (announced events: "Jan. 5"
//!   in a late-December article is next January), otherwise the most recent occurrence
//!   on or before `P` ("Sept. 14" in a May article is last September). Only `P`'s year
//!   and its neighbours are candidates; a "Feb. 29" with no leap year among them is
//!   read as the month alone.
//! * **Explicit dates**: "May 28, 2025", "28 May 2025", "December 2023", ISO
//!   "2025-05-28" (one token), a four-digit year.
//! * **Bare years** (1800–2199 only) are dates only in context: after a preposition
//!   (in/since/until/till/by/before/after/during/from/through/between, or and/or/to
//!   right after another year, or a modifier early/mid/late; not "to"/"of" alone,
//!   which mostly precede quantities: "rose to 2000", "a total of 2000"), or as "the 1967 war"
//!   (after "the" and before an event noun such as war, election, accord). A year
//!   followed by a lowercase plural-looking word ("in 2000 cases") is not a date.
//! * **Ambiguous month names**: month names must be capitalized. "May" and "March"
//!   (a modal / a verb) are months only when followed by a number, when followed by
//!   a year, or when preceded by in/since/on/until/till/by/of/early/late/mid/last/
//!   next/this/before/after/from/through/during/between. Abbreviations keep their
//!   period ("Jan.", "Sept."); written without it ("Jan 5") they follow the same
//!   context rule as "May".
//!
//! The mention's word range covers the date words including modifiers that change
//! the meaning ("last", "next", "this", "earlier", "early", "late", "mid") but not
//! the preposition in front ("on", "in", "since") nor "the" in "the 1967 war".
//!
//! The [`Relation`] comes from the word before the range (skipping "the"): "since" →
//! [`Relation::Since`], "before"/"until"/"till"/"by" → [`Relation::Before`],
//! "after" → [`Relation::After`], anything else → [`Relation::At`].
//!
//! An out-of-range publication date is clamped to a valid one (month to 1–12, day to
//! the month's length, year to ±1,000,000).

pub mod calendar;

use std::borrow::Cow;
use std::fmt;
use std::ops::Range;

use calendar::{add_days, days_in_month, is_valid_date, weekday, Weekday};
use detente_core::TextRange;

/// A calendar date that is only as precise as the text: a year, a year-month or a day.
///
/// Invariant: `day` is `Some` only when `month` is, and together they form a valid date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct EventDate {
    /// Gregorian year.
    pub year: i32,
    /// Month 1–12, when known.
    pub month: Option<u8>,
    /// Day of the month, when known.
    pub day: Option<u8>,
}

impl EventDate {
    /// A day-precision date; `None` when it is not a real calendar day.
    pub fn ymd(year: i32, month: u8, day: u8) -> Option<EventDate> {
        is_valid_date(year, month, day).then_some(EventDate {
            year,
            month: Some(month),
            day: Some(day),
        })
    }

    /// A month-precision date; `None` when `month` is outside 1–12.
    pub fn ym(year: i32, month: u8) -> Option<EventDate> {
        (1..=12).contains(&month).then_some(EventDate {
            year,
            month: Some(month),
            day: None,
        })
    }

    /// A year-precision date.
    pub fn y(year: i32) -> EventDate {
        EventDate {
            year,
            month: None,
            day: None,
        }
    }

    /// The weekday, for day-precision dates.
    pub fn weekday(self) -> Option<Weekday> {
        Some(weekday(self.year, self.month?, self.day?))
    }

    /// The date `n` days later (earlier for negative `n`), for day-precision dates.
    pub fn add_days(self, n: i64) -> Option<EventDate> {
        let (y, m, d) = add_days(self.year, self.month?, self.day?, n);
        EventDate::ymd(y, m, d)
    }

    /// Parses `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (four-digit year), as printed by `Display`.
    pub fn parse(s: &str) -> Option<EventDate> {
        let mut parts = s.split('-');
        let year = parse_digits(parts.next()?, 4)?;
        let date = match (parts.next(), parts.next(), parts.next()) {
            (None, _, _) => EventDate::y(year as i32),
            (Some(m), None, _) => EventDate::ym(year as i32, parse_digits(m, 2)? as u8)?,
            (Some(m), Some(d), None) => EventDate::ymd(
                year as i32,
                parse_digits(m, 2)? as u8,
                parse_digits(d, 2)? as u8,
            )?,
            _ => return None,
        };
        Some(date)
    }
}

impl fmt::Display for EventDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
            if let Some(d) = self.day {
                write!(f, "-{d:02}")?;
            }
        }
        Ok(())
    }
}

/// How the event relates in time to the mentioned date.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Relation {
    /// On/in/at the date (also the default with no preposition).
    At,
    /// Since the date ("since 1967").
    Since,
    /// Before or by the date ("before May", "until 2023", "by Friday").
    Before,
    /// After the date ("after Tuesday").
    After,
}

/// A date expression found in a sentence.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMention {
    /// Indices of the words (into the slice given to [`resolve_dates`]) the expression covers.
    pub words: Range<usize>,
    /// The resolved date.
    pub date: EventDate,
    /// The temporal relation signalled by the preceding preposition.
    pub relation: Relation,
}

impl DateMention {
    /// The text range covered by the mention, given the ranges of the sentence's words.
    ///
    /// `word_ranges` must be the ranges of the same words given to [`resolve_dates`].
    pub fn text_range(&self, word_ranges: &[TextRange]) -> TextRange {
        let first = word_ranges[self.words.start];
        let last = word_ranges[self.words.end - 1];
        first.cover(last)
    }
}

/// Finds and resolves the date expressions in `words` (the word forms of one sentence),
/// relative to the publication date `published` = `(year, month, day)`.
///
/// Mentions are returned in text order and never overlap; see the crate docs for the rules.
pub fn resolve_dates(words: &[&str], published: (i32, u8, u8)) -> Vec<DateMention> {
    let p = clamp_published(published);
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if let Some((range, date)) = match_at(words, i, p) {
            let relation = relation_before(words, range.start);
            i = range.end;
            out.push(DateMention {
                words: range,
                date,
                relation,
            });
        } else {
            i += 1;
        }
    }
    out
}

/// A valid publication date `(year, month, day)`.
#[derive(Clone, Copy, Debug)]
struct Pub {
    y: i32,
    m: u8,
    d: u8,
}

fn clamp_published((y, m, d): (i32, u8, u8)) -> Pub {
    let y = y.clamp(-1_000_000, 1_000_000);
    let m = m.clamp(1, 12);
    let d = d.clamp(1, days_in_month(y, m));
    Pub { y, m, d }
}

impl Pub {
    fn date(self) -> EventDate {
        EventDate {
            year: self.y,
            month: Some(self.m),
            day: Some(self.d),
        }
    }
    fn plus(self, n: i64) -> EventDate {
        let (y, m, d) = add_days(self.y, self.m, self.d, n);
        EventDate {
            year: y,
            month: Some(m),
            day: Some(d),
        }
    }
    /// Year-month `k` months after the publication month.
    fn month_offset(self, k: i32) -> EventDate {
        let idx = self.y * 12 + i32::from(self.m) - 1 + k;
        EventDate {
            year: idx.div_euclid(12),
            month: Some(idx.rem_euclid(12) as u8 + 1),
            day: None,
        }
    }
}

fn month_only(d: EventDate) -> EventDate {
    EventDate { day: None, ..d }
}

fn parse_digits(s: &str, len: usize) -> Option<u32> {
    if s.len() != len || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

/// `w` in lower case; borrowed when it already is, which most words are, so the scan over
/// every word of every sentence allocates only for capitalised words.
fn lower(w: &str) -> Cow<'_, str> {
    if w.chars().any(char::is_uppercase) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

fn word<'w>(words: &[&'w str], i: usize) -> Option<Cow<'w, str>> {
    words.get(i).map(|w| lower(w))
}

fn is_capitalized(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// Month names, lower case, January first.
const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Weekday names, lower case, in the order of [`Weekday::ALL`].
const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether `lower` (a lower-case word) is a weekday or a month, written in full and not
/// "may", which is as often a verb: "on Sunday" and "in October" are dates.
pub fn is_day_or_month(lower: &str) -> bool {
    WEEKDAYS.contains(&lower) || (lower != "may" && MONTHS.contains(&lower))
}

/// A month name: `(month, needs_context)`; `needs_context` is true for "May"/"March"
/// and for abbreviations written without their period.
fn month_name(w: &str) -> Option<(u8, bool)> {
    if !is_capitalized(w) {
        return None;
    }
    let l = lower(w);
    let (stem, period) = match l.strip_suffix('.') {
        Some(s) => (s, true),
        None => (l.as_ref(), false),
    };
    if !period {
        if let Some(i) = MONTHS.iter().position(|&f| f == stem) {
            let ambiguous = stem == "may" || stem == "march";
            return Some((i as u8 + 1, ambiguous));
        }
    }
    let abbr: &[(&str, u8)] = &[
        ("jan", 1),
        ("feb", 2),
        ("mar", 3),
        ("apr", 4),
        ("jun", 6),
        ("jul", 7),
        ("aug", 8),
        ("sep", 9),
        ("sept", 9),
        ("oct", 10),
        ("nov", 11),
        ("dec", 12),
    ];
    abbr.iter()
        .find(|(a, _)| *a == stem)
        .map(|&(_, m)| (m, !period))
}

fn weekday_name(w: &str) -> Option<Weekday> {
    if !is_capitalized(w) {
        return None;
    }
    let l = lower(w);
    if let Some(i) = WEEKDAYS.iter().position(|&n| n == l) {
        return Some(Weekday::ALL[i]);
    }
    let names: &[(&str, Weekday)] = &[
        ("mon.", Weekday::Monday),
        ("tue.", Weekday::Tuesday),
        ("tues.", Weekday::Tuesday),
        ("wed.", Weekday::Wednesday),
        ("thu.", Weekday::Thursday),
        ("thur.", Weekday::Thursday),
        ("thurs.", Weekday::Thursday),
        ("fri.", Weekday::Friday),
        ("sat.", Weekday::Saturday),
        ("sun.", Weekday::Sunday),
    ];
    names.iter().find(|(n, _)| *n == l).map(|&(_, d)| d)
}

/// A day-of-month number: "5", "05", "28th", "1st".
fn day_number(w: &str) -> Option<u8> {
    let l = lower(w);
    let digits = ["st", "nd", "rd", "th"]
        .iter()
        .find_map(|s| l.strip_suffix(s))
        .unwrap_or(&l);
    if digits.is_empty() || digits.len() > 2 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u8 = digits.parse().ok()?;
    (1..=31).contains(&n).then_some(n)
}

/// A four-digit year in 1800–2199.
fn year_number(w: &str) -> Option<i32> {
    let n = parse_digits(w, 4)? as i32;
    (1800..=2199).contains(&n).then_some(n)
}

/// Small counts for "N days ago".
fn count_number(w: &str) -> Option<i64> {
    if let Some(n) = parse_digits(w, w.len().clamp(1, 3)) {
        return Some(i64::from(n));
    }
    let words = [
        "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
    ];
    let l = lower(w);
    if l == "a" || l == "an" {
        return Some(1);
    }
    words.iter().position(|&n| n == l).map(|i| i as i64 + 1)
}

const MONTH_CONTEXT: &[&str] = &[
    "in", "since", "on", "until", "till", "by", "of", "early", "late", "mid", "last", "next",
    "this", "before", "after", "from", "through", "during", "between",
];

const YEAR_CONTEXT: &[&str] = &[
    "in", "since", "until", "till", "by", "before", "after", "during", "from", "through",
    "between", "early", "late", "mid", "circa",
];

const EVENT_NOUNS: &[&str] = &[
    "war",
    "wars",
    "election",
    "elections",
    "accord",
    "accords",
    "agreement",
    "treaty",
    "ceasefire",
    "cease-fire",
    "truce",
    "uprising",
    "revolution",
    "coup",
    "invasion",
    "attack",
    "attacks",
    "crisis",
    "talks",
    "summit",
    "deal",
    "protests",
    "conflict",
    "massacre",
    "riots",
    "intifada",
    "referendum",
    "olympics",
    "games",
    "campaign",
    "offensive",
    "earthquake",
    "war's",
    "peace",
];

/// Tries every pattern at word `i`; returns the covered word range and date.
fn match_at(words: &[&str], i: usize, p: Pub) -> Option<(Range<usize>, EventDate)> {
    let w = lower(words[i]);
    // Modifiers that only shade the date: early/late/mid/earlier/later.
    if matches!(w.as_ref(), "early" | "late" | "mid" | "earlier" | "later") && i + 1 < words.len() {
        let inner = i + 1;
        let found = relative_period(words, inner, p)
            .or_else(|| month_phrase(words, inner, p))
            .or_else(|| year_number(words[inner]).map(|y| (inner..inner + 1, EventDate::y(y))));
        if let Some((r, d)) = found {
            return Some((i..r.end, d));
        }
        return None;
    }
    if let Some(rest) = w.strip_prefix("mid-") {
        let mut chars = rest.chars();
        let capitalized: String = chars
            .next()
            .into_iter()
            .flat_map(char::to_uppercase)
            .chain(chars)
            .collect();
        if let Some((m, _)) = month_name(&capitalized) {
            return Some((i..i + 1, most_recent_month(p, m)));
        }
        if let Some(y) = year_number(rest) {
            return Some((i..i + 1, EventDate::y(y)));
        }
    }
    iso_date(words, i)
        .or_else(|| relative_word(words, i, p))
        .or_else(|| relative_period(words, i, p))
        .or_else(|| ago(words, i, p))
        .or_else(|| weekday_phrase(words, i, p))
        .or_else(|| month_phrase(words, i, p))
        .or_else(|| day_month(words, i, p))
        .or_else(|| contextual_year(words, i))
}

fn iso_date(words: &[&str], i: usize) -> Option<(Range<usize>, EventDate)> {
    let w = words[i];
    if w.len() != 10 {
        return None;
    }
    EventDate::parse(w).map(|d| (i..i + 1, d))
}

fn relative_word(words: &[&str], i: usize, p: Pub) -> Option<(Range<usize>, EventDate)> {
    let date = match lower(words[i]).as_ref() {
        "today" | "tonight" => p.date(),
        "yesterday" => p.plus(-1),
        "tomorrow" => p.plus(1),
        _ => return None,
    };
    Some((i..i + 1, date))
}

/// "last/this/next/past week|month|year".
fn relative_period(words: &[&str], i: usize, p: Pub) -> Option<(Range<usize>, EventDate)> {
    let det = word(words, i)?;
    let unit = word(words, i + 1)?;
    let date = match (det.as_ref(), unit.as_ref()) {
        ("last" | "past", "week") => month_only(p.plus(-7)),
        ("this", "week") => month_only(p.date()),
        ("next", "week") => month_only(p.plus(7)),
        ("last" | "past", "month") => p.month_offset(-1),
        ("this", "month") => p.month_offset(0),
        ("next", "month") => p.month_offset(1),
        ("last" | "past", "year") => EventDate::y(p.y - 1),
        ("this", "year") => EventDate::y(p.y),
        ("next", "year") => EventDate::y(p.y + 1),
        _ => return None,
    };
    Some((i..i + 2, date))
}

/// "N days/weeks/months/years ago".
fn ago(words: &[&str], i: usize, p: Pub) -> Option<(Range<usize>, EventDate)> {
    let n = count_number(words[i])?.min(100_000);
    let unit = word(words, i + 1)?;
    if word(words, i + 2)? != "ago" {
        return None;
    }
    let date = match unit.trim_end_matches('s') {
        "day" => p.plus(-n),
        "week" => month_only(p.plus(-7 * n)),
        "month" => p.month_offset(-(n as i32)),
        "year" => EventDate::y(p.y - n as i32),
        _ => return None,
    };
    Some((i..i + 3, date))
}

fn weekday_phrase(words: &[&str], i: usize, p: Pub) -> Option<(Range<usize>, EventDate)> {
    let det = lower(words[i]);
    let (start, mode, at) = match det.as_ref() {
        "last" => (i, -1, i + 1),
        "next" => (i, 1, i + 1),
        "this" if word(words, i + 1).as_deref() == Some("coming") => (i, 1, i + 2),
        _ => (i, 0, i),
    };
    let wd = weekday_name(words.get(at)?)?;
    let today = p.date().weekday()?.index() as i64;
    let target = wd.index() as i64;
    let back = (today - target).rem_euclid(7);
    let offset = match mode {
        -1 if back == 0 => -7,
        -1 | 0 => -back,
        _ => {
            let fwd = (target - today).rem_euclid(7);
            if fwd == 0 {
                7
            } else {
                fwd
            }
        }
    };
    let mut end = at + 1;
    let mut date = p.plus(offset);
    // "Tuesday, May 27" / "Tuesday 27 May": the explicit date wins.
    let next = if words.get(end) == Some(&",") {
        end + 1
    } else {
        end
    };
    if next < words.len() {
        if let Some((r, d)) = month_phrase(words, next, p).or_else(|| day_month(words, next, p)) {
            if d.day.is_some() {
                end = r.end;
                date = d;
            }
        }
    }
    Some((start..end, date))
}

/// The most recent `month` not after the publication month.
fn most_recent_month(p: Pub, month: u8) -> EventDate {
    let year = if month <= p.m { p.y } else { p.y - 1 };
    EventDate {
        year,
        month: Some(month),
        day: None,
    }
}

/// The year for a month-day without one: the first occurrence after the publication
/// date if it is at most [`FUTURE_WINDOW_DAYS`] ahead, otherwise the most recent
/// occurrence on or before the publication date.
fn infer_day(p: Pub, month: u8, day: u8) -> Option<EventDate> {
    let here = calendar::days_from_civil(p.y, p.m, p.d);
    let candidates = [p.y - 1, p.y, p.y + 1].into_iter().filter_map(|y| {
        EventDate::ymd(y, month, day).map(|d| (calendar::days_from_civil(y, month, day) - here, d))
    });
    let mut past: Option<(i64, EventDate)> = None;
    let mut future: Option<(i64, EventDate)> = None;
    for (delta, d) in candidates {
        if delta <= 0 {
            if past.is_none_or(|(b, _)| delta > b) {
                past = Some((delta, d));
            }
        } else if future.is_none_or(|(b, _)| delta < b) {
            future = Some((delta, d));
        }
    }
    match (future, past) {
        (Some((delta, d)), _) if delta <= FUTURE_WINDOW_DAYS => Some(d),
        (_, Some((_, d))) => Some(d),
        (f, None) => f.map(|(_, d)| d),
    }
}

/// How far ahead of publication a month-day without a year may be read as upcoming.
const FUTURE_WINDOW_DAYS: i64 = 60;

/// Month-first forms: "May 28, 2025", "May 28", "December 2023", "in May",
/// "last/this/next May".
fn month_phrase(words: &[&str], i: usize, p: Pub) -> Option<(Range<usize>, EventDate)> {
    let det = lower(words[i]);
    let (start, at) = match det.as_ref() {
        "last" | "this" | "next" => (i, i + 1),
        _ => (i, i),
    };
    let (month, needs_context) = month_name(words.get(at)?)?;
    let following = words.get(at + 1).copied();
    let day = following.and_then(day_number);
    let year_after = |k: usize| words.get(k).and_then(|w| year_number(w));
    if let Some(day) = day {
        // "May 28 , 2025" / "May 28 2025" / "May 28".
        let comma = words.get(at + 2) == Some(&",");
        let ypos = if comma { at + 3 } else { at + 2 };
        if let Some(y) = year_after(ypos) {
            if let Some(d) = EventDate::ymd(y, month, day) {
                return Some((start..ypos + 1, d));
            }
        }
        if let Some(d) = infer_day(p, month, day) {
            return Some((start..at + 2, d));
        }
    }
    // "December 2023", "May of 2023".
    if let Some(y) = year_after(at + 1) {
        return Some((start..at + 2, EventDate::ym(y, month)?));
    }
    if word(words, at + 1).as_deref() == Some("of") {
        if let Some(y) = year_after(at + 2) {
            return Some((start..at + 3, EventDate::ym(y, month)?));
        }
    }
    if at > i {
        let date = match det.as_ref() {
            "last" => {
                let y = if month < p.m { p.y } else { p.y - 1 };
                EventDate::ym(y, month)?
            }
            "next" => {
                let y = if month > p.m { p.y } else { p.y + 1 };
                EventDate::ym(y, month)?
            }
            _ => EventDate::ym(p.y, month)?,
        };
        return Some((start..at + 1, date));
    }
    if needs_context {
        let prev = at.checked_sub(1).and_then(|k| word(words, k));
        let ok = prev.is_some_and(|w| MONTH_CONTEXT.contains(&w.as_ref()));
        if !ok {
            return None;
        }
    }
    Some((start..at + 1, most_recent_month(p, month)))
}

/// Day-first forms: "28 May", "28 May 2025", "28th of May".
fn day_month(words: &[&str], i: usize, p: Pub) -> Option<(Range<usize>, EventDate)> {
    let day = day_number(words[i])?;
    let mut at = i + 1;
    if word(words, at).as_deref() == Some("of") {
        at += 1;
    }
    let (month, _) = month_name(words.get(at)?)?;
    if let Some(y) = words.get(at + 1).and_then(|w| year_number(w)) {
        if let Some(d) = EventDate::ymd(y, month, day) {
            return Some((i..at + 2, d));
        }
    }
    Some((i..at + 1, infer_day(p, month, day)?))
}

/// A bare four-digit year in a date context.
fn contextual_year(words: &[&str], i: usize) -> Option<(Range<usize>, EventDate)> {
    let y = year_number(words[i])?;
    let prev = i.checked_sub(1).and_then(|k| word(words, k));
    let next = words.get(i + 1).copied();
    let next_l = next.map(lower);
    let after_the = prev.as_deref() == Some("the");
    if after_the {
        if next_l.as_deref().is_some_and(|n| EVENT_NOUNS.contains(&n)) {
            return Some((i..i + 1, EventDate::y(y)));
        }
        // "the 1967 Arab-Israeli War", "the 2003 Iraq invasion": a few capitalised or
        // hyphen words, then the event noun.
        for &w in words.iter().take(i + 6).skip(i + 1) {
            if EVENT_NOUNS.contains(&lower(w).as_ref()) {
                return Some((i..i + 1, EventDate::y(y)));
            }
            let name_like = w == "-" || w.chars().next().is_some_and(char::is_uppercase);
            if !name_like {
                break;
            }
        }
        return None;
    }
    let prev_ok = prev.as_deref().is_some_and(|w| YEAR_CONTEXT.contains(&w))
        || (matches!(prev.as_deref(), Some("and" | "or" | "to"))
            && i >= 2
            && year_number(words[i - 2]).is_some());
    if !prev_ok {
        return None;
    }
    // "in 2000 cases": a lowercase plural-looking word after the number.
    if let Some(n) = next {
        let plural = n.len() > 3
            && n.ends_with('s')
            && n.chars().all(|c| c.is_ascii_lowercase() || c == '-')
            && !EVENT_NOUNS.contains(&n);
        if plural {
            return None;
        }
    }
    Some((i..i + 1, EventDate::y(y)))
}

fn relation_before(words: &[&str], start: usize) -> Relation {
    let mut k = start;
    let mut prev = k.checked_sub(1).and_then(|j| word(words, j));
    if prev.as_deref() == Some("the") {
        k -= 1;
        prev = k.checked_sub(1).and_then(|j| word(words, j));
    }
    match prev.as_deref() {
        Some("since") => Relation::Since,
        Some("before" | "until" | "till" | "by") => Relation::Before,
        Some("after") => Relation::After,
        _ => Relation::At,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_precision() {
        assert_eq!(
            EventDate::ymd(2025, 5, 28).unwrap().to_string(),
            "2025-05-28"
        );
        assert_eq!(EventDate::ym(2025, 5).unwrap().to_string(), "2025-05");
        assert_eq!(EventDate::y(2023).to_string(), "2023");
        assert_eq!(EventDate::ymd(987, 1, 2).unwrap().to_string(), "0987-01-02");
    }

    #[test]
    fn parse_round_trip_and_rejects() {
        for s in ["2025-05-28", "2025-05", "2023", "2024-02-29"] {
            assert_eq!(EventDate::parse(s).unwrap().to_string(), s);
        }
        for s in [
            "2025-02-29",
            "2025-13",
            "2025-00-10",
            "25-05-28",
            "2025-5-28",
            "",
            "2025-05-28-01",
        ] {
            assert_eq!(EventDate::parse(s), None, "{s}");
        }
    }

    #[test]
    fn date_arithmetic_on_event_dates() {
        let d = EventDate::ymd(2025, 5, 28).unwrap();
        assert_eq!(d.weekday(), Some(Weekday::Wednesday));
        assert_eq!(d.add_days(-7).unwrap().to_string(), "2025-05-21");
        assert_eq!(d.add_days(4).unwrap().to_string(), "2025-06-01");
        assert_eq!(EventDate::y(2025).add_days(1), None);
    }

    #[test]
    fn invalid_publication_dates_are_clamped() {
        let m = resolve_dates(&["today"], (2025, 2, 31));
        assert_eq!(m[0].date.to_string(), "2025-02-28");
        let m = resolve_dates(&["today"], (2025, 0, 0));
        assert_eq!(m[0].date.to_string(), "2025-01-01");
    }

    #[test]
    fn every_weekday_resolves_within_the_past_week() {
        let p = (2025, 5, 28);
        for (name, day) in [
            ("Monday", 26),
            ("Tuesday", 27),
            ("Wednesday", 28),
            ("Thursday", 22),
            ("Friday", 23),
            ("Saturday", 24),
            ("Sunday", 25),
        ] {
            let m = resolve_dates(&[name], p);
            assert_eq!(m[0].date, EventDate::ymd(2025, 5, day).unwrap(), "{name}");
        }
    }

    #[test]
    fn text_range_covers_mention_words() {
        let words = ["on", "May", "28"];
        let ranges = [
            TextRange::new(0, 2),
            TextRange::new(3, 6),
            TextRange::new(7, 9),
        ];
        let m = resolve_dates(&words, (2025, 5, 28));
        assert_eq!(m[0].text_range(&ranges), TextRange::new(3, 9));
    }
}
