//! Property tests: no loader panics on any input, and every warning or error points at a
//! line that exists.

use detente_legacy::{
    detect_format, load_actors, load_agents, load_discards, load_petrarch_actors,
    load_petrarch_agents, load_petrarch_discards, load_petrarch_verbs, load_tabari_actors,
    load_tabari_agents, load_tabari_verbs, load_verbs, LoadError, Loaded,
};
use proptest::prelude::*;

fn check<T>(text: &str, r: Result<Loaded<T>, LoadError>) {
    let n = text.split('\n').count();
    match r {
        Ok(l) => {
            for w in l.warnings {
                assert!(w.line >= 1 && w.line <= n, "{w} out of 1..={n}");
            }
        }
        Err(e) => assert!(e.line >= 1 && e.line <= n, "{e} out of 1..={n}"),
    }
}

/// Strings built from the characters the formats care about, so the parsers' branches
/// are exercised far more than by uniform Unicode.
fn dictish() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        prop_oneof![
            Just("\n"),
            Just(" "),
            Just("\t"),
            Just("["),
            Just("]"),
            Just("{"),
            Just("}"),
            Just("("),
            Just(")"),
            Just("|"),
            Just("_"),
            Just("~"),
            Just("*"),
            Just("$"),
            Just("+"),
            Just("^"),
            Just("%"),
            Just("&"),
            Just("!"),
            Just("="),
            Just(","),
            Just("#"),
            Just(";"),
            Just("<"),
            Just(">"),
            Just("-"),
            Just(":"),
            Just("---"),
            Just("<!--"),
            Just("-->"),
            Just("<NOUN>"),
            Just("</NOUN>"),
            Just("<SYNSETS>"),
            Just("</TIME>"),
            Just("~~FINISH"),
            Just("USA"),
            Just("GOV"),
            Just("PERSON"),
            Just("950601"),
            Just("20090120"),
            Just("2004017"),
            Just("Ş"),
            Just("é"),
        ],
        0..80,
    )
    .prop_map(|v| v.concat())
}

fn all(text: &str) {
    let _ = detect_format(text);
    check(text, load_petrarch_actors(text, "p"));
    check(text, load_tabari_actors(text, "p"));
    check(text, load_petrarch_agents(text, "p"));
    check(text, load_tabari_agents(text, "p"));
    check(text, load_petrarch_verbs(text, "p"));
    check(text, load_tabari_verbs(text, "p"));
    check(text, load_petrarch_discards(text, "p"));
    check(text, load_actors("p", text));
    check(text, load_agents("p", text));
    check(text, load_verbs("p", text));
    check(text, load_discards("p", text));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn arbitrary_strings_never_panic(text in any::<String>()) {
        all(&text);
    }

    #[test]
    fn dictionary_like_strings_never_panic(text in dictish()) {
        all(&text);
    }
}
