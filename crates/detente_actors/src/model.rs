//! Typed entries of the actor dictionaries and their loaders.
//!
//! Each `load_*` function parses one file's text (see `dictionaries/README.md` for the
//! format) into typed entries and validates every field, reporting the file name and
//! 1-based line of the first problem. Nothing here panics on bad input.

use crate::block::{blocks, check_code, code_header, list, Block};
use crate::date::Date;
use crate::error::Error;

/// A code held over a date range: `from` inclusive, `to` exclusive, open ends allowed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedRole {
    /// CAMEO actor code, e.g. `SYRGOV`.
    pub code: String,
    /// First day the code applies; `None` means since ever.
    pub from: Option<Date>,
    /// First day the code no longer applies; `None` means still applies.
    pub to: Option<Date>,
}

impl DatedRole {
    /// Whether the role applies on `date`.
    pub fn contains(&self, date: Date) -> bool {
        self.from.is_none_or(|f| f <= date) && self.to.is_none_or(|t| date < t)
    }

    /// Parses `CODE`, `CODE FROM..`, `CODE ..TO` or `CODE FROM..TO`.
    pub fn parse(text: &str) -> Result<DatedRole, String> {
        let mut parts = text.split_whitespace();
        let code = parts.next().unwrap_or_default().to_string();
        let range = parts.next();
        if let Some(extra) = parts.next() {
            return Err(format!("unexpected '{extra}' after role range"));
        }
        let (from, to) = match range {
            None => (None, None),
            Some(r) => {
                let Some((a, b)) = r.split_once("..") else {
                    return Err(format!("bad role range '{r}': expected from..to"));
                };
                let from = if a.is_empty() {
                    None
                } else {
                    Some(Date::parse(a)?)
                };
                let to = if b.is_empty() {
                    None
                } else {
                    Some(Date::parse(b)?)
                };
                if let (Some(f), Some(t)) = (from, to) {
                    if f >= t {
                        return Err(format!("role range '{r}' ends before it starts"));
                    }
                }
                (from, to)
            }
        };
        Ok(DatedRole { code, from, to })
    }
}

/// Membership status of a country.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CountryStatus {
    /// UN member state.
    Member,
    /// UN non-member observer state (Holy See, Palestine).
    Observer,
    /// Anything else that still gets a country code (Taiwan, Kosovo, territories).
    Other,
    /// A CAMEO region named in place of countries (`EUR` Europe, `MEA` Middle East,
    /// `WST` the West): an actor in the country position, but no state. It has no
    /// `iso2`; [`crate::KnowledgeBase::country`] does not return it.
    Region,
}

impl CountryStatus {
    /// A state or territory with its own country code, not a [`CountryStatus::Region`].
    pub fn is_country(self) -> bool {
        self != CountryStatus::Region
    }
}

/// A metonym: names that stand for one of a country's institutions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Metonym {
    /// The code the names resolve to, e.g. `USAGOV`.
    pub code: String,
    /// The names, e.g. `the White House`.
    pub names: Vec<String>,
}

/// A country entry of `countries.txt`.
#[derive(Debug, Clone, PartialEq)]
pub struct Country {
    /// CAMEO country code (ISO 3166-1 alpha-3 where one exists).
    pub code: String,
    /// ISO 3166-1 alpha-2 code (`XK` for Kosovo); empty for a region.
    pub iso2: String,
    /// Canonical name first, then alternate names.
    pub names: Vec<String>,
    /// Adjectives and demonyms (`Syrian`, `Syrians`).
    pub adjectives: Vec<String>,
    /// Capital city.
    pub capital: Option<String>,
    /// Other major cities.
    pub cities: Vec<String>,
    /// Government and other metonyms.
    pub metonyms: Vec<Metonym>,
    /// UN status.
    pub status: CountryStatus,
    /// Line of the header in the file.
    pub line: usize,
}

/// A person of `people.txt`.
#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    /// Canonical name first, then aliases.
    pub names: Vec<String>,
    /// Dated codes in file order.
    pub roles: Vec<DatedRole>,
    /// Short description (`President of Syria`), for humans.
    pub title: Option<String>,
    /// Line of the header in the file.
    pub line: usize,
}

impl Person {
    /// The first listed role that applies on `date`, if any.
    pub fn role_on(&self, date: Date) -> Option<&DatedRole> {
        self.roles.iter().find(|r| r.contains(date))
    }

    /// Every role that applies on `date`, in file order.
    pub fn roles_on(&self, date: Date) -> impl Iterator<Item = &DatedRole> {
        self.roles.iter().filter(move |r| r.contains(date))
    }

    /// The code on `date`: the role that applies then, else, once a role has ended,
    /// the code of a former official (see [`Person::former_code`]).
    pub fn code_on(&self, date: Date) -> Option<String> {
        match self.role_on(date) {
            Some(r) => Some(r.code.clone()),
            None => self.former_code(date),
        }
    }

    /// When no role covers `date` but one has ended by then (after every role, or
    /// between two posts), a former state official or opposition politician is one of
    /// the country's elites, as CAMEO codes former officials: `GBRGOV ..2019-07-24`
    /// gives `GBRELI` in 2020, and John Kerry, Secretary of State until 2017 and climate
    /// envoy from 2021, is `USAELI` in 2019. The latest ended role decides: `None`
    /// before any has ended, while one applies, and when the latest was not such a
    /// post (rebels, international officials).
    pub fn former_code(&self, date: Date) -> Option<String> {
        if self.role_on(date).is_some() {
            return None;
        }
        let r = self
            .roles
            .iter()
            .filter(|r| r.to.is_some_and(|to| to <= date))
            .max_by_key(|r| r.to)?;
        let (country, agent) = (r.code.get(..3)?, r.code.get(3..6)?);
        const FORMER: [&str; 8] = ["GOV", "MIL", "LEG", "JUD", "SPY", "COP", "ELI", "OPP"];
        FORMER.contains(&agent).then(|| format!("{country}ELI"))
    }
}

/// Kind of organisation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum OrgKind {
    /// Intergovernmental organisation or body.
    Igo,
    /// Non-governmental organisation.
    Ngo,
    /// Non-state armed group.
    Armed,
    /// Political party or movement.
    Party,
    /// Domestic institution worth its own entry (e.g. a named agency).
    Institution,
    /// Media outlet.
    Media,
    /// Company.
    Company,
}

/// An organisation of `organisations.txt`.
#[derive(Debug, Clone, PartialEq)]
pub struct Organisation {
    /// Default code, used when no dated role applies.
    pub code: String,
    /// Canonical name first, then aliases.
    pub names: Vec<String>,
    /// Kind.
    pub kind: OrgKind,
    /// Dated codes overriding the default.
    pub roles: Vec<DatedRole>,
    /// Line of the header in the file.
    pub line: usize,
}

impl Organisation {
    /// The code on `date`: the first dated role that applies, else the default code.
    pub fn code_on(&self, date: Date) -> &str {
        self.roles
            .iter()
            .find(|r| r.contains(date))
            .map_or(self.code.as_str(), |r| &r.code)
    }
}

/// An agent noun of `agents.txt`.
#[derive(Debug, Clone, PartialEq)]
pub struct Agent {
    /// Agent code without country, e.g. `GOV`, `MIL`, `GOVMIL`.
    pub code: String,
    /// Singular forms, canonical first.
    pub names: Vec<String>,
    /// Plural forms.
    pub plurals: Vec<String>,
    /// The code goes before the actor's code (legacy `[NGO~]` agents) instead of after
    /// it (`SYR` + `GOV`). Always `false` for `agents.txt`.
    pub prefix: bool,
    /// Line of the header in the file.
    pub line: usize,
}

fn unknown(file: &str, key: &str, line: usize) -> Error {
    Error::new(file, line, format!("unknown field '{key}'"))
}

fn once(file: &str, seen: &mut Option<usize>, key: &str, line: usize) -> Result<(), Error> {
    if let Some(prev) = seen.replace(line) {
        return Err(Error::new(
            file,
            line,
            format!("field '{key}' repeated (first on line {prev})"),
        ));
    }
    Ok(())
}

/// Parses a role and appends it, rejecting a role that an earlier one already covers
/// completely (it could never apply, since the first matching role wins).
fn push_role(
    file: &str,
    line: usize,
    value: &str,
    roles: &mut Vec<DatedRole>,
) -> Result<(), Error> {
    let r = DatedRole::parse(value).map_err(|m| Error::new(file, line, m))?;
    check_code(file, line, &r.code)?;
    let starts_later = |a: Option<Date>, b: Option<Date>| match (a, b) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(a), Some(b)) => a <= b,
    };
    let ends_later = |a: Option<Date>, b: Option<Date>| match (a, b) {
        (None, _) => true,
        (Some(_), None) => false,
        (Some(a), Some(b)) => a >= b,
    };
    if let Some(prev) = roles
        .iter()
        .find(|p| starts_later(p.from, r.from) && ends_later(p.to, r.to))
    {
        return Err(Error::new(
            file,
            line,
            format!(
                "role '{value}' never applies: the earlier role '{}' covers its dates",
                prev.code
            ),
        ));
    }
    roles.push(r);
    Ok(())
}

/// Parses `countries.txt`.
pub fn load_countries(file: &str, text: &str) -> Result<Vec<Country>, Error> {
    blocks(file, text)?
        .iter()
        .map(|b| country(file, b))
        .collect()
}

fn country(file: &str, b: &Block<'_>) -> Result<Country, Error> {
    let (code, name) = code_header(file, b)?;
    if code.len() != 3 {
        return Err(Error::new(
            file,
            b.line,
            format!("country code '{code}' must have three letters"),
        ));
    }
    let mut c = Country {
        code: code.to_string(),
        iso2: String::new(),
        names: vec![name.to_string()],
        adjectives: Vec::new(),
        capital: None,
        cities: Vec::new(),
        metonyms: Vec::new(),
        status: CountryStatus::Other,
        line: b.line,
    };
    let (mut iso2_seen, mut status_seen, mut cap_seen) = (None, None, None);
    for f in &b.fields {
        match f.key {
            "alias" => c.names.extend(list(file, f.line, f.value)?),
            "adj" => c.adjectives.extend(list(file, f.line, f.value)?),
            "city" => c.cities.extend(list(file, f.line, f.value)?),
            "capital" => {
                once(file, &mut cap_seen, f.key, f.line)?;
                c.capital = Some(f.value.to_string());
            }
            "iso2" => {
                once(file, &mut iso2_seen, f.key, f.line)?;
                if f.value.len() != 2 || !f.value.bytes().all(|x| x.is_ascii_uppercase()) {
                    return Err(Error::new(file, f.line, format!("bad iso2 '{}'", f.value)));
                }
                c.iso2 = f.value.to_string();
            }
            "status" => {
                once(file, &mut status_seen, f.key, f.line)?;
                c.status = match f.value {
                    "member" => CountryStatus::Member,
                    "observer" => CountryStatus::Observer,
                    "other" => CountryStatus::Other,
                    "region" => CountryStatus::Region,
                    v => {
                        return Err(Error::new(
                            file,
                            f.line,
                            format!("bad status '{v}': expected member, observer, other or region"),
                        ))
                    }
                };
            }
            "metonym" => {
                let Some((mcode, names)) = f.value.split_once('=') else {
                    return Err(Error::new(
                        file,
                        f.line,
                        "expected 'metonym: CODE = name | name'",
                    ));
                };
                let mcode = mcode.trim();
                check_code(file, f.line, mcode)?;
                if !mcode.starts_with(code) {
                    return Err(Error::new(
                        file,
                        f.line,
                        format!("metonym code '{mcode}' does not start with country code '{code}'"),
                    ));
                }
                c.metonyms.push(Metonym {
                    code: mcode.to_string(),
                    names: list(file, f.line, names)?,
                });
            }
            k => return Err(unknown(file, k, f.line)),
        }
    }
    if c.status != CountryStatus::Region && c.iso2.is_empty() {
        return Err(Error::new(
            file,
            b.line,
            format!("country '{code}' has no iso2 field"),
        ));
    }
    if status_seen.is_none() {
        return Err(Error::new(
            file,
            b.line,
            format!("country '{code}' has no status field"),
        ));
    }
    if c.status == CountryStatus::Region {
        if let Some(line) = iso2_seen.or(cap_seen) {
            return Err(Error::new(
                file,
                line,
                format!("region '{code}' takes no iso2 and no capital"),
            ));
        }
    }
    Ok(c)
}

/// Parses `people.txt`.
pub fn load_people(file: &str, text: &str) -> Result<Vec<Person>, Error> {
    blocks(file, text)?
        .iter()
        .map(|b| person(file, b))
        .collect()
}

fn person(file: &str, b: &Block<'_>) -> Result<Person, Error> {
    let mut p = Person {
        names: vec![b.header.to_string()],
        roles: Vec::new(),
        title: None,
        line: b.line,
    };
    let mut title_seen = None;
    for f in &b.fields {
        match f.key {
            "alias" => p.names.extend(list(file, f.line, f.value)?),
            "role" => push_role(file, f.line, f.value, &mut p.roles)?,
            "title" => {
                once(file, &mut title_seen, f.key, f.line)?;
                p.title = Some(f.value.to_string());
            }
            k => return Err(unknown(file, k, f.line)),
        }
    }
    if p.roles.is_empty() {
        return Err(Error::new(
            file,
            b.line,
            format!("person '{}' has no role", b.header),
        ));
    }
    Ok(p)
}

/// Parses `organisations.txt`.
pub fn load_organisations(file: &str, text: &str) -> Result<Vec<Organisation>, Error> {
    blocks(file, text)?
        .iter()
        .map(|b| organisation(file, b))
        .collect()
}

fn organisation(file: &str, b: &Block<'_>) -> Result<Organisation, Error> {
    let (code, name) = code_header(file, b)?;
    let mut o = Organisation {
        code: code.to_string(),
        names: vec![name.to_string()],
        kind: OrgKind::Igo,
        roles: Vec::new(),
        line: b.line,
    };
    let mut kind_seen = None;
    for f in &b.fields {
        match f.key {
            "alias" => o.names.extend(list(file, f.line, f.value)?),
            "role" => push_role(file, f.line, f.value, &mut o.roles)?,
            "kind" => {
                once(file, &mut kind_seen, f.key, f.line)?;
                o.kind = match f.value {
                    "igo" => OrgKind::Igo,
                    "ngo" => OrgKind::Ngo,
                    "armed" => OrgKind::Armed,
                    "party" => OrgKind::Party,
                    "institution" => OrgKind::Institution,
                    "media" => OrgKind::Media,
                    "company" => OrgKind::Company,
                    v => return Err(Error::new(file, f.line, format!("bad kind '{v}'"))),
                };
            }
            k => return Err(unknown(file, k, f.line)),
        }
    }
    if kind_seen.is_none() {
        return Err(Error::new(
            file,
            b.line,
            format!("organisation '{code}' has no kind field"),
        ));
    }
    Ok(o)
}

/// Parses `agents.txt`.
pub fn load_agents(file: &str, text: &str) -> Result<Vec<Agent>, Error> {
    blocks(file, text)?.iter().map(|b| agent(file, b)).collect()
}

fn agent(file: &str, b: &Block<'_>) -> Result<Agent, Error> {
    let (code, name) = code_header(file, b)?;
    let mut a = Agent {
        code: code.to_string(),
        names: vec![name.to_string()],
        plurals: Vec::new(),
        prefix: false,
        line: b.line,
    };
    for f in &b.fields {
        match f.key {
            "alias" => a.names.extend(list(file, f.line, f.value)?),
            "plural" => a.plurals.extend(list(file, f.line, f.value)?),
            k => return Err(unknown(file, k, f.line)),
        }
    }
    Ok(a)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn role_ranges() {
        let r = DatedRole::parse("SYRGOV 2024-12-08..").unwrap();
        assert!(r.contains(Date::parse("2024-12-08").unwrap()));
        assert!(!r.contains(Date::parse("2024-12-07").unwrap()));
        let r = DatedRole::parse("SYRREB ..2024-12-08").unwrap();
        assert!(!r.contains(Date::parse("2024-12-08").unwrap()));
        assert!(DatedRole::parse("USAGOV")
            .unwrap()
            .contains(Date::parse("1900").unwrap()));
        assert!(DatedRole::parse("X 2020..2019").is_err());
        assert!(DatedRole::parse("X 2020").is_err());
        assert!(DatedRole::parse("X 2020.. extra").is_err());
    }
}
