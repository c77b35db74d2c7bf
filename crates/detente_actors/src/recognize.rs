//! Actor recognition over parsed sentences: names, composed noun phrases, appositions,
//! compounds and within-document coreference, each mention with its CAMEO code(s).
//!
//! [`ActorRecognizer::new`] indexes a [`KnowledgeBase`] once (a word-key trie, see
//! `matcher.rs`); [`ActorRecognizer::recognize_document`] then reads a document's
//! sentences (`&[TaggedWord]`, as `detente_pipeline` makes them) in order and returns,
//! per sentence, the [`ActorMention`]s in text order. Per sentence it
//!
//! 1. finds dictionary names (longest match, case rules for acronyms and places);
//! 2. links conjoined names into compound groups ("Israel and Syria" → two mentions
//!    sharing a `group`);
//! 3. resolves plural definite descriptions ("both nations", "the two countries", "both
//!    sides") to the last pair of actors mentioned together;
//! 4. absorbs titles into names ("U.S. President Donald Trump");
//! 5. composes agent nouns with the country, place, organisation or person that
//!    modifies them through the parse (`amod`, `compound`, `nmod:poss`, `nmod`, with a
//!    word-order fallback): "the Syrian interim president" → `SYRGOV`, "Israeli security
//!    officials" → `ISRCOP`, "Syria's foreign ministry" → `SYRGOV`, "governor of Quneitra
//!    province" → `SYRGOV` through the gazetteer;
//! 6. codes proper names no dictionary knows through their appositions or titles
//!    ("Ahmad Al-Dalati, a senior security official recently appointed governor of
//!    Quneitra province" → `SYRGOV`) and reports them as [`UnknownName`]s;
//! 7. resolves pronouns (`it`, `its`, `they`, `their`, `he`, ...) and definite agent
//!    descriptions ("the president", "the group", "the country") to earlier mentions,
//!    preferring the nearest compatible mention in the sentence, then the subject of the
//!    previous sentences; a possessive owner composes with its agent noun ("its foreign
//!    minister" → `QATGOV`); a later bare surname takes the code of the full name.
//!
//! Conventions: a bare agent noun with no owner is a [`MentionKind::Agent`] with the bare
//! agent code (`COP`), left for a later stage; agent nouns that only modify another noun
//! ("military infrastructure") and gazetteer places are not actors by themselves.
//!
//! People and organisations with dated roles are coded for the article date; when a
//! person has no role then but the sentence names a date on which they had one ("Bashar
//! Assad in December 2023"), that date is used, else a title before the name ("Prime
//! Minister Theresa May"), else, once every role has ended, the former official's code
//! (`Person::former_code`: `GBRELI`). [`ActorRecognizer::codes_on`] re-codes a
//! mention for any other date (an event's own date).
//!
//! Everything is linear in sentence length (trie walks bounded by the longest name,
//! bounded look-backs); nothing scans the dictionaries per sentence.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Range;

use detente_core::{Children, TaggedWord, TextRange};

use crate::date::Date;
use crate::kb::{Hit, KnowledgeBase};
use crate::matcher::{is_possessive_ending, word_keys, Match, Matcher};
use crate::places::PlaceKind;

/// What kind of evidence made a mention an actor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum MentionKind {
    /// A country name, adjective, demonym or city of `countries.txt`.
    Country,
    /// A person of `people.txt` (coded by their role on the date).
    Person,
    /// An organisation of `organisations.txt`.
    Organisation,
    /// A metonym or capital standing for an institution ("the White House", "Damascus").
    Metonym,
    /// An agent noun with no country found ("security officials"): the code is the bare
    /// agent code (`COP`), to be completed by a later stage or left out.
    Agent,
    /// An agent noun composed with what modifies it ("Syria's foreign ministry").
    Composed,
    /// A proper name no dictionary knows, coded through its apposition or title.
    Described,
    /// A pronoun or definite description resolved to earlier (rarely later) mentions.
    Coref {
        /// The mentions it refers to (one, or two for "both nations").
        antecedents: Vec<MentionRef>,
    },
}

impl MentionKind {
    /// A short lowercase name for output (`country`, `coref`, ...).
    pub fn name(&self) -> &'static str {
        match self {
            MentionKind::Country => "country",
            MentionKind::Person => "person",
            MentionKind::Organisation => "organisation",
            MentionKind::Metonym => "metonym",
            MentionKind::Agent => "agent",
            MentionKind::Composed => "composed",
            MentionKind::Described => "described",
            MentionKind::Coref { .. } => "coref",
        }
    }
}

/// A reference to a mention: its sentence and its head word.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MentionRef {
    /// Sentence index in the document.
    pub sentence: usize,
    /// Head word index (0-based) of the mention in that sentence.
    pub head: usize,
}

/// One actor mention in a sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorMention {
    /// Sentence index in the document.
    pub sentence: usize,
    /// Word indices (0-based, half-open) of the mention in its sentence.
    pub words: Range<usize>,
    /// The head word (0-based) of the mention.
    pub head: usize,
    /// Byte range in the article text.
    pub range: TextRange,
    /// CAMEO codes on the article date (usually one; two for "both nations"; empty for
    /// a known person with no role on any date the text gives).
    pub codes: Vec<String>,
    /// What made it an actor.
    pub kind: MentionKind,
    /// The dictionary entry the code comes from, when it is a person or organisation
    /// whose code depends on the date (see [`ActorRecognizer::codes_on`]).
    pub entity: Option<Hit>,
    /// Conjuncts of one coordination ("Israel and Syria") share a group id, unique in the
    /// document.
    pub group: Option<u32>,
    /// A short human-readable reason.
    pub evidence: String,
}

/// A proper name (run of PROPN words) that no dictionary entry covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownName {
    /// Sentence index.
    pub sentence: usize,
    /// Word indices in the sentence.
    pub words: Range<usize>,
    /// Byte range in the article.
    pub range: TextRange,
    /// The name as written (words joined as in the text, spaces collapsed).
    pub text: String,
    /// Descriptions next to it (appositions, titles) as written.
    pub descriptions: Vec<String>,
    /// The code the descriptions suggest, if any.
    pub suggested: Option<String>,
}

/// Everything recognised in a document.
#[derive(Debug, Clone, Default)]
pub struct DocumentActors {
    /// Mentions per sentence, in text order.
    pub mentions: Vec<Vec<ActorMention>>,
    /// Proper names no dictionary knows, in text order.
    pub unknown: Vec<UnknownName>,
}

/// The recogniser: a knowledge base and its name index, built once.
pub struct ActorRecognizer<'kb> {
    kb: &'kb KnowledgeBase,
    matcher: Matcher,
    /// Normalised country adjectives that are not also country names ("syrian", not
    /// "u.s."): such a mention modifies a noun and cannot be a pronoun's antecedent.
    adjectives: HashSet<String>,
}

/// Month name → number (full names and common abbreviations, any case).
pub(crate) fn month_number(word: &str) -> Option<u8> {
    let w = word.trim_end_matches('.').to_ascii_lowercase();
    let n = match w.as_str() {
        "january" | "jan" => 1,
        "february" | "feb" => 2,
        "march" | "mar" => 3,
        "april" | "apr" => 4,
        "may" => 5,
        "june" | "jun" => 6,
        "july" | "jul" => 7,
        "august" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "october" | "oct" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    };
    Some(n)
}

fn is_weekday(word: &str) -> bool {
    matches!(
        word.trim_end_matches('.').to_ascii_lowercase().as_str(),
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday"
    )
}

/// A date the sentence itself names ("in December 2023", "in 2019"), if any.
fn sentence_date(words: &[TaggedWord<'_>]) -> Option<Date> {
    for (i, w) in words.iter().enumerate() {
        if w.form.len() == 4 && w.form.bytes().all(|b| b.is_ascii_digit()) {
            let year: i32 = w.form.parse().ok()?;
            if !(1900..=2100).contains(&year) {
                continue;
            }
            let month = i
                .checked_sub(1)
                .and_then(|j| month_number(words[j].form))
                .unwrap_or(1);
            return Date::new(year, month, 1);
        }
    }
    None
}

/// How a span found by the matcher is used.
#[derive(Debug, Clone)]
enum SpanKind {
    /// A name with a resolved code (or none: a person without a role on the date).
    Named {
        kind: MentionKind,
        codes: Vec<String>,
        entity: Option<Hit>,
        evidence: String,
    },
    /// A gazetteer place: a country for composition, not an actor by itself.
    Place {
        country: String,
        name: String,
        /// Sure enough to give its country to an agent noun.
        strong: bool,
        /// A region (state, province) of one country only: strong when an agent noun
        /// follows it ("the Johor government", "Tamil Nadu chief minister").
        region: bool,
    },
    /// An agent noun.
    Agent(usize),
}

#[derive(Debug, Clone)]
struct Span {
    start: usize,
    end: usize,
    head: usize,
    kind: SpanKind,
    /// Absorbed into another mention or otherwise done with.
    used: bool,
}

/// A resolved source of country for composition.
#[derive(Debug, Clone)]
struct Source {
    codes: Vec<String>,
    entity: Option<Hit>,
    words: Range<usize>,
    what: String,
}

/// Per-mention features for coreference.
#[derive(Debug, Clone)]
struct Cand {
    r: MentionRef,
    codes: Vec<String>,
    entity: Option<Hit>,
    group: Option<u32>,
    plural: bool,
    /// An organisation whose name ends in a plural noun ("the Houthis", "Syrian rebels").
    plural_org: bool,
    adjective: bool,
    subject: bool,
    person: bool,
    org: bool,
    country: bool,
    lemma: String,
    text: String,
}

/// Whether word `h` is (in apposition to) the subject of a clause that a pronoun of a
/// later sentence may take up: "Qatar's emir, Sheikh Tamim, arrived ... since Assad
/// fell. He held talks" is the emir; the subject of a clause that only modifies another
/// ("since Assad fell", "who met him") is not.
fn is_topic_subject(sent: &Sent<'_, '_>, h: usize) -> bool {
    let s = match sent.heads[h] {
        Some(p) if sent.rel_base(h) == "appos" => p,
        _ => h,
    };
    sent.deprel(s).starts_with("nsubj")
        && sent.heads[s].is_none_or(|v| !matches!(sent.rel_base(v), "advcl" | "acl"))
}

/// Document state carried from sentence to sentence.
#[derive(Default)]
struct DocState {
    hist: Vec<Cand>,
    next_group: u32,
    /// Last-word keys of described or known names → (codes, name).
    described: HashMap<String, (Vec<String>, String)>,
    /// Plural descriptions waiting for a later pair: (sentence, index in sentence).
    pending_pairs: Vec<(usize, usize)>,
    /// Leave the mentions' evidence empty where it costs the most to write.
    lean: bool,
}

const PLURAL_NOUNS: &[&str] = &[
    "nations",
    "countries",
    "sides",
    "states",
    "parties",
    "governments",
    "neighbours",
    "neighbors",
    "adversaries",
    "rivals",
    "foes",
    "allies",
    "capitals",
    "leaders",
    "delegations",
];

const COUNTRY_PLURALS: &[&str] = &[
    "nations",
    "countries",
    "states",
    "neighbours",
    "neighbors",
    "governments",
    "capitals",
];

const GROUP_NOUNS: &[&str] = &[
    "group",
    "organisation",
    "organization",
    "movement",
    "faction",
    "alliance",
    "coalition",
];

const PLACE_NOUNS: &[&str] = &[
    "province",
    "governorate",
    "region",
    "state",
    "district",
    "city",
    "county",
    "oblast",
    "area",
];

/// Words of region names that are also plain English ("Gulf" is a province of Papua New
/// Guinea, "Unity" a state of South Sudan): a region named by these words alone does not
/// give its country to the agent noun after it ("Gulf states", "Balkan leaders").
const GENERIC_REGION_WORDS: &[&str] = &[
    "atlantic",
    "balkan",
    "border",
    "capital",
    "caribbean",
    "central",
    "centrale",
    "centre",
    "city",
    "coast",
    "coastal",
    "delta",
    "district",
    "east",
    "eastern",
    "federal",
    "greater",
    "gulf",
    "highland",
    "highlands",
    "island",
    "islands",
    "lake",
    "lakes",
    "lower",
    "mountain",
    "mountains",
    "national",
    "nile",
    "north",
    "northern",
    "pacific",
    "plateau",
    "red",
    "region",
    "river",
    "sea",
    "south",
    "southern",
    "territory",
    "unity",
    "upper",
    "valley",
    "west",
    "western",
];

/// Office nouns that, made definite ("the president"), may refer to a named person.
const PERSON_TITLES: &[&str] = &[
    "president",
    "leader",
    "minister",
    "premier",
    "chancellor",
    "king",
    "queen",
    "emir",
    "prince",
    "sheikh",
    "monarch",
    "secretary",
    "commander",
    "envoy",
    "governor",
    "mayor",
    "spokesman",
    "spokeswoman",
    "chief",
    "general",
    "ruler",
    "sultan",
    "pope",
    "speaker",
];

const COUNTRY_NOUNS: &[&str] = &["country", "nation", "state", "kingdom", "republic"];

/// `crate::normalize(form)` for one word, borrowed when that is `form` itself: ASCII
/// without capitals, whitespace or backquotes (the only ASCII that folding changes).
fn normalized(form: &str) -> Cow<'_, str> {
    if form.bytes().all(|b| {
        b.is_ascii() && !b.is_ascii_uppercase() && !char::from(b).is_whitespace() && b != b'`'
    }) {
        Cow::Borrowed(form)
    } else {
        Cow::Owned(crate::normalize(form))
    }
}

/// Sentence view: words, lowercase forms and the dependency tree (0-based).
struct Sent<'s, 'a> {
    words: &'s [TaggedWord<'a>],
    /// `normalize` of each form (borrowed when that is the form itself).
    lower: Vec<Cow<'a, str>>,
    heads: Vec<Option<usize>>,
    children: Children,
}

impl<'s, 'a> Sent<'s, 'a> {
    fn new(words: &'s [TaggedWord<'a>]) -> Self {
        let n = words.len();
        let mut heads = vec![None; n];
        for (i, w) in words.iter().enumerate() {
            let h = w.head as usize;
            if h >= 1 && h <= n && h - 1 != i {
                heads[i] = Some(h - 1);
            }
        }
        let children = Children::new(&heads);
        // `normalize` straightens curly apostrophes ('\u{2019}' becomes '\'').
        let lower = words.iter().map(|w| normalized(w.form)).collect();
        Sent {
            words,
            lower,
            heads,
            children,
        }
    }

    fn deprel(&self, i: usize) -> &str {
        self.words[i].deprel
    }

    fn rel_base(&self, i: usize) -> &str {
        self.words[i].deprel.split(':').next().unwrap_or("")
    }

    fn is_plural(&self, i: usize) -> bool {
        matches!(self.words[i].xpos, "NNS" | "NNPS")
    }

    fn range(&self, r: Range<usize>) -> TextRange {
        let a = self.words[r.start].range;
        let b = self.words[r.end - 1].range;
        a.cover(b)
    }

    fn text(&self, r: Range<usize>) -> String {
        let mut s = String::new();
        let mut prev_end = None;
        for w in &self.words[r] {
            if let Some(e) = prev_end {
                if w.range.start > e {
                    s.push(' ');
                }
            }
            s.push_str(w.form);
            prev_end = Some(w.range.end);
        }
        s
    }

    /// Head of a span: the first word whose head lies outside it, else the last word.
    fn span_head(&self, start: usize, end: usize) -> usize {
        (start..end)
            .find(|&i| self.heads[i].is_none_or(|h| h < start || h >= end))
            .unwrap_or(end - 1)
    }

    /// Has a definite or demonstrative determiner among the dependents or just before.
    fn definite(&self, start: usize, head: usize) -> bool {
        let det = |i: usize| matches!(&*self.lower[i], "the" | "this" | "that" | "these" | "those");
        self.children[head].iter().any(|&c| c < start && det(c))
            || (start > 0 && det(start - 1))
            || (start > 1 && det(start - 2) && self.words[start - 1].upos == "ADJ")
    }
}

impl<'kb> ActorRecognizer<'kb> {
    /// Indexes `kb`; do this once and reuse the recogniser.
    pub fn new(kb: &'kb KnowledgeBase) -> ActorRecognizer<'kb> {
        let names: HashSet<String> = kb
            .countries
            .iter()
            .flat_map(|c| c.names.iter().chain(&c.cities).chain(&c.capital))
            .map(|n| crate::normalize(n))
            .collect();
        let adjectives = kb
            .countries
            .iter()
            .flat_map(|c| c.adjectives.iter())
            .map(|n| crate::normalize(n))
            .filter(|n| !names.contains(n) && !n.ends_with('s'))
            .collect();
        ActorRecognizer {
            kb,
            matcher: Matcher::new(kb),
            adjectives,
        }
    }

    /// The knowledge base.
    pub fn kb(&self) -> &'kb KnowledgeBase {
        self.kb
    }

    /// The mentions of each sentence of a document published on `date`.
    pub fn recognize_document(
        &self,
        sentences: &[Vec<TaggedWord<'_>>],
        date: Date,
    ) -> Vec<Vec<ActorMention>> {
        self.analyze_document(sentences, date).mentions
    }

    /// Mentions and unknown names of a document published on `date`.
    pub fn analyze_document(
        &self,
        sentences: &[Vec<TaggedWord<'_>>],
        date: Date,
    ) -> DocumentActors {
        self.analyze(sentences, date, false)
    }

    /// [`ActorRecognizer::analyze_document`] for callers that do not read the mentions'
    /// `evidence` (the event coder): the same mentions, but the evidence of the most
    /// frequent kinds of mention is left empty, which saves writing it.
    pub fn analyze_document_lean(
        &self,
        sentences: &[Vec<TaggedWord<'_>>],
        date: Date,
    ) -> DocumentActors {
        self.analyze(sentences, date, true)
    }

    fn analyze(&self, sentences: &[Vec<TaggedWord<'_>>], date: Date, lean: bool) -> DocumentActors {
        let mut state = DocState {
            lean,
            ..DocState::default()
        };
        let mut out = DocumentActors::default();
        let found = self.matcher.find_all(sentences);
        for (si, words) in sentences.iter().enumerate() {
            let (mentions, unknown) = self.sentence(si, words, &found[si], date, &mut state);
            out.mentions.push(mentions);
            out.unknown.extend(unknown);
        }
        // Cataphora: "both nations" before any pair was mentioned takes the first pair.
        for &(si, mi) in &state.pending_pairs {
            let Some(pair) = first_group_after(&out.mentions, si) else {
                continue;
            };
            let m = &mut out.mentions[si][mi];
            m.codes = pair.iter().map(|c| c.0.clone()).collect();
            m.kind = MentionKind::Coref {
                antecedents: pair.iter().map(|c| c.1).collect(),
            };
            m.evidence
                .push_str(" (resolved forward to the first pair mentioned later)");
        }
        for ms in &mut out.mentions {
            ms.retain(|m| !m.codes.is_empty() || !matches!(m.kind, MentionKind::Coref { .. }));
        }
        out
    }

    /// The mentions of one sentence on its own (no coreference across sentences).
    pub fn recognize_sentence(&self, words: &[TaggedWord<'_>], date: Date) -> Vec<ActorMention> {
        self.recognize_document(&[words.to_vec()], date)
            .pop()
            .unwrap_or_default()
    }

    /// The codes of `mention` on another `date` (an event's date): people and
    /// organisations with dated roles are re-coded; other mentions keep their codes.
    pub fn codes_on(&self, mention: &ActorMention, date: Date) -> Vec<String> {
        match mention.entity {
            Some(hit @ (Hit::Person(_) | Hit::Organisation(_))) => self
                .kb
                .code_of(hit, date)
                .map(|c| split_compound(&c))
                .unwrap_or_default(),
            _ => mention.codes.clone(),
        }
    }

    /// Resolves a name to its best entry, for a span of the matcher.
    fn span_kind(&self, m: &Match, sent: &Sent<'_, '_>, date: Date, lean: bool) -> SpanKind {
        let kb = self.kb;
        let first = m.entries[0].hit;
        let text = || sent.text(m.start..m.end);
        // The evidence, unless the caller does not want it.
        let ev = |f: &dyn Fn() -> String| if lean { String::new() } else { f() };
        match first {
            Hit::Person(i) => {
                let p = &kb.people[i];
                let (codes, evidence) = match p.role_on(date) {
                    Some(r) => (
                        split_compound(&r.code),
                        ev(&|| format!("person {} on {date}", p.names[0])),
                    ),
                    None => {
                        match sentence_date(sent.words).and_then(|d| p.role_on(d).map(|r| (d, r))) {
                            Some((d, r)) => (
                                split_compound(&r.code),
                                ev(&|| {
                                    format!("person {} on {d} (date in the sentence)", p.names[0])
                                }),
                            ),
                            None => match p.former_code(date) {
                                Some(code) => (
                                    split_compound(&code),
                                    ev(&|| {
                                        format!("person {} on {date}: former official", p.names[0])
                                    }),
                                ),
                                None => (
                                    Vec::new(),
                                    ev(&|| format!("person {} has no role on {date}", p.names[0])),
                                ),
                            },
                        }
                    }
                };
                SpanKind::Named {
                    kind: MentionKind::Person,
                    codes,
                    entity: Some(first),
                    evidence,
                }
            }
            Hit::Organisation(i) => SpanKind::Named {
                kind: MentionKind::Organisation,
                codes: vec![kb.organisations[i].code_on(date).to_string()],
                entity: Some(first),
                evidence: ev(&|| format!("organisation {}", kb.organisations[i].names[0])),
            },
            Hit::Metonym(..) | Hit::Capital(_) => SpanKind::Named {
                kind: MentionKind::Metonym,
                codes: kb.code_of(first, date).into_iter().collect(),
                // A capital is kept as the entity so that an agent noun after it takes
                // the country ("Beijing police" → CHNCOP, not the government's code).
                entity: matches!(first, Hit::Capital(_)).then_some(first),
                evidence: ev(&|| format!("metonym '{}'", text())),
            },
            Hit::Country(i) => SpanKind::Named {
                kind: MentionKind::Country,
                codes: vec![kb.countries[i].code.clone()],
                entity: None,
                evidence: ev(&|| format!("country {}", kb.countries[i].names[0])),
            },
            Hit::Agent(i) => SpanKind::Agent(i),
            Hit::Place(_) => {
                let best = m
                    .entries
                    .iter()
                    .filter_map(|e| match e.hit {
                        Hit::Place(i) => Some(&kb.places[i]),
                        _ => None,
                    })
                    .max_by_key(|p| {
                        (
                            p.kind == PlaceKind::Capital,
                            p.kind == PlaceKind::Admin1,
                            p.population,
                        )
                    });
                // A region counts when called one ("Quneitra province"); a town when it
                // is a capital or sizeable. Otherwise "Gulf" (a province of Papua New
                // Guinea) would make "Gulf states" Papuan.
                let region_noun =
                    m.end < sent.words.len() && PLACE_NOUNS.contains(&&*sent.lower[m.end]);
                let one_country = m.entries.iter().all(|e| match e.hit {
                    Hit::Place(i) => best.is_some_and(|b| kb.places[i].country == b.country),
                    _ => false,
                });
                match best {
                    Some(p) => SpanKind::Place {
                        country: p.country.clone(),
                        name: p.name.clone(),
                        strong: match p.kind {
                            PlaceKind::Admin1 => region_noun,
                            PlaceKind::Capital => true,
                            PlaceKind::City => p.population >= 50_000 || region_noun,
                        },
                        region: p.kind == PlaceKind::Admin1
                            && one_country
                            && !(m.start..m.end)
                                .all(|w| GENERIC_REGION_WORDS.contains(&&*sent.lower[w])),
                    },
                    // Unreachable (the best entry is a place), but harmless.
                    None => SpanKind::Place {
                        country: String::new(),
                        name: text(),
                        strong: false,
                        region: false,
                    },
                }
            }
        }
    }

    fn sentence(
        &self,
        si: usize,
        words: &[TaggedWord<'_>],
        found: &[Match],
        date: Date,
        state: &mut DocState,
    ) -> (Vec<ActorMention>, Vec<UnknownName>) {
        if words.is_empty() {
            return (Vec::new(), Vec::new());
        }
        let sent = Sent::new(words);
        let n = words.len();
        let mut spans: Vec<Span> = found
            .iter()
            .map(|m| Span {
                start: m.start,
                end: m.end,
                head: sent.span_head(m.start, m.end),
                kind: self.span_kind(m, &sent, date, state.lean),
                used: false,
            })
            .collect();
        // A one-word CAMEO region right after a name that is no actor is the end of that
        // name ("Kanye West", "Cornel West"), not the region.
        // (A weak place does not count: Kanye is also a town in Botswana.)
        let covered = |spans: &[Span], w: usize| {
            spans.iter().any(|s| {
                s.start <= w
                    && w < s.end
                    && !matches!(s.kind, SpanKind::Place { strong: false, .. })
            })
        };
        let in_name: Vec<bool> = spans
            .iter()
            .map(|s| {
                let region = matches!(&s.kind, SpanKind::Named { kind: MentionKind::Country, codes, .. }
                    if codes.first().is_some_and(|c| crate::kb::REGION_CODES.contains(&c.as_str())));
                let region_in_name = region
                    && s.end == s.start + 1
                    && s.start > 0
                    && sent.words[s.start - 1].upos == "PROPN"
                    && !covered(&spans, s.start - 1);
                region_in_name || after_name_particle(&sent, s.start) || in_sea_name(&sent, s)
            })
            .collect();
        let mut k = 0;
        spans.retain(|_| {
            k += 1;
            !in_name[k - 1]
        });
        // A region right before an agent noun is that agent's country ("the Johor
        // government", "Texas governor").
        for k in 1..spans.len() {
            let (before, after) = spans.split_at_mut(k);
            let agent_next = |start: usize| {
                after
                    .iter()
                    .any(|s| s.start == start && matches!(s.kind, SpanKind::Agent(_)))
            };
            if let Some(prev) = before.last_mut() {
                if let SpanKind::Place {
                    strong,
                    region: true,
                    ..
                } = &mut prev.kind
                {
                    *strong |= agent_next(prev.end);
                }
            }
        }
        // Word → span index.
        let mut span_at: Vec<Option<usize>> = vec![None; n];
        for (k, s) in spans.iter().enumerate() {
            for slot in &mut span_at[s.start..s.end] {
                *slot = Some(k);
            }
        }
        let mut mentions: Vec<ActorMention> = Vec::new();

        // 2. Compound groups among named spans.
        let named = |s: &Span| matches!(s.kind, SpanKind::Named { .. });
        let mut group_of: Vec<Option<u32>> = vec![None; spans.len()];
        for b in 0..spans.len() {
            if !named(&spans[b]) {
                continue;
            }
            let hb = spans[b].head;
            let mut partner = None;
            if sent.rel_base(hb) == "conj" {
                if let Some(a) = sent.heads[hb].and_then(|h| span_at[h]) {
                    if a != b && named(&spans[a]) {
                        partner = Some(a);
                    }
                }
            }
            if partner.is_none() && b > 0 {
                let a = b - 1;
                let between: Vec<&str> = (spans[a].end..spans[b].start)
                    .map(|i| &*sent.lower[i])
                    .collect();
                if named(&spans[a])
                    && (between == ["and"]
                        || between == [","]
                        || between == [",", "and"]
                        || between == ["or"])
                {
                    partner = Some(a);
                }
            }
            if let Some(a) = partner {
                let g = match group_of[a] {
                    Some(g) => g,
                    None => {
                        state.next_group += 1;
                        group_of[a] = Some(state.next_group);
                        state.next_group
                    }
                };
                group_of[b] = Some(g);
            }
        }

        // 3. Plural definite descriptions: "both nations", "the two countries".
        let mut desc_at: Vec<Option<usize>> = vec![None; n]; // word → mention index
        let mut i = 0;
        while i + 1 < n {
            let w = &*sent.lower[i];
            let next = &*sent.lower[i + 1];
            let det_before = i > 0 && matches!(&*sent.lower[i - 1], "the" | "these" | "those");
            // "two nations" without a determiner only refers back when a pair exists.
            let bare_two = w == "two" && !det_before && COUNTRY_PLURALS.contains(&next);
            let hit = (w == "both" || (w == "two" && det_before)) && PLURAL_NOUNS.contains(&next);
            if !hit && !bare_two {
                i += 1;
                continue;
            }
            let start = if w == "two" && det_before { i - 1 } else { i };
            let countries_only = COUNTRY_PLURALS.contains(&next);
            let before = i;
            let pair = last_pair(
                &state.hist,
                &mentions,
                &sent,
                before,
                countries_only,
                &self.adjectives,
            );
            let (codes, kind, evidence) = match pair {
                Some(p) => (
                    p.iter().map(|c| c.0.clone()).collect(),
                    MentionKind::Coref {
                        antecedents: p.iter().map(|c| c.1).collect(),
                    },
                    format!(
                        "'{}' → the last pair mentioned together",
                        sent.text(start..i + 2)
                    ),
                ),
                None => (
                    Vec::new(),
                    MentionKind::Coref {
                        antecedents: Vec::new(),
                    },
                    format!("'{}' with no pair before it", sent.text(start..i + 2)),
                ),
            };
            if codes.is_empty() && bare_two {
                i += 1;
                continue;
            }
            if codes.is_empty() {
                state.pending_pairs.push((si, mentions.len()));
            }
            for slot in &mut desc_at[start..i + 2] {
                *slot = Some(mentions.len());
            }
            if let Some(k) = span_at[i + 1] {
                spans[k].used = true;
            }
            mentions.push(ActorMention {
                sentence: si,
                words: start..i + 2,
                head: i + 1,
                range: sent.range(start..i + 2),
                codes,
                kind,
                entity: None,
                group: None,
                evidence,
            });
            i += 2;
        }

        // 4. Titles before people (and organisations): "U.S. President Donald Trump".
        for k in 0..spans.len() {
            let is_person = matches!(
                &spans[k].kind,
                SpanKind::Named {
                    kind: MentionKind::Person,
                    ..
                }
            );
            if !is_person || spans[k].used {
                continue;
            }
            let (title_start, title_code, absorbed, title_agent) =
                self.title_before(&sent, &spans, &span_at, spans[k].start);
            let SpanKind::Named {
                kind,
                codes,
                entity,
                evidence,
            } = spans[k].kind.clone()
            else {
                continue;
            };
            let mut codes = codes;
            let mut evidence = evidence;
            // A title in the text says more than the dictionary's "former official" (the
            // article date may be missing or wrong): "Prime Minister Theresa May".
            // A title with no country takes the former official's ("Prime Minister
            // Theresa May" in 2020: GBR + GOV).
            let no_role = match entity {
                Some(Hit::Person(i)) => self.kb.people[i].role_on(date).is_none(),
                _ => false,
            };
            let title_code = match (title_code, title_agent, codes.first()) {
                (None, Some(a), Some(c)) if no_role && c.len() == 6 && c.ends_with("ELI") => {
                    Some(compose(&c[..3], &a, self.kb.agent_is_prefix(&a)))
                }
                (tc, ..) => tc,
            };
            if codes.is_empty() || no_role {
                if let Some(tc) = &title_code {
                    codes = vec![tc.clone()];
                    evidence.push_str(&format!("; coded by the title ({tc})"));
                }
            }
            for a in absorbed {
                spans[a].used = true;
            }
            spans[k].used = true;
            let words_r = title_start..spans[k].end;
            mentions.push(ActorMention {
                sentence: si,
                words: words_r.clone(),
                head: spans[k].head,
                range: sent.range(words_r),
                codes,
                kind,
                entity,
                group: group_of[k],
                evidence,
            });
        }

        // 5. Agent nouns composed with their modifiers.
        let mut pending_defs: Vec<(usize, usize, usize)> = Vec::new(); // (span, start, head)
        for k in 0..spans.len() {
            let SpanKind::Agent(ai) = spans[k].kind else {
                continue;
            };
            if spans[k].used {
                continue;
            }
            let (start, end, head) = (spans[k].start, spans[k].end, spans[k].head);
            let agent = &self.kb.agents[ai];
            let sources =
                self.sources_for(&sent, &spans, &span_at, &desc_at, &mentions, start, end);
            let (sources, dropped): (Vec<Source>, Vec<Source>) =
                sources.into_iter().partition(|s| {
                    // Cheap test first: most sources name no region.
                    let region = |c: &String| {
                        c.get(..3)
                            .is_some_and(|p| crate::kb::REGION_CODES.contains(&p))
                    };
                    !s.codes.iter().any(region)
                        || self.kb.region_composes(
                            &s.codes,
                            &sent.text(s.words.clone()),
                            words[head].form,
                            words.get(s.words.end).map_or("", |w| w.form),
                        )
                });
            dropped
                .iter()
                .filter_map(|s| span_at[s.words.start])
                .for_each(|j| spans[j].used = true);
            if sources.is_empty() {
                // A title right before a name is handled with the name.
                let next_is_name = span_at
                    .get(end)
                    .copied()
                    .flatten()
                    .is_some_and(|j| named(&spans[j]))
                    || (end < n && words[end].upos == "PROPN");
                // A bare agent noun modifying another noun ("military infrastructure",
                // "in-person meetings") is not an actor.
                let modifier = matches!(sent.rel_base(head), "compound" | "amod")
                    && sent.heads[head].is_some_and(|h| {
                        span_at[h].is_none_or(|j| !matches!(spans[j].kind, SpanKind::Agent(_)))
                    });
                if sent.definite(start, head) && !next_is_name && !modifier {
                    pending_defs.push((k, start, head));
                    continue;
                }
                if next_is_name || modifier {
                    continue;
                }
                mentions.push(ActorMention {
                    sentence: si,
                    words: start..end,
                    head,
                    range: sent.range(start..end),
                    codes: vec![agent.code.clone()],
                    kind: MentionKind::Agent,
                    entity: None,
                    group: None,
                    evidence: if state.lean {
                        String::new()
                    } else {
                        format!("agent '{}' with no country", sent.text(start..end))
                    },
                });
                spans[k].used = true;
                continue;
            }
            let mut codes: Vec<String> = Vec::new();
            let mut entity = None;
            let (mut lo, mut hi) = (start, end);
            let mut whats = Vec::new();
            for s in &sources {
                for c in &s.codes {
                    let code = compose(c, &agent.code, agent.prefix);
                    if !codes.contains(&code) {
                        codes.push(code);
                    }
                }
                if s.codes.len() == 1 && sources.len() == 1 {
                    entity = s.entity;
                }
                let (nlo, nhi) = (lo.min(s.words.start), hi.max(s.words.end));
                if nhi - nlo <= 10 {
                    lo = nlo;
                    hi = nhi;
                }
                whats.push(s.what.clone());
            }
            // Absorb the modifier spans inside the mention ("Al-Sharaa's administration"
            // is one actor, not a person and an administration).
            for s in &sources {
                for w in s.words.clone() {
                    if w >= lo && w < hi {
                        if let Some(j) = span_at[w] {
                            spans[j].used = true;
                            let (a, b) = (spans[j].start, spans[j].end);
                            mentions
                                .retain(|m| !(m.kind == MentionKind::Person && m.words == (a..b)));
                        }
                    }
                }
            }
            spans[k].used = true;
            mentions.push(ActorMention {
                sentence: si,
                words: lo..hi,
                head,
                range: sent.range(lo..hi),
                codes,
                kind: MentionKind::Composed,
                entity,
                group: None,
                evidence: if state.lean {
                    String::new()
                } else {
                    format!(
                        "{} '{}' + {}",
                        agent.code,
                        sent.text(start..end),
                        whats.join(" + ")
                    )
                },
            });
        }

        // Remaining named spans become mentions of their own.
        for k in 0..spans.len() {
            if spans[k].used {
                continue;
            }
            if let SpanKind::Named {
                kind,
                codes,
                entity,
                evidence,
            } = spans[k].kind.clone()
            {
                mentions.push(ActorMention {
                    sentence: si,
                    words: spans[k].start..spans[k].end,
                    head: spans[k].head,
                    range: sent.range(spans[k].start..spans[k].end),
                    codes,
                    kind,
                    entity,
                    group: group_of[k],
                    evidence,
                });
                spans[k].used = true;
            }
        }
        // Descriptions inside composed mentions are kept (they are actors too), so
        // nothing is removed here; mentions are sorted at the end.

        // 6. Unknown proper names, with appositions and titles.
        let unknown = self.unknown_names(si, &sent, &spans, &span_at, &mut mentions, state);

        // 7. Pronouns and definite agents, in text order.
        mentions.sort_by_key(|m| (m.words.start, m.words.end));
        let mut covered = vec![false; n];
        for m in &mentions {
            for c in &mut covered[m.words.clone()] {
                *c = true;
            }
        }
        let mut queue: Vec<(usize, Option<usize>)> = Vec::new(); // (word, pending def span)
        for (w, lw) in sent.lower.iter().enumerate() {
            if !covered[w]
                && matches!(
                    &**lw,
                    "it" | "its"
                        | "itself"
                        | "they"
                        | "their"
                        | "them"
                        | "themselves"
                        | "theirs"
                        | "he"
                        | "his"
                        | "him"
                        | "she"
                        | "her"
                )
                && matches!(words[w].upos, "PRON" | "DET" | "")
                && !words[w].deprel.starts_with("expl")
            {
                queue.push((w, None));
            }
            if !covered[w]
                && (GROUP_NOUNS.contains(&&**lw) || COUNTRY_NOUNS.contains(&&**lw))
                && sent.definite(w, w)
                && span_at[w].is_none()
                && !(w + 1 < n && (words[w + 1].upos == "PROPN" || span_at[w + 1].is_some()))
            {
                queue.push((w, Some(usize::MAX)));
            }
        }
        for &(k, start, _) in &pending_defs {
            queue.push((start, Some(k)));
        }
        queue.sort_by_key(|q| q.0);
        for (w, def) in queue {
            let m = match def {
                None => self.resolve_pronoun(si, &sent, w, state, &mentions),
                Some(usize::MAX) => {
                    self.resolve_noun(si, &sent, w, w..w + 1, None, state, &mentions)
                }
                Some(k) => {
                    let s = &spans[k];
                    let SpanKind::Agent(ai) = s.kind else {
                        continue;
                    };
                    let m = self.resolve_noun(
                        si,
                        &sent,
                        s.head,
                        s.start..s.end,
                        Some(ai),
                        state,
                        &mentions,
                    );
                    m.or_else(|| {
                        Some(ActorMention {
                            sentence: si,
                            words: s.start..s.end,
                            head: s.head,
                            range: sent.range(s.start..s.end),
                            codes: vec![self.kb.agents[ai].code.clone()],
                            kind: MentionKind::Agent,
                            entity: None,
                            group: None,
                            evidence: format!(
                                "agent '{}' with no country or antecedent",
                                sent.text(s.start..s.end)
                            ),
                        })
                    })
                }
            };
            if let Some(m) = m {
                let pos = mentions.partition_point(|x| {
                    (x.words.start, x.words.end) <= (m.words.start, m.words.end)
                });
                mentions.insert(pos, m);
            }
        }

        // "Its foreign minister", "the country's rebels": a bare agent owned by a
        // resolved possessive pronoun or noun.
        let mut absorbed_owners = Vec::new();
        for idx in 0..mentions.len() {
            if !matches!(mentions[idx].kind, MentionKind::Agent) {
                continue;
            }
            let start = mentions[idx].words.start;
            let mut p = start;
            let ending = |p: usize| is_possessive_ending(&sent.lower[p]);
            let possessive =
                |p: usize| ending(p) || matches!(&*sent.lower[p], "its" | "their" | "his" | "her");
            while p > 0 && start - p < 2 && (p == start || words[p].upos == "ADJ") {
                p -= 1;
                if possessive(p) {
                    break;
                }
            }
            if p == start || !possessive(p) {
                continue;
            }
            let owned = |m: &ActorMention| {
                if ending(p) {
                    m.words.end == p && matches!(m.kind, MentionKind::Coref { .. })
                } else {
                    m.words == (p..p + 1)
                }
            };
            let Some(owner) = mentions.iter().find(|m| owned(m) && !m.codes.is_empty()) else {
                continue;
            };
            let agent_code = mentions[idx].codes[0].clone();
            let mut codes: Vec<String> = Vec::new();
            for c in &owner.codes {
                let code = compose(c, &agent_code, self.kb.agent_is_prefix(&agent_code));
                if !codes.contains(&code) {
                    codes.push(code);
                }
            }
            let entity = owner.entity;
            // A possessive noun ("the country's") joins the mention it owns.
            let from = if owner.words.end == p {
                absorbed_owners.push(owner.words.clone());
                owner.words.start
            } else {
                p
            };
            let evidence = format!(
                "{agent_code} '{}' + '{}' ({})",
                sent.text(mentions[idx].words.clone()),
                sent.text(from..p + 1),
                owner.evidence
            );
            let m = &mut mentions[idx];
            m.words = from..m.words.end;
            m.range = sent.range(m.words.clone());
            m.codes = codes;
            m.kind = MentionKind::Composed;
            m.entity = entity;
            m.evidence = evidence;
        }
        mentions.retain(|m| !absorbed_owners.contains(&m.words));
        mentions.sort_by_key(|m| (m.words.start, m.words.end));
        self.group_conjoined(&sent, &mut mentions, state);

        // Record history for later sentences.
        for m in &mentions {
            if m.codes.is_empty() {
                continue;
            }
            state
                .hist
                .push(cand_of(&sent, m, &self.adjectives, state.lean));
            if matches!(m.kind, MentionKind::Person | MentionKind::Described) {
                let last = (m.words.start..m.words.end).rev().find(|&i| {
                    words[i].upos == "PROPN"
                        || words[i].form.chars().next().is_some_and(char::is_uppercase)
                });
                if let Some(l) = last {
                    state.described.insert(
                        sent.lower[l].to_string(),
                        (m.codes.clone(), sent.text(m.words.clone())),
                    );
                }
            }
        }
        if state.hist.len() > 400 {
            state.hist.drain(..200);
        }
        (mentions, unknown)
    }

    /// Agent spans, country spans and adjectives right before `start` that form a title.
    /// Returns the first word of the title, the composed title code and absorbed spans.
    fn title_before(
        &self,
        sent: &Sent<'_, '_>,
        spans: &[Span],
        span_at: &[Option<usize>],
        start: usize,
    ) -> (usize, Option<String>, Vec<usize>, Option<String>) {
        let mut j = start;
        let mut absorbed = Vec::new();
        let mut agent: Option<String> = None;
        let mut country: Option<String> = None;
        let mut title_start = start;
        let mut steps = 0;
        while j > 0 && steps < 6 {
            steps += 1;
            let p = j - 1;
            match span_at[p] {
                Some(k) if !spans[k].used => match &spans[k].kind {
                    SpanKind::Agent(ai) => {
                        if agent.is_none() {
                            agent = Some(self.kb.agents[*ai].code.clone());
                        }
                        absorbed.push(k);
                        j = spans[k].start;
                        title_start = j;
                    }
                    SpanKind::Named {
                        kind: MentionKind::Country,
                        codes,
                        ..
                    } => {
                        country = codes.first().cloned();
                        absorbed.push(k);
                        j = spans[k].start;
                        title_start = j;
                    }
                    SpanKind::Place {
                        country: c,
                        strong: true,
                        ..
                    } => {
                        country = Some(c.clone());
                        absorbed.push(k);
                        j = spans[k].start;
                        title_start = j;
                    }
                    _ => break,
                },
                Some(_) => break,
                None => {
                    let w = &sent.words[p];
                    let connector = w.form == "-"
                        || (w.upos == "ADJ"
                            && w.form.chars().next().is_some_and(char::is_lowercase));
                    if connector && !absorbed.is_empty()
                        || connector && p > 0 && span_at[p - 1].is_some()
                    {
                        j = p;
                    } else {
                        break;
                    }
                }
            }
        }
        if absorbed.is_empty() {
            return (start, None, absorbed, None);
        }
        // Only keep connectors that lie between absorbed spans.
        let code = match (&country, &agent) {
            (Some(c), Some(a)) => Some(compose(c, a, self.kb.agent_is_prefix(a))),
            (Some(c), None) => Some(c.clone()),
            _ => None,
        };
        (title_start, code, absorbed, agent)
    }

    /// Where an agent noun gets its country: dependents through the parse, then word
    /// order ("Syrian ... officials", "officials of/from X").
    #[allow(clippy::too_many_arguments)]
    fn sources_for(
        &self,
        sent: &Sent<'_, '_>,
        spans: &[Span],
        span_at: &[Option<usize>],
        desc_at: &[Option<usize>],
        mentions: &[ActorMention],
        start: usize,
        end: usize,
    ) -> Vec<Source> {
        let mut out: Vec<Source> = Vec::new();
        let mods = |i: usize| {
            let d = sent.deprel(i);
            matches!(sent.rel_base(i), "amod" | "compound" | "nmod" | "flat") || d == "nmod:poss"
        };
        let mut seen_spans = Vec::new();
        // "Lawmakers in Fornost": a country (by its name, not a city or region) the
        // agent is in is its owner when nothing else says whose it is.
        let mut located: Vec<usize> = Vec::new();
        let is_country = |w: usize| {
            span_at[w].is_some_and(|k| {
                matches!(
                    &spans[k].kind,
                    SpanKind::Named {
                        kind: MentionKind::Country,
                        ..
                    }
                )
            })
        };
        // A finite verb between a modifier and the agent ends the phrase: "Saudi Arabia
        // shared intelligence with ..." misparsed as a noun phrase is no Saudi agency.
        // So does a participle right after the modifier's last word ("Libya's
        // internationally recognized government" is one phrase; "US-backed" one word).
        // A participle the parse attaches as a modifier of the phrase is no finite verb,
        // whatever its tag ("Yemen's internationally recognized government").
        let verb_between = |c: usize| {
            (c + 1..start).any(|i| {
                matches!(sent.words[i].xpos, "VBD" | "VBZ" | "VBP") && sent.rel_base(i) != "amod"
            }) || (c + 1 < start && sent.words[c + 1].xpos == "VBN")
        };
        for w in start..end {
            for &c in &sent.children[w] {
                if (start..end).contains(&c) || !mods(c) {
                    continue;
                }
                if c < start && verb_between(c) {
                    continue;
                }
                // "officials in Damascus" is a location, not the officials' country. A
                // possessive is the owner ("Yemen's internationally recognized government").
                if sent.rel_base(c) == "nmod" && sent.deprel(c) != "nmod:poss" {
                    let case = sent.children[c]
                        .iter()
                        .find(|&&x| sent.deprel(x) == "case")
                        .map(|&x| &*sent.lower[x]);
                    // With the built-in dictionaries only for agents other than armed
                    // forces: "troops in Syria" are as often foreign.
                    let armed = || {
                        span_at[start].is_some_and(|k| {
                            matches!(spans[k].kind, SpanKind::Agent(i)
                                if self.kb.agents.get(i).is_some_and(|a| a.code == "MIL"))
                        })
                    };
                    if (self.kb.legacy_agents || !armed())
                        && case == Some("in")
                        && c > w
                        && is_country(c)
                    {
                        located.push(c);
                    }
                    if !matches!(case, None | Some("of" | "from")) {
                        continue;
                    }
                }
                // A modifier before the noun ("U.S. envoy", "Syria's ministry") says
                // whose it is; a later "of X" then does not add a second owner.
                if sent.rel_base(c) == "nmod" && c > end && !out.is_empty() {
                    continue;
                }
                self.source_of(
                    sent,
                    spans,
                    span_at,
                    desc_at,
                    mentions,
                    c,
                    0,
                    &mut out,
                    &mut seen_spans,
                );
                for &cc in &sent.children[c] {
                    if sent.rel_base(cc) == "conj" {
                        self.source_of(
                            sent,
                            spans,
                            span_at,
                            desc_at,
                            mentions,
                            cc,
                            0,
                            &mut out,
                            &mut seen_spans,
                        );
                    }
                }
            }
        }
        if out.is_empty() {
            for c in located {
                let conjuncts: Vec<usize> = std::iter::once(c)
                    .chain(
                        sent.children[c]
                            .iter()
                            .copied()
                            .filter(|&cc| sent.rel_base(cc) == "conj" && is_country(cc)),
                    )
                    .collect();
                for x in conjuncts {
                    self.source_of(
                        sent,
                        spans,
                        span_at,
                        desc_at,
                        mentions,
                        x,
                        0,
                        &mut out,
                        &mut seen_spans,
                    );
                }
            }
        }
        if !out.is_empty() {
            return out;
        }
        // Word-order fallback on the left: [country] ['s] [ADJ]* agent.
        let mut p = start;
        let mut skipped = 0;
        while p > 0 && skipped < 3 {
            let q = p - 1;
            if let Some(k) = span_at[q] {
                if let Some(src) = span_source(sent, &spans[k]) {
                    out.push(src);
                }
                break;
            }
            if let Some(mi) = desc_at[q] {
                let m = &mentions[mi];
                if !m.codes.is_empty() {
                    out.push(Source {
                        codes: m.codes.clone(),
                        entity: None,
                        words: m.words.clone(),
                        what: format!("'{}'", sent.text(m.words.clone())),
                    });
                }
                break;
            }
            let w = &sent.words[q];
            let skip = sent.lower[q] == "'s"
                || (w.upos == "ADJ" && w.form.chars().next().is_some_and(char::is_lowercase))
                || w.form == "-";
            if !skip {
                break;
            }
            skipped += 1;
            p = q;
        }
        if !out.is_empty() {
            return out;
        }
        // Right: "officials of/from [the|both] X [province]", "rebels loyal to X".
        let loyal =
            end + 2 < sent.words.len() && sent.lower[end] == "loyal" && sent.lower[end + 1] == "to";
        if loyal || (end + 1 < sent.words.len() && matches!(&*sent.lower[end], "of" | "from")) {
            let mut q = end + 1 + usize::from(loyal);
            if q < sent.words.len() && sent.lower[q] == "the" {
                q += 1;
            }
            // "loyal to former vice president Riek Machar": past the title to the name.
            let mut skipped = 0;
            while loyal && skipped < 3 && q + 1 < sent.words.len() && desc_at[q].is_none() {
                match span_at[q] {
                    Some(k) if matches!(spans[k].kind, SpanKind::Agent(_)) => q = spans[k].end,
                    None if sent.words[q].form.starts_with(|c: char| c.is_lowercase()) => q += 1,
                    _ => break,
                }
                skipped += 1;
            }
            if q < sent.words.len() {
                if let Some(mi) = desc_at[q] {
                    let m = &mentions[mi];
                    if !m.codes.is_empty() {
                        out.push(Source {
                            codes: m.codes.clone(),
                            entity: None,
                            words: m.words.clone(),
                            what: format!("'{}'", sent.text(m.words.clone())),
                        });
                    }
                } else if let Some(k) = span_at[q] {
                    if let Some(mut src) = span_source(sent, &spans[k]) {
                        src.words.start = end;
                        let e = src.words.end;
                        // "Quneitra province": swallow one following common noun.
                        if e < sent.words.len()
                            && span_at[e].is_none()
                            && (sent.words[e].upos == "NOUN"
                                || PLACE_NOUNS.contains(&&*sent.lower[e]))
                        {
                            src.words.end = e + 1;
                        }
                        out.push(src);
                        // "from Lebanon and Israel": the other conjuncts too.
                        let mut last = k;
                        while last + 1 < spans.len() {
                            let b = last + 1;
                            let between: Vec<&str> = (spans[last].end..spans[b].start)
                                .map(|i| &*sent.lower[i])
                                .collect();
                            if !(between == ["and"] || between == [","] || between == [",", "and"])
                            {
                                break;
                            }
                            match span_source(sent, &spans[b]) {
                                Some(mut more) => {
                                    more.words.start = end;
                                    out.push(more);
                                }
                                None => break,
                            }
                            last = b;
                        }
                    }
                }
            }
        }
        out
    }

    #[allow(clippy::too_many_arguments)]
    fn source_of(
        &self,
        sent: &Sent<'_, '_>,
        spans: &[Span],
        span_at: &[Option<usize>],
        desc_at: &[Option<usize>],
        mentions: &[ActorMention],
        w: usize,
        depth: usize,
        out: &mut Vec<Source>,
        seen: &mut Vec<usize>,
    ) {
        if let Some(mi) = desc_at[w] {
            let m = &mentions[mi];
            if !m.codes.is_empty() {
                out.push(Source {
                    codes: m.codes.clone(),
                    entity: None,
                    words: m.words.clone(),
                    what: format!("'{}'", sent.text(m.words.clone())),
                });
            }
            return;
        }
        if let Some(k) = span_at[w] {
            if seen.contains(&k) {
                return;
            }
            if let Some(mut src) = span_source(sent, &spans[k]) {
                seen.push(k);
                // Widen over the modifier's own subtree when it is small ("of Quneitra province").
                let (lo, hi) = subtree(sent, w, 8);
                if let Some((lo, hi)) = lo.zip(hi) {
                    src.words = src.words.start.min(lo)..src.words.end.max(hi);
                }
                out.push(src);
                return;
            }
            // An agent modifying an agent ("security officials"): look through it.
            if depth >= 2 {
                return;
            }
        }
        if depth >= 2 || !matches!(sent.words[w].upos, "NOUN" | "PROPN" | "") {
            return;
        }
        for &c in &sent.children[w] {
            let base = sent.rel_base(c);
            if matches!(base, "amod" | "compound" | "nmod" | "flat") {
                let before = out.len();
                self.source_of(
                    sent,
                    spans,
                    span_at,
                    desc_at,
                    mentions,
                    c,
                    depth + 1,
                    out,
                    seen,
                );
                if out.len() > before {
                    // The mention covers the intermediate noun too ("Quneitra province").
                    let (lo, hi) = subtree(sent, w, 8);
                    if let (Some(lo), Some(hi)) = (lo, hi) {
                        for s in &mut out[before..] {
                            s.words = s.words.start.min(lo)..s.words.end.max(hi);
                        }
                    }
                }
            }
        }
    }

    /// "UK and EU negotiators", "President of Ukraine and Prime Minister of Great
    /// Britain", "Pakistan and Afghanistan's intelligence services": conjoined actors
    /// that are not both bare names (step 2 groups those) act together too. Only
    /// actors joined by "and" whose parse makes them one phrase: the second a conjunct
    /// of a word of the first, or both the same role of the same word (the parser's
    /// reading of a shared head noun); not the subject of one clause and the object of
    /// another.
    fn group_conjoined(
        &self,
        sent: &Sent<'_, '_>,
        mentions: &mut [ActorMention],
        state: &mut DocState,
    ) {
        for b in 1..mentions.len() {
            let a = b - 1;
            let (ma, mb) = (&mentions[a], &mentions[b]);
            let actor =
                |m: &ActorMention| !m.codes.is_empty() && !matches!(m.kind, MentionKind::Agent);
            if ma.words.end > mb.words.start || !actor(ma) || !actor(mb) {
                continue;
            }
            if ma.group.is_some() && mb.group.is_some() {
                continue;
            }
            let between: Vec<&str> = (ma.words.end..mb.words.start)
                .map(|i| &*sent.lower[i])
                .collect();
            if !(between == ["and"] || between == ["and", "the"]) {
                continue;
            }
            let (ha, hb) = (ma.head, mb.head);
            let conjunct = (sent.rel_base(hb) == "conj"
                && sent.heads[hb].is_some_and(|h| ma.words.contains(&h)))
                || (sent.rel_base(ha) == "conj"
                    && sent.heads[ha].is_some_and(|h| mb.words.contains(&h)));
            let same_role = sent.heads[ha].is_some()
                && sent.heads[ha] == sent.heads[hb]
                && sent.rel_base(ha) == sent.rel_base(hb);
            if !(conjunct || same_role) {
                continue;
            }
            let g = match ma.group.or(mb.group) {
                Some(g) => g,
                None => {
                    state.next_group += 1;
                    state.next_group
                }
            };
            mentions[a].group = Some(g);
            mentions[b].group = Some(g);
        }
    }

    /// Unknown proper-name runs; coded through appositions, titles or an earlier full
    /// mention of the same surname; pushes mentions for those coded.
    fn unknown_names(
        &self,
        si: usize,
        sent: &Sent<'_, '_>,
        spans: &[Span],
        span_at: &[Option<usize>],
        mentions: &mut Vec<ActorMention>,
        state: &mut DocState,
    ) -> Vec<UnknownName> {
        let words = sent.words;
        let n = words.len();
        let mut covered = vec![false; n];
        for m in mentions.iter() {
            for c in &mut covered[m.words.clone()] {
                *c = true;
            }
        }
        for s in spans {
            if matches!(s.kind, SpanKind::Place { .. } | SpanKind::Named { .. }) {
                for c in &mut covered[s.start..s.end] {
                    *c = true;
                }
            }
        }
        let is_name_word = |i: usize| {
            !covered[i]
                && words[i].upos == "PROPN"
                && words[i].form.chars().next().is_some_and(char::is_uppercase)
                && month_number(words[i].form).is_none()
                && !is_weekday(words[i].form)
        };
        let connector = |i: usize| {
            !covered[i]
                && (words[i].form == "-"
                    || matches!(
                        &*sent.lower[i],
                        "al" | "el" | "bin" | "ibn" | "de" | "van" | "von" | "abu"
                    ))
        };
        let mut out = Vec::new();
        let mut i = 0;
        while i < n {
            if !is_name_word(i) {
                i += 1;
                continue;
            }
            let start = i;
            let mut end = i + 1;
            loop {
                if (end < n && is_name_word(end))
                    || (end + 1 < n
                        && connector(end)
                        && (is_name_word(end + 1)
                            || (end + 2 < n && connector(end + 1) && is_name_word(end + 2))))
                {
                    end += 1;
                } else {
                    break;
                }
            }
            i = end;
            // The rest of a longer known name ("Golan" + "Heights") is not a new name.
            let glued = |j: usize| covered[j] && words[j].upos == "PROPN";
            if (start > 0 && glued(start - 1)) || (end < n && glued(end)) {
                continue;
            }
            let head = sent.span_head(start, end);
            // Descriptions: appositions after ", ", titles before.
            let mut descs: Vec<(String, Option<String>)> = Vec::new();
            let desc_range = apposition_after(sent, head, end);
            if let Some(r) = desc_range.clone() {
                let code = description_code(mentions, r.clone());
                descs.push((sent.text(r), code));
            }
            // The name as apposition of a description before it: "the Syrian president, X".
            if sent.rel_base(head) == "appos" || (start >= 2 && words[start - 1].form == ",") {
                let target = if sent.rel_base(head) == "appos" {
                    sent.heads[head]
                } else {
                    Some(start - 2)
                };
                if let Some(t) = target.filter(|&t| t < start) {
                    if let Some(m) = mentions
                        .iter()
                        .find(|m| m.words.contains(&t) && m.words.end <= start && is_coded_agent(m))
                    {
                        descs.push((sent.text(m.words.clone()), m.codes.first().cloned()));
                    }
                }
            }
            // A title right before: "Syrian official X".
            if let Some(m) = mentions
                .iter()
                .find(|m| m.words.end == start && is_coded_agent(m))
            {
                descs.push((sent.text(m.words.clone()), m.codes.first().cloned()));
            }
            let (title_start, title_code, ..) = self.title_before(sent, spans, span_at, start);
            if title_start < start {
                descs.push((sent.text(title_start..start), title_code));
            }
            let suggested = descs.iter().find_map(|d| d.1.clone());
            let text = sent.text(start..end);
            let key = sent.lower[end - 1].to_string();
            out.push(UnknownName {
                sentence: si,
                words: start..end,
                range: sent.range(start..end),
                text: text.clone(),
                descriptions: descs.iter().map(|d| d.0.clone()).collect(),
                suggested: suggested.clone(),
            });
            let (codes, evidence) = match (&suggested, state.described.get(&key)) {
                (Some(c), _) => (
                    vec![c.clone()],
                    format!(
                        "unknown name described as '{}'",
                        descs
                            .iter()
                            .find(|d| d.1.is_some())
                            .map_or("", |d| d.0.as_str())
                    ),
                ),
                (None, Some((codes, name))) => {
                    // Known through an earlier full name: not an unknown name.
                    out.pop();
                    (codes.clone(), format!("same name as '{name}' earlier"))
                }
                (None, None) => continue,
            };
            let lo = if title_start < start
                && suggested.is_some()
                && descs.iter().any(|d| d.0 == sent.text(title_start..start))
            {
                title_start
            } else {
                start
            };
            mentions.push(ActorMention {
                sentence: si,
                words: lo..end,
                head,
                range: sent.range(lo..end),
                codes,
                kind: MentionKind::Described,
                entity: None,
                group: None,
                evidence,
            });
        }
        out
    }

    fn resolve_pronoun(
        &self,
        si: usize,
        sent: &Sent<'_, '_>,
        w: usize,
        state: &DocState,
        mentions: &[ActorMention],
    ) -> Option<ActorMention> {
        let lw = &*sent.lower[w];
        let plural = matches!(lw, "they" | "their" | "them" | "themselves" | "theirs");
        let personal = matches!(lw, "he" | "his" | "him" | "she" | "her");
        let before: Vec<&ActorMention> = mentions
            .iter()
            .filter(|m| m.words.end <= w && !m.codes.is_empty())
            .collect();
        let current: Vec<Cand> = before
            .iter()
            .map(|m| cand_of(sent, m, &self.adjectives, state.lean))
            .collect();
        // A possessive refers to the subject of its own clause when it can ("Syrian
        // forces backed by Russian warplanes continued their attacks": the forces').
        let clause_subject = matches!(lw, "its" | "their" | "his" | "her")
            .then(|| {
                let mut cur = w;
                for _ in 0..4 {
                    let p = sent.heads[cur]?;
                    if matches!(sent.words[p].upos, "VERB" | "AUX") {
                        return sent.children[p]
                            .iter()
                            .copied()
                            .find(|&c| sent.words[c].deprel == "nsubj");
                    }
                    cur = p;
                }
                None
            })
            .flatten()
            .and_then(|sw| before.iter().rposition(|m| m.words.contains(&sw)));
        // "They" may also stand for an organisation ("the Houthis said they had
        // attacked"), but only when no plural antecedent is in reach: `collective` is 1
        // for organisations named in the plural ("Syrian rebels"), 2 for any.
        let ok = |c: &Cand, collective: u8| -> bool {
            if c.adjective {
                return false;
            }
            if personal {
                return c.person;
            }
            if plural {
                let org = c.org && !c.person && (collective == 2 || c.plural_org);
                return c.plural || c.group.is_some() || (collective > 0 && org);
            }
            !c.plural
                && !c.person
                && c.group.is_none()
                && (c.country || c.org || c.codes.len() == 1)
        };
        let pick = |cands: &[&Cand]| -> Option<Cand> {
            cands
                .iter()
                .rev()
                .find(|c| c.subject)
                .or_else(|| cands.last())
                .map(|c| (*c).clone())
        };
        let find = |collective: u8| -> Option<Cand> {
            // In the current sentence, the nearest compatible mention wins (subjects
            // first only across sentences, where recency says less, and for
            // organisations: "X, backed by Y, said they").
            let cur_ok: Vec<&Cand> = current.iter().filter(|c| ok(c, collective)).collect();
            let mut found = clause_subject
                .map(|k| &current[k])
                .filter(|c| ok(c, collective))
                .cloned();
            if found.is_none() {
                found = if collective > 0 {
                    pick(&cur_ok)
                } else {
                    cur_ok.last().map(|c| (*c).clone())
                };
            }
            let mut back = si;
            while found.is_none() && back > 0 && si - back < 3 {
                back -= 1;
                let prev: Vec<&Cand> = state
                    .hist
                    .iter()
                    .filter(|c| c.r.sentence == back && ok(c, collective))
                    .collect();
                found = pick(&prev);
            }
            found
        };
        let c = find(0).or_else(|| {
            if plural {
                find(1).or_else(|| find(2))
            } else {
                None
            }
        })?;
        // A group member stands for the whole group.
        let (codes, antecedents) = if plural && c.group.is_some() {
            let members: Vec<&Cand> = current
                .iter()
                .chain(state.hist.iter())
                .filter(|x| x.group == c.group)
                .collect();
            let mut codes = Vec::new();
            let mut refs = Vec::new();
            for m in members {
                if !refs.contains(&m.r) {
                    refs.push(m.r);
                    codes.extend(m.codes.iter().cloned());
                }
            }
            refs.sort();
            (codes, refs)
        } else {
            (c.codes.clone(), vec![c.r])
        };
        Some(ActorMention {
            sentence: si,
            words: w..w + 1,
            head: w,
            range: sent.range(w..w + 1),
            codes,
            kind: MentionKind::Coref { antecedents },
            entity: c.entity,
            group: None,
            evidence: if state.lean {
                String::new()
            } else {
                format!("pronoun '{}' → '{}'", sent.words[w].form, c.text)
            },
        })
    }

    /// "the president", "the group", "the country": the last compatible mention.
    #[allow(clippy::too_many_arguments)]
    fn resolve_noun(
        &self,
        si: usize,
        sent: &Sent<'_, '_>,
        head: usize,
        words_r: Range<usize>,
        agent: Option<usize>,
        state: &DocState,
        mentions: &[ActorMention],
    ) -> Option<ActorMention> {
        let lw = &*sent.lower[head];
        let current: Vec<Cand> = mentions
            .iter()
            .filter(|m| m.words.end <= words_r.start && !m.codes.is_empty())
            .map(|m| cand_of(sent, m, &self.adjectives, state.lean))
            .collect();
        let lemma = sent.words[head].lemma.to_lowercase();
        let ok = |c: &Cand| -> bool {
            if GROUP_NOUNS.contains(&lw) {
                return c.org && !c.plural;
            }
            if COUNTRY_NOUNS.contains(&lw) {
                return c.country && !c.adjective && !c.plural;
            }
            if c.adjective {
                return false;
            }
            let Some(ai) = agent else { return false };
            let a = &self.kb.agents[ai];
            // REB nouns ("the rebels", "the militants") may refer to an armed group.
            if a.code == "REB" && c.org && c.codes.iter().any(|x| x.contains("REB")) {
                return true;
            }
            let same_noun = !c.lemma.is_empty() && (c.lemma == lemma || c.lemma == lw);
            let code_fits = c
                .codes
                .iter()
                .any(|x| x.len() > a.code.len() && x.ends_with(&a.code));
            if c.person {
                // Only nouns that name a person's office ("the president", not "the
                // military" or "the diplomat") refer back to a named person.
                let title = PERSON_TITLES.contains(&lemma.as_str()) || PERSON_TITLES.contains(&lw);
                return title && code_fits && !sent.is_plural(head);
            }
            same_noun && code_fits
        };
        let mut cands: Vec<&Cand> = current.iter().filter(|c| ok(c)).collect();
        if cands.is_empty() {
            cands = state
                .hist
                .iter()
                .filter(|c| c.r.sentence + 4 >= si && ok(c))
                .collect();
        }
        // "Libyan authorities suspended aid to the country's rebels": with no country
        // named, a possessive "the country's" is the country of an actor of its own
        // sentence (not "in the country", which is more often somewhere else).
        let mut codes = None;
        let possessive = sent
            .lower
            .get(head + 1)
            .is_some_and(|n| is_possessive_ending(n));
        if cands.is_empty() && COUNTRY_NOUNS.contains(&lw) && possessive {
            let country_of = |c: &&Cand| match c.codes.as_slice() {
                [code] if code.len() > 3 => self.kb.country(&code[..3]).map(|k| k.code.clone()),
                _ => None,
            };
            let mut found = current.iter().filter_map(|c| Some((c, country_of(&c)?)));
            if let Some((c, code)) = found.next_back() {
                cands.push(c);
                codes = Some(vec![code]);
            }
        }
        let c = (*cands.last()?).clone();
        Some(ActorMention {
            sentence: si,
            words: words_r.clone(),
            head,
            range: sent.range(words_r.clone()),
            codes: codes.unwrap_or_else(|| c.codes.clone()),
            kind: MentionKind::Coref {
                antecedents: vec![c.r],
            },
            entity: c.entity,
            group: None,
            evidence: if state.lean {
                String::new()
            } else {
                format!("'{}' → '{}'", sent.text(words_r), c.text)
            },
        })
    }
}

/// Whether the word before `start` is a particle of a personal name, so that a place
/// after it is part of the name: "Leila de Lima", "De Lima's case" (not Peru's capital),
/// "Vicente del Bosque".
/// A country named in the name of a sea ("the South China Sea", "the Sea of Japan",
/// "the Gulf of Mexico") is no actor there.
fn in_sea_name(sent: &Sent<'_, '_>, s: &Span) -> bool {
    let country = matches!(
        &s.kind,
        SpanKind::Named {
            kind: MentionKind::Country,
            ..
        }
    );
    let form = |i: usize| sent.words.get(i).map(|w| w.form);
    country
        && (matches!(form(s.end), Some("Sea" | "Ocean"))
            || (s.start >= 2
                && form(s.start - 1) == Some("of")
                && matches!(form(s.start - 2), Some("Sea" | "Gulf"))))
}

fn after_name_particle(sent: &Sent<'_, '_>, start: usize) -> bool {
    const PARTICLES: &[&str] = &[
        "de", "da", "del", "della", "di", "du", "dos", "das", "van", "von", "der", "den",
    ];
    let Some(p) = start.checked_sub(1) else {
        return false;
    };
    let form = sent.words[p].form;
    PARTICLES.contains(&&*sent.lower[p])
        && (form.starts_with(|c: char| c.is_uppercase())
            || p.checked_sub(1)
                .is_some_and(|q| sent.words[q].upos == "PROPN"))
}

/// Country code + agent code (agent code first for a prefix agent); longer codes
/// (organisations, metonyms, people) keep their own code, which already says who acts.
fn compose(base: &str, agent: &str, prefix: bool) -> String {
    // "Syrian government forces" are the country's military, not its government.
    if !prefix && base.len() == 6 && base.ends_with("GOV") && matches!(agent, "MIL" | "COP" | "SPY")
    {
        return format!("{}{agent}", &base[..3]);
    }
    if base.len() == 3 && prefix {
        format!("{agent}{base}")
    } else if base.len() == 3 {
        format!("{base}{agent}")
    } else {
        base.to_string()
    }
}

fn is_coded_agent(m: &ActorMention) -> bool {
    matches!(m.kind, MentionKind::Composed) && m.codes.first().is_some_and(|c| c.len() > 3)
}

/// The source a matched span gives to an agent noun, if it is country-like.
fn span_source(sent: &Sent<'_, '_>, s: &Span) -> Option<Source> {
    match &s.kind {
        SpanKind::Named {
            codes,
            entity,
            kind,
            ..
        } if !codes.is_empty() => Some(Source {
            codes: if matches!(entity, Some(Hit::Capital(_))) {
                codes
                    .iter()
                    .map(|c| c.get(..3).unwrap_or(c).to_string())
                    .collect()
            } else {
                codes.clone()
            },
            entity: *entity,
            words: s.start..s.end,
            what: format!("{} '{}'", kind.name(), sent.text(s.start..s.end)),
        }),
        SpanKind::Place {
            country,
            name,
            strong: true,
            ..
        } => Some(Source {
            codes: vec![country.clone()],
            entity: None,
            words: s.start..s.end,
            what: format!("place '{name}'"),
        }),
        _ => None,
    }
}

/// Smallest and largest word of the subtree of `w`, if it spans at most `max` words;
/// punctuation at either edge is left out.
fn subtree(sent: &Sent<'_, '_>, w: usize, max: usize) -> (Option<usize>, Option<usize>) {
    let (lo, hi) = subtree_raw(sent, w, max);
    let (Some(mut lo), Some(mut hi)) = (lo, hi) else {
        return (None, None);
    };
    while lo < w && sent.words[lo].upos == "PUNCT" {
        lo += 1;
    }
    while hi > w + 1 && sent.words[hi - 1].upos == "PUNCT" {
        hi -= 1;
    }
    (Some(lo), Some(hi))
}

fn subtree_raw(sent: &Sent<'_, '_>, w: usize, max: usize) -> (Option<usize>, Option<usize>) {
    let mut lo = w;
    let mut hi = w + 1;
    let mut stack = vec![w];
    let mut count = 0;
    while let Some(x) = stack.pop() {
        count += 1;
        if count > max {
            return (None, None);
        }
        lo = lo.min(x);
        hi = hi.max(x + 1);
        stack.extend(sent.children[x].iter().copied());
    }
    if hi - lo > max {
        return (None, None);
    }
    (Some(lo), Some(hi))
}

/// The words of an apposition after a name: the parse's `appos` dependent, else the
/// words after a comma up to the next comma or the end.
fn apposition_after(sent: &Sent<'_, '_>, head: usize, end: usize) -> Option<Range<usize>> {
    let n = sent.words.len();
    if end >= n || sent.words[end].form != "," {
        return None;
    }
    let mut stop = end + 1;
    while stop < n
        && stop - end <= 20
        && !matches!(sent.words[stop].form, "," | "." | ";" | ":" | "(" | ")")
    {
        stop += 1;
    }
    if stop == end + 1 {
        return None;
    }
    let appos = sent.children[head]
        .iter()
        .any(|&c| sent.rel_base(c) == "appos" && c > end && c < stop);
    let first = &sent.words[end + 1];
    let looks = matches!(first.upos, "DET" | "ADJ" | "NOUN")
        || matches!(first.form, "a" | "an" | "the" | "A" | "An" | "The");
    // A finite verb inside makes it a clause ("On Wednesday, the government said"), and
    // without the parse's word an apposition must be closed by a comma.
    // An indefinite article opens a description so reliably that a past form inside it is a
    // participle the tagger mistook for a finite verb ("a senior official recently appointed
    // governor of Quneitra province").
    let indefinite = matches!(first.form, "a" | "an" | "A" | "An");
    let finite = (end + 1..stop).any(|i| match sent.words[i].xpos {
        "VBZ" | "VBP" | "MD" => true,
        "VBD" => !indefinite,
        _ => false,
    });
    let closed = stop < n && sent.words[stop].form == ",";
    if !finite && (appos || (looks && closed)) {
        Some(end + 1..stop)
    } else {
        None
    }
}

/// The code a description suggests: its first country-qualified composed mention, else
/// its first country or place.
fn description_code(mentions: &[ActorMention], r: Range<usize>) -> Option<String> {
    let inside: Vec<&ActorMention> = mentions
        .iter()
        .filter(|m| m.words.start >= r.start && m.words.end <= r.end && m.codes.len() == 1)
        .collect();
    inside
        .iter()
        .find(|m| matches!(m.kind, MentionKind::Composed))
        .or_else(|| {
            inside
                .iter()
                .find(|m| !matches!(m.kind, MentionKind::Agent))
        })
        .and_then(|m| m.codes.first().cloned())
}

/// The codes of a role: a compound role (`ELR/GAL`, one name standing for several
/// actors, as in PETRARCH dictionaries) is each of its parts.
fn split_compound(code: &str) -> Vec<String> {
    code.split('/')
        .filter(|c| !c.is_empty())
        .map(str::to_string)
        .collect()
}

/// The features of mention `m`; its `text` (only written into evidence) is left empty
/// when `lean`.
fn cand_of(
    sent: &Sent<'_, '_>,
    m: &ActorMention,
    adjectives: &HashSet<String>,
    lean: bool,
) -> Cand {
    let h = m.head.min(sent.words.len() - 1);
    let w = &sent.words[h];
    let (person, org, country) = match &m.kind {
        MentionKind::Person | MentionKind::Described => (true, false, false),
        // "Qatar's emir", "the Israeli prime minister": one person, a "he", not an "it".
        MentionKind::Composed | MentionKind::Agent
            if !sent.is_plural(h) && PERSON_TITLES.contains(&&*sent.lower[h]) =>
        {
            (true, false, false)
        }
        MentionKind::Organisation => (false, true, false),
        MentionKind::Country => (false, false, true),
        MentionKind::Coref { .. } => (
            matches!(m.entity, Some(Hit::Person(_))),
            matches!(m.entity, Some(Hit::Organisation(_))),
            m.codes.len() == 1 && m.codes[0].len() == 3,
        ),
        _ => (false, false, false),
    };
    let lw = &*sent.lower[h];
    let plural_pron = matches!(lw, "they" | "their" | "them" | "themselves" | "theirs");
    Cand {
        r: MentionRef {
            sentence: m.sentence,
            head: m.head,
        },
        codes: m.codes.clone(),
        entity: m.entity,
        group: m.group,
        plural: (sent.is_plural(h) && !matches!(m.kind, MentionKind::Organisation))
            || m.codes.len() > 1
            || plural_pron,
        plural_org: sent.is_plural(h) && matches!(m.kind, MentionKind::Organisation),
        adjective: matches!(m.kind, MentionKind::Country)
            && (adjectives.contains(&crate::normalize(&sent.text(m.words.clone())))
                || sent.rel_base(h) == "amod"),
        subject: is_topic_subject(sent, h),
        person,
        org: org
            || (matches!(m.kind, MentionKind::Coref { .. })
                && m.codes.iter().all(|c| c.contains("REB")))
                && !person,
        country,
        lemma: if matches!(
            m.kind,
            MentionKind::Composed | MentionKind::Agent | MentionKind::Coref { .. }
        ) {
            w.lemma.to_lowercase()
        } else {
            String::new()
        },
        text: if lean {
            String::new()
        } else {
            sent.text(m.words.clone())
        },
    }
}

type PairItem = (String, MentionRef);

/// The last two actors mentioned together before word `before` (compound group), else
/// the last two distinct countries.
fn last_pair(
    hist: &[Cand],
    current: &[ActorMention],
    sent: &Sent<'_, '_>,
    before: usize,
    countries_only: bool,
    adjectives: &HashSet<String>,
) -> Option<Vec<PairItem>> {
    let cur: Vec<Cand> = current
        .iter()
        .filter(|m| m.words.end <= before && !m.codes.is_empty())
        .map(|m| cand_of(sent, m, adjectives, true))
        .collect();
    let all: Vec<&Cand> = hist.iter().chain(cur.iter()).collect();
    let fits = |c: &Cand| !countries_only || c.codes.iter().all(|x| x.len() == 3);
    // Last compound group of at least two members.
    for c in all.iter().rev() {
        if let Some(g) = c.group {
            let members: Vec<&&Cand> = all.iter().filter(|x| x.group == Some(g)).collect();
            if members.len() >= 2 && members.iter().all(|m| fits(m)) {
                return Some(
                    members
                        .iter()
                        .take(2)
                        .map(|m| (m.codes[0].clone(), m.r))
                        .collect(),
                );
            }
        }
        if c.codes.len() == 2 && matches!(c.codes[0].len(), 3) && fits(c) {
            return Some(c.codes.iter().map(|x| (x.clone(), c.r)).collect());
        }
    }
    // Fallback: the last two distinct countries (nouns, not adjectives, first).
    let mut out: Vec<PairItem> = Vec::new();
    for c in all.iter().rev() {
        if c.country && c.codes.len() == 1 && !out.iter().any(|o| o.0 == c.codes[0]) {
            out.push((c.codes[0].clone(), c.r));
            if out.len() == 2 {
                out.reverse();
                return Some(out);
            }
        }
    }
    None
}

/// The first compound pair after sentence `si` (for cataphoric "both nations").
fn first_group_after(mentions: &[Vec<ActorMention>], si: usize) -> Option<Vec<PairItem>> {
    for ms in mentions.iter().skip(si) {
        for m in ms {
            if let Some(g) = m.group {
                let members: Vec<&ActorMention> =
                    ms.iter().filter(|x| x.group == Some(g)).collect();
                if members.len() >= 2 && members.iter().all(|x| x.codes.len() == 1) {
                    return Some(
                        members
                            .iter()
                            .take(2)
                            .map(|x| {
                                (
                                    x.codes[0].clone(),
                                    MentionRef {
                                        sentence: x.sentence,
                                        head: x.head,
                                    },
                                )
                            })
                            .collect(),
                    );
                }
            }
        }
    }
    None
}

/// Keys of a word as the matcher sees them, joined (for tests and tools).
pub fn word_key(form: &str) -> String {
    let mut v = Vec::new();
    word_keys(form, &mut v);
    v.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::OnceLock;

    #[test]
    fn prefix_agents_go_before_the_country_code() {
        assert_eq!(compose("SYR", "GOV", false), "SYRGOV");
        assert_eq!(compose("SYR", "NGO", true), "NGOSYR");
        assert_eq!(compose("SYRGOV", "MIL", true), "SYRGOV");
        assert_eq!(compose("SYRGOV", "MIL", false), "SYRMIL");
        assert_eq!(compose("SYRGOV", "LEG", false), "SYRGOV");
        assert_eq!(compose("IGOUNO", "MIL", false), "IGOUNO");
    }

    fn kb() -> &'static KnowledgeBase {
        static KB: OnceLock<KnowledgeBase> = OnceLock::new();
        KB.get_or_init(|| crate::builtin().expect("dictionaries load"))
    }

    /// Words from a space-separated string, without a parse: capitalised words are
    /// PROPN, a few function words get their tags, the rest are NOUN; no heads.
    fn words(text: &'static str) -> Vec<TaggedWord<'static>> {
        let mut out = Vec::new();
        let mut pos = 0usize;
        for form in text.split(' ') {
            let start = text[pos..].find(form).map_or(pos, |i| pos + i);
            let end = start + form.len();
            pos = end;
            let upos = match form {
                "the" | "The" | "a" | "both" | "Both" => "DET",
                "and" => "CCONJ",
                "it" | "its" | "It" | "Its" | "they" | "their" | "They" => "PRON",
                "of" | "from" | "with" | "in" => "ADP",
                "," | "." | "-" => "PUNCT",
                "'s" => "PART",
                f if f.chars().next().is_some_and(char::is_uppercase) => "PROPN",
                _ => "NOUN",
            };
            out.push(TaggedWord {
                range: TextRange::from_usize(start, end),
                form,
                lemma: form,
                upos,
                xpos: "",
                head: 0,
                deprel: "",
            });
        }
        out
    }

    fn codes(r: &ActorRecognizer<'_>, text: &'static str, date: &str) -> Vec<(String, String)> {
        let w = words(text);
        r.recognize_sentence(&w, Date::parse(date).unwrap())
            .iter()
            .map(|m| (m.range.slice(text).to_string(), m.codes.join("+")))
            .collect()
    }

    #[test]
    fn names_without_a_parse() {
        let r = ActorRecognizer::new(kb());
        let got = codes(&r, "Ahmed Al - Sharaa met officials", "2025-05-28");
        assert_eq!(
            got[0],
            ("Ahmed Al - Sharaa".to_string(), "SYRGOV".to_string())
        );
        let got = codes(&r, "Ahmed Al - Sharaa met officials", "2023-05-28");
        assert_eq!(got[0].1, "SYRREB");
        let got = codes(&r, "a letter to the U.S. State Department", "2025-05-28");
        assert_eq!(
            got,
            vec![("U.S. State Department".to_string(), "USAGOV".to_string())]
        );
        let got = codes(&r, "Syria 's foreign ministry said", "2025-05-28");
        assert_eq!(
            got,
            vec![(
                "Syria 's foreign ministry".to_string(),
                "SYRGOV".to_string()
            )]
        );
        let got = codes(&r, "the Syrian interim president said", "2025-05-28");
        assert_eq!(
            got,
            vec![("Syrian interim president".to_string(), "SYRGOV".to_string())]
        );
        // Acronyms of up to four letters only in capitals: "us" is not the USA.
        assert!(codes(&r, "they told us", "2025-05-28")
            .iter()
            .all(|c| c.1 != "USA"));
        assert_eq!(codes(&r, "the US said", "2025-05-28")[0].1, "USA");
    }

    #[test]
    fn compounds_and_pairs_without_a_parse() {
        let r = ActorRecognizer::new(kb());
        let w1 = words("Israel and Syria held talks .");
        let w2 = words("security officials from both nations met .");
        let w3 = words("Israel eased its strikes .");
        let d = Date::parse("2025-05-28").unwrap();
        let doc = r.recognize_document(&[w1, w2, w3], d);
        assert_eq!(doc[0].len(), 2);
        assert!(doc[0][0].group.is_some() && doc[0][0].group == doc[0][1].group);
        let both = doc[1]
            .iter()
            .find(|m| m.words == (3..5))
            .expect("both nations");
        assert_eq!(both.codes, vec!["ISR", "SYR"]);
        let officials = doc[1]
            .iter()
            .find(|m| m.words.start == 0)
            .expect("officials");
        assert_eq!(officials.codes, vec!["ISRCOP", "SYRCOP"]);
        let its = doc[2].iter().find(|m| m.words == (2..3)).expect("its");
        assert_eq!(its.codes, vec!["ISR"]);
    }

    /// Random words, tags and trees (cycles, self-loops, out-of-range heads) never panic.
    #[test]
    fn never_panics_on_odd_parses() {
        let r = ActorRecognizer::new(kb());
        let vocab = [
            "Israel",
            "and",
            "Syria",
            "'s",
            "foreign",
            "ministry",
            "it",
            "its",
            "they",
            "the",
            "both",
            "nations",
            "two",
            ",",
            "-",
            "Al",
            "Sharaa",
            "of",
            "Quneitra",
            "province",
            "president",
            "group",
            "Karim",
            "Bendaoud",
            "a",
            "governor",
            "U.S.",
            "officials",
            "from",
            "December",
            "2023",
            "he",
            "their",
            "country",
            "",
        ];
        let tags = ["PROPN", "NOUN", "ADJ", "PRON", "DET", "PUNCT", "VERB", ""];
        let rels = [
            "nsubj",
            "amod",
            "compound",
            "nmod",
            "nmod:poss",
            "appos",
            "conj",
            "case",
            "expl",
            "",
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n as u64) as usize
        };
        let d = Date::parse("2025-05-28").unwrap();
        for _ in 0..300 {
            let mut doc = Vec::new();
            for _ in 0..3 {
                let len = next(14);
                let mut words = Vec::new();
                let mut pos = 0u32;
                for _ in 0..len {
                    let form = vocab[next(vocab.len())];
                    words.push(TaggedWord {
                        range: TextRange::new(pos, pos + form.len() as u32),
                        form,
                        lemma: form,
                        upos: tags[next(tags.len())],
                        xpos: if next(2) == 0 { "NNS" } else { "NN" },
                        head: next(len + 3) as u32,
                        deprel: rels[next(rels.len())],
                    });
                    pos += form.len() as u32 + 1;
                }
                doc.push(words);
            }
            let out = r.analyze_document(&doc, d);
            for (si, ms) in out.mentions.iter().enumerate() {
                for m in ms {
                    assert!(m.words.end <= doc[si].len() && m.words.start < m.words.end);
                }
            }
        }
    }

    #[test]
    fn sentence_dates_and_codes_on() {
        let r = ActorRecognizer::new(kb());
        let w = words("the overthrow of Bashar Assad in December 2023");
        let ms = r.recognize_sentence(&w, Date::parse("2025-05-28").unwrap());
        let assad = ms
            .iter()
            .find(|m| m.words.start == 3)
            .unwrap_or_else(|| panic!("{ms:?}"));
        assert_eq!(assad.codes, vec!["SYRGOV"]);
        // On the article's date he is a former official.
        assert_eq!(
            r.codes_on(assad, Date::parse("2025-05-28").unwrap()),
            vec!["SYRELI"]
        );
        assert_eq!(
            r.codes_on(assad, Date::parse("2023-12").unwrap()),
            vec!["SYRGOV"]
        );
        assert_eq!(sentence_date(&w), Date::new(2023, 12, 1));
    }
}
