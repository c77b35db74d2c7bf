//! Loads the committed dictionaries and checks them end to end: counts, codes,
//! ambiguities and the data-driven resolution cases in `test_data/roles.tsv`.

use std::collections::HashSet;
use std::sync::OnceLock;

use detente_actors::{
    builtin, Agent, CountryStatus, Date, DatedRole, KnowledgeBase, Person, PlaceKind,
};

/// Loaded once and shared by all tests of this file.
fn kb() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| match builtin() {
        Ok(kb) => kb,
        Err(e) => panic!("builtin dictionaries do not load: {e}"),
    })
}

fn date(s: &str) -> Date {
    Date::parse(s).unwrap_or_else(|e| panic!("{e}"))
}

#[test]
fn builtin_loads_with_expected_sizes() {
    let kb = kb();
    eprintln!(
        "countries {} people {} organisations {} agents {} places {}",
        kb.countries.len(),
        kb.people.len(),
        kb.organisations.len(),
        kb.agents.len(),
        kb.places.len()
    );
    assert!(kb.people.len() >= 400);
    assert!(kb.agents.len() >= 200);
    assert!(kb.organisations.len() >= 150);
    assert!(kb.places.len() >= 30_000);
}

#[test]
fn every_un_member_and_observer_is_present() {
    let kb = kb();
    let members: Vec<_> = kb
        .countries
        .iter()
        .filter(|c| c.status == CountryStatus::Member)
        .collect();
    let observers: Vec<_> = kb
        .countries
        .iter()
        .filter(|c| c.status == CountryStatus::Observer)
        .collect();
    assert_eq!(members.len(), 193);
    assert_eq!(
        observers
            .iter()
            .map(|c| c.code.as_str())
            .collect::<Vec<_>>(),
        ["VAT", "PSE"]
    );
    // Taiwan and Kosovo (CAMEO KSV, ISO user-assigned XK).
    assert_eq!(kb.country("TWN").map(|c| c.iso2.as_str()), Some("TW"));
    assert_eq!(kb.country("KSV").map(|c| c.iso2.as_str()), Some("XK"));
    for code in [
        "SYR", "ISR", "ARE", "USA", "RUS", "UKR", "TMP", "SSD", "COD", "PRK", "KOR",
    ] {
        assert!(kb.country(code).is_some(), "missing {code}");
    }
    for c in kb.countries.iter().filter(|c| c.status.is_country()) {
        assert!(!c.adjectives.is_empty(), "{} has no adjective", c.code);
        assert!(c.capital.is_some(), "{} has no capital", c.code);
    }
}

#[test]
fn every_country_has_a_capital_or_city_in_the_gazetteer() {
    let kb = kb();
    let with_places: HashSet<&str> = kb.places.iter().map(|p| p.country.as_str()).collect();
    let capitals: HashSet<&str> = kb
        .places
        .iter()
        .filter(|p| p.kind == PlaceKind::Capital)
        .map(|p| p.country.as_str())
        .collect();
    let missing: Vec<&str> = kb
        .countries
        .iter()
        .filter(|c| c.status.is_country())
        .map(|c| c.code.as_str())
        .filter(|c| !with_places.contains(c))
        .collect();
    assert!(missing.is_empty(), "countries without places: {missing:?}");
    assert!(
        capitals.len() >= 180,
        "only {} countries have a capital row",
        capitals.len()
    );
}

#[test]
fn regions_are_the_cameo_regions_and_no_states() {
    let kb = kb();
    let regions: Vec<&str> = kb
        .countries
        .iter()
        .filter(|c| c.status == CountryStatus::Region)
        .map(|c| c.code.as_str())
        .collect();
    let mut sorted = regions.clone();
    sorted.sort_unstable();
    let mut all = detente_actors::REGION_CODES.to_vec();
    all.sort_unstable();
    assert_eq!(sorted, all, "one region entry per CAMEO region code");
    for code in regions {
        let r = kb.region(code).unwrap();
        assert!(r.iso2.is_empty() && r.capital.is_none() && r.cities.is_empty());
        assert!(
            kb.country(code).is_none(),
            "{code} is a region, not a state"
        );
    }
    assert!(kb.region("SYR").is_none());
    let d = date("2025-05-28");
    for (name, code) in [
        ("Europe", "EUR"),
        ("the Middle East", "MEA"),
        ("Latin America", "LAM"),
        ("the West", "WST"),
        ("Western leaders", "WSTGOV"),
        ("Gulf Arab states", "PGS"),
        ("Persian Gulf states", "PGS"),
        ("European Union", "IGOEUREEC"),
        ("South Africa", "ZAF"),
        ("South African", "ZAF"),
        ("Central African Republic", "CAF"),
        ("Central African", "CAF"),
        ("West Bank", "PSE"),
        ("Western Sahara", "ESH"),
        ("East Timor", "TMP"),
    ] {
        assert_eq!(kb.lookup(name, d).as_deref(), Some(code), "{name}");
    }
}

#[test]
fn ambiguities_are_only_the_intended_ones() {
    let kb = kb();
    let allowed: HashSet<&str> = include_str!("../test_data/ambiguous.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .collect();
    let unexpected: Vec<String> = kb
        .ambiguous_names()
        .into_iter()
        .filter(|(n, _)| !allowed.contains(n.as_str()))
        .map(|(n, who)| format!("{n}: {}", who.join(", ")))
        .collect();
    assert!(
        unexpected.is_empty(),
        "unintended ambiguous names:\n{}",
        unexpected.join("\n")
    );
}

#[test]
fn people_have_sane_roles() {
    let kb = kb();
    let mut names = HashSet::new();
    for p in &kb.people {
        assert!(
            names.insert(p.names[0].as_str()),
            "person '{}' listed twice",
            p.names[0]
        );
        for r in &p.roles {
            if let (Some(f), Some(t)) = (r.from, r.to) {
                assert!(
                    f < t,
                    "{}: role {} ends before it starts",
                    p.names[0],
                    r.code
                );
            }
        }
    }
}

#[test]
fn resolution_cases_from_roles_tsv() {
    let kb = kb();
    let mut failures = Vec::new();
    let mut n = 0;
    for (i, line) in include_str!("../test_data/roles.tsv").lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(cols.len(), 3, "roles.tsv:{}: expected 3 columns", i + 1);
        let got = kb.lookup(cols[0], date(cols[1]));
        let want = (cols[2] != "-").then(|| cols[2].to_string());
        if got != want {
            failures.push(format!(
                "roles.tsv:{}: {} on {}: want {:?}, got {:?}",
                i + 1,
                cols[0],
                cols[1],
                want,
                got
            ));
        }
        n += 1;
    }
    eprintln!("{n} resolution cases");
    assert!(n >= 150);
    assert!(
        failures.is_empty(),
        "{} of {n} cases fail:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn former_officials_are_elites_of_their_country() {
    let kb = kb();
    let code = |name: &str, d: &str| kb.person(name).and_then(|p| p.code_on(date(d)));
    // Every role has ended: a former head of government is one of the country's elites.
    assert_eq!(code("Theresa May", "2020-01-01").as_deref(), Some("GBRELI"));
    assert_eq!(
        code("Bashar al-Assad", "2025-03-01").as_deref(),
        Some("SYRELI")
    );
    // While a role applies, it is the code; before the first role there is none.
    assert_eq!(code("Theresa May", "2018-01-01").as_deref(), Some("GBRGOV"));
    assert_eq!(code("Theresa May", "2001-01-01"), None);
    // A former international official has no country to fall back on.
    assert_eq!(code("Kofi Annan", "2020-01-01"), None);
}

#[test]
fn role_on_examples_from_the_brief() {
    let kb = kb();
    let code = |name: &str, d: &str| {
        kb.person(name)
            .and_then(|p| p.role_on(date(d)))
            .map(|r| r.code.clone())
    };
    assert_eq!(
        code("Ahmed al-Sharaa", "2024-06-01").as_deref(),
        Some("SYRREB")
    );
    assert_eq!(
        code("Ahmed al-Sharaa", "2025-05-28").as_deref(),
        Some("SYRGOV")
    );
    assert_eq!(
        code("Bashar al-Assad", "2023-12-15").as_deref(),
        Some("SYRGOV")
    );
    assert_eq!(code("Bashar al-Assad", "2025-03-01"), None);
    assert_eq!(
        code("Donald Trump", "2018-03-01").as_deref(),
        Some("USAGOV")
    );
    assert_eq!(
        code("Donald Trump", "2025-03-01").as_deref(),
        Some("USAGOV")
    );
    assert_ne!(
        code("Donald Trump", "2022-03-01").as_deref(),
        Some("USAGOV")
    );
    assert_eq!(code("Joe Biden", "2022-03-01").as_deref(), Some("USAGOV"));
    let quneitra = kb.lookup("Quneitra", date("2025-01-01"));
    assert_eq!(quneitra.as_deref(), Some("SYR"));
    let gov = kb
        .places
        .iter()
        .find(|p| p.iso3166_2 == "SY-QU")
        .map(|p| p.country.as_str());
    assert_eq!(gov, Some("SYR"));
}

#[test]
fn named_actors_and_agents_can_be_replaced_with_plain_data() {
    let base = kb().clone();
    let places = base.places.len();
    let aragorn = Person {
        names: vec!["Aragorn".into(), "Elessar".into()],
        roles: vec![
            DatedRole::parse("GONGOV 2020-01-02..").unwrap(),
            DatedRole::parse("GONREB").unwrap(),
        ],
        title: None,
        line: 3,
    };
    let kb = base.with_named_actors(Vec::new(), vec![aragorn], Vec::new());
    assert!(kb.countries.is_empty() && kb.organisations.is_empty());
    assert_eq!(kb.places.len(), places, "the gazetteer stays");
    assert_eq!(
        kb.lookup("Elessar", date("2021-01-01")).as_deref(),
        Some("GONGOV")
    );
    assert_eq!(
        kb.lookup("Aragorn", date("2019-01-01")).as_deref(),
        Some("GONREB")
    );
    assert_eq!(kb.lookup("Ahmed al-Sharaa", date("2025-06-01")), None);
    assert!(
        kb.lookup("troops", date("2021-01-01")).is_some(),
        "agents stay"
    );
    let kb = kb.with_agents(vec![Agent {
        code: "NGO".into(),
        names: vec!["aid agency".into()],
        plurals: vec!["aid agencies".into()],
        prefix: true,
        line: 1,
    }]);
    assert!(kb.agent_is_prefix("NGO"));
    assert!(!kb.agent_is_prefix("GOV"));
    assert_eq!(
        kb.lookup("aid agencies", date("2021-01-01")).as_deref(),
        Some("NGO")
    );
    assert_eq!(kb.lookup("troops", date("2021-01-01")), None);
}

#[test]
fn region_entries_are_validated() {
    use detente_actors::load_countries;
    let ok = load_countries("c", "EUR Europe\n    status: region\n    adj: European\n").unwrap();
    assert_eq!(ok[0].status, CountryStatus::Region);
    assert!(ok[0].iso2.is_empty());
    let e = load_countries("c", "EUR Europe\n    status: region\n    iso2: EU\n").unwrap_err();
    assert!(e.to_string().contains("no iso2"), "{e}");
    let e = load_countries(
        "c",
        "EUR Europe\n    status: region\n    capital: Brussels\n",
    )
    .unwrap_err();
    assert!(e.to_string().contains("no capital"), "{e}");
    // A region code must be a CAMEO region code.
    let mut files = detente_actors::BUILTIN_FILES;
    let text = format!("{}\nXYZ Atlantis\n    status: region\n", files[0].1);
    files[0].1 = &text;
    let [c, p, o, a, pl] = files;
    let e = KnowledgeBase::from_texts(c, p, o, a, pl).unwrap_err();
    assert!(e.to_string().contains("not a CAMEO region code"), "{e}");
}
