//! Always-on tests over the hand-written dictionaries in `test_data/`, which mimic the
//! PETRARCH-2 and TABARI formats and their oddities (no `../shared` needed).

use detente_legacy::{
    decode, detect_format, load_actors, load_agents, load_discards, load_petrarch_actors,
    load_petrarch_agents, load_petrarch_discards, load_petrarch_verbs, load_tabari_actors,
    load_tabari_agents, load_tabari_verbs, load_verbs, tabari_discards, AgentPlacement,
    DiscardScope, Format, Join, PatternItem, PatternToken, Warning,
};

const P_ACTORS: &str = include_str!("../test_data/petrarch.actors.txt");
const P_AGENTS: &str = include_str!("../test_data/petrarch.agents.txt");
const P_VERBS: &str = include_str!("../test_data/petrarch.verbs.txt");
const P_DISCARDS: &str = include_str!("../test_data/petrarch.discards.txt");
const T_ACTORS: &str = include_str!("../test_data/tabari.actors");
const T_VERBS: &str = include_str!("../test_data/tabari.verbs");
const T_AGENTS: &str = include_str!("../test_data/tabari.agents");

fn has_warning(ws: &[Warning], line: usize, needle: &str) -> bool {
    ws.iter().any(|w| w.line == line && w.msg.contains(needle))
}

fn tokens(items: &[PatternItem]) -> Vec<&PatternToken> {
    items.iter().map(|i| &i.token).collect()
}

#[test]
fn formats_are_detected() {
    for t in [P_ACTORS, P_AGENTS, P_VERBS, P_DISCARDS] {
        assert_eq!(detect_format(t), Format::Petrarch);
    }
    for t in [T_ACTORS, T_VERBS, T_AGENTS] {
        assert_eq!(detect_format(t), Format::Tabari);
    }
    let table = "a\tb\tc\td\te\n1\t2\t3\t4\t5\n";
    assert_eq!(detect_format(table), Format::NotDictionary);
    let err = load_actors("x.tsv", table).expect_err("table");
    assert_eq!(err.line, 1);
    assert!(err.to_string().starts_with("x.tsv:1: not a dictionary"));
}

#[test]
fn petrarch_actors() {
    let d = load_petrarch_actors(P_ACTORS, "a.txt").unwrap();
    let e = &d.value.entries;
    assert_eq!(e.len(), 7, "{e:#?}");
    let frd = &e[0];
    assert_eq!(frd.line, 7);
    assert_eq!(frd.names.len(), 4);
    assert_eq!(frd.names[0].text(), "FREEDONIA_");
    assert!(frd.names[0].stop);
    assert_eq!(frd.names[3].joins, [Join::Gap]);
    assert_eq!(frd.codes[0].code, "FRD");
    let rufus = &e[1];
    assert_eq!(rufus.names[0].words, ["RUFUS", "T.", "FIREFLY"]);
    let c = &rufus.codes;
    assert_eq!(c.len(), 4);
    assert_eq!(c[0].from.unwrap().to_string(), "2009-01-20");
    assert!(c[0].to.is_none());
    assert_eq!(c[1].to.unwrap().to_string(), "2009-01-20");
    assert_eq!(c[2].from.unwrap().to_string(), "2001-01-01");
    assert_eq!(c[2].to.unwrap().to_string(), "2005-01-01");
    assert_eq!(c[3].from.unwrap().year, 1985);
    // Two codes on one line.
    assert_eq!(e[2].codes.len(), 2);
    // Un-prefixed name lines above one code block form one actor.
    assert_eq!(e[3].names.len(), 2);
    assert_eq!(e[3].codes[0].from.unwrap().year, 1930);
    // Lower-case code, then an actor without a code (it does not join GRAND_FENWICK,
    // which already has a code).
    assert_eq!(e[4].codes[0].code, "GFK");
    assert!(has_warning(&d.warnings, 24, "lower-case"));
    assert!(e[5].codes.is_empty());
    assert!(has_warning(&d.warnings, 25, "has no code"));
    // PETRARCH reads a 7-digit date as YYMMDD: 2004017 is 2020-04-01.
    assert_eq!(e[6].codes[0].to.unwrap().to_string(), "2020-04-01");
    assert!(has_warning(&d.warnings, 27, "petrarch's rule"));
    assert_eq!(d.warnings.len(), 3, "{:?}", d.warnings);
}

#[test]
fn petrarch_agents() {
    let d = load_petrarch_agents(P_AGENTS, "g.txt").unwrap();
    let v = &d.value;
    assert_eq!(v.substitutions["PERSON"].len(), 5);
    let find = |w: &str| v.entries.iter().find(|e| e.written == w).unwrap();
    let texts = |w: &str| find(w).phrases.iter().map(|p| p.text()).collect::<Vec<_>>();
    assert_eq!(texts("FARMER"), ["FARMER", "FARMERS"]);
    assert_eq!(texts("POLICE {}"), ["POLICE"]);
    assert_eq!(texts("THIEF {THIEVES}"), ["THIEF", "THIEVES"]);
    assert_eq!(
        texts("SECURITY SERVICE"),
        ["SECURITY SERVICE", "SECURITY SERVICES"]
    );
    assert_eq!(texts("CONGRESS!PERSON!").len(), 5);
    assert_eq!(texts("CONGRESS!PERSON!")[1], "CONGRESSMEN");
    assert_eq!(texts("!MINIST!_OF_FISHERIES")[3], "MINISTRIES_OF_FISHERIES");
    assert_eq!(texts("COUNTRY"), ["COUNTRY", "COUNTRIES"]);
    assert_eq!(texts("BOSS_"), ["BOSS_"]);
    let ngo = find("AID_AGENCY");
    assert_eq!(
        (ngo.code.as_str(), ngo.placement),
        ("NGO", AgentPlacement::Prefix)
    );
    assert_eq!(find("COUNTRY").code, "CVL");
    assert_eq!(find("DEPARTMENT_OF_WEATHER").code, "ENV");
    assert!(has_warning(&d.warnings, 14, "not closed"));
    assert!(has_warning(&d.warnings, 15, "without a [code]"));
    assert_eq!(d.warnings.len(), 2, "{:?}", d.warnings);
}

#[test]
fn petrarch_verbs() {
    let d = load_petrarch_verbs(P_VERBS, "v.txt").unwrap();
    let v = &d.value;
    assert_eq!(v.synsets.len(), 3);
    let cur = &v.synsets["CURRENCY"];
    assert_eq!(cur.members.len(), 3);
    assert!(cur.members[1].stop);
    assert_eq!(cur.line, 4);
    assert_eq!(v.verbs.len(), 2);
    let meet = &v.verbs[0];
    assert_eq!(meet.lemma, "MEET");
    assert_eq!(meet.code.as_ref().unwrap().raw, "040");
    assert_eq!(meet.forms.len(), 3);
    assert_eq!(
        meet.forms[0].irregular,
        [vec!["MEETS"], vec!["MEETING"], vec!["MET"]]
    );
    let sit = &meet.forms[2];
    assert_eq!(
        (sit.words.clone(), sit.head),
        (vec!["SIT".to_string(), "DOWN".to_string()], 0)
    );
    assert_eq!(sit.irregular[1], ["SAT", "DOWN"]);
    assert_eq!(sit.code.as_ref().unwrap().raw, "043");
    let p = &meet.patterns;
    assert_eq!(p.len(), 6);
    let t0 = tokens(&p[0].items);
    assert_eq!(t0[0], &PatternToken::Source);
    assert_eq!(t0[1], &PatternToken::Verb);
    match t0[2] {
        PatternToken::Prep(inner) => {
            assert_eq!(
                tokens(inner),
                [&PatternToken::Word("WITH".into()), &PatternToken::Target]
            );
        }
        t => panic!("{t:?}"),
    }
    assert_eq!(p[0].comment.as_deref(), Some("MEET"));
    assert!(p[0].text.starts_with("- $ * (WITH +)"));
    assert_eq!(p[0].line, 23);
    let c1 = p[1].code.as_ref().unwrap();
    assert_eq!(
        (c1.primary.as_deref(), c1.paired.as_deref()),
        (Some("046"), Some("046"))
    );
    match tokens(&p[1].items)[1] {
        PatternToken::Prep(inner) => assert_eq!(inner[1].token, PatternToken::Skip),
        t => panic!("{t:?}"),
    }
    match tokens(&p[2].items)[1] {
        PatternToken::Group(inner) => {
            assert_eq!(inner[0].token, PatternToken::Synset("CURRENCY".into()));
        }
        t => panic!("{t:?}"),
    }
    // `&AUXVERB1` resolves to the set defined as `&AUXVERB1_`; `[:040]` is reverse-only.
    assert_eq!(
        p[3].items[0].token,
        PatternToken::Synset("AUXVERB1_".into())
    );
    let c3 = p[3].code.as_ref().unwrap();
    assert_eq!(
        (c3.primary.as_deref(), c3.paired.as_deref()),
        (None, Some("040"))
    );
    assert_eq!(p[4].items[0].token, PatternToken::Compound);
    match &p[4].items[2].token {
        PatternToken::Prep(inner) => {
            assert_eq!(
                inner[1].token,
                PatternToken::Synset("FIGHT_OF_WORDS".into())
            );
        }
        t => panic!("{t:?}"),
    }
    match &p[5].items[1].token {
        PatternToken::Prep(inner) => assert!(matches!(inner[1].token, PatternToken::Group(_))),
        t => panic!("{t:?}"),
    }
    let halt = &v.verbs[1];
    assert!(halt.code.as_ref().unwrap().is_null());
    assert_eq!(halt.forms[0].words, ["HALT"]);
    assert_eq!(halt.patterns[0].code.as_ref().unwrap().raw, "080!");
    assert_eq!(halt.patterns.len(), 4);
    assert_eq!(v.transformations.len(), 1);
    assert_eq!(v.transformations[0].rhs, "a b 015");
    let w = &d.warnings;
    assert!(
        has_warning(w, 33, "undefined synonym set &WEATHER"),
        "{w:?}"
    );
    assert!(has_warning(w, 34, "unclosed"));
    assert!(has_warning(w, 35, "without a [code]"));
    assert!(has_warning(w, 39, "without '='"));
    assert_eq!(w.len(), 4, "{w:?}");
}

#[test]
fn petrarch_discards() {
    let d = load_petrarch_discards(P_DISCARDS, "d.txt").unwrap();
    let e = &d.value.entries;
    assert_eq!(e.len(), 4);
    assert_eq!(
        (e[0].phrase.text(), e[0].scope),
        ("1914".into(), DiscardScope::Sentence)
    );
    assert_eq!(e[2].phrase.words, ["WORLD", "GOLF", "CHAMPIONSHIPS"]);
    assert_eq!(e[2].scope, DiscardScope::Story);
    assert_eq!(e[3].phrase.text(), "SPACE_AFTER_PLUS");
    assert!(d.warnings.is_empty());
    assert_eq!(load_discards("d.txt", P_DISCARDS).unwrap(), d);
}

#[test]
fn tabari_actors() {
    let d = load_tabari_actors(T_ACTORS, "t.actors").unwrap();
    assert!(d.warnings.is_empty(), "{:?}", d.warnings);
    let v = &d.value;
    assert_eq!(v.sections.len(), 2);
    assert_eq!(v.sections[0].name, "NOUN");
    assert_eq!(
        v.sections[0].lines,
        [(2, "BEES".to_string()), (3, "FORCES_".to_string())]
    );
    assert_eq!(v.entries.len(), 6);
    assert!(!v.entries[0].names[0].stop, "ARGENTIN is a stem");
    assert_eq!(v.entries[1].codes[1].code, "---");
    assert_eq!(v.entries[2].codes[0].to.unwrap().to_string(), "1991-12-26");
    assert_eq!(v.entries[3].codes[0].code, "###");
    assert_eq!(v.entries[4].codes[0].code, "FRO/BIL/SAM");
    let gollum = &v.entries[5];
    assert_eq!(gollum.names.len(), 2);
    assert_eq!(gollum.codes[1].from.unwrap().year, 1995);
    assert_eq!(gollum.codes[2].from.unwrap().to_string(), "1999-08-16");
    assert_eq!(load_actors("t.actors", T_ACTORS).unwrap(), d);
}

#[test]
fn tabari_verbs() {
    let d = load_tabari_verbs(T_VERBS, "t.verbs").unwrap();
    let v = &d.value;
    assert_eq!(v.synsets.len(), 2);
    assert_eq!(
        v.synsets["TIEPHRASE"].members[0].words,
        ["&TIETYPES", "MEMOS"]
    );
    assert_eq!(v.sections.len(), 1);
    assert_eq!(v.sections[0].lines.len(), 2);
    let lemmas: Vec<&str> = v.verbs.iter().map(|e| e.lemma.as_str()).collect();
    assert_eq!(
        lemmas,
        [
            "ABANDON",
            "ACCORD",
            "ACT_",
            "ADMIT",
            "BRUSH_ASIDE_REPORTS",
            "BAN"
        ]
    );
    let p = &v.verbs[0].patterns[0];
    assert_eq!(p.items[1].token, PatternToken::Word("NEW".into()));
    assert!(p.items[1].adjacent);
    assert_eq!(p.items[2].token, PatternToken::Synset("TIETYPES".into()));
    assert!(p.items[2].adjacent);
    assert_eq!(p.items[3].token, PatternToken::Word("RELATIONS".into()));
    let p = &v.verbs[1].patterns[0];
    match &p.items[4].token {
        PatternToken::Alternatives(alts) => {
            assert_eq!(alts.len(), 2);
            assert_eq!(alts[0][0].token, PatternToken::Word("GENEVA".into()));
            assert!(alts[0][0].adjacent);
        }
        t => panic!("{t:?}"),
    }
    assert!(p.items[4].adjacent, "}}_CONVENTIONS");
    assert_eq!(v.verbs[2].forms[0].irregular.len(), 3);
    assert!(v.verbs[2].forms[0].stop);
    assert!(v.verbs[2].patterns[0].items[2].tilde);
    assert_eq!(
        v.verbs[3].code.as_ref().unwrap().paired.as_deref(),
        Some("012")
    );
    let brush = &v.verbs[4];
    assert_eq!(brush.forms[0].words, ["BRUSH", "ASIDE", "REPORTS"]);
    match &brush.patterns[0].items[1].token {
        PatternToken::Alternatives(a) => assert_eq!(a.len(), 2),
        t => panic!("{t:?}"),
    }
    assert_eq!(brush.patterns[0].items[2].token, PatternToken::Verb);
    assert!(has_warning(&d.warnings, 21, "closed by ']'"));
    assert!(has_warning(&d.warnings, 22, "'='"));
    assert_eq!(d.warnings.len(), 2, "{:?}", d.warnings);
    assert_eq!(load_verbs("t.verbs", T_VERBS).unwrap(), d);
}

#[test]
fn tabari_agents() {
    let d = load_tabari_agents(T_AGENTS, "t.agents").unwrap();
    assert!(d.warnings.is_empty());
    let e = &d.value.entries;
    assert_eq!(e.len(), 4);
    assert_eq!(e[0].code, "OPP");
    assert_eq!(e[0].phrases.len(), 1);
    assert!(e[0].phrases[0].stop);
    assert_eq!(e[2].placement, AgentPlacement::Prefix);
    assert_eq!(load_agents("t.agents", T_AGENTS).unwrap(), d);
}

#[test]
fn decoding_falls_back_to_latin1() {
    let (s, fb) = decode(b"CAF\xc9 [FRA]\n");
    assert!(fb);
    assert_eq!(s, "CAF\u{c9} [FRA]\n");
    let (s, fb) = decode("ŞAM [SYR]".as_bytes());
    assert!(!fb);
    assert_eq!(s, "ŞAM [SYR]");
}

#[test]
fn crlf_and_empty_inputs() {
    let d = load_petrarch_actors("A [AAA]\r\n+B\r\n", "x").unwrap();
    assert_eq!(d.value.entries[0].names[1].text(), "B");
    assert!(load_petrarch_verbs("", "x").unwrap().value.verbs.is_empty());
    assert!(load_petrarch_agents("", "x")
        .unwrap()
        .value
        .entries
        .is_empty());
}

#[test]
fn hostile_patterns_are_bounded() {
    let deep = format!(
        "--- X [010] ---\n- * {}A{} [010]\n",
        "(".repeat(100_000),
        ")".repeat(100_000)
    );
    let d = load_petrarch_verbs(&deep, "deep").unwrap();
    assert_eq!(d.value.pattern_count(), 1);
    assert!(d
        .warnings
        .iter()
        .any(|w| w.msg.contains("nested too deeply")));
    let long = format!(
        "&A_\n+X\n\n--- X [010] ---\n- * &{} [010]\n",
        "A_".repeat(200_000)
    );
    let d = load_petrarch_verbs(&long, "long").unwrap();
    let p = &d.value.verbs[0].patterns[0];
    assert_eq!(p.items[1].token, PatternToken::Synset("A_".into()));
}

#[test]
fn tabari_discard_codes() {
    let a = load_tabari_actors(
        "KAN_WA_MA_KAN [###]\nENT [### <890101] [ENT]\nX [XXX]\n",
        "a",
    )
    .unwrap();
    let v = load_tabari_verbs("DAVIS_CUP  [###] ;JW\nSAY [010]\n", "v").unwrap();
    let d = tabari_discards(&a.value, &v.value);
    let texts: Vec<String> = d.entries.iter().map(|e| e.phrase.text()).collect();
    assert_eq!(texts, ["KAN_WA_MA_KAN", "DAVIS_CUP"]);
}
