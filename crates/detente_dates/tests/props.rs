//! Property tests: resolution never panics on arbitrary word lists and publication
//! dates, returned ranges are in bounds, non-empty, ordered and non-overlapping, and
//! every returned date is well formed.

use detente_dates::calendar::is_valid_date;
use detente_dates::resolve_dates;
use proptest::prelude::*;

const VOCAB: &[&str] = &[
    "May",
    "may",
    "March",
    "march",
    "Jan.",
    "Sept.",
    "Dec",
    "December",
    "mid-May",
    "mid-",
    "28",
    "28th",
    "1st",
    "31",
    "0",
    "99",
    "2025",
    "1967",
    "1799",
    "9999",
    "2025-05-28",
    "2024-02-29",
    "2025-13-01",
    ",",
    ".",
    "on",
    "in",
    "since",
    "the",
    "war",
    "last",
    "next",
    "this",
    "coming",
    "early",
    "late",
    "earlier",
    "week",
    "month",
    "year",
    "years",
    "days",
    "ago",
    "a",
    "three",
    "Tuesday",
    "Tue.",
    "today",
    "yesterday",
    "tomorrow",
    "of",
    "and",
    "between",
    "until",
    "after",
    "É",
    "ümlaut",
    "",
];

fn word() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => proptest::sample::select(VOCAB).prop_map(str::to_string),
        1 => ".{0,6}",
        1 => "[0-9]{1,5}(st|th|-[0-9]{2})?",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn never_panics_and_ranges_in_bounds(
        words in proptest::collection::vec(word(), 0..14),
        year in prop_oneof![1900i32..2100, any::<i32>()],
        month in any::<u8>(),
        day in any::<u8>(),
    ) {
        let forms: Vec<&str> = words.iter().map(String::as_str).collect();
        let mentions = resolve_dates(&forms, (year, month, day));
        let mut prev_end = 0;
        for m in &mentions {
            prop_assert!(m.words.start < m.words.end);
            prop_assert!(m.words.end <= forms.len());
            prop_assert!(m.words.start >= prev_end);
            prev_end = m.words.end;
            let d = m.date;
            match (d.month, d.day) {
                (Some(mo), Some(da)) => prop_assert!(is_valid_date(d.year, mo, da)),
                (Some(mo), None) => prop_assert!((1..=12).contains(&mo)),
                (None, None) => {}
                (None, Some(_)) => prop_assert!(false, "day without month"),
            }
        }
    }
}
