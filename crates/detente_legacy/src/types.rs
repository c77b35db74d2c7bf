//! Plain data types produced by the loaders: phrases, dated codes, actor, agent,
//! verb and discard entries, warnings and errors. They are independent of any
//! matcher; every entry keeps the 1-based line it came from.

use std::collections::BTreeMap;
use std::fmt;

/// How two consecutive words of a [`Phrase`] were written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Join {
    /// Joined by `_`: the words must be adjacent in the text.
    Adjacent,
    /// Separated by blanks: PETRARCH and TABARI allow intervening words in some contexts.
    Gap,
}

/// A dictionary phrase: upper-cased words and how they were joined.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Phrase {
    /// Words, upper-cased, without connectors (`AL-QAEDA`, `U.S.`, `PA'ANGA` keep their punctuation).
    pub words: Vec<String>,
    /// `joins[i]` joins `words[i]` and `words[i + 1]`; `joins.len() == words.len() - 1`.
    pub joins: Vec<Join>,
    /// The phrase ended with `_`. TABARI: the last word must match exactly (otherwise it is
    /// a stem that matches any word it prefixes). PETRARCH synsets and agents: no plural
    /// is generated for it.
    pub stop: bool,
}

impl Phrase {
    /// The phrase as PETRARCH writes it: words joined by `_` or a blank.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                out.push(match self.joins.get(i - 1) {
                    Some(Join::Gap) => ' ',
                    _ => '_',
                });
            }
            out.push_str(w);
        }
        if self.stop {
            out.push('_');
        }
        out
    }

    /// The regular English plural PETRARCH generates for a noun phrase: the last word
    /// gets `-IES` for a consonant + `Y`, `-ES` after `S`, `X`, `Z`, `CH` or `SH`, else `-S`.
    pub fn regular_plural(&self) -> Option<Phrase> {
        let last = self.words.last()?;
        let plural = plural_of(last)?;
        let mut p = self.clone();
        if let Some(l) = p.words.last_mut() {
            *l = plural;
        }
        Some(p)
    }
}

/// Regular plural of one upper-case word, or `None` when the word has no letters.
pub(crate) fn plural_of(word: &str) -> Option<String> {
    let last = word.chars().last()?;
    if !last.is_alphabetic() {
        return None;
    }
    let mut chars = word.chars().rev();
    chars.next();
    let before = chars.next();
    if last == 'Y' && before.is_some_and(|c| !"AEIOU".contains(c)) {
        let stem: String = word[..word.len() - 1].to_string();
        return Some(stem + "IES");
    }
    if matches!(last, 'S' | 'X' | 'Z') || word.ends_with("CH") || word.ends_with("SH") {
        return Some(format!("{word}ES"));
    }
    Some(format!("{word}S"))
}

impl fmt::Display for Phrase {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text())
    }
}

/// A calendar date as written in a date restriction.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Four-digit year (two-digit years 00–30 are 20YY, others 19YY, as in KEDS/TABARI/PETRARCH).
    pub year: i32,
    /// Month, 1–12.
    pub month: u8,
    /// Day, 1–31 (checked against the month and leap years).
    pub day: u8,
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// One actor code with its optional date restriction.
///
/// `[USAGOV >20090120]` gives `from`, `[USAELI <20090120]` gives `to`, and
/// `[USAGOV 20010101-20050101]` gives both. The bounds are kept as written; PETRARCH
/// treats `<` and `>` as strict and a range as inclusive.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct DatedCode {
    /// The code, upper-cased: `USAGOV`, `---` (null), `###` (TABARI discard), `ELR/GAL` (TABARI compound).
    pub code: String,
    /// The code applies from this date on.
    pub from: Option<Date>,
    /// The code applies until this date.
    pub to: Option<Date>,
}

/// One actor record: a primary name, its `+` synonyms and its codes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorEntry {
    /// The primary name first, then the synonyms in file order.
    pub names: Vec<Phrase>,
    /// Codes in file order; undated ones are defaults.
    pub codes: Vec<DatedCode>,
    /// 1-based line of the primary name.
    pub line: usize,
}

/// A TABARI word-list section such as `<NOUN>` or `<ADJECTIVE>` (or `<TIME>` in verb files).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Section name, upper-cased, without the angle brackets.
    pub name: String,
    /// The non-comment lines of the section, trimmed, with their 1-based line numbers.
    pub lines: Vec<(usize, String)>,
}

/// A loaded actor dictionary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorDictionary {
    /// Actor records in file order.
    pub entries: Vec<ActorEntry>,
    /// TABARI sections (`<NOUN>`, `<ADJECTIVE>`) found in the file.
    pub sections: Vec<Section>,
}

/// Where an agent code goes relative to the actor code.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AgentPlacement {
    /// `[~GOV]`: appended after the actor code (`USA` + `GOV`).
    Suffix,
    /// `[NGO~]`: put before the actor code.
    Prefix,
}

/// One agent record with every phrase it generates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgentEntry {
    /// The phrase as written (substitution markers and all), for provenance.
    pub written: String,
    /// Expanded phrases: the singular(s) after `!MARKER!` substitution, then explicit
    /// `{...}` plurals or, in PETRARCH files, the generated regular plural.
    pub phrases: Vec<Phrase>,
    /// The agent code without the `~`, upper-cased.
    pub code: String,
    /// Suffix (`~GOV`) or prefix (`NGO~`).
    pub placement: AgentPlacement,
    /// 1-based line.
    pub line: usize,
}

/// A loaded agent dictionary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AgentDictionary {
    /// Agent records in file order.
    pub entries: Vec<AgentEntry>,
    /// PETRARCH substitution sets: `PERSON` → `[MAN, MEN, ...]` (marker name without `!`).
    pub substitutions: BTreeMap<String, Vec<String>>,
}

/// An event code as written in brackets: `[042]`, `[042:043]`, `[:190]`, `[---]`, `[080!]`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct EventCode {
    /// The text between the brackets, trimmed and upper-cased.
    pub raw: String,
    /// The source→target code (before `:`), `None` if empty.
    pub primary: Option<String>,
    /// The paired target→source code after `:` (TABARI/PETRARCH paired events), if any.
    pub paired: Option<String>,
}

impl EventCode {
    /// Parses the text between brackets.
    pub fn parse(raw: &str) -> EventCode {
        let raw = raw.trim().to_uppercase();
        let (primary, paired) = match raw.split_once(':') {
            Some((a, b)) => (a.trim(), Some(b.trim())),
            None => (raw.as_str(), None),
        };
        let some = |s: &str| (!s.is_empty()).then(|| s.to_string());
        EventCode {
            primary: some(primary),
            paired: paired.and_then(some),
            raw,
        }
    }

    /// `[---]`: a null code (the pattern or verb does not generate an event on its own).
    pub fn is_null(&self) -> bool {
        self.raw == "---"
    }

    /// `[###]`: a TABARI discard code.
    pub fn is_discard(&self) -> bool {
        self.raw == "###"
    }
}

/// One token of a verb pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternToken {
    /// A literal word, upper-cased (`TALKS`, `RE_TRIAL` is two words joined by `Adjacent`).
    Word(String),
    /// `&NAME`: a reference to a synonym set.
    Synset(String),
    /// `*`: the verb position.
    Verb,
    /// `$`: the source actor.
    Source,
    /// `+`: the target actor.
    Target,
    /// `^`: skip a noun phrase.
    Skip,
    /// `%`: a compound actor (source and target both).
    Compound,
    /// `( ... )`: a prepositional phrase (PETRARCH); the first item is usually the preposition.
    Prep(Vec<PatternItem>),
    /// `{ ... }` without `|`: a noun phrase (PETRARCH).
    Group(Vec<PatternItem>),
    /// `{ A | B C }`: alternatives (TABARI); each alternative is a token sequence.
    Alternatives(Vec<Vec<PatternItem>>),
}

/// A pattern token and whether it is joined to the next one with `_`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternItem {
    /// The token.
    pub token: PatternToken,
    /// Written with `_` (or `~_`) to the next token: no intervening words are allowed.
    pub adjacent: bool,
    /// Written with a `~` suffix (TABARI connector marker, kept for fidelity).
    pub tilde: bool,
}

/// One `- ...  [code]` pattern line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// The structured tokens.
    pub items: Vec<PatternItem>,
    /// The pattern's code; `None` when the line has none (the verb's code applies).
    pub code: Option<EventCode>,
    /// The comment after `#` or `;`, trimmed (PETRARCH puts the originating verb here).
    pub comment: Option<String>,
    /// The original line, for `explain`.
    pub text: String,
    /// 1-based line.
    pub line: usize,
}

/// A verb form line inside a verb block.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbForm {
    /// Words of the form, upper-cased (`CALL`, `OFF` for `+CALL_OFF`).
    pub words: Vec<String>,
    /// Index of the verb word (`+` marks it in PETRARCH multi-word forms; else 0).
    pub head: usize,
    /// The form ended with `_` (TABARI: exact match, not a stem).
    pub stop: bool,
    /// Irregular forms given in `{...}`, each as its own word list.
    pub irregular: Vec<Vec<String>>,
    /// A code specific to this form, if given.
    pub code: Option<EventCode>,
    /// 1-based line.
    pub line: usize,
}

/// A verb block: `--- SAY [010] ---` (PETRARCH) or a `VERB [code]` line (TABARI), with its
/// forms and patterns.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VerbEntry {
    /// The block's lemma (the PETRARCH block name or the TABARI verb line), upper-cased.
    pub lemma: String,
    /// The default code of the block.
    pub code: Option<EventCode>,
    /// The verb forms (in TABARI, the verb line itself is the first form).
    pub forms: Vec<VerbForm>,
    /// The patterns of the block, in file order.
    pub patterns: Vec<Pattern>,
    /// 1-based line of the block header.
    pub line: usize,
}

/// A PETRARCH transformation line (`~ a (a b ATTACK) SAY = a b 015`), kept raw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Transformation {
    /// The left-hand side (before `=`), trimmed, without the leading `~`.
    pub lhs: String,
    /// The right-hand side (after `=`), trimmed.
    pub rhs: String,
    /// 1-based line.
    pub line: usize,
}

/// A synonym set with its provenance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Synset {
    /// Member phrases (a member may itself contain `&NAME` words in TABARI).
    pub members: Vec<Phrase>,
    /// 1-based line of `&NAME`.
    pub line: usize,
}

/// A loaded verb dictionary.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VerbDictionary {
    /// Synonym sets by name (upper-cased, without `&`; a trailing `_` is kept as written).
    pub synsets: BTreeMap<String, Synset>,
    /// Verb blocks in file order.
    pub verbs: Vec<VerbEntry>,
    /// PETRARCH transformations.
    pub transformations: Vec<Transformation>,
    /// Other TABARI sections (`<TIME>`).
    pub sections: Vec<Section>,
}

impl VerbDictionary {
    /// Total number of patterns over all verb blocks.
    pub fn pattern_count(&self) -> usize {
        self.verbs.iter().map(|v| v.patterns.len()).sum()
    }
}

/// Whether a discard removes the sentence or the whole story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum DiscardScope {
    /// No marker: discard the sentence.
    Sentence,
    /// `+` marker: discard the whole story.
    Story,
}

/// One discard phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DiscardEntry {
    /// The phrase, upper-cased.
    pub phrase: Phrase,
    /// Sentence or story.
    pub scope: DiscardScope,
    /// 1-based line.
    pub line: usize,
}

/// A loaded discard list.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Discards {
    /// Entries in file order (duplicates kept, as in the files).
    pub entries: Vec<DiscardEntry>,
}

/// A non-fatal oddity in a dictionary line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    /// 1-based line.
    pub line: usize,
    /// Lower-case message.
    pub msg: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "line {}: {}", self.line, self.msg)
    }
}

/// A dictionary that could not be loaded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}: {msg}")]
pub struct LoadError {
    /// The path name given to the loader.
    pub path: String,
    /// 1-based line.
    pub line: usize,
    /// Lower-case message.
    pub msg: String,
}

/// A loaded dictionary with the warnings raised while reading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded<T> {
    /// The dictionary.
    pub value: T,
    /// Oddities, in line order.
    pub warnings: Vec<Warning>,
}
