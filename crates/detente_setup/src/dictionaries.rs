//! Actor and agent dictionaries (`--actors`, `--agents`, `Coder(actors=..., agents=...)`):
//! replacing the built-in ones for one run with the user's own files, in PETRARCH-2,
//! TABARI or the project's block format.
//!
//! Legacy files are read with `detente_legacy` (format detected per file, Latin-1 bytes
//! tolerated) and converted here into the plain types of `detente_actors`, so that the
//! recogniser never depends on the legacy readers. A legacy actor whose codes are all one
//! undated three-letter code (`ARNOR [ARN]`) becomes a country, so that agent nouns
//! compose with it ("Arnor's soldiers" → ARNMIL); any other actor becomes a named actor
//! with dated roles (`[USAGOV >20090120]`). Legacy agent phrases become agent nouns with
//! their code and placement (`[~MIL]` suffix, `[NGO~]` prefix). Files in the project's
//! own format (blocks with indented `key: value` lines) go to the existing loaders.
//! Loader warnings are returned as `path:line: warning: ...` lines for stderr; errors
//! name the file and line.

use std::path::Path;

use crate::lexicon::read_latin;
use anyhow::Context;
use detente_actors::{
    load_agents, load_countries, load_organisations, load_people, Agent, Country, CountryStatus,
    Date, DatedRole, KnowledgeBase, Organisation, Person,
};
use detente_legacy::{
    ActorDictionary, AgentDictionary, AgentPlacement, DatedCode, Phrase, Warning,
};

/// Named actors gathered from every `--actors` file.
#[derive(Default)]
struct NamedActors {
    countries: Vec<Country>,
    people: Vec<Person>,
    organisations: Vec<Organisation>,
}

/// Builds the knowledge base for a run: the built-in one, with its named actors replaced
/// when `actors` is not empty and its agents replaced when `agents` is given. Each input
/// is `(path name, text)`. Returns the warnings, formatted for stderr.
pub fn knowledge_base_from_texts(
    actors: &[(String, String)],
    agents: Option<&(String, String)>,
) -> anyhow::Result<(KnowledgeBase, Vec<String>)> {
    let mut kb = detente_actors::builtin().context("loading the built-in dictionaries")?;
    let mut warnings = Vec::new();
    let legacy = actors.iter().any(|(_, t)| !is_project_format(t))
        || agents.is_some_and(|(_, t)| !is_project_format(t));
    kb = kb.with_legacy_agents(legacy);
    if !actors.is_empty() {
        let mut named = NamedActors::default();
        for (name, text) in actors {
            add_actor_file(name, text, &mut named, &mut warnings)?;
        }
        kb = kb.with_named_actors(named.countries, named.people, named.organisations);
    }
    if let Some((name, text)) = agents {
        let list = if is_project_format(text) {
            load_agents(name, text)?
        } else {
            let loaded = detente_legacy::load_agents(name, text)?;
            push_warnings(name, &loaded.warnings, &mut warnings);
            agents_from_legacy(&loaded.value)
        };
        kb = kb.with_agents(list);
    }
    Ok((kb, warnings))
}

/// Reads the files and builds the knowledge base (see [`knowledge_base_from_texts`]).
pub fn knowledge_base(
    actors: &[impl AsRef<Path>],
    agents: Option<&Path>,
) -> anyhow::Result<(KnowledgeBase, Vec<String>)> {
    let actors: Vec<(String, String)> = actors
        .iter()
        .map(|p| read_latin(p.as_ref()))
        .collect::<anyhow::Result<_>>()?;
    let agents = agents.map(read_latin).transpose()?;
    knowledge_base_from_texts(&actors, agents.as_ref())
}

fn push_warnings(name: &str, from: &[Warning], out: &mut Vec<String>) {
    out.extend(
        from.iter()
            .map(|w| format!("{name}:{}: warning: {}", w.line, w.msg)),
    );
}

/// True for the project's block format: some indented `key: value` line with a
/// lower-case key, and none of the legacy markers (`[CODE]`, `+SYNONYM`, `<!--`).
fn is_project_format(text: &str) -> bool {
    let mut fields = false;
    for line in text.lines() {
        let t = line.trim();
        if t.is_empty() || t.starts_with('#') {
            continue;
        }
        if t.starts_with('[') || t.starts_with('+') || t.starts_with("<!--") || t.contains("~]") {
            return false;
        }
        if line.starts_with([' ', '\t']) {
            if let Some((key, _)) = t.split_once(':') {
                if !key.is_empty()
                    && key
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
                {
                    fields = true;
                }
            }
        }
    }
    fields
}

fn add_actor_file(
    name: &str,
    text: &str,
    named: &mut NamedActors,
    warnings: &mut Vec<String>,
) -> anyhow::Result<()> {
    if is_project_format(text) {
        let has = |key: &str| {
            text.lines()
                .any(|l| l.starts_with([' ', '\t']) && l.trim_start().starts_with(key))
        };
        if has("iso2:") {
            named.countries.extend(load_countries(name, text)?);
        } else if has("kind:") {
            named.organisations.extend(load_organisations(name, text)?);
        } else {
            named.people.extend(load_people(name, text)?);
        }
        return Ok(());
    }
    let loaded = detente_legacy::load_actors(name, text)?;
    push_warnings(name, &loaded.warnings, warnings);
    let (countries, people, skipped) = actors_from_legacy(&loaded.value);
    push_warnings(name, &skipped, warnings);
    for c in countries {
        match named.countries.iter_mut().find(|x| x.code == c.code) {
            Some(x) => {
                for n in c.names {
                    if !x.names.contains(&n) {
                        x.names.push(n);
                    }
                }
            }
            None => named.countries.push(c),
        }
    }
    named.people.extend(people);
    Ok(())
}

/// Converts a legacy actor dictionary: single-country-code actors to countries (merged
/// by code), the others to named actors with dated roles; a compound code (`ELR/GAL`)
/// is one role whose parts the recogniser codes together. Entries with no usable code
/// (`---`, `###`, `+++`) are skipped with a warning.
pub fn actors_from_legacy(dict: &ActorDictionary) -> (Vec<Country>, Vec<Person>, Vec<Warning>) {
    let mut countries: Vec<Country> = Vec::new();
    let mut people = Vec::new();
    let mut warnings = Vec::new();
    for e in &dict.entries {
        let names: Vec<String> = dedup(e.names.iter().map(actor_name).filter(|n| !n.is_empty()));
        if names.is_empty() {
            continue;
        }
        let usable: Vec<&DatedCode> = e.codes.iter().filter(|c| usable_code(&c.code)).collect();
        if usable.is_empty() {
            if !e.codes.is_empty() {
                warnings.push(Warning {
                    line: e.line,
                    msg: format!("actor '{}' has no usable code; skipped", names[0]),
                });
            }
            continue;
        }
        let single_country = usable.iter().all(|c| {
            c.code.len() == 3
                && !c.code.contains('/')
                && c.from.is_none()
                && c.to.is_none()
                && c.code == usable[0].code
        });
        if single_country {
            let code = usable[0].code.clone();
            match countries.iter_mut().find(|c| c.code == code) {
                Some(c) => {
                    for n in names {
                        if !c.names.contains(&n) {
                            c.names.push(n);
                        }
                    }
                }
                None => countries.push(Country {
                    code,
                    iso2: String::new(),
                    names,
                    adjectives: Vec::new(),
                    capital: None,
                    cities: Vec::new(),
                    metonyms: Vec::new(),
                    status: CountryStatus::Other,
                    line: e.line,
                }),
            }
            continue;
        }
        // Dated codes override the undated defaults, as in PETRARCH: list them first,
        // since the first role that applies wins.
        let mut roles: Vec<DatedRole> = Vec::new();
        for c in usable.iter().filter(|c| c.from.is_some() || c.to.is_some()) {
            match dated_role(c) {
                Some(r) => roles.push(r),
                None => warnings.push(Warning {
                    line: e.line,
                    msg: format!("date restriction of '{}' never applies; ignored", c.code),
                }),
            }
        }
        for c in usable.iter().filter(|c| c.from.is_none() && c.to.is_none()) {
            roles.push(DatedRole {
                code: c.code.clone(),
                from: None,
                to: None,
            });
        }
        if roles.is_empty() {
            continue;
        }
        people.push(Person {
            names,
            roles,
            title: None,
            line: e.line,
        });
    }
    (countries, people, warnings)
}

/// A code the recogniser can use: letters and digits, at least three, starting with a
/// letter (`GON`, `GONGOV`, `G77`); a compound actor (`ELR/GAL`, one actor standing for
/// several, as PETRARCH codes it) when every part is one. `---` and `###` are not.
fn usable_code(code: &str) -> bool {
    code.split('/').all(|part| {
        part.len() >= 3
            && part.starts_with(|c: char| c.is_ascii_uppercase())
            && part
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
    })
}

/// PETRARCH reads `>D` and `<D` as strict and `A-B` as inclusive; detente roles run from
/// an inclusive to an exclusive day.
fn dated_role(c: &DatedCode) -> Option<DatedRole> {
    let conv = |d: &detente_legacy::Date| Date::new(d.year, d.month, d.day);
    let (from, to) = match (&c.from, &c.to) {
        (Some(f), Some(t)) => (Some(conv(f)?), Some(next_day(conv(t)?))),
        (Some(f), None) => (Some(next_day(conv(f)?)), None),
        (None, Some(t)) => (None, Some(conv(t)?)),
        (None, None) => (None, None),
    };
    if let (Some(f), Some(t)) = (from, to) {
        if f >= t {
            return None;
        }
    }
    Some(DatedRole {
        code: c.code.clone(),
        from,
        to,
    })
}

fn next_day(d: Date) -> Date {
    Date::new(d.year, d.month, d.day + 1)
        .or_else(|| Date::new(d.year, d.month + 1, 1))
        .or_else(|| Date::new(d.year + 1, 1, 1))
        .unwrap_or(d)
}

/// Converts a legacy agent dictionary into agent nouns: every expanded phrase (singulars
/// and plurals) is a name; the placement is kept.
pub fn agents_from_legacy(dict: &AgentDictionary) -> Vec<Agent> {
    dict.entries
        .iter()
        .filter(|e| !e.code.is_empty() && e.code.bytes().all(|b| b.is_ascii_uppercase()))
        .filter_map(|e| {
            let names = dedup(e.phrases.iter().map(agent_name).filter(|n| !n.is_empty()));
            (!names.is_empty()).then(|| Agent {
                code: e.code.clone(),
                names,
                plurals: Vec::new(),
                prefix: e.placement == AgentPlacement::Prefix,
                line: e.line,
            })
        })
        .collect()
}

fn dedup(names: impl Iterator<Item = String>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for n in names {
        if !out.contains(&n) {
            out.push(n);
        }
    }
    out
}

/// A legacy actor phrase as a name: words capitalised (`GEORGE_W._BUSH` → `George W.
/// Bush`), since the matcher wants a capital in the text for names. A one-word phrase of
/// at most three letters stays in capitals and so only matches capitals (`UN`, `US`).
fn actor_name(p: &Phrase) -> String {
    if let [w] = p.words.as_slice() {
        if w.chars().filter(|c| c.is_alphabetic()).count() <= 3 {
            return w.clone();
        }
    }
    p.words
        .iter()
        .map(|w| {
            let mut out = String::with_capacity(w.len());
            let mut start = true;
            for ch in w.chars() {
                if start {
                    out.extend(ch.to_uppercase());
                } else {
                    out.extend(ch.to_lowercase());
                }
                start = !ch.is_alphanumeric() && ch != '\'';
            }
            out
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A legacy agent phrase as an agent noun: lower case, words separated by blanks.
fn agent_name(p: &Phrase) -> String {
    p.words
        .iter()
        .map(|w| w.to_lowercase())
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use detente_actors::ActorRecognizer;

    const ACTORS: &str = "\
<!-- fictional test actors -->
GONDOR [GON]
+GONDORIAN [GON]
ARAGORN [GONGOV >20200101]
\t[GONREB]
ELENDIL_OF_NUMENOR [NUMGOV 19990101-20001231]
NAZGUL [---]
";
    const AGENTS: &str = "\
SOLDIER [~MIL]
AID_AGENCY [NGO~] # prefix agent
";

    fn day(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn kb(actors: &str, agents: Option<&str>) -> (KnowledgeBase, Vec<String>) {
        let actors = vec![("a.txt".to_string(), actors.to_string())];
        let agents = agents.map(|t| ("g.txt".to_string(), t.to_string()));
        knowledge_base_from_texts(&actors, agents.as_ref()).unwrap()
    }

    /// Codes of every mention of `text`, parsed with the built-in model.
    fn codes(kb: &KnowledgeBase, text: &str, date: Date) -> Option<Vec<String>> {
        let Ok(model) = detente_syntax::Model::builtin() else {
            eprintln!("skipping: no built-in model");
            return None;
        };
        let doc = detente_pipeline::analyze(model, text).expect("analyze");
        let tagged: Vec<_> = (0..doc.sentences.len()).map(|i| doc.tagged(i)).collect();
        let found = ActorRecognizer::new(kb).analyze_document(&tagged, date);
        Some(
            found
                .mentions
                .iter()
                .flatten()
                .flat_map(|m| m.codes.clone())
                .collect(),
        )
    }

    #[test]
    fn legacy_actors_become_countries_and_dated_named_actors() {
        let loaded = detente_legacy::load_actors("a.txt", ACTORS).unwrap();
        let (countries, people, warnings) = actors_from_legacy(&loaded.value);
        assert_eq!(countries.len(), 1);
        assert_eq!(countries[0].code, "GON");
        assert_eq!(countries[0].names, ["Gondor", "Gondorian"]);
        assert_eq!(people.len(), 2);
        let aragorn = &people[0];
        assert_eq!(aragorn.names, ["Aragorn"]);
        // `>` is strict in PETRARCH; the dated role comes before the undated default.
        assert_eq!(aragorn.role_on(day("2020-01-01")).unwrap().code, "GONREB");
        assert_eq!(aragorn.role_on(day("2020-01-02")).unwrap().code, "GONGOV");
        let elendil = &people[1];
        assert_eq!(elendil.names, ["Elendil Of Numenor"]);
        // A range is inclusive at both ends.
        assert!(elendil.role_on(day("2000-12-31")).is_some());
        assert!(elendil.role_on(day("2001-01-01")).is_none());
        assert!(elendil.role_on(day("1998-12-31")).is_none());
        assert_eq!(warnings.len(), 1, "{warnings:?}");
        assert_eq!(warnings[0].line, 7);
        assert!(warnings[0].msg.contains("NAZGUL") || warnings[0].msg.contains("Nazgul"));
    }

    #[test]
    fn compound_and_digit_codes_are_usable() {
        assert!(usable_code("GON") && usable_code("G77") && usable_code("ELR/GAL"));
        assert!(!usable_code("---") && !usable_code("###") && !usable_code("+++"));
        assert!(!usable_code("ELR/") && !usable_code("77G"));
        let loaded =
            detente_legacy::load_actors("a.txt", "LORIEN [ELR/GAL]\nGROUP_OF_77 [G77]\n").unwrap();
        let (countries, people, warnings) = actors_from_legacy(&loaded.value);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(countries.len(), 1);
        assert_eq!(countries[0].code, "G77");
        assert_eq!(people.len(), 1);
        assert_eq!(people[0].roles[0].code, "ELR/GAL");
    }

    #[test]
    fn legacy_agents_keep_phrases_and_placement() {
        let loaded = detente_legacy::load_agents("g.txt", AGENTS).unwrap();
        let agents = agents_from_legacy(&loaded.value);
        assert_eq!(agents.len(), 2);
        assert_eq!(agents[0].code, "MIL");
        assert!(!agents[0].prefix);
        assert!(agents[0].names.contains(&"soldier".to_string()));
        assert!(agents[0].names.contains(&"soldiers".to_string()));
        assert_eq!(agents[1].code, "NGO");
        assert!(agents[1].prefix);
        assert!(agents[1].names.contains(&"aid agencies".to_string()));
    }

    #[test]
    fn names_are_capitalised_and_short_ones_stay_acronyms() {
        let p = |words: &[&str]| Phrase {
            words: words.iter().map(|w| w.to_string()).collect(),
            joins: vec![detente_legacy::Join::Adjacent; words.len() - 1],
            stop: false,
        };
        assert_eq!(actor_name(&p(&["GEORGE", "W.", "BUSH"])), "George W. Bush");
        assert_eq!(actor_name(&p(&["AL-QAEDA"])), "Al-Qaeda");
        assert_eq!(actor_name(&p(&["U.N."])), "U.N.");
        assert_eq!(actor_name(&p(&["IRAN"])), "Iran");
        assert_eq!(agent_name(&p(&["FOREIGN", "MINISTER"])), "foreign minister");
    }

    #[test]
    fn project_format_is_detected_and_routed() {
        assert!(!is_project_format(ACTORS));
        assert!(!is_project_format(AGENTS));
        let agents = "FOO foot soldier\n    plural: foot soldiers\n";
        assert!(is_project_format(agents));
        let (kb, _) = kb(
            "Aragorn\n    role: GONGOV 2020-01-02..\n",
            Some("MIL foot soldier\n    plural: foot soldiers\n"),
        );
        assert!(kb.countries.is_empty());
        assert_eq!(kb.people.len(), 1);
        assert_eq!(kb.agents.len(), 1);
        assert_eq!(
            kb.lookup("Aragorn", day("2021-01-01")).as_deref(),
            Some("GONGOV")
        );
        let (kb, _) = kb_countries();
        assert_eq!(
            kb.country("GON").map(|c| c.names[0].as_str()),
            Some("Gondor")
        );
    }

    fn kb_countries() -> (KnowledgeBase, Vec<String>) {
        kb(
            "GON Gondor\n    iso2: GO\n    status: other\n    adj: Gondorian\n",
            None,
        )
    }

    #[test]
    fn errors_and_warnings_name_file_and_line() {
        let err = knowledge_base_from_texts(
            &[("bad.tsv".into(), "a\tb\tc\td\te\nf\tg\th\ti\tj\n".into())],
            None,
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("bad.tsv:1:"), "{err}");
        let err = knowledge_base_from_texts(
            &[("people.txt".into(), "Aragorn\n    role: gon\n".into())],
            None,
        )
        .unwrap_err();
        assert!(err.to_string().starts_with("people.txt:2:"), "{err}");
        let (_, warnings) = kb(ACTORS, None);
        assert!(
            warnings.iter().any(|w| w.starts_with("a.txt:7: warning: ")),
            "{warnings:?}"
        );
    }

    #[test]
    fn legacy_dictionaries_drive_recognition() {
        let (kb, _) = kb(ACTORS, Some(AGENTS));
        assert!(kb.agent_is_prefix("NGO"));
        let Some(found) = codes(
            &kb,
            "Gondor's soldiers crossed the river.",
            day("2021-05-01"),
        ) else {
            return;
        };
        assert!(found.contains(&"GONMIL".to_string()), "{found:?}");
        let found = codes(&kb, "Aragorn arrived in Gondor.", day("2021-05-01")).unwrap();
        assert_eq!(
            found.first().map(String::as_str),
            Some("GONGOV"),
            "{found:?}"
        );
        let found = codes(&kb, "Aragorn arrived in Gondor.", day("2019-05-01")).unwrap();
        assert_eq!(
            found.first().map(String::as_str),
            Some("GONREB"),
            "{found:?}"
        );
        // The built-in countries are gone; the built-in agents too.
        let found = codes(&kb, "Syrian troops crossed the river.", day("2021-05-01")).unwrap();
        assert!(found.iter().all(|c| !c.starts_with("SYR")), "{found:?}");
    }

    #[test]
    fn builtin_agents_stay_when_only_actors_are_given() {
        let (kb, _) = kb(ACTORS, None);
        assert!(kb.agents.len() > 100);
        let Some(found) = codes(&kb, "Gondor's troops crossed the river.", day("2021-05-01"))
        else {
            return;
        };
        assert!(found.contains(&"GONMIL".to_string()), "{found:?}");
        let found = codes(&kb, "Gondorian officials met on Monday.", day("2021-05-01")).unwrap();
        assert!(found.contains(&"GONGOV".to_string()), "{found:?}");
        assert!(
            !kb.people
                .iter()
                .any(|p| p.names.iter().any(|n| n == "Ahmed al-Sharaa")),
            "built-in people must be replaced"
        );
    }

    /// PETRARCH's own validation dictionaries on the first sentences of its unit-test
    /// gold file: the gold source and target countries should be recognised.
    #[test]
    fn petrarch_validation_dictionaries_find_gold_countries() {
        let shared = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared");
        let dir = shared.join("data/petrarch");
        if !dir.exists() {
            eprintln!("skipping: ../shared not found");
            return;
        }
        if detente_syntax::Model::builtin().is_err() {
            eprintln!("skipping: no built-in model");
            return;
        }
        let (kb, warnings) = knowledge_base(
            &[dir.join("PETR.Validate.actors.txt")],
            Some(&dir.join("PETR.Validate.agents.txt")),
        )
        .unwrap();
        eprintln!("{} warnings", warnings.len());
        let gold = std::fs::read_to_string(dir.join("PETR.UnitTest.gold.jsonl")).unwrap();
        let (mut records, mut full, mut wanted, mut found) = (0, 0, 0, 0);
        for line in gold.lines() {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            let events = v["gold"].as_array().cloned().unwrap_or_default();
            if events.is_empty() {
                continue;
            }
            let mut gold_countries: Vec<String> = Vec::new();
            for e in &events {
                for side in ["source", "target"] {
                    if let Some(c) = e[side].as_str().filter(|c| c.len() >= 3) {
                        let c = c[..3].to_string();
                        if !gold_countries.contains(&c) {
                            gold_countries.push(c);
                        }
                    }
                }
            }
            if gold_countries.is_empty() {
                continue;
            }
            let date = Date::parse(v["date"].as_str().unwrap_or("2000-01-01"))
                .unwrap_or(Date::parse("2000-01-01").unwrap());
            let text = v["text"].as_str().unwrap_or_default();
            let got = codes(&kb, text, date).unwrap();
            let hits = gold_countries
                .iter()
                .filter(|g| got.iter().any(|c| c.starts_with(g.as_str())))
                .count();
            if hits < gold_countries.len() {
                eprintln!("{}: gold {gold_countries:?}, got {got:?}", v["id"]);
            }
            records += 1;
            wanted += gold_countries.len();
            found += hits;
            full += usize::from(hits == gold_countries.len());
            if records == 40 {
                break;
            }
        }
        eprintln!(
            "PETR unit tests: {found}/{wanted} gold country codes, {full}/{records} records complete"
        );
        assert!(records >= 20, "only {records} records with events");
        assert!(2 * found > wanted, "{found}/{wanted} gold country codes");
        assert!(2 * full > records, "{full}/{records} records complete");
    }
}
