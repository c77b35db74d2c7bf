//! The whole knowledge base: all dictionary files loaded together, cross-checked, and
//! indexed by normalised name for a simple exact-name lookup.
//!
//! Lookup is deliberately naive (whole-name match after [`normalize`]); it exists so the
//! data can be tested end to end: name + date → code. Recognising actors inside parsed
//! sentences is `recognize.rs` ([`crate::ActorRecognizer`]).

use std::collections::{HashMap, HashSet};

use crate::date::Date;
use crate::error::Error;
use crate::model::{
    load_agents, load_countries, load_organisations, load_people, Agent, Country, CountryStatus,
    Organisation, Person,
};
use crate::places::{load_places, Place};

/// Three-letter prefixes that are valid at the start of a code besides country codes.
pub const INTERNATIONAL_PREFIXES: &[&str] =
    &["IGO", "NGO", "IMG", "INT", "MNC", "NGM", "UIS", "REG"];

/// Regional codes used inside IGO codes or as country-position codes (CAMEO regions,
/// manual 1.1b3). The `status: region` entries of `countries.txt` must use one of them.
pub const REGION_CODES: &[&str] = &[
    "AFR", "ASA", "BLK", "CAS", "CAU", "CEU", "CFR", "CRB", "EAF", "EEU", "EIN", "EUR", "LAM",
    "MEA", "MDT", "NAF", "NMR", "PGS", "SAF", "SAM", "SAS", "SCN", "SEA", "WAF", "WST",
];

/// Where an indexed name comes from, in decreasing lookup priority.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Hit {
    /// `people[i]`.
    Person(usize),
    /// `organisations[i]`.
    Organisation(usize),
    /// `countries[i].metonyms[j]`.
    Metonym(usize, usize),
    /// `countries[i].capital`, a metonym for the country's government (`CODE` + `GOV`).
    Capital(usize),
    /// `countries[i]` (names, adjectives, cities), a country or a region.
    Country(usize),
    /// `agents[i]`.
    Agent(usize),
    /// `places[i]`.
    Place(usize),
}

/// All dictionaries, loaded and indexed.
#[derive(Debug, Clone)]
pub struct KnowledgeBase {
    /// Countries, then (builtin) the CAMEO regions (`CountryStatus::Region`).
    pub countries: Vec<Country>,
    /// People.
    pub people: Vec<Person>,
    /// Organisations.
    pub organisations: Vec<Organisation>,
    /// Agent nouns.
    pub agents: Vec<Agent>,
    /// Gazetteer.
    pub places: Vec<Place>,
    /// PETRARCH/TABARI conventions for agent nouns, set when legacy dictionaries are
    /// loaded: the country an agent is in is its owner ("lawmakers in Fornost" →
    /// `FORLEG`), as PETRARCH composes agents with any country of their noun phrase.
    pub legacy_agents: bool,
    index: HashMap<String, Vec<Hit>>,
}

/// The files as committed in `dictionaries/`, embedded at build time.
pub const BUILTIN_FILES: [(&str, &str); 5] = [
    (
        "countries.txt",
        include_str!("../../../dictionaries/countries.txt"),
    ),
    (
        "people.txt",
        include_str!("../../../dictionaries/people.txt"),
    ),
    (
        "organisations.txt",
        include_str!("../../../dictionaries/organisations.txt"),
    ),
    (
        "agents.txt",
        include_str!("../../../dictionaries/agents.txt"),
    ),
    (
        "places.tsv",
        include_str!("../../../dictionaries/places.tsv"),
    ),
];

/// Loads the committed dictionaries.
pub fn builtin() -> Result<KnowledgeBase, Error> {
    let [c, p, o, a, pl] = BUILTIN_FILES;
    KnowledgeBase::from_texts(c, p, o, a, pl)
}

/// Normalises a name for lookup: lowercase, common Latin accents folded, curly quotes
/// straightened, whitespace collapsed, a leading `the ` dropped.
pub fn normalize(name: &str) -> String {
    let mut s = String::with_capacity(name.len());
    for ch in name.chars() {
        push_lower(fold_char(ch), &mut s);
    }
    // Folding made all whitespace plain spaces: collapse them only if there are runs or
    // spaces at the edges (most names and words have neither).
    let runs = s.as_bytes().windows(2).any(|w| w == b"  ");
    if runs || s.starts_with(' ') || s.ends_with(' ') {
        s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    match s.strip_prefix("the ") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => s,
    }
}

/// Appends the lower case of `c` to `out` (ASCII letters without consulting the Unicode
/// tables, which give the same).
pub(crate) fn push_lower(c: char, out: &mut String) {
    if c.is_ascii() {
        out.push(c.to_ascii_lowercase());
    } else {
        out.extend(c.to_lowercase());
    }
}

/// Folds one character as [`normalize`] does before lowercasing: common Latin accents
/// removed, curly quotes and modifier apostrophes straightened, dashes made hyphens,
/// whitespace made a space.
pub(crate) fn fold_char(ch: char) -> char {
    match ch {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' | 'ā' | 'Á' | 'À' | 'Â' | 'Ä' | 'Ã' | 'Å' | 'Ā' => {
            'a'
        }
        'é' | 'è' | 'ê' | 'ë' | 'ē' | 'É' | 'È' | 'Ê' | 'Ë' | 'Ē' => 'e',
        'í' | 'ì' | 'î' | 'ï' | 'ī' | 'Í' | 'Ì' | 'Î' | 'Ï' | 'Ī' | 'ı' | 'İ' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' | 'ø' | 'ō' | 'Ó' | 'Ò' | 'Ô' | 'Ö' | 'Õ' | 'Ø' | 'Ō' => {
            'o'
        }
        'ú' | 'ù' | 'û' | 'ü' | 'ū' | 'Ú' | 'Ù' | 'Û' | 'Ü' | 'Ū' => 'u',
        'ç' | 'Ç' | 'ć' | 'č' | 'Ć' | 'Č' => 'c',
        'ñ' | 'Ñ' | 'ń' => 'n',
        'ş' | 'Ş' | 'š' | 'Š' | 'ś' => 's',
        'ğ' | 'Ğ' => 'g',
        'ž' | 'Ž' | 'ź' | 'ż' => 'z',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ł' | 'Ł' => 'l',
        'ř' | 'Ř' => 'r',
        'đ' | 'Đ' => 'd',
        '\u{2018}' | '\u{2019}' | '`' | 'ʼ' | 'ʻ' | '\u{2bf}' | '\u{2be}' => '\'',
        '\u{2010}' | '\u{2011}' | '\u{2013}' => '-',
        c if c.is_whitespace() => ' ',
        c => c,
    }
}

impl KnowledgeBase {
    /// Loads and cross-checks the five files given as `(file name, text)`.
    pub fn from_texts(
        countries: (&str, &str),
        people: (&str, &str),
        organisations: (&str, &str),
        agents: (&str, &str),
        places: (&str, &str),
    ) -> Result<KnowledgeBase, Error> {
        let mut kb = KnowledgeBase {
            countries: load_countries(countries.0, countries.1)?,
            people: load_people(people.0, people.1)?,
            organisations: load_organisations(organisations.0, organisations.1)?,
            agents: load_agents(agents.0, agents.1)?,
            places: load_places(places.0, places.1)?,
            legacy_agents: false,
            index: HashMap::new(),
        };
        kb.check(countries.0, people.0, organisations.0, agents.0, places.0)?;
        kb.build_index();
        Ok(kb)
    }

    fn check(&self, cf: &str, pf: &str, of: &str, af: &str, plf: &str) -> Result<(), Error> {
        let mut codes: HashMap<&str, usize> = HashMap::new();
        let mut iso2: HashMap<&str, usize> = HashMap::new();
        for c in &self.countries {
            if let Some(prev) = codes.insert(&c.code, c.line) {
                return Err(Error::new(
                    cf,
                    c.line,
                    format!("country code '{}' repeated (first on line {prev})", c.code),
                ));
            }
            if c.status == CountryStatus::Region {
                if !REGION_CODES.contains(&c.code.as_str()) {
                    return Err(Error::new(
                        cf,
                        c.line,
                        format!("region code '{}' is not a CAMEO region code", c.code),
                    ));
                }
                continue;
            }
            if let Some(prev) = iso2.insert(&c.iso2, c.line) {
                return Err(Error::new(
                    cf,
                    c.line,
                    format!("iso2 '{}' repeated (first on line {prev})", c.iso2),
                ));
            }
        }
        let known = |code: &str| {
            let p = &code[..3];
            codes.contains_key(p)
                || INTERNATIONAL_PREFIXES.contains(&p)
                || REGION_CODES.contains(&p)
        };
        for p in &self.people {
            for r in &p.roles {
                if !known(&r.code) {
                    return Err(Error::new(
                        pf,
                        p.line,
                        format!(
                            "role code '{}' starts with no known country or prefix",
                            r.code
                        ),
                    ));
                }
            }
        }
        let mut org_names: HashMap<(String, &str), usize> = HashMap::new();
        for o in &self.organisations {
            for code in
                std::iter::once(o.code.as_str()).chain(o.roles.iter().map(|r| r.code.as_str()))
            {
                if !known(code) {
                    return Err(Error::new(
                        of,
                        o.line,
                        format!("code '{code}' starts with no known country or prefix"),
                    ));
                }
            }
            for n in &o.names {
                if let Some(prev) = org_names.insert((normalize(n), o.code.as_str()), o.line) {
                    if prev != o.line {
                        return Err(Error::new(
                            of,
                            o.line,
                            format!("name '{n}' with code '{}' already on line {prev}", o.code),
                        ));
                    }
                }
            }
        }
        let mut agent_names: HashMap<String, usize> = HashMap::new();
        for a in &self.agents {
            for n in a.names.iter().chain(&a.plurals) {
                if let Some(prev) = agent_names.insert(normalize(n), a.line) {
                    if prev != a.line {
                        return Err(Error::new(
                            af,
                            a.line,
                            format!("agent noun '{n}' already on line {prev}"),
                        ));
                    }
                }
            }
        }
        for pl in &self.places {
            if !codes.contains_key(pl.country.as_str()) {
                return Err(Error::new(
                    plf,
                    pl.line,
                    format!("place '{}' has unknown country '{}'", pl.name, pl.country),
                ));
            }
        }
        Ok(())
    }

    fn build_index(&mut self) {
        let mut index: HashMap<String, Vec<Hit>> = HashMap::new();
        let mut add = |name: &str, hit: Hit| {
            let v = index.entry(normalize(name)).or_default();
            if !v.contains(&hit) {
                v.push(hit);
            }
        };
        for (i, p) in self.people.iter().enumerate() {
            p.names.iter().for_each(|n| add(n, Hit::Person(i)));
        }
        for (i, o) in self.organisations.iter().enumerate() {
            o.names.iter().for_each(|n| add(n, Hit::Organisation(i)));
        }
        for (i, c) in self.countries.iter().enumerate() {
            for (j, m) in c.metonyms.iter().enumerate() {
                m.names.iter().for_each(|n| add(n, Hit::Metonym(i, j)));
            }
            if let Some(cap) = &c.capital {
                add(cap, Hit::Capital(i));
            }
            c.names
                .iter()
                .chain(&c.adjectives)
                .chain(&c.cities)
                .for_each(|n| add(n, Hit::Country(i)));
        }
        for (i, a) in self.agents.iter().enumerate() {
            a.names
                .iter()
                .chain(&a.plurals)
                .for_each(|n| add(n, Hit::Agent(i)));
        }
        for (i, p) in self.places.iter().enumerate() {
            std::iter::once(&p.name)
                .chain(&p.alternates)
                .for_each(|n| add(n, Hit::Place(i)));
        }
        for v in index.values_mut() {
            v.sort();
        }
        self.index = index;
    }

    /// Replaces every named actor (countries, people, organisations) with the given
    /// plain data, for example converted from a legacy PETRARCH/TABARI dictionary; the
    /// agents and the gazetteer stay. No cross-checks are made beyond what indexing
    /// needs: the caller vouches for the data (a person without a role simply never
    /// gets a code). Places keep their country codes even when no country has them.
    pub fn with_named_actors(
        mut self,
        countries: Vec<Country>,
        people: Vec<Person>,
        organisations: Vec<Organisation>,
    ) -> KnowledgeBase {
        self.countries = countries;
        self.people = people;
        self.organisations = organisations;
        self.build_index();
        self
    }

    /// Replaces the agent nouns with the given ones (countries, people, organisations
    /// and places stay).
    pub fn with_agents(mut self, agents: Vec<Agent>) -> KnowledgeBase {
        self.agents = agents;
        self.build_index();
        self
    }

    /// With PETRARCH/TABARI conventions for agent nouns (see
    /// [`KnowledgeBase::legacy_agents`]).
    pub fn with_legacy_agents(mut self, on: bool) -> KnowledgeBase {
        self.legacy_agents = on;
        self
    }

    /// Whether an agent with this code is a prefix agent (its code goes before the
    /// country code).
    pub fn agent_is_prefix(&self, code: &str) -> bool {
        self.agents.iter().any(|a| a.prefix && a.code == code)
    }

    /// Every entry whose name normalises like `name`, best first.
    pub fn hits(&self, name: &str) -> &[Hit] {
        self.index.get(&normalize(name)).map_or(&[], Vec::as_slice)
    }

    /// The code of `hit` on `date`; `None` for a person without a role then.
    pub fn code_of(&self, hit: Hit, date: Date) -> Option<String> {
        match hit {
            Hit::Person(i) => self.people[i].code_on(date),
            Hit::Organisation(i) => Some(self.organisations[i].code_on(date).to_string()),
            Hit::Metonym(i, j) => Some(self.countries[i].metonyms[j].code.clone()),
            Hit::Capital(i) => Some(format!("{}GOV", self.countries[i].code)),
            Hit::Country(i) => Some(self.countries[i].code.clone()),
            Hit::Agent(i) => Some(self.agents[i].code.clone()),
            Hit::Place(i) => Some(self.places[i].country.clone()),
        }
    }

    /// Resolves a whole name on `date` to a code using the best-priority entry;
    /// among places, the most populous one wins.
    pub fn lookup(&self, name: &str, date: Date) -> Option<String> {
        let hits = self.hits(name);
        let first = *hits.first()?;
        if let Hit::Place(_) = first {
            let best = hits
                .iter()
                .filter_map(|h| match h {
                    Hit::Place(i) => Some(&self.places[*i]),
                    _ => None,
                })
                .max_by_key(|p| (p.kind == crate::places::PlaceKind::Capital, p.population))?;
            return Some(best.country.clone());
        }
        self.code_of(first, date)
    }

    /// The country with this code; never a region (see [`KnowledgeBase::region`]).
    pub fn country(&self, code: &str) -> Option<&Country> {
        self.countries
            .iter()
            .find(|c| c.code == code && c.status.is_country())
    }

    /// The region (a `status: region` entry of `countries.txt`) with this code.
    pub fn region(&self, code: &str) -> Option<&Country> {
        self.countries
            .iter()
            .find(|c| c.code == code && !c.status.is_country())
    }

    /// Whether a modifier of an agent noun that resolved to `codes`, written `text`, may
    /// compose with the agent noun `agent_word` (as written; the recogniser asks, and
    /// drops the modifier when not): any modifier that is no region may. A region
    /// composes through its adjective or a possessive ("European leaders", "Europe's
    /// leaders" → `EURGOV`), not as a bare name ("the UN's Middle East envoy" is no envoy
    /// of the Middle East), and never with a singular country noun ("the West African
    /// nation" is one country, Mali, found by coreference), also when that noun is not
    /// the agent noun itself (`next_word`, the word after the modifier: "the president of
    /// the Central Asian nation of Kyrgyzstan" is `KGZGOV`).
    pub fn region_composes(
        &self,
        codes: &[String],
        text: &str,
        agent_word: &str,
        next_word: &str,
    ) -> bool {
        let Some(r) = codes.iter().find_map(|c| self.region(c)) else {
            return true;
        };
        let country_noun = |w: &str| {
            matches!(
                &*w.to_lowercase(),
                "country" | "nation" | "state" | "kingdom" | "republic"
            )
        };
        let t = normalize(text);
        if country_noun(agent_word) || country_noun(next_word) || t.split(' ').any(country_noun) {
            return false;
        }
        let possessive = crate::matcher::is_possessive_ending(next_word);
        possessive || !r.names.iter().any(|n| normalize(n) == t)
    }

    /// The first person with this name or alias.
    pub fn person(&self, name: &str) -> Option<&Person> {
        self.hits(name).iter().find_map(|h| match h {
            Hit::Person(i) => Some(&self.people[*i]),
            _ => None,
        })
    }

    /// Names (normalised) that lead to more than one distinct entry outside the
    /// gazetteer, with a description of each entry; sorted by name.
    pub fn ambiguous_names(&self) -> Vec<(String, Vec<String>)> {
        let mut out = Vec::new();
        for (name, hits) in &self.index {
            let mut seen: HashSet<String> = HashSet::new();
            for h in hits {
                let d = match *h {
                    Hit::Person(i) => format!("person:{}", self.people[i].names[0]),
                    Hit::Organisation(i) => format!("org:{}", self.organisations[i].code),
                    Hit::Metonym(i, j) => format!("metonym:{}", self.countries[i].metonyms[j].code),
                    Hit::Capital(i) => format!("metonym:{}GOV", self.countries[i].code),
                    Hit::Country(i) if !self.countries[i].status.is_country() => {
                        format!("region:{}", self.countries[i].code)
                    }
                    Hit::Country(i) => format!("country:{}", self.countries[i].code),
                    Hit::Agent(i) => format!("agent:{}", self.agents[i].code),
                    Hit::Place(_) => continue,
                };
                seen.insert(d);
            }
            if seen.len() > 1 {
                let mut v: Vec<String> = seen.into_iter().collect();
                v.sort();
                out.push((name.clone(), v));
            }
        }
        out.sort();
        out
    }
}
