//! The coder: parsed sentences + actor mentions + lexicon → events.
//!
//! Per sentence: find triggers (verbs and event nouns of the lexicon), match each
//! candidate entry's items inside the trigger's clause, keep the most specific match per
//! trigger, drop triggers whose word another match used ("eased its bombardment" is one
//! de-escalation, not also an air strike), then find the source and target through the
//! dependency tree (subject, passive "by" agent, object, prepositional objects,
//! "between X and Y", the subject of a governing verb for nouns and controlled verbs),
//! and finally the mode, date and place. See ARCHITECTURE.md for the rules in prose.

use std::borrow::Cow;
use std::cell::Cell;
use std::collections::HashSet;

use detente_actors::{ActorMention, ActorRecognizer, Hit, KnowledgeBase, MentionKind};
use detente_cameo::{CameoCode, CodeTable};
use detente_core::{CharOffsets, Children, TaggedWord, TextRange};
use detente_dates::{resolve_dates, EventDate, Relation};
use detente_pipeline::AnalyzedDocument;

use crate::lexicon::{Entry, Kind, Lexicon};
use crate::patterns::{Pattern, PatternItem, Patterns, Want, WordSet, UNKNOWN};
use crate::record::{ActorSpan, Event, Location, Mode, Span};

/// An article to code.
#[derive(Debug, Clone, Copy)]
pub struct Article<'a> {
    /// Its id (`doc_id` of the records).
    pub id: &'a str,
    /// The text.
    pub text: &'a str,
    /// Publication date, if known.
    pub date: Option<EventDate>,
}

/// What happened to one trigger, for `detente explain`.
#[derive(Debug, Clone)]
pub struct TriggerTrace {
    /// Word index in the sentence.
    pub word: usize,
    /// The word as written.
    pub form: String,
    /// Verb or noun.
    pub kind: Kind,
    /// Entries tried.
    pub tried: usize,
    /// The entry that matched best, as `origin pattern`.
    pub matched: Option<String>,
    /// What came of it.
    pub outcome: String,
}

/// What the coder saw in one sentence, for `detente explain`.
#[derive(Debug, Clone)]
pub struct SentenceTrace {
    /// Sentence index.
    pub sentence: usize,
    /// Why the sentence was skipped, if it was.
    pub discarded: Option<String>,
    /// Triggers in text order.
    pub triggers: Vec<TriggerTrace>,
}

/// The coder: a knowledge base (through its recogniser) and a lexicon.
pub struct Coder<'kb> {
    recognizer: ActorRecognizer<'kb>,
    lexicon: Lexicon,
    /// The lexicon's patterns compiled for matching (same indexes as its entries).
    patterns: Patterns,
    codes: &'static CodeTable,
}

/// Agent codes of a state acting at home (see [`Coder::domestic_target`]).
const STATE_AGENTS: &[&str] = &["GOV", "MIL", "COP", "JUD", "SPY", "LEG"];

/// Agent codes of people a state acts on at home (see [`Coder::domestic_target`]).
const SOCIETY_AGENTS: &[&str] = &[
    "CVL", "OPP", "REB", "MED", "EDU", "LAB", "HRI", "CRM", "BUS", "REL", "PTY",
];

/// Verbs of killing whose code depends on who kills (see `Coder::code_traced`).
const KILL_VERBS: &[&str] = &["kill", "slay", "shoot"];

/// Whether an actor code is a state or its armed forces, police, intelligence or
/// government: a country code alone or followed by MIL, COP, SPY or GOV (not courts or
/// legislatures, nor international and non-state actors).
fn state_force(code: &str) -> bool {
    code.len() >= 3
        && code.as_bytes()[..3].iter().all(u8::is_ascii_uppercase)
        && !matches!(&code[..3], "IGO" | "NGO" | "NGM" | "MNC" | "IMG" | "UIS")
        && code
            .get(3..6)
            .is_none_or(|a| matches!(a, "MIL" | "COP" | "GOV" | "SPY"))
}

/// A bare agent mention ("activists", "insurgents") as people of `country`: each of its
/// agent codes after the country code (`Coder::domestic_source`, `domestic_target`).
fn of_country(mention: &ActorMention, country: &str) -> Side {
    mention
        .codes
        .iter()
        .map(|agent| (format!("{country}{agent}"), mention.range))
        .collect()
}

/// Singular nouns of people or groups that a domestic act can be aimed at
/// (`Coder::home_target`), besides names and the agent nouns of the actor dictionaries.
const PEOPLE_NOUNS: &[&str] = &[
    "candidate",
    "cult",
    "group",
    "party",
    "leader",
    "man",
    "woman",
    "boy",
    "girl",
    "journalist",
    "reporter",
    "activist",
    "opponent",
    "critic",
    "tycoon",
    "businessman",
    "minister",
    "official",
    "governor",
    "mayor",
    "lawmaker",
    "politician",
    "father",
    "mother",
    "son",
    "daughter",
    "brother",
    "wife",
    "husband",
    "family",
    "student",
    "teacher",
    "doctor",
    "priest",
    "cleric",
    "dissident",
    "blogger",
    "lawyer",
    "judge",
    "general",
    "commander",
    "editor",
    "newspaper",
    "union",
    "movement",
    "crowd",
    "mob",
    "people",
    "person",
    "men",
    "women",
    "child",
    "children",
    "resident",
    "villager",
    "follower",
    "worshipper",
    "prince",
    "detainee",
    "prisoner",
    "suspect",
    "member",
    "supporter",
    "employee",
    "worker",
    "citizen",
    "national",
    "youth",
    "pilgrim",
];

/// Verbs of a purpose clause whose object is whom aid goes to (`Coder::aid_beneficiary`).
const HELP_VERBS: &[&str] = &["help", "support", "assist", "aid", "feed", "rebuild"];

/// Agents of no stated country who, as a trigger's subject, are taken to be of the
/// place where it happens (`Coder::domestic_source`): the people of `SOCIETY_AGENTS`
/// and the police. Not officials ("the President", "the envoy", "the Department for
/// International Development") nor soldiers: they are as often foreign.
const SOURCE_AGENTS: &[&str] = &[
    "CVL", "OPP", "REB", "MED", "EDU", "LAB", "HRI", "CRM", "BUS", "REL", "PTY", "COP",
];

/// Prepositions of an event noun under a verb that make it the clause's topic, cause or
/// time rather than the subject's act ("condolences over an attack", "protests against
/// the strikes", "talks after the shelling", "an investigation into the abduction").
const TOPIC_CASES: &[&str] = &[
    "about",
    "after",
    "against",
    "amid",
    "amidst",
    "before",
    "concerning",
    "despite",
    "following",
    "into",
    "over",
    "regarding",
    "since",
];

/// Nouns that an event noun names the kind of ("a bombing campaign", "a mediation
/// effort"): whoever makes the effort does the event, to whom it is aimed.
const EFFORT_NOUNS: &[&str] = &[
    "effort",
    "bid",
    "attempt",
    "initiative",
    "mission",
    "campaign",
    "drive",
    "offensive",
];

/// Nouns of an operation whose purpose clause says what it does: "launched operations
/// to detain 110 people" is the detentions, not only their purpose.
const OPERATION_NOUNS: &[&str] = &[
    "operation",
    "campaign",
    "crackdown",
    "raid",
    "offensive",
    "sweep",
    "manhunt",
];

/// Verbs that set an operation going (`OPERATION_NOUNS`); not "ended his campaign to
/// seize Tripoli".
const LAUNCH_VERBS: &[&str] = &[
    "launch",
    "begin",
    "start",
    "conduct",
    "carry",
    "mount",
    "stage",
    "open",
    "intensify",
    "step",
    "expand",
    "continue",
];

/// Subordinators of a clause that is an event of its own, never part of the pattern of
/// the verb it hangs under: conditions ("threatened to shell Haifa if Israel hits
/// Beirut") and times or causes ("suspended aid deliveries after a convoy was attacked").
const SEPARATE_CLAUSE_MARKS: &[&str] = &[
    "if", "unless", "after", "before", "when", "whenever", "while", "because", "since", "until",
    "although", "though", "once",
];

/// Verbs that stop, quell or forbid someone else's act: the act in their object is not
/// their subject's ("police dispersed the protest", "broke up a demonstration").
const QUELLING: &[&str] = &[
    "disperse", "break", "suppress", "quell", "crush", "ban", "outlaw", "prohibit", "foil",
    "thwart", "repel", "repulse", "prevent",
];

/// Nouns through which an event noun is what is answered, not the act of whoever answers
/// ("imposed sanctions in relation to the bombing", "in retaliation for the attack").
const ANSWERING_NOUNS: &[&str] = &[
    "relation",
    "response",
    "reply",
    "retaliation",
    "reprisal",
    "revenge",
    "reaction",
    "connection",
];

/// Objects of a verb of force that are problems, not enemies: "fighting the root causes
/// of migration", "to combat corruption" is no fight (the entries of roots 18-20).
const PROBLEMS: &[&str] = &[
    "cause",
    "poverty",
    "corruption",
    "disease",
    "epidemic",
    "pandemic",
    "virus",
    "outbreak",
    "ebola",
    "wildfire",
    "hunger",
    "famine",
    "inflation",
    "unemployment",
    "climate",
    "change",
    "pollution",
    "malaria",
    "cancer",
    "illiteracy",
    "inequality",
    "discrimination",
    "racism",
    "misinformation",
    "disinformation",
    "impunity",
    "graft",
    "locust",
];

/// Verbs that judge or reject an act (the act is someone else's: an event noun under
/// them is not their subject's act: "Sisi rejected appeals to release her").
const JUDGING: &[&str] = &[
    "condemn",
    "denounce",
    "criticize",
    "criticise",
    "deplore",
    "decry",
    "praise",
    "hail",
    "applaud",
    "commend",
    "blame",
    "mourn",
    "lament",
    "regret",
    "slam",
    "investigate",
    "probe",
    "reject",
    "spurn",
    "rebuff",
    "dismiss",
    "deny",
    "oppose",
];

/// Words that report speech: events in their complement are `reported`.
const REPORTING: &[&str] = &[
    "say",
    "report",
    "tell",
    "acknowledge",
    "confirm",
    "announce",
    "claim",
    "state",
    "add",
    "indicate",
    "allege",
    "quote",
    "note",
    "reveal",
    "disclose",
    "suggest",
    "believe",
    "think",
];
/// Verbs whose object (not subject) does what their complement says: "urged Israel to
/// withdraw", "forced the rebels to retreat", "gave Israel 60 days to withdraw".
const OBJECT_CONTROL: &[&str] = &[
    "ask",
    "urge",
    "tell",
    "persuade",
    "convince",
    "encourage",
    "implore",
    "beg",
    "press",
    "pressure",
    "push",
    "lobby",
    "force",
    "compel",
    "oblige",
    "order",
    "instruct",
    "direct",
    "authorize",
    "authorise",
    "allow",
    "permit",
    "enable",
    "help",
    "invite",
    "advise",
    "warn",
    "want",
    "expect",
    "require",
    "challenge",
    "remind",
    "request",
    "demand",
    "prompt",
    "give",
    "grant",
];
/// Governors that negate their complement.
/// Nouns of messages, which speak for whoever sent them: "issued a statement urging",
/// "sent a letter asking".
const MESSAGES: &[&str] = &[
    "statement",
    "letter",
    "message",
    "communique",
    "communiqué",
    "declaration",
    "note",
    "appeal",
    "plea",
    "video",
    "speech",
    "address",
    "post",
    "tweet",
    "editorial",
    "resolution",
];

/// Verbs of a standing tie that, as a participle describing a noun ("Russia-backed
/// forces", "rebels supported by Turkey"), say who someone is, not what happened.
const BACKING: &[&str] = &[
    "back", "support", "sponsor", "fund", "finance", "arm", "ally",
];

/// Verbs that, with a message as object, only say that it was made public.
const MESSAGE_VERBS: &[&str] = &[
    "release",
    "issue",
    "sign",
    "publish",
    "post",
    "send",
    "deliver",
    "circulate",
    "pen",
    "write",
    "draft",
];

const NEGATING: &[&str] = &["deny", "fail", "refute"];
/// Roots of appeals (02), demands (10) and threats (13): see [`Coder::redundant`].
const DIRECTIVE_ROOTS: &[&str] = &["02", "10", "13"];
/// Governors whose complement is a pledge ("agreed to withdraw" is CAMEO 0356).
const PLEDGING: &[&str] = &[
    "agree",
    "pledge",
    "promise",
    "vow",
    "offer",
    "undertake",
    "commit",
    "volunteer",
    "willing",
    "ready",
    "eager",
    "prepared",
    "keen",
    "willingness",
    "readiness",
    "commitment",
    "intention",
    "determination",
];
/// What a stance ([`Coder::stance`]) makes of an event: its own code and mode, a note
/// for the pattern field, and whether the act itself is kept beside it.
struct Stance {
    code: String,
    mode: Mode,
    note: String,
    keep_act: bool,
}

impl Stance {
    /// A stance that replaces the act ("agreed to accept refugees" is a pledge only).
    fn instead(code: String, mode: Mode, note: String) -> Stance {
        Stance {
            code,
            mode,
            note,
            keep_act: false,
        }
    }
}

/// Governors whose complement is refused ("refused to lift sanctions" is 1244).
const REFUSING: &[&str] = &["refuse", "decline"];
/// A cooperative act (longest code prefix first) and the pledge of it.
const PLEDGE_CODES: &[(&str, &str)] = &[
    ("045", "039"),
    ("04", "036"),
    ("057", "030"),
    ("05", "032"),
    ("061", "0311"),
    ("062", "0312"),
    ("063", "0313"),
    ("064", "0314"),
    ("06", "031"),
    ("071", "0331"),
    ("072", "0332"),
    ("073", "0333"),
    ("074", "0334"),
    ("07", "033"),
    ("081", "0351"),
    ("082", "0352"),
    ("0831", "0341"),
    ("0832", "0342"),
    ("0833", "0343"),
    ("0834", "0344"),
    ("083", "034"),
    ("084", "0353"),
    ("085", "0354"),
    ("086", "0355"),
    ("087", "0356"),
    ("08", "035"),
];
/// A cooperative act and the refusal of it.
const REFUSAL_CODES: &[(&str, &str)] = &[
    ("045", "126"),
    ("04", "125"),
    ("057", "127"),
    ("05", "120"),
    ("061", "1211"),
    ("062", "1212"),
    ("063", "1213"),
    ("064", "1214"),
    ("06", "121"),
    ("071", "1221"),
    ("072", "1222"),
    ("073", "1223"),
    ("074", "1224"),
    ("07", "122"),
    ("081", "1241"),
    ("082", "1242"),
    ("0831", "1231"),
    ("0832", "1232"),
    ("0833", "1233"),
    ("0834", "1234"),
    ("083", "123"),
    ("084", "1243"),
    ("085", "1244"),
    ("086", "1245"),
    ("087", "1246"),
    ("08", "124"),
];

/// Whether mention `m` (whose actors are `side`) is the source's own people under a
/// possessive: "Pakistan is willing to withdraw its troops from Kashmir" — the troops are
/// Pakistan's, not the other side.
fn own_forces(sent: &Sent<'_, '_>, m: usize, side: &Side, src_countries: &HashSet<&str>) -> bool {
    let first = sent.mentions[m].words.start;
    matches!(
        &*sent.lemma[first],
        "its" | "their" | "his" | "her" | "our" | "they" | "it" | "he" | "she" | "we"
    ) && sent.mentions[m].words.len() > 1
        && all_home(side, src_countries)
}

/// Keeps the events of the current sentence (from `sent_start` on) and their `origin`
/// entries where `keep` says so; earlier sentences' events stay.
fn keep_in_sentence(
    events: &mut Vec<Event>,
    origin: &mut Vec<(usize, usize)>,
    sent_start: usize,
    keep: &[bool],
) {
    let mut k = 0;
    events.retain(|_| {
        let kept = k < sent_start || keep[k - sent_start];
        k += 1;
        kept
    });
    let mut k = 0;
    origin.retain(|_| {
        k += 1;
        keep[k - 1]
    });
}

/// Whether `e` is a plain statement: "say" alone, coded 010.
fn plain_statement(e: &Entry) -> bool {
    bare_statement(e, "say")
}

/// Whether `e` is the verb `verb` alone, coded 010 ("say", and "tell", whom one tells
/// being still the target).
fn bare_statement(e: &Entry, verb: &str) -> bool {
    e.code.as_deref() == Some("010")
        && e.kind == Kind::Verb
        && e.triggers.iter().all(|t| t == verb)
        && e.pre.is_empty()
        && e.post.is_empty()
}

/// Whether every actor of `side` is of one of the source's countries.
fn all_home(side: &Side, src_countries: &HashSet<&str>) -> bool {
    side.iter()
        .all(|x| x.0.get(..3).is_some_and(|c| src_countries.contains(c)))
}

/// A conflictual act and the threat of it (what one says one will do to another).
const THREAT_CODES: &[(&str, &str)] = &[
    ("14", "133"),
    ("15", "138"),
    ("161", "1313"),
    ("162", "1311"),
    ("163", "1312"),
    ("164", "1313"),
    ("16", "131"),
    ("172", "132"),
    ("17", "137"),
    ("18", "1383"),
    ("191", "1381"),
    ("192", "1382"),
    ("195", "1384"),
    ("19", "138"),
    ("204", "1385"),
    ("20", "1383"),
];

/// The code `table` gives for `code`: the entry of the longest matching prefix.
fn stance_code(table: &[(&str, &'static str)], code: &str) -> Option<&'static str> {
    table
        .iter()
        .filter(|(p, _)| code.starts_with(p))
        .max_by_key(|(p, _)| p.len())
        .map(|&(_, c)| c)
}

/// Verbs whose object is undone ("demanded that the Security Council lift the sanctions
/// against Iraq" demands no sanctions).
const UNDOING_VERBS: &[&str] = &[
    "lift", "ease", "end", "remove", "scrap", "suspend", "waive", "relax", "drop", "cancel",
];

/// What a vehicle or a patrol strikes or steps on without fighting anyone ("their
/// armoured vehicle struck a roadside bomb").
const HAZARDS: &[&str] = &["bomb", "mine", "landmine", "ied", "device", "explosive"];

/// Nouns whose `of` complement is undone or only held out, not done ("the lifting of
/// sanctions", "the threat of sanctions").
const UNDOING_NOUNS: &[&str] = &[
    "lifting",
    "easing",
    "removal",
    "relaxation",
    "suspension",
    "scrapping",
    "repeal",
    "end",
    "threat",
    "prospect",
    "possibility",
];

/// Governors that make their complement hypothetical: intent, and appeals (what
/// one is urged to do has not happened: "urged Russia to stop attacking Ukraine").
const HYPOTHETICAL_GOVERNORS: &[&str] = &[
    "ask",
    "urge",
    "appeal",
    "implore",
    "pressure",
    "encourage",
    "demand",
    "request",
    "threaten",
    "consider",
    "hope",
    "wish",
    "want",
    "mull",
    "weigh",
    "explore",
    "contemplate",
    "propose",
    "possible",
    "potential",
    "likely",
    "unlikely",
    "could",
    "would",
    "might",
];
const MODALS: &[&str] = &[
    "may", "might", "could", "would", "should", "can", "must", "ought",
];
const FUTURE_GOVERNORS: &[&str] = &["plan", "schedule", "due", "expect", "prepare", "set"];
/// Prepositions whose object can be a target, in no particular order.
const TARGET_CASES: &[&str] = &[
    "with",
    "against",
    "on",
    "to",
    "at",
    "for",
    "toward",
    "towards",
    "into",
    "over",
    "from",
    "of",
    "upon",
    "onto",
    "in",
    "inside",
    "across",
    "about",
    "regarding",
    "after",
];
const PLACE_CASES: &[&str] = &["in", "at", "near", "inside", "within", "outside", "across"];
const GENERIC_PLACE_WORDS: &[&str] = &[
    "province",
    "city",
    "region",
    "area",
    "governorate",
    "district",
    "town",
    "village",
    "state",
    "county",
    "oblast",
    "border",
    "territory",
    "territories",
];

fn base(deprel: &str) -> &str {
    deprel.split(':').next().unwrap_or(deprel)
}

/// A sentence with indexes the matcher needs.
struct Sent<'s, 'w> {
    words: &'s [TaggedWord<'w>],
    lemma: Vec<Cow<'w, str>>,
    form: Vec<Cow<'w, str>>,
    /// Pattern word ids ([`Patterns::ids`]) of `lemma` and `form`.
    lemma_id: Vec<u32>,
    form_id: Vec<u32>,
    /// The pattern words among `lemma_id` and `form_id`.
    present: WordSet,
    /// Whether a usable mention starts at each word (index `0..=n`), for the matcher.
    mention_starts: Vec<bool>,
    /// Whether a usable mention ends before each word (index `0..=n`), for the matcher.
    mention_ends: Vec<bool>,
    parent: Vec<Option<usize>>,
    children: Children,
    mentions: &'s [ActorMention],
    /// PETRARCH conventions: a bare agent noun is an actor of unknown country (`---GOV`).
    legacy: bool,
    /// Set only while [`Coder::domestic_target`] looks for a bare agent noun as the
    /// target: bare agent nouns are then usable mentions.
    bare_agents: Cell<bool>,
    /// By head word: a pronoun that stands for a bare agent noun ([`bare_mentions`]).
    bare_corefs: Vec<bool>,
    /// Scratch space for walking the tree ([`Sent::subtree`], [`Sent::region`]).
    stack: Cell<Vec<usize>>,
}

impl<'s, 'w> Sent<'s, 'w> {
    /// The sentence `words`, whose lower-case lemmas and forms are `lemma` and `form`;
    /// `ids` are the ids of `lemma` and of `form` ([`Patterns::ids`]).
    fn new(
        words: &'s [TaggedWord<'w>],
        lemma: Vec<Cow<'w, str>>,
        form: Vec<Cow<'w, str>>,
        (lemma_id, form_id): (Vec<u32>, Vec<u32>),
        (mentions, bare): (&'s [ActorMention], &[bool]),
        legacy: bool,
        patterns: &Patterns,
    ) -> Self {
        let n = words.len();
        let mut parent = vec![None; n];
        for (i, w) in words.iter().enumerate() {
            let h = w.head as usize;
            if h >= 1 && h <= n && h - 1 != i {
                parent[i] = Some(h - 1);
            }
        }
        let children = Children::new(&parent);
        let present = WordSet::new(patterns, lemma_id.iter().chain(&form_id).copied());
        let mut sent = Sent {
            words,
            present,
            lemma_id,
            form_id,
            mention_starts: vec![false; n + 1],
            mention_ends: vec![false; n + 1],
            lemma,
            form,
            parent,
            children,
            mentions,
            legacy,
            bare_agents: Cell::new(false),
            bare_corefs: {
                let mut by_head = vec![false; n];
                for (m, &b) in mentions.iter().zip(bare) {
                    if b && matches!(m.kind, MentionKind::Coref { .. }) && m.head < n {
                        by_head[m.head] = true;
                    }
                }
                by_head
            },
            stack: Cell::new(Vec::new()),
        };
        for m in mentions {
            if sent.usable(m) {
                if let Some(s) = sent.mention_starts.get_mut(m.words.start) {
                    *s = true;
                }
                if let Some(e) = sent.mention_ends.get_mut(m.words.end) {
                    *e = true;
                }
            }
        }
        sent
    }

    /// The byte range of the whole sentence.
    fn range(&self) -> TextRange {
        match (self.words.first(), self.words.last()) {
            (Some(a), Some(b)) => a.range.cover(b.range),
            _ => TextRange::new(0, 0),
        }
    }

    fn rel(&self, i: usize) -> &str {
        base(self.words[i].deprel)
    }

    fn is_verbal(&self, i: usize) -> bool {
        matches!(self.words[i].upos, "VERB" | "AUX") || self.words[i].xpos.starts_with("VB")
    }

    /// Whether child `c` starts a clause of its own (not part of its head's clause).
    fn clausal(&self, c: usize) -> bool {
        match self.rel(c) {
            "ccomp" | "csubj" | "advcl" | "parataxis" | "list" | "acl" => true,
            "conj" => self.is_verbal(c),
            _ => false,
        }
    }

    /// The words of `i`'s clause: its subtree without embedded clauses.
    fn region(&self, i: usize, out: &mut Vec<bool>) {
        out.clear();
        out.resize(self.words.len(), false);
        let mut stack = self.stack.take();
        stack.clear();
        stack.push(i);
        while let Some(w) = stack.pop() {
            if out[w] {
                continue;
            }
            out[w] = true;
            for &c in &self.children[w] {
                if !self.clausal(c) {
                    stack.push(c);
                }
            }
        }
        self.stack.set(stack);
    }

    /// A "to" clause the parse hung as an adverbial ("declined to meet" with "meet" an
    /// `advcl`), which stands for a complement.
    /// Whom a demand reported by verb `t` is made of: "Russia says Israel must end
    /// attacks on Syria". The complement (`ccomp`) says what an actor must or should do
    /// ("must end", "should withdraw", "needs to take the first step"); returns the
    /// mention of its subject.
    fn demanded_of(&self, t: usize) -> Option<usize> {
        if !REPORTING.contains(&&*self.lemma[t]) {
            return None;
        }
        self.children_with(t, &["ccomp"]).find_map(|c| {
            let must = self
                .children_with(c, &["aux"])
                .any(|a| matches!(&*self.lemma[a], "must" | "should"))
                || (matches!(&*self.lemma[c], "need" | "have")
                    && self.children_with(c, &["xcomp"]).any(|x| self.to_marked(x)));
            if !must {
                return None;
            }
            // "the two countries should cooperate" is no demand of another.
            self.children_with(c, &["nsubj"])
                .find_map(|n| self.mention_at(n))
                .filter(|&m| {
                    !matches!(&self.mentions[m].kind,
                        MentionKind::Coref { antecedents } if antecedents.len() >= 2)
                })
        })
    }

    fn to_clause(&self, i: usize) -> bool {
        self.rel(i) == "advcl" && self.to_marked(i)
    }

    /// Whether clause `i` is an infinitive with "to".
    fn to_marked(&self, i: usize) -> bool {
        self.children[i]
            .iter()
            .any(|&c| self.words[c].deprel == "mark" && self.lemma[c] == "to")
    }

    /// An infinitive completing a stance noun: "its readiness to resume talks".
    fn stance_noun_clause(&self, i: usize) -> bool {
        self.rel(i) == "acl"
            && self.to_marked(i)
            && self.parent[i].is_some_and(|p| PLEDGING.contains(&&*self.lemma[p]))
    }

    /// The noun a verb hangs under when the parser read its clause as a noun phrase
    /// ("Israeli warplanes bombed Syrian army positions" with "bombed" an `amod` of
    /// "positions").
    fn hung_under_noun(&self, i: usize) -> Option<usize> {
        let p = self.parent[i]?;
        // Also a subjectless clause set beside a name that the parse made the root
        // ("Putin, President of Russia, is considering sending aid").
        let beside = self.rel(i) == "parataxis"
            && self.parent[p].is_none()
            && !self.children[i]
                .iter()
                .any(|&c| self.rel(c).starts_with("nsubj"));
        // A participle after a determiner or a possessive, with adverbs between, or right
        // between an adverb and its noun, modifies that noun ("returned the seized
        // ships", "Yemen's internationally recognized government", "Libya's
        // Tripoli-based, internationally recognised Government"): no clause there.
        let before = (0..i).rev().find(|&k| self.words[k].upos != "ADV");
        let modifier = before.is_some_and(|k| {
            let w = &self.words[k];
            w.upos == "DET" || (w.upos == "PART" && self.rel(k) == "case")
        }) || (p == i + 1 && i > 0 && self.words[i - 1].upos == "ADV");
        (self.words[i].upos == "VERB"
            && (matches!(self.rel(i), "amod" | "compound" | "nmod" | "appos") || beside)
            && !modifier
            && matches!(self.words[p].upos, "NOUN" | "PROPN"))
        .then_some(p)
    }

    /// The noun whose kind the event noun `n` names ("a bombing campaign", "a mediation
    /// effort"), as in [`EFFORT_NOUNS`]: its actors are the event's.
    fn effort_of(&self, n: usize) -> Option<usize> {
        let p = self.parent[n]?;
        (self.rel(n) == "compound" && EFFORT_NOUNS.contains(&&*self.lemma[p])).then_some(p)
    }

    /// Whether mention `m` only says who backs someone ("Iranian-backed Houthis",
    /// "rebels backed by Turkey"): no party to the sentence's events.
    fn backer(&self, m: usize) -> bool {
        let mention = &self.mentions[m];
        let end = mention.words.end;
        let hyphenated = self.words.get(end).is_some_and(|w| w.form == "-")
            && self
                .lemma
                .get(end + 1)
                .is_some_and(|l| BACKING.contains(&&**l));
        let by = self.parent[mention.head].is_some_and(|v| {
            BACKING.contains(&&*self.lemma[v])
                && self.words[v].xpos == "VBN"
                && self.case_of(mention.head) == Some("by")
        });
        hyphenated || by
    }

    /// Whether verb `v` has a condition ("would release them if Kyiv freed ...").
    fn conditional(&self, v: usize) -> bool {
        self.children_with(v, &["advcl"]).any(|c| {
            self.children_with(c, &["mark"])
                .any(|m| matches!(&*self.lemma[m], "if" | "unless"))
        })
    }

    /// All words below `i`, clauses included.
    /// [`Sent::subtree`] without the reporting clauses set beside it ("..., the agency
    /// reported"), whose actors take no part in `i`'s event.
    fn subtree_no_parataxis(&self, i: usize, out: &mut Vec<bool>) {
        self.subtree_without(i, out, |c| self.reporting_aside(c));
    }

    /// Whether `c` is a reporting clause set beside its head ("..., Xinhua reported").
    /// Other `parataxis` are kept: they are often a misparsed relative or apposition.
    fn reporting_aside(&self, c: usize) -> bool {
        // Also an adverbial the parse made of it: a reporting verb after its head, with a
        // subject and no subordinator.
        let adverbial = || {
            self.rel(c) == "advcl"
                && self.parent[c].is_some_and(|p| p < c)
                && self.children[c].iter().any(|&k| self.rel(k) == "nsubj")
                && !self.children[c].iter().any(|&k| self.rel(k) == "mark")
        };
        REPORTING.contains(&&*self.lemma[c]) && (self.rel(c) == "parataxis" || adverbial())
    }

    /// [`Sent::subtree`] without the reporting clauses set beside it and the conditions
    /// ("threatened to shell Haifa if Israel hits Beirut": "hits Beirut" is no part of
    /// the threat's pattern).
    fn subtree_no_aside(&self, i: usize, out: &mut Vec<bool>) {
        self.subtree_without(i, out, |c| {
            self.reporting_aside(c)
                || (self.clausal(c)
                    && self.children[c].iter().any(|&m| {
                        self.rel(m) == "mark" && SEPARATE_CLAUSE_MARKS.contains(&&*self.lemma[m])
                    }))
        });
    }

    /// The subtree of `i` without the subtrees of the words `skip` picks.
    fn subtree_without(&self, i: usize, out: &mut Vec<bool>, skip: impl Fn(usize) -> bool) {
        out.clear();
        out.resize(self.words.len(), false);
        let mut stack = self.stack.take();
        stack.clear();
        stack.push(i);
        while let Some(w) = stack.pop() {
            if !out[w] {
                out[w] = true;
                stack.extend(self.children[w].iter().copied().filter(|&c| !skip(c)));
            }
        }
        self.stack.set(stack);
    }

    /// The word that controls the complement (xcomp) of verb `p` when it is not `p`'s
    /// subject: its object ("urged Israel to withdraw", "asked Russia to stop"), or
    /// the one called on ("called on the US to lift"). Verbs of pledging keep their
    /// subject ("promised Israel to withdraw").
    /// For a noun ("a call on the US to lift sanctions"), the one called on.
    fn controller(&self, p: usize) -> Option<usize> {
        let verbal = self.is_verbal(p);
        if PLEDGING.contains(&&*self.lemma[p]) {
            return None;
        }
        let object = || {
            self.children[p]
                .iter()
                .copied()
                .find(|&c| matches!(self.words[c].deprel, "obj" | "iobj"))
        };
        let called_on = || {
            matches!(&*self.lemma[p], "call" | "appeal" | "prevail" | "plea").then(|| {
                self.children[p].iter().copied().find(|&c| {
                    matches!(self.rel(c), "obl" | "nmod")
                        && matches!(self.case_of(c), Some("on" | "upon"))
                })
            })?
        };
        // Only verbs whose object does the act: "summoned the ambassador to complain"
        // is the summoner's purpose, and "called Erdogan to apologise" a telephone call.
        if verbal && OBJECT_CONTROL.contains(&&*self.lemma[p]) {
            object().or_else(called_on)
        } else {
            called_on()
        }
    }

    /// The direct object of verb `v` that is no actor itself, and the actor it belongs
    /// to: its possessor, a name or country adjective before it, or an "of/from/by"
    /// phrase ("the call of the European Parliament", "calls from Washington").
    fn object_owner(&self, v: usize) -> Option<(usize, usize)> {
        let obj = self.children[v]
            .iter()
            .copied()
            .find(|&c| self.words[c].deprel == "obj")?;
        if self.mention_at(obj).is_some() || self.words[obj].upos != "NOUN" {
            return None;
        }
        // An object that names whom it is about ("a resolution on Syria", "sanctions
        // against Iran") is aimed at that actor, whoever wrote it.
        let about = self.children[obj].iter().any(|&c| {
            self.rel(c) == "nmod"
                && matches!(
                    self.case_of(c),
                    Some("on" | "against" | "over" | "about" | "to" | "toward" | "towards" | "for")
                )
                && self.np_mention(c).is_some()
        });
        if about {
            return None;
        }
        Some((obj, self.noun_owner(obj)?))
    }

    /// The actor a noun belongs to: its possessor, a name or country adjective before it,
    /// or an "of/from/by" phrase ("the call of the European Parliament", "calls from
    /// Washington").
    fn noun_owner(&self, n: usize) -> Option<usize> {
        self.children[n]
            .iter()
            .copied()
            .filter(|&c| c < n && matches!(self.words[c].deprel, "nmod:poss" | "compound" | "amod"))
            .find_map(|c| self.mention_at(c))
            .or_else(|| {
                self.children[n].iter().copied().find_map(|c| {
                    (self.rel(c) == "nmod" && matches!(self.case_of(c), Some("of" | "from" | "by")))
                        .then(|| self.np_mention(c))?
                })
            })
    }

    /// Whether mention `m` is whom a report is attributed to ("according to Syrian
    /// state media", "..., the agency Xinhua reported"): a source of the words, never a
    /// party to another event of the sentence.
    fn attribution(&self, m: usize) -> bool {
        let h = self.mentions[m].head;
        // "according to X", "according to a report released by X".
        let mut cur = h;
        for _ in 0..4 {
            if self.children[cur].iter().any(|&c| {
                self.rel(c) == "case" && matches!(&*self.lemma[c], "accord" | "according")
            }) {
                return true;
            }
            match self.parent[cur] {
                Some(p) if matches!(self.rel(cur), "nmod" | "acl" | "obl") => cur = p,
                _ => break,
            }
        }
        // The subject of a reporting verb: the one nearest before it, when a misparse
        // gave the verb two.
        self.rel(h) == "nsubj"
            && self.parent[h].is_some_and(|p| {
                self.is_verbal(p)
                    && REPORTING.contains(&&*self.lemma[p])
                    && !self.children[p]
                        .iter()
                        .any(|&c| c > h && c < p && self.rel(c) == "nsubj")
            })
    }

    fn subtree(&self, i: usize, out: &mut Vec<bool>) {
        self.subtree_without(i, out, |_| false);
    }

    /// Whether word `c` heads a phrase of place ("in Kabul", "near the border"): an
    /// `obl` or `nmod` with a preposition of [`PLACE_CASES`].
    fn in_place_phrase(&self, c: usize) -> bool {
        matches!(self.rel(c), "obl" | "nmod")
            && self.case_of(c).is_some_and(|p| PLACE_CASES.contains(&p))
    }

    /// The country that the mention headed by word `c` names as a place: a country, or
    /// a capital standing as a place, heading a place phrase or owning it ("rallied in
    /// Cairo's Tahrir Square", "a rebel enclave near Damascus").
    fn named_place(&self, c: usize) -> Option<&str> {
        let k = self.mention_at(c)?;
        let m = &self.mentions[k];
        if m.head != c || !self.in_place_phrase(self.phrase_head(k, false)) {
            return None;
        }
        let code = m.codes.first().filter(|_| {
            m.kind == MentionKind::Country
                || (m.kind == MentionKind::Metonym
                    && self.words[m.head].upos == "PROPN"
                    && m.codes.iter().all(|c| c.get(3..) == Some("GOV")))
        })?;
        code.get(..3)
    }

    /// The word heading the phrase that mention `m` names or modifies: up through
    /// possessives, compounds, flat names and adjectives ("in the Saudi capital"), and,
    /// when `through_of`, through "of" phrases ("in Syria's Idlib province").
    fn phrase_head(&self, m: usize, through_of: bool) -> usize {
        let mut h = self.mentions[m].head;
        while matches!(
            self.words[h].deprel,
            "nmod:poss" | "compound" | "flat" | "amod"
        ) || (through_of && self.words[h].deprel == "nmod" && self.case_of(h) == Some("of"))
        {
            match self.parent[h] {
                Some(p) => h = p,
                None => break,
            }
        }
        h
    }

    /// The passive agent of verb `v`: its "by" phrase (`obl:agent`, or `obl` with "by").
    fn by_agent(&self, v: usize) -> Option<usize> {
        self.children[v].iter().copied().find(|&c| {
            self.words[c].deprel == "obl:agent"
                || (self.rel(c) == "obl" && self.case_of(c) == Some("by"))
        })
    }

    /// Whether the words from `at` on are the pattern words `seq` (ids), by lemma or form.
    fn seq_matches(&self, at: usize, seq: &[u32]) -> bool {
        let (Some(lemmas), Some(forms)) = (
            self.lemma_id.get(at..at + seq.len()),
            self.form_id.get(at..at + seq.len()),
        ) else {
            return false;
        };
        seq.iter()
            .zip(lemmas.iter().zip(forms))
            .all(|(w, (l, f))| l == w || f == w)
    }

    fn children_with<'a>(
        &'a self,
        i: usize,
        rels: &'a [&'a str],
    ) -> impl Iterator<Item = usize> + 'a {
        self.children[i]
            .iter()
            .copied()
            .filter(move |&c| rels.contains(&self.words[c].deprel) || rels.contains(&self.rel(c)))
    }

    /// The preposition (case child) of `i`, lower case.
    /// Participles used as prepositions ("regarding", "following", tagged VERB) give
    /// their form.
    fn case_of(&self, i: usize) -> Option<&str> {
        self.children[i]
            .iter()
            .find(|&&c| self.rel(c) == "case" && matches!(self.words[c].upos, "ADP" | "VERB"))
            .map(|&c| {
                if self.words[c].upos == "ADP" {
                    &*self.lemma[c]
                } else {
                    &*self.form[c]
                }
            })
    }

    fn usable(&self, m: &ActorMention) -> bool {
        // A pronoun for a bare agent noun ("they" for "forces") is as bare as it.
        let bare_coref = matches!(m.kind, MentionKind::Coref { .. })
            && self.bare_corefs.get(m.head) == Some(&true);
        !m.codes.is_empty()
            && (self.legacy
                || self.bare_agents.get()
                || !(matches!(m.kind, MentionKind::Agent) || bare_coref))
    }

    /// The codes of mention `m` as actors: a bare agent noun (legacy only) is an actor
    /// of unknown country, `---` before the agent code as in PETRARCH.
    fn codes_of(&self, m: &ActorMention) -> Vec<String> {
        if matches!(m.kind, MentionKind::Agent) {
            m.codes.iter().map(|c| format!("---{c}")).collect()
        } else {
            m.codes.clone()
        }
    }

    /// The best usable mention that contains word `w`: the outermost one.
    fn mention_at(&self, w: usize) -> Option<usize> {
        let mut best: Option<usize> = None;
        for (k, m) in self.mentions.iter().enumerate() {
            if m.words.contains(&w) && self.usable(m) {
                let better = match best {
                    None => true,
                    Some(b) => m.words.len() > self.mentions[b].words.len(),
                };
                if better {
                    best = Some(k);
                }
            }
        }
        best
    }

    /// The mention of the noun phrase headed by `w`: at `w`, else the nearest one in
    /// its phrase (breadth first, not into clauses).
    fn np_mention(&self, w: usize) -> Option<usize> {
        if let Some(m) = self.mention_at(w) {
            return Some(m);
        }
        let mut frontier = vec![w];
        for _depth in 0..3 {
            let mut next: Vec<usize> = Vec::new();
            for &x in &frontier {
                for &c in &self.children[x] {
                    if !self.clausal(c) && !matches!(self.rel(c), "det" | "case" | "punct" | "cc") {
                        next.push(c);
                    }
                }
            }
            next.sort_unstable();
            for &c in &next {
                if let Some(m) = self.mention_at(c) {
                    return Some(m);
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        None
    }
}

/// One match of an entry at a trigger.
#[derive(Debug, Default, Clone)]
struct Bound {
    /// The trigger word the pattern is matched at.
    trigger: usize,
    /// Matching a legacy dictionary: PETRARCH's flat matching, without the built-in
    /// lexicon's checks (`UNDOING_NOUNS`, `UNDOING_VERBS`).
    legacy: bool,
    consumed: Vec<usize>,
    source: Option<usize>,
    target: Option<usize>,
    compound: Option<usize>,
}

impl Bound {
    /// The binding an actor slot item fills (`$`, `+` or `%`).
    fn slot(&mut self, want: &Want) -> &mut Option<usize> {
        match want {
            Want::Source => &mut self.source,
            Want::Target => &mut self.target,
            _ => &mut self.compound,
        }
    }
}

/// Actors on one side of an event: (code, where the mention is written).
type Side = Vec<(String, TextRange)>;

/// A (source, target, code) triple about to become an event.
type Triple<'a> = (
    &'a (String, TextRange),
    Option<&'a (String, TextRange)>,
    &'a str,
);

impl<'kb> Coder<'kb> {
    /// A coder over `kb` with `lexicon`. Building the recogniser takes about 0.1 s; make
    /// one coder and reuse it.
    pub fn new(kb: &'kb KnowledgeBase, lexicon: Lexicon) -> Coder<'kb> {
        Coder {
            recognizer: ActorRecognizer::new(kb),
            patterns: Patterns::new(&lexicon),
            lexicon,
            codes: CodeTable::builtin(),
        }
    }

    /// The lexicon.
    pub fn lexicon(&self) -> &Lexicon {
        &self.lexicon
    }

    /// The actor recogniser.
    pub fn recognizer(&self) -> &ActorRecognizer<'kb> {
        &self.recognizer
    }

    /// Codes an analysed article.
    pub fn code(&self, doc: &AnalyzedDocument<'_>, article: &Article<'_>) -> Vec<Event> {
        self.code_traced(doc, article, None)
    }

    /// Codes an analysed article and records, when `trace` is given, what happened in
    /// each sentence.
    pub fn code_traced(
        &self,
        doc: &AnalyzedDocument<'_>,
        article: &Article<'_>,
        mut trace: Option<&mut Vec<SentenceTrace>>,
    ) -> Vec<Event> {
        let tagged: Vec<Vec<TaggedWord<'_>>> =
            (0..doc.sentences.len()).map(|i| doc.tagged(i)).collect();
        let published = article.date;
        let pub_actor_date = published
            .and_then(|d| {
                detente_actors::Date::new(d.year, d.month.unwrap_or(7), d.day.unwrap_or(1))
            })
            .unwrap_or_else(|| detente_actors::Date::new(2026, 1, 1).expect("valid date"));
        // The coder reads the mentions' codes, words and kinds, never their evidence.
        let found = self
            .recognizer
            .analyze_document_lean(&tagged, pub_actor_date);
        let bare = bare_mentions(&found.mentions);
        let offsets = CharOffsets::new(article.text);
        let mut events = Vec::new();
        // Lower-case forms of every sentence and their word ids, for the discards and
        // the matcher.
        let forms: Vec<Vec<Cow<'_, str>>> = tagged
            .iter()
            .map(|ws| ws.iter().map(|w| lowercase(w.form)).collect())
            .collect();
        let form_ids = by_sentence(
            &self.patterns.ids(forms.iter().flatten().map(|f| &**f)),
            &forms,
        );
        // Lower-case lemmas of every sentence and their word ids, for the matcher.
        let lemmas: Vec<Vec<Cow<'_, str>>> = tagged
            .iter()
            .map(|ws| ws.iter().map(|w| lowercase(w.lemma)).collect())
            .collect();
        let lemma_ids = by_sentence(
            &self.patterns.ids(lemmas.iter().flatten().map(|l| &**l)),
            &lemmas,
        );
        let story_discard = form_ids.iter().find_map(|ids| self.discard_in(ids, true));
        let mut last_pair: Option<(Side, usize)> = None;
        let mut region = Vec::new();
        let tracing = trace.is_some();
        let per_sentence = tagged
            .iter()
            .zip(forms)
            .zip(form_ids)
            .zip(lemmas.into_iter().zip(lemma_ids));
        for (si, (((words, form), form_id), (lemma, lemma_id))) in per_sentence.enumerate() {
            let mut st = SentenceTrace {
                sentence: si,
                discarded: None,
                triggers: Vec::new(),
            };
            let discarded = story_discard
                .clone()
                .map(|d| format!("story discarded by '{d}'"))
                .or_else(|| {
                    self.discard_in(&form_id, false)
                        .map(|d| format!("discarded by '{d}'"))
                })
                .or_else(|| sports_score(words, &lemma).map(|s| format!("sports score '{s}'")));
            if let Some(d) = discarded {
                st.discarded = Some(d);
                if let Some(t) = trace.as_deref_mut() {
                    t.push(st);
                }
                continue;
            }
            let sent = Sent::new(
                words,
                lemma,
                form,
                (lemma_id, form_id),
                (&found.mentions[si], &bare[si]),
                self.lexicon.legacy,
                &self.patterns,
            );
            let mut matches = self.matches(&sent, &mut region, &mut st, tracing);
            // Dates only matter for the events of a match: found when the first one needs
            // them.
            let mut dates: Option<Vec<detente_dates::DateMention>> = None;
            // Most specific first; verbs before nouns at equal specificity.
            matches.sort_by_key(|(i, e, _)| {
                (
                    std::cmp::Reverse(self.patterns.entries[*e].specificity),
                    self.lexicon.entries[*e].kind == Kind::Noun,
                    *i,
                )
            });
            // A trigger whose word another match uses is not an event of its own
            // ("eased its aerial bombardment" is de-escalation, not also an air strike),
            // unless the two use each other; then the more specific one wins below.
            let dominated: HashSet<usize> = matches
                .iter()
                .filter(|(ti, _, _)| {
                    matches.iter().any(|(tj, _, bj)| {
                        tj != ti
                            && bj.consumed.contains(ti)
                            && !matches
                                .iter()
                                .any(|(tk, _, bk)| tk == ti && bk.consumed.contains(tj))
                    })
                })
                .map(|(ti, _, _)| *ti)
                .collect();
            let mut used: HashSet<usize> = dominated;
            let sent_start = events.len();
            // Trigger and entry of each event of this sentence (aligned with
            // `events[sent_start..]`).
            let mut origin: Vec<(usize, usize)> = Vec::new();
            // A plain statement ("said", 010) is the sentence's event only when it has no
            // other: beside another event it is only how that one was told. So plain
            // statements come last, and are resolved only when nothing else was coded
            // with a target.
            let is_plain = |ti: usize, ei: usize| {
                !self.lexicon.legacy
                    && plain_statement(&self.lexicon.entries[ei])
                    && sent.demanded_of(ti).is_none()
            };
            let (mut matches, plain): (Vec<_>, Vec<_>) = matches
                .into_iter()
                .partition(|&(ti, ei, _)| !is_plain(ti, ei));
            let n_other = matches.len();
            matches.extend(plain);
            let mut others_coded = false;
            for (k, (ti, ei, bound)) in matches.into_iter().enumerate() {
                let entry = &self.lexicon.entries[ei];
                let outcome_idx = st.triggers.iter().position(|t| t.word == ti);
                let set_outcome = |st: &mut SentenceTrace, s: String| {
                    if let Some(k) = outcome_idx {
                        st.triggers[k].outcome = s;
                    }
                };
                if k == n_other {
                    // Not a meeting or cooperation without a target, which is never kept
                    // (`lone_targetless`): "said on the sidelines of an EU summit that
                    // Libya was the key" is a statement.
                    others_coded = events[sent_start..].iter().any(|e: &Event| {
                        e.target.is_some() || !matches!(e.root.as_str(), "01" | "04" | "05")
                    });
                }
                if others_coded {
                    set_outcome(
                        &mut st,
                        "dropped: a plain statement beside another event of its sentence".into(),
                    );
                    continue;
                }
                if used.contains(&ti) {
                    set_outcome(
                        &mut st,
                        "its word is part of a more specific pattern".into(),
                    );
                    continue;
                }
                used.extend(bound.consumed.iter().copied());
                used.insert(ti);
                let Some(code) = entry.code.clone() else {
                    set_outcome(
                        &mut st,
                        "matched a pattern with a null code: nothing coded".into(),
                    );
                    continue;
                };
                if !self.lexicon.legacy
                    && entry.kind == Kind::Verb
                    && matches!(code.get(..2), Some("18" | "19" | "20"))
                    && sent.children_with(ti, &["obj"]).any(|o| {
                        (PROBLEMS.contains(&&*sent.lemma[o])
                            || (matches!(&*sent.lemma[ti], "strike" | "hit" | "step")
                                && HAZARDS.contains(&&*sent.lemma[o])))
                            && sent.mention_at(o).is_none()
                    })
                {
                    set_outcome(
                        &mut st,
                        "no act of force: its object is a problem fought or a hazard hit, not \
                         an enemy"
                            .into(),
                    );
                    continue;
                }
                let resolved = self.actors(&sent, ti, entry, &bound, &last_pair);
                let (sources, targets, reciprocal, why) = match resolved {
                    Ok(r) => r,
                    Err(why) => {
                        set_outcome(&mut st, why);
                        continue;
                    }
                };
                let mode = self.mode(&sent, ti, &bound.consumed);
                // "agreed to accept refugees" is a pledge of aid, "will not lift the ban"
                // a refusal to ease sanctions: the event is the stance, not the act.
                let stance = if entry.paired.is_none() {
                    self.stance(&sent, ti, &code, mode)
                } else {
                    None
                };
                // A claim of one's own attack also keeps the attack, as what is claimed.
                let act = stance
                    .as_ref()
                    .filter(|s| s.keep_act)
                    .map(|_| (code.clone(), mode));
                let (code, mode, stance_note) = match stance {
                    Some(s) => (s.code, s.mode, Some(s.note)),
                    None => (code, mode, None),
                };
                // "Israeli troops killed two Palestinians": a state's forces killing use
                // conventional military force (190, PETRARCH's code for "kill");
                // irregular violence (180) is the killing that others do.
                let code = if code == "180"
                    && !self.lexicon.legacy
                    && entry.kind == Kind::Verb
                    && KILL_VERBS.contains(&&*sent.lemma[ti])
                    && sources.iter().all(|s| state_force(&s.0))
                {
                    "190".to_string()
                } else {
                    code
                };
                let dates = dates.get_or_insert_with(|| match published {
                    Some(p) => {
                        let forms: Vec<&str> = words.iter().map(|w| w.form).collect();
                        resolve_dates(&forms, (p.year, p.month.unwrap_or(7), p.day.unwrap_or(1)))
                    }
                    None => Vec::new(),
                });
                let date_mention = self.event_date(&sent, ti, dates);
                let date = date_mention.map(|d| d.date).or(published);
                let mode = match (mode, date_mention, published) {
                    (Mode::Asserted | Mode::Reported, Some(d), Some(p))
                        if d.date.year < p.year - 1
                            || (d.relation == Relation::Since && d.date.year < p.year) =>
                    {
                        Mode::Historical
                    }
                    (m, _, _) => m,
                };
                let location = self.location(&sent, ti, &bound.consumed);
                // (source, target, code) triples.
                let mut pairs: Vec<(Triple<'_>, Mode)> = Vec::new();
                if reciprocal {
                    for a in &sources {
                        for b in &sources {
                            pairs.push(((a, Some(b), &code), mode));
                        }
                    }
                } else if targets.is_empty() {
                    for a in &sources {
                        pairs.push(((a, None, &code), mode));
                        if let Some((c, m)) = &act {
                            pairs.push(((a, None, c), *m));
                        }
                    }
                } else {
                    for a in &sources {
                        for b in &targets {
                            pairs.push(((a, Some(b), &code), mode));
                            if let Some(p) = &entry.paired {
                                pairs.push(((b, Some(a), p), mode));
                            }
                            if let Some((c, m)) = &act {
                                pairs.push(((a, Some(b), c), *m));
                            }
                        }
                    }
                }
                let mut n_out = 0;
                for ((src, tgt, c), mode) in pairs {
                    if tgt.is_some_and(|t| src.0 == t.0) {
                        continue;
                    }
                    let ev = self.event(
                        article,
                        &sent,
                        &offsets,
                        si,
                        ti,
                        &bound,
                        src,
                        tgt,
                        c,
                        mode,
                        date,
                        location.clone(),
                        entry,
                    );
                    let mut ev = ev;
                    if let Some(note) = stance_note.as_ref().filter(|_| *c == code) {
                        ev.pattern.push_str(note);
                    }
                    if events.iter().any(|e: &Event| {
                        e.sentence_id == si
                            && e.source.code == ev.source.code
                            && e.target.as_ref().map(|t| &t.code)
                                == ev.target.as_ref().map(|t| &t.code)
                            && e.cameo == ev.cameo
                    }) {
                        continue;
                    }
                    events.push(ev);
                    origin.push((ti, ei));
                    n_out += 1;
                }
                if sources.len() + targets.len() >= 2
                    && code.starts_with('0')
                    && code.as_str() < "06"
                {
                    let mut pair = sources.clone();
                    pair.extend(targets.iter().cloned());
                    last_pair = Some((pair, si));
                }
                if tracing {
                    set_outcome(
                        &mut st,
                        format!(
                            "coded {n_out} event(s) with code {code}, mode {}; {why}",
                            mode.as_str()
                        ),
                    );
                }
            }
            if !self.lexicon.legacy {
                // Events without a target: at most one per sentence (see `lone_targetless`).
                let lone = self.lone_targetless(&sent, &events[sent_start..], &origin, &offsets);
                if let Some(k) = lone {
                    self.home_target(
                        &sent,
                        origin[k].0,
                        &mut events[sent_start + k],
                        article.text,
                        &offsets,
                    );
                }
                let keep: Vec<bool> = events[sent_start..]
                    .iter()
                    .enumerate()
                    .map(|(k, e)| e.target.is_some() || lone == Some(k))
                    .collect();
                let mut dropped = HashSet::new();
                for (&(ti, _), _) in origin.iter().zip(&keep).filter(|(_, &k)| !k) {
                    dropped.insert(ti);
                }
                keep_in_sentence(&mut events, &mut origin, sent_start, &keep);
                for t in &mut st.triggers {
                    if dropped.contains(&t.word) && !origin.iter().any(|&(ti, _)| ti == t.word) {
                        t.outcome =
                            "dropped: no target (an event without one is kept only alone in \
                                     its sentence, which names no other actor, when its kind \
                                     needs no counterpart and its source is no attribution)"
                                .into();
                    }
                }
                let drop = self.redundant(&sent, &origin, &events[sent_start..]);
                if !drop.is_empty() {
                    let mut k = 0;
                    events.retain(|_| {
                        let keep = k < sent_start || !drop.contains(&origin[k - sent_start].0);
                        k += 1;
                        keep
                    });
                    for t in &mut st.triggers {
                        if drop.contains(&t.word) {
                            t.outcome = "dropped: the event in its complement (or the verb \
                                         above it) says the same"
                                .into();
                        }
                    }
                }
            }
            if let Some(t) = trace.as_deref_mut() {
                t.push(st);
            }
        }
        events
    }

    /// The target of a lone event of root 09-20 (investigating, demanding, rejecting,
    /// threatening, protesting, coercing, and fighting: a state's forces only where the
    /// sentence places it at home) in a sentence that names no other country: the
    /// people its trigger acts on, of no stated country, are the source's own, as event
    /// coders code domestic events ("French prosecutors opened an
    /// investigation into presidential candidate Francois Fillon" is FRA→FRA; "Turkish
    /// authorities rounded up about 6,000 soldiers and judges"). The target's span is
    /// that object phrase: the verb's object, or its or the noun's phrase with "into",
    /// "on", "against" or "of"; people, by their head: a name, an agent noun of the
    /// actor dictionaries ("soldiers", "judges") or a noun of `PEOPLE_NOUNS` ("a
    /// Christian cult"). No such phrase, no target.
    fn home_target(
        &self,
        sent: &Sent<'_, '_>,
        ti: usize,
        event: &mut Event,
        text: &str,
        offsets: &CharOffsets,
    ) {
        if !(event.root.as_str() >= "09" && event.root.as_str() <= "20") {
            return;
        }
        let Some(country) = event.source.code.get(..3) else {
            return;
        };
        let violent = event.root.as_str() >= "18";
        // A state's strikes so often cross a border ("Israeli strikes killed at least
        // seven people"): its violence only where the sentence places it at home ("a
        // rebel enclave near Damascus").
        let at_home = || (0..sent.words.len()).any(|c| sent.named_place(c) == Some(country));
        if self.recognizer.kb().country(country).is_none()
            || (violent && state_force(&event.source.code) && !at_home())
        {
            return;
        }
        let aimed = |c: usize| {
            sent.case_of(c)
                .is_some_and(|k| matches!(k, "into" | "on" | "against" | "of"))
        };
        let people = |h: usize| {
            let w = &sent.words[h];
            (w.upos == "PROPN" && !detente_dates::is_day_or_month(&sent.form[h]))
                || sent.mentions.iter().any(|m| {
                    // Armed men fought ("shot down more than 300 drones") are as often
                    // foreign.
                    m.head == h
                        && !(violent
                            && m.codes.iter().any(|c| {
                                c.get(c.len().saturating_sub(3)..).is_some_and(|a| {
                                    matches!(a, "MIL" | "REB" | "INS" | "SEP" | "UAF")
                                })
                            }))
                })
                || (w.upos == "NOUN" && PEOPLE_NOUNS.contains(&&*sent.lemma[h]))
        };
        let object = if sent.is_verbal(ti) {
            sent.children_with(ti, &["obj"]).next().or_else(|| {
                sent.children_with(ti, &["obl"])
                    .find(|&c| c > ti && aimed(c) && sent.case_of(c) != Some("of"))
            })
        } else {
            sent.children_with(ti, &["nmod"])
                .find(|&c| c > ti && aimed(c))
        };
        let Some(o) = object.filter(|&o| people(o) && sent.mention_at(o).is_none()) else {
            return;
        };
        let mut region = Vec::new();
        sent.subtree_without(o, &mut region, |c| {
            matches!(sent.words[c].deprel, "acl" | "acl:relcl" | "case" | "punct")
        });
        let mut words = (0..region.len()).filter(|&w| region[w]);
        let Some(first) = words.next() else { return };
        let last = words.next_back().unwrap_or(first);
        let r = sent.words[first].range.cover(sent.words[last].range);
        event.target = Some(actor_span(text, offsets, r, country));
        event.pattern.push_str(" + target: the source's own people");
    }

    /// An event without a target is what a sentence that names only one side says
    /// ("Azerbaijani forces violated the ceasefire 80 times"). Of a sentence's `events`
    /// (made by the triggers and entries of `origin`), the one such event to keep: none
    /// when an event has a target or the sentence names an actor of another country than
    /// the event's source (a target was there, but the pattern did not reach it), else
    /// the first that is asserted or reported (else the first). Not an event that needs
    /// a counterpart by its kind (a statement, consultation or diplomatic cooperation
    /// with nobody: "Al-Sharaa told" reporters), nor one whose source is whom the
    /// sentence is attributed to ("killed, according to Ukrainian officials").
    fn lone_targetless(
        &self,
        sent: &Sent<'_, '_>,
        events: &[Event],
        origin: &[(usize, usize)],
        offsets: &CharOffsets,
    ) -> Option<usize> {
        if events.iter().any(|e| e.target.is_some()) {
            return None;
        }
        let attributed = |e: &Event, ti: usize| {
            (0..sent.mentions.len()).any(|m| {
                offsets.char_offset(sent.mentions[m].range.start) == e.source.start
                    && sent.attribution(m)
                    // The trigger's own subject ("Pakistan denied the accusation").
                    && !(sent.parent[sent.mentions[m].head] == Some(ti)
                        && sent.rel(sent.mentions[m].head) == "nsubj")
            })
        };
        let fits = |k: usize| {
            let e = &events[k];
            !(e.cameo == "010" || e.root == "04" || e.root == "05" || attributed(e, origin[k].0))
        };
        let claim = |k: &usize| matches!(events[*k].mode, Mode::Asserted | Mode::Reported);
        let mut fitting = (0..events.len()).filter(|&k| fits(k));
        let k = fitting.clone().find(claim).or_else(|| fitting.next())?;
        let country = events[k].source.code.get(..3);
        let others = (0..sent.mentions.len()).any(|m| {
            let mention = &sent.mentions[m];
            sent.usable(mention)
                && !sent.backer(m)
                && mention.codes.iter().any(|c| c.get(..3) != country)
        });
        (!others).then_some(k)
    }

    /// Triggers whose events repeat another's: a bare reporting or attitude verb whose
    /// complement holds an event ("acknowledged that negotiations ... were underway" is
    /// the negotiations, "denied sending troops" the sending), and an event noun under a
    /// verb that coded the same root ("met for a third round of talks").
    fn redundant(
        &self,
        sent: &Sent<'_, '_>,
        origin: &[(usize, usize)],
        events: &[Event],
    ) -> HashSet<usize> {
        let mut drop = HashSet::new();
        // A plain statement says nothing of its own: it never makes the event of a verb
        // above it or a noun below it a repeat ("India extradited a militant ... after
        // the United States said he was living in Pakistan").
        let plain = |ei: usize| plain_statement(&self.lexicon.entries[ei]);
        let roots_at = |t: usize| -> Vec<&str> {
            origin
                .iter()
                .zip(events)
                .filter(|((ti, ei), _)| *ti == t && !plain(*ei))
                .map(|(_, e)| e.root.as_str())
                .collect()
        };
        for &(ti, ei) in origin {
            let entry = &self.lexicon.entries[ei];
            let stance =
                PLEDGING.contains(&&*sent.lemma[ti]) || REFUSING.contains(&&*sent.lemma[ti]);
            // An appeal, demand or threat is its own event whatever it asks for or
            // threatens ("demanded that Islamabad take action", "threatened to veto"): what
            // lies below it is only wanted (hypothetical), never the same event; unless
            // the act below became that very appeal, demand or threat (a stance: "threatened
            // to crack down on protesters" is 137).
            let directive_root = entry
                .code
                .as_deref()
                .and_then(|c| DIRECTIVE_ROOTS.iter().find(|r| c.starts_with(**r)).copied());
            let directive =
                directive_root.is_some() || (plain(ei) && sent.demanded_of(ti).is_some());
            let same_below = directive_root.is_some_and(|r| {
                origin.iter().any(|&(o, _)| {
                    o != ti && sent.parent[o] == Some(ti) && roots_at(o).contains(&r)
                })
            });
            if entry.kind == Kind::Verb
                && entry.pre.is_empty()
                && entry.post.is_empty()
                && (!directive || same_below)
            {
                let reporting =
                    REPORTING.contains(&&*sent.lemma[ti]) || NEGATING.contains(&&*sent.lemma[ti]);
                let below = origin.iter().any(|&(o, oe)| {
                    o != ti && !plain(oe) && {
                        // Walk up from `o`; note the relation of the child of `ti`.
                        let mut cur = o;
                        let mut found = false;
                        while let Some(p) = sent.parent[cur] {
                            if p == ti {
                                found = reporting
                                    || matches!(sent.rel(cur), "ccomp" | "xcomp" | "csubj")
                                    || (stance && sent.to_clause(cur));
                                break;
                            }
                            cur = p;
                        }
                        found
                    }
                });
                if below {
                    drop.insert(ti);
                }
            }
            if entry.kind == Kind::Noun {
                // Up through the noun's phrase ("met for a third round of talks").
                let mine = roots_at(ti);
                let mut cur = ti;
                for _ in 0..3 {
                    let Some(p) = sent.parent[cur] else { break };
                    if roots_at(p).iter().any(|r| mine.contains(r)) {
                        drop.insert(ti);
                        break;
                    }
                    if !matches!(sent.rel(cur), "nmod" | "obl" | "obj" | "compound") {
                        break;
                    }
                    cur = p;
                }
            }
        }
        drop
    }

    /// The best matching entry per trigger of the sentence: (word, entry, binding).
    /// Each trigger is recorded in `st` when `tracing`.
    fn matches(
        &self,
        sent: &Sent<'_, '_>,
        region: &mut Vec<bool>,
        st: &mut SentenceTrace,
        tracing: bool,
    ) -> Vec<(usize, usize, Bound)> {
        let mut out = Vec::new();
        let mut cands: Vec<usize> = Vec::new();
        for i in 0..sent.words.len() {
            let upos = sent.words[i].upos;
            cands.clear();
            let mut kind = Kind::Verb;
            let verbish = upos == "VERB" || (upos == "ADJ" && sent.words[i].xpos == "VBN");
            // Legacy dictionaries are PETRARCH's verb lists: a word the tagger does not
            // call a verb is not a trigger (nouns sharing a verb's form, "an attack",
            // "their meeting"), but an untagged-looking form still is (AUX, X).
            let legacy_ok = self.lexicon.legacy
                && !matches!(
                    upos,
                    "PROPN" | "ADP" | "DET" | "NOUN" | "PRON" | "NUM" | "PUNCT" | "CCONJ"
                );
            if verbish || legacy_ok {
                cands.extend_from_slice(self.patterns.candidates(Kind::Verb, sent.lemma_id[i]));
                if cands.is_empty() && verbish {
                    // The lemmatizer can miss ("declined" → "declin"): try the base forms
                    // the written form allows.
                    for b in base_forms(&sent.form[i]) {
                        cands.extend_from_slice(self.lexicon.candidates(Kind::Verb, &b));
                    }
                }
                if self.lexicon.legacy || !verbish {
                    for &c in self.patterns.candidates(Kind::Verb, sent.form_id[i]) {
                        if !cands.contains(&c) {
                            cands.push(c);
                        }
                    }
                }
                if !verbish && self.lexicon.legacy && upos == "NOUN" {
                    // TABARI matched forms whatever the tag, but a noun that is also an
                    // event noun is left to the noun entries.
                    if !self
                        .patterns
                        .candidates(Kind::Noun, sent.lemma_id[i])
                        .is_empty()
                    {
                        cands.clear();
                    }
                }
            }
            if cands.is_empty() && matches!(upos, "NOUN" | "PROPN") {
                kind = Kind::Noun;
                cands.extend_from_slice(self.patterns.candidates(Kind::Noun, sent.lemma_id[i]));
                for &c in self.patterns.candidates(Kind::Noun, sent.form_id[i]) {
                    if !cands.contains(&c) {
                        cands.push(c);
                    }
                }
            }
            if cands.is_empty() {
                continue;
            }
            // "Russia-backed forces", "forces backed by Russian warplanes": a standing
            // tie that describes a noun, not something that happened.
            if kind == Kind::Verb
                && !self.lexicon.legacy
                && BACKING.contains(&&*sent.lemma[i])
                && (sent.rel(i) == "amod" || (sent.rel(i) == "acl" && sent.words[i].xpos == "VBN"))
            {
                if tracing {
                    st.triggers.push(TriggerTrace {
                        word: i,
                        form: sent.words[i].form.to_string(),
                        kind,
                        tried: 0,
                        matched: None,
                        outcome: "describes a noun ('Russia-backed forces'): no event".into(),
                    });
                }
                continue;
            }
            // Pattern words may be anywhere below the trigger, as in TABARI's flat
            // matching ("said it was pessimistic about", "allowed that Mordor isn't a
            // really pleasant place"); with the built-in lexicon, not in conditions or
            // clauses set beside it.
            if self.lexicon.legacy {
                sent.subtree(i, region);
            } else {
                sent.subtree_no_aside(i, region);
            }
            // A verb the parser hung under a noun ("officials shared evidence with Saudi
            // Arabia" read as a noun phrase headed by "evidence"): its objects are that
            // noun and what follows the verb below it.
            if kind == Kind::Verb {
                if let Some(p) = sent.hung_under_noun(i) {
                    sent.subtree(p, region);
                    region[..i].iter_mut().for_each(|r| *r = false);
                }
            }
            // An event noun that is a verb's object also reaches the phrases of whom it
            // is aimed at that the parser hung on that verb after it ("issued a fresh
            // plea [to the Taliban]", "launched an attack [on the Gaza Strip]").
            // Not for a compound, whose first noun names the kind of event
            // ("a corruption investigation into ..." is 091, not 090), nor a date ("on
            // Sunday").
            let compound = || sent.children_with(i, &["compound"]).next().is_some();
            if kind == Kind::Noun && !self.lexicon.legacy && sent.rel(i) == "obj" && !compound() {
                if let Some(p) = sent.parent[i].filter(|&p| sent.is_verbal(p)) {
                    let mut below = Vec::new();
                    for &c in &sent.children[p] {
                        let aimed = sent
                            .case_of(c)
                            .is_some_and(|k| matches!(k, "to" | "on" | "against" | "into"))
                            && !detente_dates::is_day_or_month(&sent.form[c]);
                        if c > i && sent.rel(c) == "obl" && aimed {
                            sent.subtree(c, &mut below);
                            for (r, b) in region.iter_mut().zip(&below) {
                                *r |= *b;
                            }
                        }
                    }
                }
            }
            // The best entry is the most specific that matches, the first of equally
            // specific ones: try them most specific first (a stable sort keeps the
            // order of equals) and stop at the first that matches.
            cands.sort_by_key(|&e| std::cmp::Reverse(self.patterns.specificity(e)));
            // "released a statement calling on Israel to withdraw", "signed a letter":
            // the verb of a message is no act of its own (the message's content may be);
            // only entries that name more words than the verb ("sign a declaration on
            // cooperation" is in the lexicon) can match.
            let message_object = kind == Kind::Verb
                && !self.lexicon.legacy
                && MESSAGE_VERBS.contains(&&*sent.lemma[i])
                && sent
                    .children_with(i, &["obj"])
                    .any(|o| MESSAGES.contains(&&*sent.lemma[o]) && sent.mention_at(o).is_none());
            let mut best: Option<(usize, usize, Bound)> = None;
            for &e in &cands {
                if !self.patterns.may_match(e, &sent.present)
                    || (message_object && self.patterns.specificity(e) < 4)
                {
                    continue;
                }
                let pattern = &self.patterns.entries[e];
                if let Some(b) = match_entry(sent, i, pattern, region, self.lexicon.legacy) {
                    best = Some((i, e, b));
                    break;
                }
            }
            if tracing {
                st.triggers.push(TriggerTrace {
                    word: i,
                    form: sent.words[i].form.to_string(),
                    kind,
                    tried: cands.len(),
                    matched: best.as_ref().map(|(_, e, _)| {
                        let en = &self.lexicon.entries[*e];
                        format!("{} {}", en.origin, en.text)
                    }),
                    outcome: if best.is_some() {
                        String::new()
                    } else {
                        "no pattern of this word matched".into()
                    },
                });
            }
            if let Some(b) = best {
                out.push(b);
            }
        }
        out
    }

    /// Source and target actors of a match: (sources, targets, reciprocal, reason).
    #[allow(clippy::type_complexity)]
    fn actors(
        &self,
        sent: &Sent<'_, '_>,
        ti: usize,
        entry: &Entry,
        bound: &Bound,
        last_pair: &Option<(Side, usize)>,
    ) -> Result<(Side, Side, bool, String), String> {
        let side = |m: usize| -> Side { self.expand(sent, m) };
        if let Some(c) = bound.compound {
            let s = side(c);
            if s.len() >= 2 {
                return Ok((s, Vec::new(), true, "compound actor in the pattern".into()));
            }
        }
        let mut why = String::new();
        let mut source: Option<Side> = bound.source.map(side);
        let mut target: Option<Side> = bound.target.map(side);
        if source.is_some() {
            why.push_str("source from the pattern; ");
        }
        if target.is_some() {
            why.push_str("target from the pattern; ");
        }
        // "between X and Y": reciprocal, whatever the pattern bound.
        if entry.kind == Kind::Noun && source.is_none() {
            for c in sent.children_with(ti, &["nmod", "obl"]) {
                if matches!(sent.case_of(c), Some("between" | "among" | "amongst")) {
                    let mut all: Side = Vec::new();
                    collect_mentions(sent, c, &mut all, self);
                    dedup_side(&mut all);
                    if all.len() >= 2 {
                        // "Oman conducted mediation between Iran and the US": the
                        // mediator acts on both.
                        if entry.code.as_deref().is_some_and(|c| c.starts_with("045")) {
                            if let Some(m) = self.noun_actors(sent, ti).0 {
                                let mediator = side(m);
                                if !mediator.iter().any(|x| all.iter().any(|a| a.0 == x.0)) {
                                    return Ok((
                                        mediator,
                                        all,
                                        false,
                                        "mediator and the parties between whom".into(),
                                    ));
                                }
                            }
                        }
                        return Ok((all, Vec::new(), true, "participants from 'between'".into()));
                    }
                }
            }
        }
        let (subj, passive_target) = if entry.kind == Kind::Verb {
            self.verb_subject(sent, ti)
        } else {
            self.noun_actors(sent, ti)
        };
        if source.is_none() {
            if let Some(s) = subj {
                why.push_str("source from the subject; ");
                source = Some(side(s));
            }
        }
        if source.is_none() && self.lexicon.legacy {
            // TABARI: the first actor before the verb.
            if let Some(m) = (0..sent.mentions.len())
                .filter(|&k| sent.usable(&sent.mentions[k]) && sent.mentions[k].words.end <= ti)
                .min_by_key(|&k| sent.mentions[k].words.start)
            {
                why.push_str("source: first actor before the verb; ");
                source = Some(side(m));
            }
        }
        // A verb the parser hung under a noun ("Israeli warplanes bombed Syrian army
        // positions" read as a noun phrase): the clause structure is lost, so take the
        // nearest actor before it, as TABARI did.
        let misparsed = entry.kind == Kind::Verb && sent.hung_under_noun(ti).is_some();
        if source.is_none() && misparsed {
            // Not the helper of a reduced relative ("Syrian troops backed by Russian jets
            // shelled ..." is the troops' act) when an actor stands before it.
            let helper = |k: usize| {
                !self.lexicon.legacy
                    && sent.rel(sent.mentions[k].head) == "obl"
                    && sent.parent[sent.mentions[k].head]
                        .is_some_and(|v| sent.rel(v) == "acl" && sent.words[v].xpos == "VBN")
            };
            let before =
                |k: usize| sent.usable(&sent.mentions[k]) && sent.mentions[k].words.end <= ti;
            let nearest = |ks: &mut dyn Iterator<Item = usize>| {
                ks.max_by_key(|&k| (sent.mentions[k].words.end, sent.mentions[k].words.len()))
            };
            let found = nearest(&mut (0..sent.mentions.len()).filter(|&k| before(k) && !helper(k)))
                .or_else(|| nearest(&mut (0..sent.mentions.len()).filter(|&k| before(k))));
            if let Some(m) = found {
                why.push_str("source: the actor before a verb the parse hung under a noun; ");
                source = Some(side(m));
            }
        }
        if source.is_none() && !self.lexicon.legacy {
            source = self.domestic_source(sent, ti, entry, &bound.consumed);
            if source.is_some() {
                why.push_str("source: people of no stated country, of the place; ");
            }
        }
        let Some(source) = source else {
            return Err("no source actor found".into());
        };
        let src_codes: HashSet<&str> = source.iter().map(|s| s.0.as_str()).collect();
        let src_countries: HashSet<&str> = source.iter().filter_map(|s| s.0.get(..3)).collect();
        // The source's own forces ("withdraw its troops from Kashmir") are a target only
        // when the clause names no other.
        let shun_own = std::cell::Cell::new(!self.lexicon.legacy);
        // A statement that reports a demand is made of the one who must act.
        let demanded = if plain_statement(entry) && !self.lexicon.legacy {
            sent.demanded_of(ti)
        } else {
            None
        };
        // A bare "said" or "told": its target is of another country than the speaker,
        // and no place where it was said ("told reporters in Geneva").
        let plain = (plain_statement(entry) || bare_statement(entry, "tell")) && demanded.is_none();
        let placed = |m: usize| {
            let h = sent.phrase_head(m, false);
            // A place, or the meeting on whose sidelines it was said ("on the sidelines
            // of an EU summit").
            let mut venue = sent.in_place_phrase(h);
            // In the telling's own phrases, not in what was told ("peace in Libya").
            let mut cur = h;
            for _ in 0..4 {
                match sent.parent[cur] {
                    Some(_) if sent.clausal(cur) => return false,
                    Some(p) if p == ti => return venue,
                    Some(p) => {
                        venue |= matches!(&*sent.lemma[p], "sideline" | "sidelines" | "margin");
                        cur = p;
                    }
                    None => return false,
                }
            }
            false
        };
        let ok = |m: usize| {
            let s = self.expand(sent, m);
            !s.is_empty()
                && s.iter().any(|x| !src_codes.contains(x.0.as_str()))
                && (self.lexicon.legacy || !sent.attribution(m))
                && !(shun_own.get() && own_forces(sent, m, &s, &src_countries))
                // What one says of one's own country is no statement to another.
                && !(plain && (all_home(&s, &src_countries) || placed(m)))
        };
        // A slot that caught the source again ("expressed its commitment ...": "its") is
        // no target; the clause rules below look further.
        if target
            .as_ref()
            .is_some_and(|t| t.iter().all(|x| src_codes.contains(x.0.as_str())))
        {
            target = None;
        }
        if let Some(m) = demanded.filter(|&m| ok(m)) {
            why.push_str("target: who must act; ");
            target = Some(side(m));
        }
        // Whose call, decision or findings a verb answers is its target ("rejected a
        // U.S. State Department call to release three activists", "praised Washington's
        // decision"), before actors deeper in the object's clause.
        if !self.lexicon.legacy && entry.kind == Kind::Verb {
            let foreign = |m: usize| !all_home(&self.expand(sent, m), &src_countries);
            if let Some((obj, owner)) = sent.object_owner(ti).filter(|&(_, m)| ok(m) && foreign(m))
            {
                let deeper = bound
                    .target
                    .is_none_or(|t| sent.mentions[t].words.start > obj && t != owner);
                if deeper {
                    why.push_str("target: whose object it is; ");
                    target = Some(side(owner));
                }
            }
        }
        // A group acting together ("Israel and Syria held talks in Baku") meets in a
        // place; the place is not the other side.
        let group_source =
            !self.lexicon.legacy && source.iter().map(|s| &s.0).collect::<HashSet<_>>().len() >= 2;
        let venue = |m: usize| {
            // The prepositions of the mention's phrase and of the phrases it hangs in
            // ("in Syria's Idlib province", "over the Sea of Japan", "at a hotel on
            // Singapore's Sentosa island"), of time ("since the invasion of Ukraine"), and
            // who hosts or brokers them ("talks hosted by European Council President
            // Charles Michel").
            let mut h = sent.phrase_head(m, true);
            loop {
                let case = sent.parent[h].and_then(|_| sent.case_of(h));
                if matches!(
                    case,
                    Some(
                        "in" | "at"
                            | "inside"
                            | "near"
                            | "across"
                            | "over"
                            | "since"
                            | "during"
                            | "after"
                            | "before"
                            | "amid"
                            | "by"
                    )
                ) || sent.words[h].deprel == "obl:agent"
                {
                    return true;
                }
                match sent.parent[h] {
                    Some(p) if sent.rel(h) == "nmod" && p != ti => h = p,
                    _ => return false,
                }
            }
        };
        // Nor a pronoun that stands for the venue ("signed a peace agreement in Algiers
        // ending their border war", 'their' read as Algiers).
        let not_venue = |m: usize| {
            if !group_source {
                return true;
            }
            let mention = &sent.mentions[m];
            let antecedent_venue = match &mention.kind {
                MentionKind::Coref { antecedents } => antecedents.iter().any(|a| {
                    a.sentence == mention.sentence
                        && sent
                            .mentions
                            .iter()
                            .position(|x| x.head == a.head)
                            .is_some_and(&venue)
                }),
                _ => false,
            };
            !(venue(m) || antecedent_venue)
        };
        let ok_target = |m: usize| ok(m) && not_venue(m);
        if target.is_none() {
            let find = || {
                passive_target
                    .filter(|&m| ok(m))
                    .or_else(|| self.target_of(sent, ti, entry.kind, &ok_target))
            };
            let t = find().or_else(|| {
                shun_own.get().then(|| {
                    shun_own.set(false);
                    find()
                })?
            });
            // "Syrian forces killed 500 civilians near Damascus": the place of an act on
            // people of no stated country, in the source's own country, is where it
            // happened; the people are the target (below).
            let t = t.filter(|&m| {
                let in_place = sent
                    .case_of(sent.mentions[m].head)
                    .is_some_and(|c| PLACE_CASES.contains(&c));
                let people_obj = sent.children[ti].iter().any(|&c| {
                    sent.words[c].deprel == "obj"
                        && sent.mentions.iter().any(|x| {
                            x.words.contains(&c)
                                && !sent.usable(x)
                                && x.codes.iter().any(|k| SOCIETY_AGENTS.contains(&k.as_str()))
                        })
                });
                let home = all_home(&self.expand(sent, m), &src_countries);
                self.lexicon.legacy || !(in_place && people_obj && home)
            });
            if let Some(t) = t {
                why.push_str("target from the clause");
                target = Some(side(t));
            }
        }
        // "announced humanitarian assistance of €60 million to help people in Somalia":
        // aid whose receiver is named only as whom it is meant to help.
        let aid = entry.code.as_deref().is_some_and(|c| c.starts_with("07"));
        if target.is_none() && aid && !self.lexicon.legacy {
            if let Some(t) = self.aid_beneficiary(sent, ti, &bound.consumed, &ok_target) {
                why.push_str("target: whom the aid is to help; ");
                target = Some(side(t));
            }
        }
        if target.is_none() && misparsed {
            if let Some(m) = (0..sent.mentions.len())
                .filter(|&k| {
                    sent.mentions[k].words.start > ti && sent.usable(&sent.mentions[k]) && ok(k)
                })
                .min_by_key(|&k| {
                    (
                        sent.mentions[k].words.start,
                        usize::MAX - sent.mentions[k].words.len(),
                    )
                })
            {
                why.push_str("target: the actor after a verb the parse hung under a noun");
                target = Some(side(m));
            }
        }
        if target.is_none() {
            // "mediating the discussions": the participants of the last talks.
            let obj_is_event = sent.children_with(ti, &["obj", "obl", "nmod"]).any(|c| {
                self.patterns
                    .candidates(Kind::Noun, sent.lemma_id[c])
                    .iter()
                    .any(|&e| {
                        self.lexicon.entries[e]
                            .code
                            .as_deref()
                            .is_some_and(|c| c.starts_with("04"))
                    })
                    && !sent.children[c]
                        .iter()
                        .any(|&g| sent.mention_at(g).is_some())
            });
            if obj_is_event {
                if let Some((pair, _)) = last_pair {
                    let t: Side = pair
                        .iter()
                        .filter(|p| !src_codes.iter().any(|s| s.get(..3) == p.0.get(..3)))
                        .cloned()
                        .collect();
                    if !t.is_empty() {
                        why.push_str("target: the participants of the talks mentioned before");
                        return Ok((source, t, false, why));
                    }
                }
            }
        }
        // Yielding, investigating, demanding, rejecting, threatening, coercing, fighting:
        // the roots where a state acts on its own people.
        let code = entry.code.as_deref().filter(|c| *c >= "08");
        if let (None, Some(code), false) = (&target, code, self.lexicon.legacy) {
            let (kind, consumed) = (entry.kind, &bound.consumed);
            if let Some(t) =
                self.domestic_target(sent, ti, kind, code, consumed, &source, &ok_target)
            {
                why.push_str("target: people of no stated country, of the place or the state");
                target = Some(t);
            }
        }
        match target {
            Some(t) => Ok((source, t, false, why)),
            None => {
                let distinct: HashSet<&str> = source.iter().map(|s| s.0.as_str()).collect();
                // Two bodies of one state ("the Department of Justice and the U.S.
                // Attorney's Office launched an investigation") act together, on no one
                // named; a state and its rebels act on each other.
                let countries: HashSet<&str> = source
                    .iter()
                    .map(|s| s.0.get(..3).unwrap_or(&s.0))
                    .collect();
                let organ = |c: &str| c.get(3..6).is_none_or(|a| STATE_AGENTS.contains(&a));
                let one_state = countries.len() == 1 && source.iter().all(|s| organ(&s.0));
                // PETRARCH codes conjoined actors reciprocally only through `%`. Joint
                // mediators do not mediate between themselves.
                let mediation = entry.code.as_deref().is_some_and(|c| c.starts_with("045"));
                if distinct.len() >= 2 && !one_state && !self.lexicon.legacy && !mediation {
                    why.push_str("reciprocal between the conjoined sources");
                    Ok((source, Vec::new(), true, why))
                } else if !self.lexicon.legacy && !mediation {
                    why.push_str("no target actor found: coded without one");
                    Ok((source, Vec::new(), false, why))
                } else {
                    Err("no target actor found".into())
                }
            }
        }
    }

    /// Whom aid is given to help: the object of a "to help/support/assist" clause of the
    /// trigger, of the nouns its pattern took or of the nouns it hangs from up to the
    /// first verb ("earmarked 1.5 million euros in emergency aid to help Haiti cope").
    fn aid_beneficiary(
        &self,
        sent: &Sent<'_, '_>,
        ti: usize,
        consumed: &[usize],
        ok: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        let mut heads = vec![ti];
        heads.extend(consumed.iter().copied());
        // Up the nouns it hangs from to the first verb.
        let mut at = ti;
        while let Some(p) = sent.parent[at].filter(|_| heads.len() < consumed.len() + 4) {
            heads.push(p);
            if sent.words[p].upos == "VERB" {
                break;
            }
            at = p;
        }
        let purposes = heads.iter().flat_map(|&h| sent.children[h].iter().copied());
        for c in purposes {
            let help = matches!(sent.rel(c), "advcl" | "acl" | "xcomp")
                && HELP_VERBS.contains(&&*sent.lemma[c])
                && sent.children[c]
                    .iter()
                    .any(|&g| sent.rel(g) == "mark" && sent.lemma[g] == "to");
            if !help {
                continue;
            }
            // Its object, or the subject of its own clause ("help Haiti cope").
            let whom = sent.children[c].iter().flat_map(|&g| match sent.rel(g) {
                "obj" | "iobj" => vec![g],
                "xcomp" | "ccomp" => sent.children_with(g, &["nsubj"]).collect(),
                _ => Vec::new(),
            });
            if let Some(m) = whom.filter_map(|g| sent.mention_at(g)).find(|&m| ok(m)) {
                return Some(m);
            }
        }
        None
    }

    /// "Insurgents ambushed a convoy in Rakhine State", "police fired tear gas at
    /// protesters in Nairobi": a subject the text gives no country, among the people a
    /// report so names when they are of the place (`SOURCE_AGENTS`), acts for the
    /// country where the event happens, when a place of the trigger says so, or the
    /// places of the sentence all lie in one country; as event coders code
    /// unidentified gunmen in a country. No place, no source.
    fn domestic_source(
        &self,
        sent: &Sent<'_, '_>,
        ti: usize,
        entry: &Entry,
        consumed: &[usize],
    ) -> Option<Side> {
        let kind = entry.kind;
        // Only the trigger's own subject (or "by" agent): one the parse lends it from
        // another clause is too often a misreading ("opened fire on residents trying to
        // return ..., killing 22 people" hung "killing" under "trying").
        sent.bare_agents.set(true);
        let subj = if kind == Kind::Verb {
            sent.children[ti]
                .iter()
                .copied()
                .find(|&c| sent.words[c].deprel == "nsubj")
                .or_else(|| sent.by_agent(ti))
                .and_then(|c| sent.np_mention(c))
        } else {
            self.noun_actors(sent, ti).0
        };
        sent.bare_agents.set(false);
        let mention = &sent.mentions[subj?];
        let bare = matches!(mention.kind, MentionKind::Agent)
            && mention
                .codes
                .iter()
                .all(|c| SOURCE_AGENTS.contains(&c.as_str()));
        if !bare {
            return None;
        }
        // The trigger's own place, else the one country that the places of the
        // sentence name, or that it names as a place ("marched in cities across France").
        let country = match self.location(sent, ti, consumed) {
            Some(place) => place.country,
            None => {
                let mut countries = (0..sent.words.len()).filter_map(|c| {
                    self.place_of(sent, c)
                        .map(|p| p.country)
                        .or_else(|| sent.named_place(c).map(str::to_string))
                });
                let first = countries
                    .next()
                    .or_else(|| self.protested_state(sent, ti, entry));
                let first = first?;
                if countries.any(|c| c != first) {
                    return None;
                }
                first
            }
        };
        Some(of_country(mention, &country))
    }

    /// The country of the state whose seat protesters storm or besiege ("Protesters
    /// stormed the residence of the Sri Lankan president"): people protesting (root 14)
    /// at a state's own institution, named in the verb's object, are its people.
    fn protested_state(&self, sent: &Sent<'_, '_>, ti: usize, entry: &Entry) -> Option<String> {
        if entry.kind != Kind::Verb || !entry.code.as_deref()?.starts_with("14") {
            return None;
        }
        let obj = sent.children_with(ti, &["obj"]).next()?;
        let mut region = Vec::new();
        sent.subtree(obj, &mut region);
        let m = (0..region.len())
            .filter(|&w| region[w])
            .find_map(|w| sent.mention_at(w))?;
        let code = sent.mentions[m].codes.first()?;
        (state_force(code) || code.get(3..6).is_some_and(|a| STATE_AGENTS.contains(&a)))
            .then(|| code[..3].to_string())
    }

    /// "Venezuela has jailed activists", "troops killed nine people near Nawa in Daraa":
    /// people the text gives no country (civilians, opposition, rebels, media, students,
    /// workers, rights activists, criminals, businesses, clergy, parties) are taken to
    /// be of the country where the event happens, when a place says so. Failing that,
    /// when a state (a country, or its government, military, police, judiciary,
    /// intelligence or legislature) yields to, investigates, demands of, rejects,
    /// threatens or coerces them, they are taken to be its own; not when it fights
    /// them (roots 18-20), since strikes and raids so often cross a border, unless it is
    /// its police ("Myanmar security forces shot dead 38 protesters"). Refugees,
    /// NGOs and officials of no stated country are left alone: they are as often
    /// foreign. The target is looked for as a named one would be, but only in the
    /// trigger's own phrases.
    #[allow(clippy::too_many_arguments)]
    fn domestic_target(
        &self,
        sent: &Sent<'_, '_>,
        ti: usize,
        kind: Kind,
        code: &str,
        consumed: &[usize],
        source: &Side,
        ok: &dyn Fn(usize) -> bool,
    ) -> Option<Side> {
        let country = match self.location(sent, ti, consumed) {
            Some(place) => place.country,
            None if code < "18" => self.state_country(source)?.to_string(),
            // Police shoot and beat the people of their own country.
            None if source.iter().all(|(c, _)| c.get(3..) == Some("COP")) => {
                self.state_country(source)?.to_string()
            }
            // Non-state violence against people of no stated country, when the sentence
            // names no other country: "Boko Haram militants abducted more than 200
            // schoolgirls" is an act on their own country's people, as event coders code
            // it. (A state's strikes so often cross a border: no guess.)
            None if !source.iter().any(|(c, _)| state_force(c)) => {
                self.sole_country(sent, source)?.to_string()
            }
            None => return None,
        };
        // Only in the trigger's own slots: its object or prepositional object, or one
        // level below ("freed dozens of activists").
        let near = |h: usize| {
            let p = sent.parent[h];
            p == Some(ti) || p.is_some_and(|p| sent.parent[p] == Some(ti) && !sent.clausal(p))
        };
        let society = |m: usize| {
            let mention = &sent.mentions[m];
            matches!(mention.kind, MentionKind::Agent)
                && near(mention.head)
                && mention
                    .codes
                    .iter()
                    .all(|c| SOCIETY_AGENTS.contains(&c.as_str()))
                && ok(m)
        };
        sent.bare_agents.set(true);
        let found = self.target_of(sent, ti, kind, &society);
        sent.bare_agents.set(false);
        let mention = &sent.mentions[found?];
        Some(of_country(mention, &country))
    }

    /// The one country of `source` when the sentence names no actor of another
    /// (international and non-state groups of no country name none).
    fn sole_country<'a>(&self, sent: &Sent<'_, '_>, source: &'a Side) -> Option<&'a str> {
        let kb = self.recognizer.kb();
        let country = source.first()?.0.get(..3)?;
        if kb.country(country).is_none() || source.iter().any(|(c, _)| c.get(..3) != Some(country))
        {
            return None;
        }
        let other = sent.mentions.iter().any(|m| {
            m.codes.iter().any(|c| {
                c.get(..3)
                    .is_some_and(|x| x != country && kb.country(x).is_some())
            })
        });
        (!other).then_some(country)
    }

    /// The one country of `source` when every actor in it is that country acting as a
    /// state (see [`STATE_AGENTS`]).
    fn state_country<'a>(&self, source: &'a Side) -> Option<&'a str> {
        let kb = self.recognizer.kb();
        let mut country: Option<&str> = None;
        for (code, _) in source {
            let (c, agent) = code.split_at_checked(3)?;
            let state = agent.is_empty() || STATE_AGENTS.iter().any(|a| agent.starts_with(a));
            if !state || kb.country(c).is_none() || country.is_some_and(|x| x != c) {
                return None;
            }
            country = Some(c);
        }
        country
    }

    /// The subject mention of verb `v` (following passives, control and shared
    /// subjects of conjoined verbs), and for a passive, the patient as target.
    fn verb_subject(&self, sent: &Sent<'_, '_>, v: usize) -> (Option<usize>, Option<usize>) {
        // A past participle modifying a noun is passive: "a soldier killed in Kandahar"
        // is the victim; the actor, if any, comes from "by". (Legacy dictionaries keep
        // PETRARCH's reading.)
        // Only when the noun has a role in a clause of its own and the participle takes
        // no object: "The United Nations called on both countries" misparsed as a noun
        // phrase is a clause, not a reduced relative.
        if !self.lexicon.legacy
            && sent.rel(v) == "acl"
            && sent.words[v].xpos == "VBN"
            && sent.parent[v].is_some_and(|p| sent.parent[p].is_some())
            && !sent
                .children_with(
                    v,
                    &["nsubj", "aux", "aux:pass", "cop", "obj", "iobj", "ccomp"],
                )
                .any(|_| true)
        {
            if let Some(p) = sent.parent[v] {
                let agent = sent.by_agent(v).and_then(|c| sent.np_mention(c));
                return (agent, sent.np_mention(p));
            }
        }
        let mut cur = v;
        for _ in 0..6 {
            let passive = sent.children[cur]
                .iter()
                .any(|&c| matches!(sent.words[c].deprel, "nsubj:pass" | "aux:pass"));
            if passive && cur == v {
                let agent = sent.by_agent(cur).and_then(|c| sent.np_mention(c));
                let patient = sent
                    .children_with(cur, &["nsubj:pass"])
                    .next()
                    .and_then(|c| sent.np_mention(c));
                if agent.is_some() {
                    return (agent, patient);
                }
                if patient.is_some() {
                    // "Syria was attacked": the patient is the target; the source may be
                    // found by a governing verb's subject below.
                    let up = sent.parent[cur].filter(|_| matches!(sent.rel(cur), "xcomp" | "conj"));
                    return (up.and_then(|u| self.verb_subject(sent, u).0), patient);
                }
            }
            if passive && cur != v {
                // A passive governor's subject is its patient, not the actor of the
                // clause below ("engagement is perceived as a signal ... to consider").
                return (sent.by_agent(cur).and_then(|a| sent.np_mention(a)), None);
            }
            // The first subject that is an actor: a misparse can give a clause two
            // ("Hours earlier Maduro expelled ...").
            // The trigger's subject that is no actor may say by whom it was made: "The
            // missiles fired by the Israeli military struck ...".
            let mut subjects = sent.children_with(cur, &["nsubj"]).peekable();
            if subjects.peek().is_some() {
                let made_by = |s: usize| {
                    (!self.lexicon.legacy && cur == v)
                        .then(|| {
                            sent.children_with(s, &["acl"])
                                .filter(|&a| sent.words[a].xpos == "VBN")
                                .find_map(|a| sent.by_agent(a))
                        })
                        .flatten()
                        .and_then(|c| sent.np_mention(c))
                };
                return (
                    subjects.find_map(|s| sent.np_mention(s).or_else(|| made_by(s))),
                    None,
                );
            }
            if !passive {
                if let Some(s) = sent.children_with(cur, &["csubj"]).next() {
                    return (sent.np_mention(s), None);
                }
            }
            match (sent.rel(cur), sent.parent[cur]) {
                ("xcomp", Some(p)) if sent.controller(p).is_some() => {
                    // Object control: "asked Russia to stop" — Russia is to stop. An
                    // object that is no actor controls too after an appeal ("urged
                    // people to leave"); otherwise it is more likely a misparsed
                    // purpose clause ("used tear gas to disperse"), and the subject acts.
                    let ctl = sent.controller(p).and_then(|c| sent.np_mention(c));
                    let pl = &*sent.lemma[p];
                    if ctl.is_some()
                        || HYPOTHETICAL_GOVERNORS.contains(&pl)
                        || matches!(pl, "call" | "tell" | "persuade")
                    {
                        return (ctl, None);
                    }
                    cur = p
                }
                // Also a participle under a nominal predicate: "The United States is the
                // leading donor to Sudan, providing $5 billion".
                ("xcomp" | "conj" | "ccomp" | "advcl", Some(p))
                    if sent.is_verbal(p)
                        || sent.rel(cur) == "xcomp"
                        || (sent.rel(cur) == "advcl"
                            && sent.children_with(p, &["cop"]).next().is_some()) =>
                {
                    cur = p
                }
                ("acl", Some(p)) => {
                    let who = sent.controller(p).unwrap_or(p);
                    let m = sent.np_mention(who);
                    // "issued a statement urging North Korea to comply": a message
                    // speaks for whoever sent it; "expressed willingness to negotiate":
                    // a stance is whoever took it.
                    let pl = &*sent.lemma[p];
                    let spoken = MESSAGES.contains(&pl) || sent.stance_noun_clause(cur);
                    if m.is_none() && !self.lexicon.legacy && spoken {
                        if let Some(o) = sent.noun_owner(p) {
                            return (Some(o), None);
                        }
                        if let Some(g) = sent.parent[p].filter(|_| sent.rel(p) == "obj") {
                            return self.verb_subject(sent, g);
                        }
                    }
                    return (m, None);
                }
                _ => return (None, None),
            }
        }
        (None, None)
    }

    /// For an event noun: (source, None). The source is its possessor or country
    /// adjective, else the subject of the verb that governs it, else the subject of a
    /// reporting verb above.
    fn noun_actors(&self, sent: &Sent<'_, '_>, n: usize) -> (Option<usize>, Option<usize>) {
        for c in sent.children_with(n, &["nmod:poss", "amod", "compound"]) {
            if let Some(m) = sent.mention_at(c) {
                return (Some(m), None);
            }
        }
        for c in sent.children_with(n, &["nmod", "acl"]) {
            if sent.case_of(c) == Some("by") {
                // The agent's own phrase, not a place in it ("a demonstration by opposition
                // supporters in Nairobi" is not the government's).
                let placed = |m: usize| {
                    sent.case_of(sent.mentions[m].head)
                        .is_some_and(|p| PLACE_CASES.contains(&p))
                };
                if let Some(m) = sent.np_mention(c).filter(|&m| !placed(m)) {
                    return (Some(m), None);
                }
            }
        }
        // Climb to the governing verb.
        let mut cur = n;
        for _ in 0..5 {
            let Some(p) = sent.parent[cur] else { break };
            let r = sent.rel(cur);
            if sent.is_verbal(p) || matches!(sent.words[p].upos, "ADJ" | "ADV") {
                match r {
                    // What a clause is about, or when, is not its subject's act:
                    // "offered condolences over an attack", "protested against the raids".
                    "obl" if sent.case_of(cur).is_some_and(|c| TOPIC_CASES.contains(&c)) => {
                        return (None, None)
                    }
                    // Nor what it judges: "Guterres condemned the attack on a church",
                    // "Israel blamed Hamas for the attack".
                    "obj" | "obl"
                        if JUDGING.contains(&&*sent.lemma[p])
                            || QUELLING.contains(&&*sent.lemma[p]) =>
                    {
                        return (None, None)
                    }
                    "obj" | "obl" | "xcomp" | "iobj" | "nsubj:pass" => {
                        let (s, _) = self.verb_subject(sent, p);
                        if s.is_some() {
                            return (s, None);
                        }
                        cur = p;
                    }
                    "nsubj" => {
                        // "negotiations with Israel were underway" under "X acknowledged".
                        if let Some(g) =
                            sent.parent[p].filter(|_| matches!(sent.rel(p), "ccomp" | "xcomp"))
                        {
                            let s = self.verb_subject(sent, g).0;
                            if s.is_some() {
                                return (s, None);
                            }
                        }
                        break;
                    }
                    _ => break,
                }
            } else if r == "nmod" && ANSWERING_NOUNS.contains(&&*sent.lemma[p]) {
                // What is answered: "in response to the bombing".
                return (None, None);
            } else if r == "nmod" && sent.case_of(cur).is_some_and(|c| TOPIC_CASES.contains(&c)) {
                // The topic of another noun: "concerns regarding the attack in Lahore",
                // "protests against the strikes", "an investigation into the abduction".
                // Nor is it the act of whoever reports.
                return (None, None);
            } else if matches!(r, "conj" | "nmod" | "appos") || sent.effort_of(cur) == Some(p) {
                cur = p;
            } else {
                break;
            }
        }
        // Under a reporting verb: "X acknowledged that negotiations with Y were underway".
        let mut cur = n;
        while let Some(p) = sent.parent[cur] {
            if sent.is_verbal(p) && REPORTING.contains(&&*sent.lemma[p]) {
                return (self.verb_subject(sent, p).0, None);
            }
            cur = p;
        }
        (None, None)
    }

    /// The target mention of trigger `t`.
    fn target_of(
        &self,
        sent: &Sent<'_, '_>,
        t: usize,
        kind: Kind,
        ok: &dyn Fn(usize) -> bool,
    ) -> Option<usize> {
        let kids = &sent.children[t];
        // Direct object.
        for &c in kids {
            if matches!(sent.words[c].deprel, "obj" | "iobj") {
                if let Some(m) = sent.mention_at(c).filter(|&m| ok(m)) {
                    return Some(m);
                }
            }
        }
        // The owner of the object: "criticised Beijing's security law for Hong Kong".
        if !self.lexicon.legacy {
            for &c in kids {
                if sent.words[c].deprel == "obj" {
                    for &g in &sent.children[c] {
                        if sent.words[g].deprel == "nmod:poss" {
                            if let Some(m) = sent.mention_at(g).filter(|&m| ok(m)) {
                                return Some(m);
                            }
                        }
                    }
                }
            }
        }
        if self.lexicon.legacy && kind == Kind::Verb {
            // TABARI/PETRARCH: the first actor after the verb, before the rules for
            // objects and prepositions ("condemned an attack by Osgiliath soldiers in
            // south Ithilen" → the soldiers; "allowed that Mordor isn't ...").
            let mut region = Vec::new();
            sent.subtree(t, &mut region);
            for (w, _) in region
                .iter()
                .enumerate()
                .skip(t + 1)
                .filter(|(_, &inside)| inside)
            {
                if let Some(m) = sent.mention_at(w).filter(|&m| ok(m)) {
                    return Some(m);
                }
            }
        }
        // Prepositional objects of the trigger (and of its object noun).
        let mut obls: Vec<usize> = kids
            .iter()
            .copied()
            .filter(|&c| {
                matches!(sent.rel(c), "obl" | "nmod")
                    && sent.case_of(c).is_some_and(|p| TARGET_CASES.contains(&p))
            })
            .collect();
        for &c in kids {
            if matches!(sent.words[c].deprel, "obj" | "nsubj:pass")
                || (kind == Kind::Noun && c == t)
            {
                obls.extend(sent.children[c].iter().copied().filter(|&g| {
                    sent.rel(g) == "nmod"
                        && sent.case_of(g).is_some_and(|p| TARGET_CASES.contains(&p))
                }));
            }
        }
        // "to" first (addressee), then text order; places ("in Syria") last.
        obls.sort_by_key(|&c| {
            (
                sent.case_of(c) != Some("to"),
                matches!(sent.case_of(c), Some("in" | "inside" | "across" | "after")),
                c,
            )
        });
        for &c in &obls {
            if let Some(m) = sent.np_mention(c).filter(|&m| ok(m)) {
                return Some(m);
            }
        }
        // An addressee one level down: "in a communication to the State Department".
        for &c in kids {
            if sent.rel(c) == "obl" {
                for &g in &sent.children[c] {
                    if sent.rel(g) == "nmod" && sent.case_of(g) == Some("to") {
                        if let Some(m) = sent.np_mention(g).filter(|&m| ok(m)) {
                            return Some(m);
                        }
                    }
                }
            }
        }
        // Anything in the object's phrase.
        for &c in kids {
            if matches!(sent.rel(c), "obj" | "xcomp") {
                let mut region = Vec::new();
                sent.region(c, &mut region);
                for (w, &inside) in region.iter().enumerate() {
                    if inside {
                        if let Some(m) = sent.mention_at(w).filter(|&m| ok(m)) {
                            return Some(m);
                        }
                    }
                }
            }
        }
        // A noun under a light verb: the verb's other arguments.
        if kind == Kind::Noun {
            if let Some(p) = sent.parent[t].filter(|&p| sent.is_verbal(p)) {
                for &c in &sent.children[p] {
                    if c != t && matches!(sent.rel(c), "obl" | "obj" | "iobj") {
                        if let Some(m) = sent.np_mention(c).filter(|&m| ok(m)) {
                            return Some(m);
                        }
                    }
                }
            }
        }
        // A purpose clause: "summoned the Indian envoy to complain about ..." — the
        // complaint is made to the one summoned.
        if kind == Kind::Verb && !self.lexicon.legacy && matches!(sent.rel(t), "xcomp" | "advcl") {
            if let Some(p) = sent.parent[t].filter(|&p| sent.is_verbal(p)) {
                for &c in &sent.children[p] {
                    if matches!(sent.words[c].deprel, "obj" | "iobj") {
                        if let Some(m) = sent.mention_at(c).filter(|&m| ok(m)) {
                            return Some(m);
                        }
                    }
                }
            }
        }
        if kind == Kind::Verb {
            // TABARI: the first actor after the verb, in its clause for legacy
            // dictionaries, anywhere below it otherwise ("expressed its commitment to
            // ensuring that its territory does not pose a threat to Israel").
            let mut region = Vec::new();
            if self.lexicon.legacy {
                sent.region(t, &mut region);
            } else {
                sent.subtree_no_parataxis(t, &mut region);
            }
            for (w, _) in region
                .iter()
                .enumerate()
                .skip(t + 1)
                .filter(|(_, &inside)| inside)
            {
                if let Some(m) = sent.mention_at(w).filter(|&m| ok(m)) {
                    return Some(m);
                }
            }
        }
        // "launched a bombing campaign against Ukrainian cities": the campaign's target.
        if let Some(p) = sent.effort_of(t).filter(|_| !self.lexicon.legacy) {
            return self.target_of(sent, p, kind, ok);
        }
        None
    }

    /// The actors a mention stands for: its codes, and those of its conjuncts.
    fn expand(&self, sent: &Sent<'_, '_>, m: usize) -> Side {
        let mention = &sent.mentions[m];
        let mut out: Side = sent
            .codes_of(mention)
            .into_iter()
            .map(|c| (c, mention.range))
            .collect();
        if let Some(g) = mention.group {
            for (k, other) in sent.mentions.iter().enumerate() {
                if k != m && other.group == Some(g) && sent.usable(other) {
                    // Only outermost conjuncts.
                    let inner = sent.mentions.iter().any(|o| {
                        o.words.len() > other.words.len()
                            && o.words.start <= other.words.start
                            && o.words.end >= other.words.end
                            && o.group == Some(g)
                    });
                    if !inner {
                        out.extend(sent.codes_of(other).into_iter().map(|c| (c, other.range)));
                    }
                }
            }
        }
        dedup_side(&mut out);
        out
    }

    /// The stance `code` that governor `g` ("claimed", "denied") takes towards one's
    /// own act, in `g`'s own mode; the act is kept beside it.
    fn own_act_stance(&self, sent: &Sent<'_, '_>, g: usize, code: &str) -> Stance {
        Stance {
            code: code.into(),
            mode: self.mode(sent, g, &[]),
            note: format!(" + stance: '{}' own act", sent.words[g].form),
            keep_act: true,
        }
    }

    /// The stance that replaces an act by `code`, taken by governor `g` ("to", "it will"),
    /// in `g`'s own mode.
    fn stance_of(&self, sent: &Sent<'_, '_>, g: usize, code: &str, how: &str) -> Stance {
        let note = format!(" + stance: '{}' {how}", sent.words[g].form);
        Stance::instead(code.to_string(), self.mode(sent, g, &[]), note)
    }

    /// The stance an actor takes towards a cooperative act (roots 04-08) it governs:
    /// a pledge when the act is the complement of "agree", "pledge", "promise",
    /// "offer", "willing", ... (CAMEO 03: "agreed to accept refugees" is 033), a refusal
    /// when it is the complement of "refuse" or "decline", or is negated under "will"
    /// ("will not lift the ban" is 1244). A bare "agreed to" with an act the lexicon
    /// does not know is 030. Returns the new code, the stance's own mode
    /// and a note for the pattern field; `None` leaves the event as it is.
    fn stance(&self, sent: &Sent<'_, '_>, t: usize, code: &str, mode: Mode) -> Option<Stance> {
        if self.lexicon.legacy {
            return None;
        }
        // "threatened to crack down on protesters": the threat of the act (root 13), as
        // made; the bare "threaten" above it is then dropped as a repeat.
        // An event noun counts by the verb it is the object of ("threatened to launch a
        // military operation").
        let clause = match sent.parent[t] {
            Some(v) if sent.rel(t) == "obj" && sent.is_verbal(v) => v,
            _ => t,
        };
        if matches!(
            code.get(..2),
            Some("14" | "15" | "16" | "17" | "18" | "19" | "20")
        ) && (sent.rel(clause) == "xcomp" || sent.to_clause(clause))
        {
            if let Some(g) = sent.parent[clause].filter(|&g| sent.lemma[g] == "threaten") {
                if let Some(new) = stance_code(THREAT_CODES, code) {
                    return Some(self.stance_of(sent, g, new, "to"));
                }
            }
        }
        // "Russia says Israel must end attacks": saying what another must do is a demand.
        if code == "010" && sent.demanded_of(t).is_some() {
            let note = format!(" + stance: '{}' must", sent.words[t].form);
            return Some(Stance::instead("100".into(), mode, note));
        }
        // "agreed to set up a centre" with nothing coded below: agreeing to do something
        // is an intent to cooperate (030), not the accord of 019 ("agreed on the route").
        if code.starts_with("01") && PLEDGING.contains(&&*sent.lemma[t]) {
            let act = sent.children[t].iter().find(|&&c| {
                sent.words[c].upos == "VERB" && (sent.rel(c) == "xcomp" || sent.to_clause(c))
            })?;
            let note = format!(
                " + stance: '{}' to '{}'",
                sent.words[t].form, sent.words[*act].form
            );
            return Some(Stance::instead("030".into(), mode, note));
        }
        // Denying one's own violent act ("North Korea denied sinking a South Korean
        // warship") is denying responsibility (016); the act is kept, negated.
        let forceful = matches!(code.get(..2), Some("17" | "18" | "19" | "20"));
        if forceful && matches!(sent.rel(clause), "xcomp" | "ccomp") {
            if let Some(g) = sent.parent[clause].filter(|&g| sent.lemma[g] == "deny") {
                return Some(self.own_act_stance(sent, g, "016"));
            }
        }
        // "The Houthis claimed that they had attacked the airport": claiming one's own
        // attack is claiming responsibility (015), an act of its own that the claim
        // asserts, while the attack is only what they say. So is claiming the attack
        // itself ("The Balochistan Liberation Army claimed the suicide bombing").
        let claimed_noun = !sent.is_verbal(t) && sent.rel(t) == "obj";
        if forceful && (sent.rel(t) == "ccomp" || claimed_noun) {
            let g = sent.parent[t]?;
            let own = claimed_noun
                || sent
                    .children_with(t, &["nsubj"])
                    .any(|c| sent.words[c].upos == "PRON");
            if own && matches!(&*sent.lemma[g], "claim" | "admit") {
                return Some(self.own_act_stance(sent, g, "015"));
            }
        }
        // What one says one will do, whatever the act's modal says ("Ethiopia said it
        // would allow the WFP to deliver food"): a cooperative act is one's stated intent
        // (03), as "agreed to" is; a conflictual one a threat (13: "Turkey's president
        // says it will begin a new military operation against Kurdish fighters"). Not
        // when someone else is to do it ("Israel said Syria would withdraw"), nor under a
        // condition.
        if let Some(g) = self.said_own_will(sent, t, mode) {
            // An intent is already what one says one will do ("said it would accept
            // mediation"): it is stated now.
            if code.starts_with("03") {
                return Some(self.stance_of(sent, g, code, "it will"));
            }
            let cooperative = matches!(code.get(..2), Some("04" | "05" | "06" | "07" | "08"));
            let table = if cooperative {
                PLEDGE_CODES
            } else {
                THREAT_CODES
            };
            if let Some(new) = stance_code(table, code) {
                return Some(self.stance_of(sent, g, new, "it will"));
            }
        }
        if !matches!(code.get(..2), Some("04" | "05" | "06" | "07" | "08")) {
            return None;
        }
        if sent.rel(t) == "xcomp" || sent.to_clause(t) || sent.stance_noun_clause(t) {
            let g = sent.parent[t]?;
            let gl = &*sent.lemma[g];
            let table = if PLEDGING.contains(&gl) {
                PLEDGE_CODES
            } else if REFUSING.contains(&gl) {
                REFUSAL_CODES
            } else {
                return None;
            };
            let new = stance_code(table, code)?;
            return Some(self.stance_of(sent, g, new, "to"));
        }
        // "will not lift", "won't withdraw": a refusal, stated now.
        let will = sent.children[t].iter().find(|&&c| {
            base(sent.words[c].deprel) == "aux"
                && matches!(&*sent.lemma[c], "will" | "wo" | "'ll" | "shall")
        });
        let not = sent.children[t].iter().any(|&c| {
            matches!(base(sent.words[c].deprel), "advmod")
                && matches!(&*sent.lemma[c], "not" | "n't" | "never")
        });
        if mode == Mode::Negated && not {
            let w = *will?;
            let new = stance_code(REFUSAL_CODES, code)?;
            // The refusal is asserted, or reported when a reporting verb governs it.
            let mut cur = t;
            let mut reported = false;
            while let Some(p) = sent.parent[cur] {
                if matches!(sent.rel(cur), "ccomp" | "parataxis")
                    && REPORTING.contains(&&*sent.lemma[p])
                {
                    reported = true;
                    break;
                }
                cur = p;
            }
            let mode = if reported {
                Mode::Reported
            } else {
                Mode::Asserted
            };
            let note = format!(" + stance: '{} not'", sent.words[w].form);
            return Some(Stance::instead(new.to_string(), mode, note));
        }
        None
    }

    /// The reporting verb under which the actor says it will or would do trigger `t`
    /// ("Ethiopia said it would allow ..."): `t`'s clause is its complement, with "will"
    /// or "would", a pronoun or an actor of the speaker's own country for subject
    /// (someone else's act, "Israel said Syria would withdraw", is only reported), not
    /// negated and on no condition; under "warn", also "could" or "may", and on a
    /// condition (a threat).
    fn said_own_will(&self, sent: &Sent<'_, '_>, t: usize, mode: Mode) -> Option<usize> {
        // An event noun: the clause of the verb it is the object of ("said it will begin
        // a new military operation").
        let mut t = match sent.parent[t] {
            Some(v) if !sent.is_verbal(t) && sent.rel(t) == "obj" && sent.is_verbal(v) => v,
            _ => t,
        };
        // "said it would continue to back Serbia": the clause of the verb of aspect.
        while let Some(v) = sent.parent[t].filter(|&v| {
            sent.rel(t) == "xcomp"
                && matches!(
                    &*sent.lemma[v],
                    "continue" | "keep" | "begin" | "start" | "resume"
                )
        }) {
            t = v;
        }
        let modal = |c: usize| {
            base(sent.words[c].deprel) == "aux"
                && matches!(&*sent.lemma[c], "will" | "would" | "'ll" | "shall")
        };
        let g = sent.parent[t]
            .filter(|&g| REPORTING.contains(&&*sent.lemma[g]) || sent.lemma[g] == "warn")?;
        // The one who is to act is the speaker: a pronoun, or an actor of the speaker's
        // own country ("Scholz announced that Berlin would send tanks").
        let own = sent.children_with(t, &["nsubj"]).any(|c| {
            sent.words[c].upos == "PRON" || {
                let country = |w: usize| {
                    sent.np_mention(w)
                        .and_then(|m| sent.mentions[m].codes.first())
                        .and_then(|code| code.get(..3))
                };
                let speaker = sent.children_with(g, &["nsubj"]).find_map(country);
                speaker.is_some() && country(c) == speaker
            }
        });
        // A warning of what one could do, if the other does not yield, is a threat
        // ("Erdogan warned that Turkey could cut diplomatic ties with Israel if ...").
        let warned = sent.lemma[g] == "warn";
        let warn_modal = |c: usize| {
            warned
                && base(sent.words[c].deprel) == "aux"
                && matches!(&*sent.lemma[c], "could" | "may" | "might")
        };
        let fits = mode != Mode::Negated
            && own
            && (warned || !sent.conditional(t))
            && sent.rel(t) == "ccomp"
            && sent.children[t].iter().any(|&c| modal(c) || warn_modal(c));
        fits.then_some(g)
    }

    /// The mode of the event at trigger `t`. Words the pattern itself `consumed`
    /// ("did not", "would" in `- WILL NOT * [081]`) are part of the code, not a mode.
    fn mode(&self, sent: &Sent<'_, '_>, t: usize, consumed: &[usize]) -> Mode {
        let mut negated = false;
        let mut hypothetical = false;
        let mut future = false;
        let mut historical = false;
        let mut reported = false;
        // The event's clause is what someone said, on no condition.
        let said = sent.rel(t) == "ccomp"
            && sent.parent[t]
                .is_some_and(|p| sent.is_verbal(p) && REPORTING.contains(&&*sent.lemma[p]))
            && !sent.conditional(t);
        let mut cur = t;
        let mut local = true; // still inside the event's own clause
        for _ in 0..8 {
            for &c in &sent.children[cur] {
                if consumed.contains(&c) {
                    continue;
                }
                let l = &*sent.lemma[c];
                let r = sent.words[c].deprel;
                if local {
                    if (base(r) == "advmod" || r == "det" || r == "neg")
                        && matches!(l, "not" | "never" | "no" | "n't")
                    {
                        negated = true;
                    }
                    if base(r) == "aux" {
                        if l == "would" && said {
                            // Reported speech: "said it would withdraw" is "will".
                            future = true;
                        } else if MODALS.contains(&l) || (l == "could" || l == "would") {
                            hypothetical = true;
                        }
                        if matches!(l, "will" | "shall" | "'ll") {
                            future = true;
                        }
                    }
                    if r == "mark" && matches!(l, "if" | "unless" | "whether") {
                        hypothetical = true;
                    }
                    if base(r) == "advmod"
                        && matches!(l, "historically" | "previously" | "formerly" | "once")
                    {
                        historical = true;
                    }
                    if r == "amod"
                        && matches!(
                            l,
                            "possible" | "potential" | "proposed" | "planned" | "future"
                        )
                    {
                        if l == "planned" || l == "future" {
                            future = true;
                        } else {
                            hypothetical = true;
                        }
                    }
                }
                if base(r) == "advmod" && matches!(l, "reportedly" | "allegedly" | "purportedly") {
                    reported = true;
                }
            }
            let Some(p) = sent.parent[cur] else { break };
            let r = sent.rel(cur);
            let pl = &*sent.lemma[p];
            if sent.is_verbal(p) && REPORTING.contains(&pl) {
                reported = true;
            }
            match r {
                "ccomp" | "xcomp" => {
                    if REPORTING.contains(&pl) {
                        reported = true;
                    }
                    if NEGATING.contains(&pl) {
                        negated = true;
                    }
                    if HYPOTHETICAL_GOVERNORS.contains(&pl)
                        || (r == "xcomp"
                            && matches!(pl, "call" | "prevail" | "give" | "grant")
                            && sent.controller(p).is_some())
                    {
                        hypothetical = true;
                    }
                    if FUTURE_GOVERNORS.contains(&pl) {
                        future = true;
                    }
                    // The governor's negation and modals carry into its complement
                    // ("did not agree to meet", "may seek to"), for xcomp only.
                    // A ccomp ends the event's own clause; reporting verbs higher up
                    // still count.
                    local = r == "xcomp";
                }
                "obj" | "obl" | "nsubj" | "nsubj:pass" | "nmod" | "iobj" | "conj" | "appos"
                | "compound" => {
                    if HYPOTHETICAL_GOVERNORS.contains(&pl) {
                        hypothetical = true;
                    }
                    if NEGATING.contains(&pl) && r != "nsubj" {
                        negated = true;
                    }
                    if r == "nsubj" {
                        local = false;
                    }
                }
                "advcl" | "acl" | "parataxis" => {
                    // "a call on the US to lift sanctions", "demands to withdraw".
                    if r == "acl" && matches!(pl, "call" | "appeal" | "plea" | "demand" | "request")
                    {
                        hypothetical = true;
                    }
                    // A condition, or a purpose ("sent troops to fight the rebels"): what
                    // is meant to happen, not what did. Not what an operation launched
                    // does ("launched operations to detain 110 people" is the arrests),
                    // nor what a vote does ("voted to demand that Russia withdraw").
                    let operation = || {
                        LAUNCH_VERBS.contains(&pl)
                            && sent.children[p].iter().any(|&o| {
                                sent.rel(o) == "obj" && OPERATION_NOUNS.contains(&&*sent.lemma[o])
                            })
                    };
                    if sent.children[cur].iter().any(|&c| {
                        sent.words[c].deprel == "mark"
                            && (matches!(&*sent.lemma[c], "if" | "unless")
                                || (r == "advcl"
                                    && sent.lemma[c].as_ref() == "to"
                                    && sent.words[cur].xpos == "VB"
                                    && pl != "vote"
                                    && !operation()))
                    }) {
                        hypothetical = true;
                    }
                    local = false;
                }
                _ => local = false,
            }
            cur = p;
        }
        // "according to sources" anywhere in the sentence.
        if (0..sent.words.len().saturating_sub(1))
            .any(|i| sent.form[i] == "according" && sent.form[i + 1] == "to")
        {
            reported = true;
        }
        // PETRARCH coded modal and conditional clauses as events; a legacy dictionary
        // writes the patterns that change their code ("- INDICATED WOULD * NOW").
        if self.lexicon.legacy {
            hypothetical = false;
        }
        if negated {
            Mode::Negated
        } else if hypothetical {
            Mode::Hypothetical
        } else if future {
            Mode::Future
        } else if historical {
            Mode::Historical
        } else if reported {
            Mode::Reported
        } else {
            Mode::Asserted
        }
    }

    /// The date expression attached to the trigger's clause, or to a governing verb.
    fn event_date<'d>(
        &self,
        sent: &Sent<'_, '_>,
        t: usize,
        dates: &'d [detente_dates::DateMention],
    ) -> Option<&'d detente_dates::DateMention> {
        if dates.is_empty() {
            return None;
        }
        // Words on the path from the trigger to the root, and their direct children.
        let mut chain = vec![t];
        let mut cur = t;
        while let Some(p) = sent.parent[cur] {
            if chain.len() > 8 {
                break;
            }
            chain.push(p);
            cur = p;
        }
        let mut region = Vec::new();
        sent.region(t, &mut region);
        let attach = |d: &detente_dates::DateMention| -> Option<usize> {
            // The word of the mention whose head is outside it.
            let head = d
                .words
                .clone()
                .find(|&w| sent.parent[w].is_none_or(|p| !d.words.contains(&p)))?;
            Some(match sent.parent[head] {
                Some(p) => p,
                None => head,
            })
        };
        // In the trigger's own clause first, then on the way up.
        for d in dates {
            if d.words.clone().any(|w| region[w] && w != t) {
                return Some(d);
            }
        }
        for &a in &chain {
            for d in dates {
                if attach(d) == Some(a) {
                    return Some(d);
                }
            }
        }
        None
    }

    /// The place of the event: an "in/at/near" phrase of the trigger or of the verb
    /// governing it, found in the gazetteer or naming a country's area.
    fn location(&self, sent: &Sent<'_, '_>, t: usize, consumed: &[usize]) -> Option<Location> {
        let mut heads = vec![t];
        heads.extend(
            consumed
                .iter()
                .copied()
                .filter(|&w| sent.words[w].upos == "NOUN"),
        );
        if let Some(p) = sent.parent[t] {
            if !sent.clausal(t) {
                heads.push(p);
            }
        }
        // Last, a place the parse hangs from the object: "killed ten people in Kabul".
        heads.extend(
            sent.children[t]
                .iter()
                .copied()
                .filter(|&c| sent.words[c].deprel == "obj"),
        );
        heads
            .iter()
            .flat_map(|&h| sent.children[h].iter())
            .find_map(|&c| self.place_of(sent, c))
    }

    /// The place that word `c` names when it heads an "in/at/near" phrase.
    fn place_of(&self, sent: &Sent<'_, '_>, c: usize) -> Option<Location> {
        // Also the name in "in the western city of Nara".
        let named = || {
            sent.case_of(c) == Some("of")
                && sent.parent[c].is_some_and(|p| {
                    GENERIC_PLACE_WORDS.contains(&&*sent.lemma[p])
                        && sent.case_of(p).is_some_and(|q| PLACE_CASES.contains(&q))
                })
        };
        if !(sent.in_place_phrase(c) || (matches!(sent.rel(c), "obl" | "nmod") && named())) {
            return None;
        }
        let kb = self.recognizer.kb();
        // The name: the word with its compound/flat/amod dependents.
        let mut parts: Vec<usize> = vec![c];
        parts.extend(
            sent.children[c]
                .iter()
                .copied()
                .filter(|&g| matches!(sent.rel(g), "compound" | "flat" | "amod")),
        );
        parts.sort_unstable();
        let names: Vec<String> = {
            let all: Vec<&str> = parts.iter().map(|&w| sent.words[w].form).collect();
            let specific: Vec<&str> = parts
                .iter()
                .filter(|&&w| !GENERIC_PLACE_WORDS.contains(&&*sent.lemma[w]))
                .map(|&w| sent.words[w].form)
                .collect();
            vec![all.join(" "), specific.join(" ")]
        };
        for name in &names {
            // Places are proper names: "in the south" is not South, Iowa.
            if !name.chars().next().is_some_and(char::is_uppercase) {
                continue;
            }
            for hit in kb.hits(name) {
                if let Hit::Place(i) = *hit {
                    let p = &kb.places[i];
                    return Some(Location {
                        name: p.name.clone(),
                        country: p.country.clone(),
                        admin1: (!p.admin1.is_empty()).then(|| p.admin1.clone()),
                        lat: p.lat,
                        lon: p.lon,
                        geonames_id: p.geonames_id,
                    });
                }
            }
        }
        // "in the border area", "in Syrian territory": a country's area.
        let country = parts
            .iter()
            .find_map(|&w| sent.mention_at(w))
            .map(|m| &sent.mentions[m])
            .filter(|m| matches!(m.kind, MentionKind::Country) && m.codes.len() == 1)
            .map(|m| m.codes[0][..3.min(m.codes[0].len())].to_string());
        if let Some(country) = country {
            let name = parts
                .iter()
                .map(|&w| sent.words[w].form)
                .collect::<Vec<_>>()
                .join(" ");
            return Some(Location {
                name,
                country,
                admin1: None,
                lat: None,
                lon: None,
                geonames_id: None,
            });
        }
        // A country's name that an actor took in ("a mosque in Kuwait" is a Kuwaiti
        // mosque, and the event is in Kuwait; "villagers in eastern Congo").
        let direction = |w: &usize| {
            matches!(
                &*sent.lemma[*w],
                "eastern" | "western" | "northern" | "southern" | "central"
            )
        };
        let name = parts
            .iter()
            .filter(|w| !direction(w))
            .map(|&w| sent.words[w].form)
            .collect::<Vec<_>>()
            .join(" ");
        let state = kb.hits(&name).iter().find_map(|hit| match *hit {
            Hit::Country(i) => kb.countries.get(i).filter(|c| {
                c.status.is_country() && c.names.iter().any(|n| n.eq_ignore_ascii_case(&name))
            }),
            _ => None,
        });
        state.map(|c| Location {
            name: name.clone(),
            country: c.code.clone(),
            admin1: None,
            lat: None,
            lon: None,
            geonames_id: None,
        })
    }

    #[allow(clippy::too_many_arguments)]
    fn event(
        &self,
        article: &Article<'_>,
        sent: &Sent<'_, '_>,
        offsets: &CharOffsets,
        si: usize,
        ti: usize,
        bound: &Bound,
        src: &(String, TextRange),
        tgt: Option<&(String, TextRange)>,
        code: &str,
        mode: Mode,
        date: Option<EventDate>,
        location: Option<Location>,
        entry: &Entry,
    ) -> Event {
        let text = article.text;
        let span_of = |r: TextRange, code: &str| actor_span(text, offsets, r, code);
        let mut lo = sent.words[ti].range;
        for &w in &bound.consumed {
            lo = lo.cover(sent.words[w].range);
        }
        let sentence = sent.range();
        for r in std::iter::once(src.1).chain(tgt.map(|t| t.1)) {
            if r.start >= sentence.start && r.end <= sentence.end {
                lo = lo.cover(r);
            }
        }
        let info = CameoCode::parse(code)
            .ok()
            .and_then(|c| self.codes.lookup(&c));
        Event {
            doc_id: article.id.to_string(),
            sentence_id: si,
            date,
            source: span_of(src.1, &src.0),
            target: tgt.map(|t| span_of(t.1, &t.0)),
            cameo: code.to_string(),
            root: code.chars().take(2).collect(),
            quad_class: info.as_ref().map(|l| l.info.quad_class().number()),
            goldstein: info.as_ref().map(|l| l.info.goldstein),
            plover: info.as_ref().map(|l| l.info.plover.clone()),
            mode,
            evidence: Span {
                text: lo.slice(text).to_string(),
                start: offsets.char_offset(lo.start),
                end: offsets.char_offset(lo.end),
            },
            location,
            pattern: format!("{} {}", entry.origin, entry.text),
        }
    }

    /// The discard phrase found in the sentence whose lower-case forms have the ids
    /// `form_ids`, if any (story-level ones when `story`).
    fn discard_in(&self, form_ids: &[u32], story: bool) -> Option<String> {
        if self.patterns.empty_discard {
            for (d, ids) in self.lexicon.discards.iter().zip(&self.patterns.discards) {
                if d.story == story && form_ids.windows(ids.len()).any(|w| w == ids.as_slice()) {
                    return Some(d.words.join(" "));
                }
            }
            return None;
        }
        // The first discard (in lexicon order) found anywhere in the sentence, looking
        // only at the discards that start with each word.
        let mut best: Option<usize> = None;
        for (at, &id) in form_ids.iter().enumerate() {
            for &d in self.patterns.discards_starting(story, id) {
                if best.is_some_and(|b| d >= b) {
                    break;
                }
                if form_ids[at..].starts_with(&self.patterns.discards[d]) {
                    best = Some(d);
                    break;
                }
            }
        }
        best.map(|d| self.lexicon.discards[d].words.join(" "))
    }
}

/// `ids` (of the words of `sentences`, in order) split by sentence.
fn by_sentence<T>(ids: &[u32], sentences: &[Vec<T>]) -> Vec<Vec<u32>> {
    let mut at = 0;
    sentences
        .iter()
        .map(|s| {
            let start = at.min(ids.len());
            at += s.len();
            ids[start..at.min(ids.len())].to_vec()
        })
        .collect()
}

/// `word.to_lowercase()`, borrowed when that is `word` itself (ASCII without capitals).
fn lowercase(word: &str) -> Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// Base forms a regularly inflected verb form may come from ("declined" → "decline",
/// "declin"; "carries" → "carry"; "stopped" → "stop").
fn base_forms(form: &str) -> Vec<String> {
    let mut out = Vec::new();
    for (suffix, repl) in [
        ("ied", "y"),
        ("ies", "y"),
        ("ed", ""),
        ("ed", "e"),
        ("ing", ""),
        ("ing", "e"),
        ("es", ""),
        ("s", ""),
    ] {
        if let Some(stem) = form.strip_suffix(suffix) {
            if stem.len() >= 2 {
                out.push(format!("{stem}{repl}"));
                // "stopped" → "stop": a doubled final consonant (ASCII, so the cut is
                // on a character boundary).
                let mut last = stem.chars().rev();
                if let (true, Some(a), Some(b)) = (repl.is_empty(), last.next(), last.next()) {
                    if a == b && a.is_ascii_alphabetic() && stem.len() >= 3 {
                        out.push(stem[..stem.len() - 1].to_string());
                    }
                }
            }
        }
    }
    out
}

/// A sports score ("3-1", "2 - 0") next to a win/lose verb: not a political event.
/// `lemmas` are the lower-case lemmas of `words`.
fn sports_score(words: &[TaggedWord<'_>], lemmas: &[Cow<'_, str>]) -> Option<String> {
    let is_num = |s: &str| !s.is_empty() && s.len() <= 3 && s.bytes().all(|b| b.is_ascii_digit());
    let sporty = lemmas.iter().any(|lemma| {
        matches!(
            &**lemma,
            "beat"
                | "defeat"
                | "win"
                | "lose"
                | "draw"
                | "score"
                | "thrash"
                | "edge"
                | "match"
                | "game"
        )
    });
    if !sporty {
        return None;
    }
    for (i, w) in words.iter().enumerate() {
        if let Some((a, b)) = w.form.split_once(['-', '–']) {
            if is_num(a) && is_num(b) {
                return Some(w.form.to_string());
            }
        }
        if i + 2 < words.len()
            && is_num(w.form)
            && matches!(words[i + 1].form, "-" | "–")
            && is_num(words[i + 2].form)
        {
            return Some(format!("{}-{}", w.form, words[i + 2].form));
        }
    }
    None
}

/// The actor `code` over the bytes `r` of the article `text`, its offsets in code points.
fn actor_span(text: &str, offsets: &CharOffsets, r: TextRange, code: &str) -> ActorSpan {
    ActorSpan {
        code: code.to_string(),
        text: r.slice(text).to_string(),
        start: offsets.char_offset(r.start),
        end: offsets.char_offset(r.end),
    }
}

fn dedup_side(side: &mut Side) {
    let mut seen = HashSet::new();
    side.retain(|(c, _)| seen.insert(c.clone()));
}

/// All usable outermost mentions under `w` (for "between X and Y"), an owner counted
/// with what it owns, and the actor right after the phrase's "and" when the parse hung
/// it elsewhere.
fn collect_mentions(sent: &Sent<'_, '_>, w: usize, out: &mut Side, coder: &Coder<'_>) {
    let mut region = Vec::new();
    sent.region(w, &mut region);
    let mut seen_mentions = HashSet::new();
    for (k, inside) in region.iter().enumerate() {
        if !*inside {
            continue;
        }
        if let Some(m) = sent.mention_at(k) {
            // The owner of another participant is part of that one ("between Jordan's
            // King Abdullah and ...").
            let head = sent.mentions[m].head;
            let owner = sent.words[head].deprel == "nmod:poss"
                && sent.parent[head]
                    .and_then(|p| sent.mention_at(p))
                    .is_some_and(|o| o != m);
            if !owner && seen_mentions.insert(m) {
                out.extend(coder.expand(sent, m));
            }
        }
    }
    // The parse may hang the second one elsewhere ("between X and Palestinian leader
    // Yasser Arafat took place", read with Arafat as the subject): the mention right
    // after the phrase's "and".
    if let Some(last) = (0..region.len()).rev().find(|&k| region[k]) {
        let and = last + 1;
        if sent.form.get(and).is_some_and(|f| *f == "and")
            && sent.mention_starts.get(and + 1) == Some(&true)
        {
            if let Some(m) = sent.mention_at(and + 1) {
                if sent.mentions[m].words.start == and + 1 && seen_mentions.insert(m) {
                    out.extend(coder.expand(sent, m));
                }
            }
        }
    }
}

/// Matches `pattern` at trigger `t`: the items after it inside `region`, the items before
/// it anywhere earlier in the sentence.
/// (`legacy`: matching a legacy dictionary.)
fn match_entry(
    sent: &Sent<'_, '_>,
    t: usize,
    pattern: &Pattern,
    region: &[bool],
    legacy: bool,
) -> Option<Bound> {
    let mut b = Bound {
        trigger: t,
        legacy,
        ..Bound::default()
    };
    if !match_post(sent, &pattern.post, 0, t + 1, t + 1, region, &mut b) {
        return None;
    }
    let mut pre = Bound::default();
    if !match_pre(sent, &pattern.pre, pattern.pre.len(), t, &mut pre) {
        return None;
    }
    b.consumed.extend(pre.consumed);
    b.source = b.source.or(pre.source);
    b.target = b.target.or(pre.target);
    b.compound = b.compound.or(pre.compound);
    Some(b)
}

/// For each sentence's mentions, whether it names no country: a bare agent noun
/// ("forces"), or a pronoun that stands only for such mentions ("they" for "forces").
fn bare_mentions(mentions: &[Vec<ActorMention>]) -> Vec<Vec<bool>> {
    let mut bare: Vec<Vec<bool>> = Vec::with_capacity(mentions.len());
    for (si, ms) in mentions.iter().enumerate() {
        let mut row = Vec::with_capacity(ms.len());
        for m in ms {
            let b = match &m.kind {
                MentionKind::Agent => true,
                MentionKind::Coref { antecedents } => {
                    !antecedents.is_empty()
                        && antecedents.iter().all(|a| {
                            let found = |row: &[bool]| {
                                mentions
                                    .get(a.sentence)?
                                    .iter()
                                    .position(|x| x.head == a.head)
                                    .and_then(|k| row.get(k).copied())
                            };
                            let known = if a.sentence == si {
                                found(&row)
                            } else {
                                bare.get(a.sentence).and_then(|r| found(r))
                            };
                            known == Some(true)
                        })
                }
                _ => false,
            };
            row.push(b);
        }
        bare.push(row);
    }
    bare
}

/// Matches `items[k..]` from word `from` on; `prev_end` is the word after the previous
/// match (for adjacency).
fn match_post(
    sent: &Sent<'_, '_>,
    items: &[PatternItem],
    k: usize,
    prev_end: usize,
    from: usize,
    region: &[bool],
    b: &mut Bound,
) -> bool {
    let Some(item) = items.get(k) else {
        return true;
    };
    let n = sent.words.len();
    // A final `+` that finds no actor leaves the target to the default rules.
    let optional_target = k + 1 == items.len() && item.want == Want::Target;
    // An adjacent item starts right after the previous one, any other anywhere after it
    // inside the region.
    let starts = if item.adjacent {
        prev_end..prev_end + 1
    } else {
        from..n
    };
    for p in starts {
        if p >= n || (!item.adjacent && !region[p]) {
            continue;
        }
        match &item.want {
            Want::Words(alts) => {
                if !alts.may_start(sent.lemma_id[p], sent.form_id[p]) {
                    continue;
                }
                // A word right after the trigger and before an actor slot is a
                // preposition, or the parser's reading of one as the infinitive of a verb
                // of the trigger's own ("yielded to pressure from"): "declare to +" is
                // not "declared a ceasefire, ending a campaign to seize Tripoli".
                // (Further in, "offered to send troops to +" may find its target in a
                // purpose clause: "to help the Philippines army".)
                let before_actor = k == 0
                    && items
                        .get(k + 1)
                        .is_some_and(|i| matches!(i.want, Want::Source | Want::Target));
                if before_actor
                    && sent.words[p].deprel == "mark"
                    && sent.parent[p].and_then(|v| sent.parent[v]) != Some(from - 1)
                {
                    continue;
                }
                // "according to X" names who tells, never whom an act is to.
                if p > 0
                    && sent.form[p].eq_ignore_ascii_case("to")
                    && sent.form[p - 1].eq_ignore_ascii_case("according")
                {
                    continue;
                }
                // "announced the lifting of sanctions on Syria" announces no sanctions:
                // a word of the pattern that is what another noun or verb undoes or
                // only holds out ("the threat of sanctions") is not the act.
                if !b.legacy
                    && sent.parent[p].is_some_and(|h| {
                        ((sent.rel(p) == "nmod" && UNDOING_NOUNS.contains(&&*sent.lemma[h]))
                            || (sent.rel(p) == "obj" && UNDOING_VERBS.contains(&&*sent.lemma[h])))
                            && h != b.trigger
                            && !b.consumed.contains(&h)
                    })
                {
                    continue;
                }
                for seq in &alts.seqs {
                    if sent.seq_matches(p, seq) {
                        let save = b.consumed.len();
                        b.consumed.extend(p..p + seq.len());
                        if match_post(sent, items, k + 1, p + seq.len(), p + seq.len(), region, b) {
                            return true;
                        }
                        b.consumed.truncate(save);
                    }
                }
            }
            Want::Source | Want::Target | Want::Compound => {
                if !sent.mention_starts[p] {
                    continue;
                }
                for (mi, m) in sent.mentions.iter().enumerate() {
                    if m.words.start != p || !sent.usable(m) {
                        continue;
                    }
                    let old = b.slot(&item.want).replace(mi);
                    if match_post(sent, items, k + 1, m.words.end, m.words.end, region, b) {
                        return true;
                    }
                    *b.slot(&item.want) = old;
                }
            }
        }
    }
    optional_target
}

/// Matches `items[..k]` backwards, ending before word `before`.
fn match_pre(
    sent: &Sent<'_, '_>,
    items: &[PatternItem],
    k: usize,
    before: usize,
    b: &mut Bound,
) -> bool {
    if k == 0 {
        return true;
    }
    let item = &items[k - 1];
    // An adjacent item ends right before the next one, any other anywhere before it
    // (nearest first).
    let lowest = if item.adjacent { before } else { 1 };
    for end in (lowest..=before).rev() {
        match &item.want {
            Want::Words(alts) => {
                // No sequence ends here (and an empty one would have to be allowed).
                let skip = match end.checked_sub(1) {
                    Some(last) => !alts.may_end(sent.lemma_id[last], sent.form_id[last]),
                    None => !alts.may_end(UNKNOWN, UNKNOWN),
                };
                if skip {
                    continue;
                }
                for seq in &alts.seqs {
                    if end >= seq.len() && sent.seq_matches(end - seq.len(), seq) {
                        let start = end - seq.len();
                        let save = b.consumed.len();
                        b.consumed.extend(start..end);
                        if match_pre(sent, items, k - 1, start, b) {
                            return true;
                        }
                        b.consumed.truncate(save);
                    }
                }
            }
            Want::Source | Want::Target | Want::Compound => {
                if !sent.mention_ends.get(end).copied().unwrap_or(false) {
                    continue;
                }
                for (mi, m) in sent.mentions.iter().enumerate() {
                    if m.words.end != end || !sent.usable(m) {
                        continue;
                    }
                    let old = b.slot(&item.want).replace(mi);
                    if match_pre(sent, items, k - 1, m.words.start, b) {
                        return true;
                    }
                    *b.slot(&item.want) = old;
                }
            }
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::base_forms;

    #[test]
    fn base_forms_of_inflected_verbs() {
        let f = base_forms("declined");
        assert!(f.contains(&"decline".to_string()) && f.contains(&"declin".to_string()));
        assert!(base_forms("stopped").contains(&"stop".to_string()));
        assert!(base_forms("carries").contains(&"carry".to_string()));
        // Multi-byte letters are never cut inside a character.
        assert!(base_forms("x₂₂s").iter().all(|b| !b.is_empty()));
        assert!(base_forms("ééed").iter().all(|b| !b.is_empty()));
    }
}
