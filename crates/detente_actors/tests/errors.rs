//! Malformed dictionary text must give an error naming the file and the 1-based line,
//! with a lowercase message, and never panic.

use detente_actors::{
    load_agents, load_countries, load_organisations, load_people, load_places, Error,
};

fn err(r: Result<impl Sized, Error>) -> Error {
    match r {
        Ok(_) => panic!("expected an error"),
        Err(e) => e,
    }
}

fn check(e: &Error, file: &str, line: usize, needle: &str) {
    assert_eq!(e.file, file, "{e}");
    assert_eq!(e.line, line, "{e}");
    assert!(
        e.message.contains(needle),
        "message '{}' lacks '{needle}'",
        e.message
    );
    // The wording is lowercase; quoted input ('...') keeps its case.
    let wording: String = e.message.split('\'').step_by(2).collect();
    assert_eq!(
        wording,
        wording.to_lowercase(),
        "message not lowercase: {e}"
    );
    assert!(e.to_string().starts_with(&format!("{file}:{line}: ")));
}

const GOOD_COUNTRY: &str = "SYR Syria\n    iso2: SY\n    status: member\n";

#[test]
fn good_minimal_files_load() {
    assert_eq!(load_countries("c", GOOD_COUNTRY).unwrap().len(), 1);
    let p = load_people("p", "# c\nA Person\n    role: SYRGOV 2020..2021-02-03\n").unwrap();
    assert_eq!(p[0].roles[0].to.unwrap().to_string(), "2021-02-03");
    assert_eq!(
        load_organisations("o", "IGOUNO UN\n    kind: igo\n")
            .unwrap()
            .len(),
        1
    );
    assert_eq!(
        load_agents("a", "GOV government\n    plural: governments\n").unwrap()[0]
            .plurals
            .len(),
        1
    );
}

#[test]
fn country_errors() {
    check(
        &err(load_countries(
            "countries.txt",
            "SYRIA Syria\n    iso2: SY\n",
        )),
        "countries.txt",
        1,
        "bad code",
    );
    check(
        &err(load_countries("countries.txt", "SYR\n")),
        "countries.txt",
        1,
        "no name",
    );
    check(
        &err(load_countries(
            "countries.txt",
            "SYR Syria\n    status: member\n",
        )),
        "countries.txt",
        1,
        "no iso2",
    );
    check(
        &err(load_countries("countries.txt", "SYR Syria\n    iso2: Sy\n")),
        "countries.txt",
        2,
        "bad iso2",
    );
    check(
        &err(load_countries(
            "countries.txt",
            "SYR Syria\n    iso2: SY\n    status: maybe\n",
        )),
        "countries.txt",
        3,
        "bad status",
    );
    check(
        &err(load_countries(
            "countries.txt",
            &format!("{GOOD_COUNTRY}    metonym: ISRGOV = Damascus\n"),
        )),
        "countries.txt",
        4,
        "does not start with",
    );
    check(
        &err(load_countries(
            "countries.txt",
            &format!("{GOOD_COUNTRY}    metonym: Damascus\n"),
        )),
        "countries.txt",
        4,
        "metonym",
    );
    check(
        &err(load_countries(
            "countries.txt",
            &format!("{GOOD_COUNTRY}    colour: red\n"),
        )),
        "countries.txt",
        4,
        "unknown field",
    );
    check(
        &err(load_countries(
            "countries.txt",
            &format!("{GOOD_COUNTRY}    alias: A || B\n"),
        )),
        "countries.txt",
        4,
        "empty item",
    );
    check(
        &err(load_countries(
            "countries.txt",
            &format!("{GOOD_COUNTRY}    iso2: SY\n"),
        )),
        "countries.txt",
        4,
        "repeated",
    );
}

#[test]
fn people_errors() {
    check(
        &err(load_people(
            "people.txt",
            "A B\n    role: USAELI\n    role: USAGOV 2017..2021\n",
        )),
        "people.txt",
        3,
        "never applies",
    );
    check(
        &err(load_people(
            "people.txt",
            "A B\n    role: USAGOV 2010..2020\n    role: USAELI 2012..2014\n",
        )),
        "people.txt",
        3,
        "never applies",
    );
    assert!(load_people(
        "people.txt",
        "A B\n    role: USAGOV 2017..2021\n    role: USAELI\n"
    )
    .is_ok());
    check(
        &err(load_people("people.txt", "    role: SYRGOV\n")),
        "people.txt",
        1,
        "before any block header",
    );
    check(
        &err(load_people("people.txt", "\n\nA B\n    alias: X\n")),
        "people.txt",
        3,
        "no role",
    );
    check(
        &err(load_people(
            "people.txt",
            "A B\n    role: SYRGOV 2024-13-01..\n",
        )),
        "people.txt",
        2,
        "bad date",
    );
    check(
        &err(load_people(
            "people.txt",
            "A B\n    role: SYRGOV 2024-02-30..\n",
        )),
        "people.txt",
        2,
        "no such day",
    );
    check(
        &err(load_people(
            "people.txt",
            "A B\n    role: SYRGOV 2025..2024\n",
        )),
        "people.txt",
        2,
        "ends before",
    );
    check(
        &err(load_people("people.txt", "A B\n    role: SYRGOV 2024\n")),
        "people.txt",
        2,
        "bad role range",
    );
    check(
        &err(load_people("people.txt", "A B\n    role: syrgov\n")),
        "people.txt",
        2,
        "bad code",
    );
    check(
        &err(load_people("people.txt", "A B\n    role:\n")),
        "people.txt",
        2,
        "empty value",
    );
    check(
        &err(load_people("people.txt", "A B\n    just words\n")),
        "people.txt",
        2,
        "expected 'key: value'",
    );
    check(
        &err(load_people("people.txt", "A B\n    Role: SYRGOV\n")),
        "people.txt",
        2,
        "bad field key",
    );
}

#[test]
fn organisation_and_agent_errors() {
    check(
        &err(load_organisations("organisations.txt", "IGOUNO UN\n")),
        "organisations.txt",
        1,
        "no kind",
    );
    check(
        &err(load_organisations(
            "organisations.txt",
            "IGOUNO UN\n    kind: club\n",
        )),
        "organisations.txt",
        2,
        "bad kind",
    );
    check(
        &err(load_organisations(
            "organisations.txt",
            "IGOUN UN\n    kind: igo\n",
        )),
        "organisations.txt",
        1,
        "bad code",
    );
    check(
        &err(load_agents(
            "agents.txt",
            "GOV government\n    gender: none\n",
        )),
        "agents.txt",
        2,
        "unknown field",
    );
}

#[test]
fn places_errors() {
    let header = detente_actors::PLACES_HEADER;
    check(
        &err(load_places("places.tsv", "# c\nname\tbad\n")),
        "places.tsv",
        2,
        "column header",
    );
    check(
        &err(load_places("places.tsv", "# only comments\n")),
        "places.tsv",
        0,
        "no column header",
    );
    check(
        &err(load_places("places.tsv", &format!("{header}\nA\tB\n"))),
        "places.tsv",
        2,
        "10 tab-separated",
    );
    let row = |lat: &str, kind: &str| {
        format!("{header}\nAleppo\t\tSYR\t09\t{lat}\t37.1\t170063\t1000\t{kind}\t\n")
    };
    check(
        &err(load_places("places.tsv", &row("95", "city"))),
        "places.tsv",
        2,
        "bad latitude",
    );
    check(
        &err(load_places("places.tsv", &row("36.2", "town"))),
        "places.tsv",
        2,
        "bad kind",
    );
    let ok = load_places("places.tsv", &row("36.2", "city")).unwrap();
    assert_eq!(ok[0].lat, Some(36.2));
}

#[test]
fn cross_file_checks_name_the_file() {
    let places = format!("{}\n", detente_actors::PLACES_HEADER);
    let kb = detente_actors::KnowledgeBase::from_texts(
        ("countries.txt", GOOD_COUNTRY),
        ("people.txt", "A B\n    role: XYZGOV\n"),
        ("organisations.txt", ""),
        ("agents.txt", ""),
        ("places.tsv", &places),
    );
    match kb {
        Ok(_) => panic!("unknown country prefix accepted"),
        Err(e) => check(&e, "people.txt", 1, "no known country"),
    }
    let kb = detente_actors::KnowledgeBase::from_texts(
        (
            "countries.txt",
            &format!("{GOOD_COUNTRY}SYR Syria again\n    iso2: SX\n    status: other\n"),
        ),
        ("people.txt", ""),
        ("organisations.txt", ""),
        ("agents.txt", ""),
        ("places.tsv", &places),
    );
    match kb {
        Ok(_) => panic!("duplicate country accepted"),
        Err(e) => check(&e, "countries.txt", 4, "repeated"),
    }
    let bad_place = format!("# c\n{places}Nowhere\t\tXYZ\t\t\t\t\t\tcity\t\n");
    let kb = detente_actors::KnowledgeBase::from_texts(
        ("countries.txt", GOOD_COUNTRY),
        ("people.txt", ""),
        ("organisations.txt", ""),
        ("agents.txt", ""),
        ("places.tsv", &bad_place),
    );
    match kb {
        Ok(_) => panic!("unknown place country accepted"),
        Err(e) => check(&e, "places.tsv", 3, "unknown country"),
    }
}
