//! Readers for legacy event-coding dictionaries, so that years of work in PETRARCH-2 and
//! TABARI dictionaries can be used by detente. The loaders produce plain data
//! ([`ActorDictionary`], [`AgentDictionary`], [`VerbDictionary`], [`Discards`]) that knows
//! nothing about matching; every entry keeps its 1-based line number.
//!
//! # Formats
//!
//! Both families are line based, upper-case, with words of a phrase joined by `_`
//! (adjacent) or a blank. Comments start with `#` (PETRARCH) or `;` (TABARI) anywhere
//! outside `[...]` (so `[###]` is a code, not a comment); PETRARCH also uses `<!-- ... -->`
//! blocks, possibly spanning lines.
//!
//! - **Actors** (`Phoenix.*.actors.txt`, TABARI `.actors`): `NAME [CODE]`, synonyms on
//!   following `+NAME` lines, codes on the name line or on following (tab-indented) lines,
//!   several codes per line allowed. Date restrictions: `[CODE >YYMMDD]`, `[CODE <YYMMDD]`,
//!   `[CODE YYMMDD-YYMMDD]`, with 6- or 8-digit dates and optional blanks
//!   (`[HOB < 950601]`, `[HOBGOV 19950601 - 19990815]`). Codes `---` (null), `###`
//!   (TABARI discard) and `A/B` (TABARI compound) are kept verbatim. TABARI `<NOUN>` and
//!   `<ADJECTIVE>` sections are kept as raw [`Section`]s.
//! - **Agents** (`Phoenix.agents.txt`, TABARI `.agents`): `PHRASE {PLURAL} [~CODE]`;
//!   `[CODE~]` is a prefix agent. PETRARCH substitution sets (`!PERSON! = MAN, MEN, ...`)
//!   are expanded and regular plurals generated unless `{...}` gives or nulls them.
//! - **Verbs** (`CAMEO.2.0.txt`, TABARI `.verbs`): see [`load_petrarch_verbs`] and
//!   [`load_tabari_verbs`]: synonym sets, verb blocks, forms with irregular forms,
//!   structured patterns (`*` verb, `$` source, `+` target, `^` skip, `%` compound, `&SET`,
//!   `( ... )` prepositional phrases, `{ ... }` noun phrases, `{ A | B }` alternatives,
//!   `_` adjacency), paired codes `[042:043]`, and PETRARCH transformations.
//! - **Discards** (`Phoenix.discards.txt`): one phrase a line, `+` for story discards.
//!   TABARI used `[###]` codes in actor and verb files instead: see [`tabari_discards`].
//!
//! Loaders are lenient where PETRARCH and TABARI were: oddities become [`Warning`]s with
//! line numbers. A [`LoadError`] is returned only when the input is not a dictionary at
//! all (binary data, tab-separated tables). No loader panics on any input.

mod actors;
mod agents;
mod discards;
mod text;
mod types;
mod verbs;

pub use actors::{load_petrarch_actors, load_tabari_actors};
pub use agents::{load_petrarch_agents, load_tabari_agents};
pub use discards::{load_petrarch_discards, tabari_discards};
pub use text::decode;
pub use types::{
    ActorDictionary, ActorEntry, AgentDictionary, AgentEntry, AgentPlacement, Date, DatedCode,
    DiscardEntry, DiscardScope, Discards, EventCode, Join, LoadError, Loaded, Pattern, PatternItem,
    PatternToken, Phrase, Section, Synset, Transformation, VerbDictionary, VerbEntry, VerbForm,
    Warning,
};
pub use verbs::{load_petrarch_verbs, load_tabari_verbs};

/// Which program's conventions a dictionary file follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// PETRARCH-2 (`#` comments, `<!-- -->` blocks, `--- VERB ---` blocks, `!SUBST!` sets).
    Petrarch,
    /// TABARI (`;` comments, `<NOUN>`/`<SYNSETS>`/`<TIME>` sections, verb lines without blocks).
    Tabari,
    /// Not a dictionary: tab-separated data or binary.
    NotDictionary,
}

/// Guesses the format from the text. Files with no distinguishing signal are PETRARCH,
/// whose loaders accept a superset of the common syntax.
pub fn detect_format(text: &str) -> Format {
    if looks_like_data(text) {
        return Format::NotDictionary;
    }
    let (mut petr, mut tab) = (0usize, 0usize);
    for line in text.lines().take(20_000) {
        let t = line.trim();
        let petr_marker = t.starts_with("<!--")
            || (t.starts_with('!') && t.contains("! ="))
            || (t.starts_with("---") && t.ends_with("---") && t.len() > 6);
        if petr_marker {
            petr += 5;
        } else if matches!(
            t,
            "<NOUN>" | "<ADJECTIVE>" | "<SYNSETS>" | "<TIME>" | "</NOUN>" | "</SYNSETS>"
        ) {
            tab += 50;
        }
        let (mut depth, mut seen) = (0i32, false);
        for c in t.chars() {
            match c {
                '[' => depth += 1,
                ']' => depth -= 1,
                '#' if depth <= 0 && !seen => {
                    petr += 1;
                    seen = true;
                }
                ';' if depth <= 0 && !seen => {
                    tab += 1;
                    seen = true;
                }
                _ => {}
            }
        }
    }
    if tab > petr {
        Format::Tabari
    } else {
        Format::Petrarch
    }
}

/// True for binary data or a tab-separated table (most non-blank lines have several tabs).
fn looks_like_data(text: &str) -> bool {
    if text.contains('\0') {
        return true;
    }
    let (mut lines, mut tabular) = (0usize, 0usize);
    for l in text.lines().filter(|l| !l.trim().is_empty()).take(2000) {
        lines += 1;
        if l.matches('\t').count() >= 4 {
            tabular += 1;
        }
    }
    lines > 0 && tabular * 2 > lines
}

pub(crate) fn check_not_data(text: &str, path_name: &str) -> Result<(), LoadError> {
    if looks_like_data(text) {
        let line = text
            .lines()
            .position(|l| l.contains('\0') || l.matches('\t').count() >= 4)
            .map_or(1, |i| i + 1);
        return Err(LoadError {
            path: path_name.to_string(),
            line,
            msg: "not a dictionary: the file is binary or tab-separated data".into(),
        });
    }
    Ok(())
}

fn by_format<T>(
    path_name: &str,
    text: &str,
    petrarch: fn(&str, &str) -> Result<Loaded<T>, LoadError>,
    tabari: fn(&str, &str) -> Result<Loaded<T>, LoadError>,
) -> Result<Loaded<T>, LoadError> {
    match detect_format(text) {
        Format::Tabari => tabari(text, path_name),
        Format::Petrarch | Format::NotDictionary => petrarch(text, path_name),
    }
}

/// Loads an actor dictionary in either format.
pub fn load_actors(path_name: &str, text: &str) -> Result<Loaded<ActorDictionary>, LoadError> {
    by_format(path_name, text, load_petrarch_actors, load_tabari_actors)
}

/// Loads an agent dictionary in either format.
pub fn load_agents(path_name: &str, text: &str) -> Result<Loaded<AgentDictionary>, LoadError> {
    by_format(path_name, text, load_petrarch_agents, load_tabari_agents)
}

/// Loads a verb dictionary in either format.
pub fn load_verbs(path_name: &str, text: &str) -> Result<Loaded<VerbDictionary>, LoadError> {
    by_format(path_name, text, load_petrarch_verbs, load_tabari_verbs)
}

/// Loads a discard list. TABARI had no separate discard file (it used `[###]` codes in
/// actor and verb files); such `PHRASE [###]` lines are accepted too.
pub fn load_discards(path_name: &str, text: &str) -> Result<Loaded<Discards>, LoadError> {
    load_petrarch_discards(text, path_name)
}
