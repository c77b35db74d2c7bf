//! Loads every real PETRARCH-2 and TABARI dictionary under `../shared/data` when it is
//! present, prints entry and warning counts, and spot-checks entries seen in the files.
//! Without `../shared` each test prints `skipping: ../shared not found` and returns.

use std::path::{Path, PathBuf};

use detente_legacy::{
    decode, detect_format, load_actors, load_agents, load_discards, load_verbs, tabari_discards,
    AgentPlacement, DiscardScope, Format, Join, Loaded, PatternToken, Warning,
};

fn shared() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data");
    if p.is_dir() {
        Some(p)
    } else {
        eprintln!("skipping: ../shared not found");
        None
    }
}

fn read(dir: &Path, rel: &str) -> (String, String) {
    let path = dir.join(rel);
    let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let (text, fallback) = decode(&bytes);
    if fallback {
        eprintln!("{rel}: not valid utf-8, invalid bytes read as latin-1");
    }
    (rel.to_string(), text)
}

fn report<T>(rel: &str, text: &str, loaded: &Loaded<T>, what: &str) {
    let lines = text.lines().count().max(1);
    let w = &loaded.warnings;
    let warned: std::collections::BTreeSet<usize> = w.iter().map(|w| w.line).collect();
    eprintln!(
        "{rel}: format {:?}, {what}, {} warnings on {} of {} lines ({:.3}%)",
        detect_format(text),
        w.len(),
        warned.len(),
        lines,
        100.0 * warned.len() as f64 / lines as f64
    );
    for Warning { line, msg } in w.iter().take(40) {
        eprintln!("  {rel}:{line}: {msg}");
    }
}

#[test]
fn petrarch_actors() {
    let Some(dir) = shared() else { return };
    let mut total = 0;
    for rel in [
        "petrarch/Phoenix.Countries.actors.txt",
        "petrarch/Phoenix.International.actors.txt",
        "petrarch/Phoenix.MilNonState.actors.txt",
        "petrarch/PETR.Validate.actors.txt",
    ] {
        let (rel, text) = read(&dir, rel);
        assert_eq!(detect_format(&text), Format::Petrarch, "{rel}");
        let d = load_actors(&rel, &text).unwrap_or_else(|e| panic!("{e}"));
        let names: usize = d.value.entries.iter().map(|e| e.names.len()).sum();
        let codes: usize = d.value.entries.iter().map(|e| e.codes.len()).sum();
        report(
            &rel,
            &text,
            &d,
            &format!(
                "{} actors, {names} names, {codes} codes",
                d.value.entries.len()
            ),
        );
        total += d.value.entries.len();
        if rel.ends_with("Countries.actors.txt") {
            assert!(d.value.entries.len() > 10_000);
            let afg = &d.value.entries[0];
            assert_eq!(afg.names[0].words, ["AFGHANISTAN"]);
            assert!(afg.names[0].stop);
            assert_eq!(afg.codes[0].code, "AFG");
            assert!(afg.names.iter().any(|n| n.words == ["MAZAR-I-SHARIF"]));
            let zahir = d
                .value
                .entries
                .iter()
                .find(|e| e.names[0].text() == "MOHAMMAD_ZAHIR_SHAH_")
                .expect("zahir shah");
            let gov = &zahir.codes[1];
            assert_eq!(gov.code, "AFGGOV");
            assert_eq!(
                gov.from.map(|d| d.to_string()).as_deref(),
                Some("1933-11-08")
            );
            assert_eq!(gov.to.map(|d| d.to_string()).as_deref(), Some("1973-07-17"));
        }
        if rel.ends_with("International.actors.txt") {
            let v = d
                .value
                .entries
                .iter()
                .find(|e| e.names[0].text() == "ANN_VENEMAN_")
                .expect("veneman");
            assert_eq!(v.codes.len(), 2);
            assert_eq!(v.codes[1].code, "IGOUNOKID");
            assert_eq!(v.codes[1].from.map(|d| d.year), Some(2005));
        }
        if rel.ends_with("PETR.Validate.actors.txt") {
            let sam = d
                .value
                .entries
                .iter()
                .find(|e| e.names[0].text() == "SAM_GAMGEE")
                .expect("sam");
            assert_eq!(sam.codes.len(), 6);
            assert_eq!(sam.codes[1].code, "HOBCIV");
            assert_eq!(
                sam.codes[1].to.map(|d| d.to_string()).as_deref(),
                Some("2008-01-20")
            );
            assert_eq!(sam.codes[5].from.map(|d| d.year), Some(2013));
            let gollum = d
                .value
                .entries
                .iter()
                .find(|e| e.names[0].text() == "GOLLUM")
                .expect("gollum");
            assert_eq!(gollum.names.len(), 4);
            assert_eq!(gollum.codes.len(), 3);
            let caras = d
                .value
                .entries
                .iter()
                .find(|e| e.names[0].words == ["CARAS", "GALADHON"])
                .expect("caras galadhon");
            assert_eq!(caras.names[0].joins, [Join::Gap]);
        }
    }
    assert!(total > 10_000);
}

#[test]
fn petrarch_agents() {
    let Some(dir) = shared() else { return };
    for rel in [
        "petrarch/Phoenix.agents.txt",
        "petrarch/PETR.Validate.agents.txt",
    ] {
        let (rel, text) = read(&dir, rel);
        assert_eq!(detect_format(&text), Format::Petrarch, "{rel}");
        let d = load_agents(&rel, &text).unwrap_or_else(|e| panic!("{e}"));
        let phrases: usize = d.value.entries.iter().map(|e| e.phrases.len()).sum();
        report(
            &rel,
            &text,
            &d,
            &format!(
                "{} agents, {phrases} phrases, {} substitution sets",
                d.value.entries.len(),
                d.value.substitutions.len()
            ),
        );
        let find = |w: &str| d.value.entries.iter().find(|e| e.written == w);
        if rel.ends_with("Phoenix.agents.txt") {
            assert!(d.value.entries.len() > 1500);
            let cattle = find("CATTLE!PERSON!").expect("cattle!person!");
            let texts: Vec<String> = cattle.phrases.iter().map(|p| p.text()).collect();
            assert_eq!(
                texts,
                [
                    "CATTLEMAN",
                    "CATTLEMEN",
                    "CATTLEWOMAN",
                    "CATTLEWOMEN",
                    "CATTLEPERSON"
                ]
            );
            let thief = find("THIEF {THIEVES}").expect("thief");
            assert_eq!(thief.phrases.len(), 2);
            assert_eq!(thief.phrases[1].text(), "THIEVES");
            let farmer = find("FARMER").expect("farmer");
            assert_eq!(farmer.code, "AGR");
            assert_eq!(farmer.phrases[1].text(), "FARMERS");
            let police = find("POLICE {}").expect("police");
            assert_eq!(police.phrases.len(), 1);
        } else {
            let geese = find("GOLDEN_GOOSE {GOLDEN_GEESE}").expect("goose");
            assert_eq!(geese.phrases[1].text(), "GOLDEN_GEESE");
            let msf = find("MSF {}").expect("msf");
            assert_eq!(msf.placement, AgentPlacement::Prefix);
            assert_eq!(msf.code, "NGO");
            let walks = find("!MINST!_OF_SILLY_WALKS").expect("silly walks");
            assert_eq!(walks.phrases.len(), 4);
            assert_eq!(walks.phrases[0].text(), "MINISTER_OF_SILLY_WALKS");
        }
    }
}

#[test]
fn petrarch_verbs() {
    let Some(dir) = shared() else { return };
    for rel in ["petrarch/CAMEO.2.0.txt", "petrarch/PETR.Validate.verbs.txt"] {
        let (rel, text) = read(&dir, rel);
        assert_eq!(detect_format(&text), Format::Petrarch, "{rel}");
        let d = load_verbs(&rel, &text).unwrap_or_else(|e| panic!("{e}"));
        let v = &d.value;
        let forms: usize = v.verbs.iter().map(|e| e.forms.len()).sum();
        report(
            &rel,
            &text,
            &d,
            &format!(
                "{} synsets, {} verb blocks, {forms} forms, {} patterns, {} transformations",
                v.synsets.len(),
                v.verbs.len(),
                v.pattern_count(),
                v.transformations.len()
            ),
        );
        if rel.ends_with("CAMEO.2.0.txt") {
            assert!(v.synsets.len() >= 35);
            assert!(v.pattern_count() > 4000);
            let currency = &v.synsets["CURRENCY"];
            assert!(currency
                .members
                .iter()
                .any(|p| p.text() == "CASH_" && p.stop));
            assert!(v.synsets.contains_key("FIGHT_OF_WORDS"));
            assert!(v.synsets.contains_key("AUXVERB1_"));
            let cancel = v
                .verbs
                .iter()
                .find(|e| e.lemma == "CANCEL")
                .expect("cancel");
            let call_off = &cancel.forms[0];
            assert_eq!(call_off.words, ["CALL", "OFF"]);
            assert_eq!(call_off.code.as_ref().map(|c| c.raw.as_str()), Some("160"));
            let take_leave = &cancel.forms[2];
            assert_eq!(take_leave.irregular.len(), 4);
            assert_eq!(take_leave.irregular[2], ["TOOK", "LEAVE"]);
            let visit = cancel
                .patterns
                .iter()
                .find(|p| p.code.as_ref().is_some_and(|c| c.raw == "042:043"))
                .expect("paired code");
            let code = visit.code.as_ref().unwrap();
            assert_eq!(code.primary.as_deref(), Some("042"));
            assert_eq!(code.paired.as_deref(), Some("043"));
            // `- $ * (AS &NEGOTIATOR) (IN TALK) (WITH +)  [045]  # ACT`
            let act = v
                .verbs
                .iter()
                .flat_map(|e| &e.patterns)
                .find(|p| p.text.starts_with("- $ * (AS &NEGOTIATOR)"))
                .expect("act pattern");
            let toks: Vec<&PatternToken> = act.items.iter().map(|i| &i.token).collect();
            assert_eq!(toks[0], &PatternToken::Source);
            assert_eq!(toks[1], &PatternToken::Verb);
            match toks[2] {
                PatternToken::Prep(inner) => {
                    assert_eq!(inner[0].token, PatternToken::Word("AS".into()));
                    assert_eq!(inner[1].token, PatternToken::Synset("NEGOTIATOR".into()));
                }
                t => panic!("expected a prepositional phrase, got {t:?}"),
            }
            match toks[4] {
                PatternToken::Prep(inner) => assert_eq!(inner[1].token, PatternToken::Target),
                t => panic!("expected a prepositional phrase, got {t:?}"),
            }
            assert_eq!(act.comment.as_deref(), Some("ACT"));
            let steady = v
                .verbs
                .iter()
                .flat_map(|e| &e.forms)
                .find(|f| f.words == ["STEADY"])
                .expect("steady");
            assert_eq!(steady.irregular.len(), 3);
            assert!(v.transformations.len() >= 8);
        } else {
            assert!(v.pattern_count() > 100);
        }
    }
}

#[test]
fn petrarch_discards() {
    let Some(dir) = shared() else { return };
    for rel in [
        "petrarch/Phoenix.discards.txt",
        "petrarch/PETR.Validate.discards.txt",
    ] {
        let (rel, text) = read(&dir, rel);
        let d = load_discards(&rel, &text).unwrap_or_else(|e| panic!("{e}"));
        let story = d
            .value
            .entries
            .iter()
            .filter(|e| e.scope == DiscardScope::Story)
            .count();
        report(
            &rel,
            &text,
            &d,
            &format!("{} discards ({story} story-level)", d.value.entries.len()),
        );
        assert!(!d.value.entries.is_empty());
        let golf = d
            .value
            .entries
            .iter()
            .find(|e| e.phrase.words == ["WORLD", "GOLF", "CHAMPIONSHIPS"])
            .expect("world golf championships");
        assert_eq!(golf.scope, DiscardScope::Story);
        if rel.ends_with("Phoenix.discards.txt") {
            assert!(d.value.entries.len() > 300);
            assert!(d.value.entries.iter().any(
                |e| e.phrase.words == ["MONTHS", "LATER"] && e.scope == DiscardScope::Sentence
            ));
        }
    }
}

#[test]
fn tabari_files() {
    let Some(dir) = shared() else { return };
    let (rel, text) = read(&dir, "tabari/TABARI.Demo.actors");
    assert_eq!(detect_format(&text), Format::Tabari);
    let a = load_actors(&rel, &text).unwrap_or_else(|e| panic!("{e}"));
    report(
        &rel,
        &text,
        &a,
        &format!(
            "{} actors, {} sections",
            a.value.entries.len(),
            a.value.sections.len()
        ),
    );
    assert!(a.value.entries.len() > 80);
    let names: Vec<&str> = a.value.sections.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(names, ["NOUN", "ADJECTIVE"]);
    let axnor = a
        .value
        .entries
        .iter()
        .find(|e| e.names[0].text() == "AXNOR")
        .expect("axnor");
    assert_eq!(axnor.codes[0].code, "AR1");
    assert_eq!(
        axnor.codes[0].to.map(|d| d.to_string()).as_deref(),
        Some("1991-12-26")
    );
    assert_eq!(axnor.codes[1].code, "AR2");
    let argentin = a
        .value
        .entries
        .iter()
        .find(|e| e.names[0].text() == "ARGENTIN")
        .expect("stem");
    assert!(!argentin.names[0].stop);

    for rel in [
        "tabari/TABARI.Demo.verbs",
        "tabari/CAMEO.091003.master.verbs",
    ] {
        let (rel, text) = read(&dir, rel);
        assert_eq!(detect_format(&text), Format::Tabari, "{rel}");
        let d = load_verbs(&rel, &text).unwrap_or_else(|e| panic!("{e}"));
        let v = &d.value;
        report(
            &rel,
            &text,
            &d,
            &format!(
                "{} synsets, {} verbs, {} patterns, {} sections",
                v.synsets.len(),
                v.verbs.len(),
                v.pattern_count(),
                v.sections.len()
            ),
        );
        if rel.ends_with("Demo.verbs") {
            assert_eq!(v.synsets.len(), 5);
            assert_eq!(v.sections.len(), 1);
            assert_eq!(v.sections[0].name, "TIME");
            let accord = v
                .verbs
                .iter()
                .find(|e| e.lemma == "ACCORD")
                .expect("accord");
            let p = &accord.patterns[0];
            // `- SUGGESTED_+ * DEMAND_{ GENEVA_ | INTERNATIONAL }_CONVENTIONS  [111]`
            assert!(p.items[0].adjacent);
            assert_eq!(p.items[1].token, PatternToken::Target);
            match &p.items[4].token {
                PatternToken::Alternatives(alts) => assert_eq!(alts.len(), 2),
                t => panic!("expected alternatives, got {t:?}"),
            }
            let act = v.verbs.iter().find(|e| e.lemma == "ACT_").expect("act_");
            assert_eq!(act.forms[0].irregular.len(), 3);
            let allow = v.verbs.iter().find(|e| e.lemma == "ALLOW").expect("allow");
            assert!(allow.patterns[0].items.iter().any(|i| i.tilde));
        } else {
            assert!(v.verbs.len() > 1000);
            assert!(v.pattern_count() > 10_000);
        }
    }

    let (_, text) = read(&dir, "tabari/CAMEO.091003.master.verbs");
    let master = load_verbs("master", &text).unwrap_or_else(|e| panic!("{e}"));
    let discards = tabari_discards(&a.value, &master.value);
    eprintln!(
        "tabari [###] discards (demo actors + master verbs): {}",
        discards.entries.len()
    );
    assert!(discards
        .entries
        .iter()
        .any(|e| e.phrase.text() == "PNEUMONIA"));

    let (rel, text) = read(&dir, "tabari/Validate.agents");
    assert_eq!(detect_format(&text), Format::Tabari);
    let g = load_agents(&rel, &text).unwrap_or_else(|e| panic!("{e}"));
    report(
        &rel,
        &text,
        &g,
        &format!("{} agents", g.value.entries.len()),
    );
    let amb = &g.value.entries[1];
    assert_eq!(amb.code, "GOV");
    assert_eq!(amb.phrases.len(), 1, "tabari generates no plurals");
    assert!(amb.phrases[0].stop);

    // TABARI's `discards.txt` in this collection is a tab-separated data table, not a
    // dictionary: it must be refused with a typed error, not misread.
    let (rel, text) = read(&dir, "tabari/discards.txt");
    assert_eq!(detect_format(&text), Format::NotDictionary);
    let err = load_discards(&rel, &text).expect_err("tabular data");
    eprintln!("{rel}: {err}");
}
