//! Property tests: the code and table parsers never panic on arbitrary input.

use detente_cameo::{CameoCode, CodeTable};
use proptest::prelude::*;

proptest! {
    #[test]
    fn code_parse_never_panics(s in any::<String>()) {
        if let Ok(c) = CameoCode::parse(&s) {
            prop_assert_eq!(c.as_str(), s.as_str());
            let _ = c.root();
            let _ = c.parent();
        }
    }

    #[test]
    fn code_parse_digit_strings(s in "[0-9]{0,5}") {
        let _ = CameoCode::parse(&s);
    }

    #[test]
    fn table_parse_never_panics(s in any::<String>()) {
        let _ = CodeTable::parse("fuzz", &s);
    }

    #[test]
    fn table_parse_never_panics_on_table_like_text(
        s in "([0-9]{1,5}\t-?[0-9.]{0,5}\t(AGREE|ASSAULT|X)?\t[a-z ]{0,6}\n){0,8}"
    ) {
        let _ = CodeTable::parse("fuzz", &s);
    }
}
