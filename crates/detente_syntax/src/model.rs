//! The [`Model`]: tagger, lemmatizer and parser in one struct, its binary format and the
//! built-in model embedded at compile time.
//!
//! Binary format: 8-byte magic `DTSYNTX\0`, `u32` little-endian format version, `u64`
//! payload length, `u64` FNV-1a checksum of the payload, then the postcard-encoded payload.

use crate::features::{FeatScratch, WordFeats};
use crate::lemma::{LemmaData, Lemmatizer};
use crate::parser::{self, PTok, ParseScratch};
use crate::tagger::{TagScratch, Tagger};
use crate::weights::{Weights, WeightsData};
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;
use thiserror::Error;

const MAGIC: &[u8; 8] = b"DTSYNTX\0";
/// Version of the binary model format written by [`Model::to_bytes`].
pub const FORMAT_VERSION: u32 = 1;

/// Error loading a model.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum LoadError {
    /// Not a detente syntax model (bad magic).
    #[error("not a detente syntax model (bad magic header)")]
    BadMagic,
    /// Written by an incompatible version.
    #[error("unsupported model format version {found} (expected {expected})")]
    Version {
        /// Version found in the file.
        found: u32,
        /// Version this build reads.
        expected: u32,
    },
    /// Too short or checksum mismatch.
    #[error("model file is truncated or corrupt: {0}")]
    Corrupt(String),
    /// No built-in model was compiled in.
    #[error("no built-in model: models/en_ewt.model was absent at build time; train one with `detente train` and rebuild")]
    NoBuiltin,
}

/// Universal POS tag.
#[allow(missing_docs)]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Upos {
    Adj,
    Adp,
    Adv,
    Aux,
    Cconj,
    Det,
    Intj,
    Noun,
    Num,
    Part,
    Pron,
    Propn,
    Punct,
    Sconj,
    Sym,
    Verb,
    X,
}

impl Upos {
    /// All tags, in order.
    pub const ALL: [Upos; 17] = [
        Upos::Adj,
        Upos::Adp,
        Upos::Adv,
        Upos::Aux,
        Upos::Cconj,
        Upos::Det,
        Upos::Intj,
        Upos::Noun,
        Upos::Num,
        Upos::Part,
        Upos::Pron,
        Upos::Propn,
        Upos::Punct,
        Upos::Sconj,
        Upos::Sym,
        Upos::Verb,
        Upos::X,
    ];
    /// The UD name (`"NOUN"`, …).
    pub fn as_str(self) -> &'static str {
        match self {
            Upos::Adj => "ADJ",
            Upos::Adp => "ADP",
            Upos::Adv => "ADV",
            Upos::Aux => "AUX",
            Upos::Cconj => "CCONJ",
            Upos::Det => "DET",
            Upos::Intj => "INTJ",
            Upos::Noun => "NOUN",
            Upos::Num => "NUM",
            Upos::Part => "PART",
            Upos::Pron => "PRON",
            Upos::Propn => "PROPN",
            Upos::Punct => "PUNCT",
            Upos::Sconj => "SCONJ",
            Upos::Sym => "SYM",
            Upos::Verb => "VERB",
            Upos::X => "X",
        }
    }
    /// Parses a UD name; unknown names give `None`.
    pub fn from_name(s: &str) -> Option<Upos> {
        Upos::ALL.into_iter().find(|u| u.as_str() == s)
    }
}

/// Index of an XPOS tag in the model's table; see [`Model::xpos_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct XposId(pub u16);

/// Index of a dependency label in the model's table; see [`Model::deprel_str`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct DeprelId(pub u16);

/// Analysis of one word.
///
/// Tags and labels are small ids (no allocation); turn them into strings with
/// [`Upos::as_str`], [`Model::xpos_str`] and [`Model::deprel_str`]. Only the lemma is an
/// owned `String`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WordAnalysis {
    /// Universal POS tag.
    pub upos: Upos,
    /// Language-specific (PTB) tag id.
    pub xpos: XposId,
    /// Lemma.
    pub lemma: String,
    /// 1-based head index; 0 = root.
    pub head: u32,
    /// Dependency label id (full label with subtype, e.g. `nmod:poss`).
    pub deprel: DeprelId,
}

#[derive(Serialize, Deserialize)]
struct ModelData {
    info: String,
    tags: Vec<(String, String)>,
    labels: Vec<String>,
    root_label: u16,
    tagger: WeightsData,
    tagger2: Option<WeightsData>,
    tagdict: Vec<(u64, u16)>,
    amb: Vec<(u64, u64)>,
    lemma: LemmaData,
    parser: WeightsData,
}

/// Tagger + lemmatizer + labelled dependency parser.
#[derive(Clone, Debug)]
pub struct Model {
    pub(crate) info: String,
    /// Joint tag id → (UPOS, XPOS) names.
    pub(crate) tags: Vec<(String, String)>,
    pub(crate) tag_upos: Vec<Upos>,
    pub(crate) tag_xpos: Vec<u16>,
    pub(crate) xpos_names: Vec<String>,
    pub(crate) labels: Vec<String>,
    pub(crate) root_label: u16,
    pub(crate) tagger: Tagger,
    pub(crate) lemmatizer: Lemmatizer,
    pub(crate) parser: Weights,
    /// Labels and tags that [`Model::repair_noun_root`] reads.
    pub(crate) repair: RootRepair,
}

/// What [`Model::repair_noun_root`] needs: the ids of the labels it reads, and which
/// joint tags are nouns, finite verbs (VBD, VBP, VBZ) and past participles.
#[derive(Clone, Debug, Default)]
pub(crate) struct RootRepair {
    acl: Option<u16>,
    nsubj: Option<u16>,
    nsubj_pass: Option<u16>,
    obj: Option<u16>,
    punct: Option<u16>,
    /// `nmod`, `obj` and `acl`: the labels of a chain below the root.
    chain: Vec<u16>,
    noun: Vec<bool>,
    finite: Vec<bool>,
    participle: Vec<bool>,
}

/// Past tenses of verbs that take no object, so are never passive: tagged as
/// participles, they are still the sentence's verb ("More than 100,000 people rallied
/// in Minsk"), where "Five soldiers killed in an attack" is a passive headline.
const NEVER_PASSIVE: &[&str] = &[
    "rallied",
    "marched",
    "protested",
    "demonstrated",
    "gathered",
    "rioted",
    "clashed",
    "fled",
    "arrived",
    "assembled",
    "converged",
    "flocked",
    "thronged",
    "paraded",
    "died",
    "massed",
    "streamed",
    "poured",
];

/// Reusable buffers for [`Model::analyze_with`]; keep one per thread to avoid
/// per-sentence allocations.
#[derive(Default)]
pub struct Workspace {
    feats: FeatScratch,
    words: Vec<WordFeats>,
    /// Normalised and lowercase forms, concatenated; `spans[i]` = (norm end, lower end).
    text: String,
    spans: Vec<(usize, usize, usize)>,
    tags: Vec<u16>,
    toks: Vec<PTok>,
    tag: TagScratch,
    parse: ParseScratch,
}

/// Function words that news writes far more often than the treebank does, with their
/// (UPOS, XPOS). Seen fewer than three times in training, they are unknown words to the
/// tagger, which guesses from their shape ("amid" as a proper noun, and then "Israel
/// struck Gaza amid talks" parses as a name "Gaza amid"). Closed-class words can be
/// listed rather than guessed; so can irregular past tenses, a closed list too, which
/// the tagger otherwise takes for prepositions ("Taliban fighters overran an army base",
/// "The United States forgave Egypt's debt"). Only past tenses that are never
/// participles ("withheld" or "upheld" could be either) nor nouns ("a slew of",
/// "rose", "stole"). And the present tenses that news uses to report a stance ("The
/// government rejects and condemns the decision"), which EWT lacks and the tagger takes
/// for plural nouns: only those that are never nouns ("pledges", "demands" or "vows"
/// could be either). And names ending like a verb ("Beijing", "Jinping"), which the
/// tagger takes for participles.
const FUNCTION_WORDS: &[(&str, &str, &str)] = &[
    ("amid", "ADP", "IN"),
    ("amidst", "ADP", "IN"),
    ("atop", "ADP", "IN"),
    ("astride", "ADP", "IN"),
    ("beside", "ADP", "IN"),
    ("underneath", "ADP", "IN"),
    ("versus", "ADP", "IN"),
    ("notwithstanding", "ADP", "IN"),
    ("albeit", "SCONJ", "IN"),
    ("nonetheless", "ADV", "RB"),
    ("meanwhile", "ADV", "RB"),
    ("whereby", "ADV", "WRB"),
    ("forgave", "VERB", "VBD"),
    ("overran", "VERB", "VBD"),
    ("overthrew", "VERB", "VBD"),
    ("overtook", "VERB", "VBD"),
    ("overcame", "VERB", "VBD"),
    ("undertook", "VERB", "VBD"),
    ("withdrew", "VERB", "VBD"),
    ("foresaw", "VERB", "VBD"),
    ("forbade", "VERB", "VBD"),
    ("mistook", "VERB", "VBD"),
    ("forsook", "VERB", "VBD"),
    ("outran", "VERB", "VBD"),
    ("outgrew", "VERB", "VBD"),
    ("befell", "VERB", "VBD"),
    ("strove", "VERB", "VBD"),
    ("swore", "VERB", "VBD"),
    ("shook", "VERB", "VBD"),
    ("sank", "VERB", "VBD"),
    ("shrank", "VERB", "VBD"),
    ("sprang", "VERB", "VBD"),
    ("swam", "VERB", "VBD"),
    ("rode", "VERB", "VBD"),
    ("bade", "VERB", "VBD"),
    ("redrew", "VERB", "VBD"),
    ("rewrote", "VERB", "VBD"),
    ("condemns", "VERB", "VBZ"),
    ("denounces", "VERB", "VBZ"),
    ("criticizes", "VERB", "VBZ"),
    ("criticises", "VERB", "VBZ"),
    ("accuses", "VERB", "VBZ"),
    ("threatens", "VERB", "VBZ"),
    ("insists", "VERB", "VBZ"),
    ("reiterates", "VERB", "VBZ"),
    ("reaffirms", "VERB", "VBZ"),
    ("rejects", "VERB", "VBZ"),
    ("denies", "VERB", "VBZ"),
    ("deplores", "VERB", "VBZ"),
    ("welcomes", "VERB", "VBZ"),
    ("warns", "VERB", "VBZ"),
    ("urges", "VERB", "VBZ"),
    ("acknowledges", "VERB", "VBZ"),
    ("asserts", "VERB", "VBZ"),
    ("affirms", "VERB", "VBZ"),
    ("refuses", "VERB", "VBZ"),
    ("blames", "VERB", "VBZ"),
    ("expels", "VERB", "VBZ"),
    ("extradites", "VERB", "VBZ"),
    ("invades", "VERB", "VBZ"),
    ("recognizes", "VERB", "VBZ"),
    ("recognises", "VERB", "VBZ"),
    ("endorses", "VERB", "VBZ"),
    ("ratifies", "VERB", "VBZ"),
    ("negotiates", "VERB", "VBZ"),
    ("mediates", "VERB", "VBZ"),
    ("withdraws", "VERB", "VBZ"),
    ("deploys", "VERB", "VBZ"),
    ("evacuates", "VERB", "VBZ"),
    ("imposes", "VERB", "VBZ"),
    ("Beijing", "PROPN", "NNP"),
    ("Nanjing", "PROPN", "NNP"),
    ("Chongqing", "PROPN", "NNP"),
    ("Kunming", "PROPN", "NNP"),
    ("Xining", "PROPN", "NNP"),
    ("Jinping", "PROPN", "NNP"),
    ("Wyoming", "PROPN", "NNP"),
    ("Ealing", "PROPN", "NNP"),
    ("Woking", "PROPN", "NNP"),
    ("Kettering", "PROPN", "NNP"),
];

/// Gives the tagger [`FUNCTION_WORDS`] (lower case, capitalised and upper case), except
/// those the model knows (in its tag dictionary, or seen often enough to tag them itself)
/// and those whose tag the model lacks. They are not part of the model file.
fn add_function_words(tagger: &mut Tagger, tags: &[(String, String)]) {
    let mut feats = FeatScratch::default();
    for &(word, upos, xpos) in FUNCTION_WORDS {
        let Some(tag) = tags.iter().position(|t| t.0 == upos && t.1 == xpos) else {
            continue;
        };
        if tagger.amb.contains_key(&feats.word(word).lower) {
            continue;
        }
        let capitalised = format!("{}{}", word[..1].to_uppercase(), &word[1..]);
        for form in [word.to_string(), capitalised, word.to_uppercase()] {
            let key = feats.word(&form).form;
            if !tagger.dict.contains_key(&key) {
                tagger.function_words.insert(key, tag as u16);
            }
        }
    }
}

/// The forms an English auxiliary takes (lower case, ASCII apostrophes), including the
/// split halves of contractions ("ca" of "can't", "wo" of "won't") and the spellings
/// without apostrophes that web text uses.
const AUX_FORMS: &[&str] = &[
    "be", "is", "am", "are", "was", "were", "been", "being", "'s", "'re", "'m", "s", "re", "m",
    "r", "ai", "art", "have", "has", "had", "having", "'ve", "'d", "ve", "d", "do", "does", "did",
    "will", "would", "'ll", "ll", "wo", "wilt", "shall", "sha", "should", "can", "ca", "could",
    "may", "might", "must", "ought", "need", "dare", "get", "gets", "got", "getting", "gotten",
    "used",
];

/// Gives the tagger the AUX tags and [`AUX_FORMS`], unless the model has no AUX tag.
fn add_aux_forms(tagger: &mut Tagger, tag_upos: &[Upos]) {
    tagger.aux_tags = tag_upos.iter().map(|&u| u == Upos::Aux).collect();
    if !tagger.aux_tags.contains(&true) {
        tagger.aux_tags.clear();
        return;
    }
    let mut feats = FeatScratch::default();
    for form in AUX_FORMS {
        tagger.aux_forms.insert(feats.word(form).lower, ());
    }
}

fn fnv(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl Model {
    pub(crate) fn assemble(
        info: String,
        tags: Vec<(String, String)>,
        labels: Vec<String>,
        root_label: u16,
        mut tagger: Tagger,
        lemmatizer: Lemmatizer,
        parser: Weights,
    ) -> Model {
        add_function_words(&mut tagger, &tags);
        let mut xpos_names: Vec<String> = tags.iter().map(|t| t.1.clone()).collect();
        xpos_names.sort();
        xpos_names.dedup();
        let tag_upos = tags
            .iter()
            .map(|t| Upos::from_name(&t.0).unwrap_or(Upos::X))
            .collect::<Vec<_>>();
        add_aux_forms(&mut tagger, &tag_upos);
        let tag_xpos = tags
            .iter()
            .map(|t| {
                xpos_names
                    .binary_search(&t.1)
                    .map(|i| i as u16)
                    .unwrap_or(0)
            })
            .collect();
        let label = |name: &str| labels.iter().position(|l| l == name).map(|i| i as u16);
        let repair = RootRepair {
            acl: label("acl"),
            nsubj: label("nsubj"),
            nsubj_pass: label("nsubj:pass"),
            obj: label("obj"),
            punct: label("punct"),
            chain: ["nmod", "obj", "acl"]
                .iter()
                .filter_map(|l| label(l))
                .collect(),
            noun: tags
                .iter()
                .map(|t| t.0 == "NOUN" || t.0 == "PROPN")
                .collect(),
            finite: tags
                .iter()
                .map(|t| t.0 == "VERB" && matches!(t.1.as_str(), "VBD" | "VBP" | "VBZ"))
                .collect(),
            participle: tags.iter().map(|t| t.0 == "VERB" && t.1 == "VBN").collect(),
        };
        Model {
            info,
            tags,
            tag_upos,
            tag_xpos,
            xpos_names,
            labels,
            root_label,
            tagger,
            lemmatizer,
            parser,
            repair,
        }
    }

    /// A sentence whose subject the parser took for its root, with the verb hung under
    /// it as a clause ("Hundreds of thousands of people marched in Paris" parsed as a
    /// noun phrase "people [who] marched"): a finite verb (past or present tense) that
    /// is an `acl` of the root noun (or of a noun of an `nmod`, `obj` or `acl` chain below
    /// it), after it
    /// and with no subject of its own, becomes
    /// the root, and the noun its subject; so does a participle with an object, or of a
    /// verb in [`NEVER_PASSIVE`]. Punctuation after the verb goes with it.
    fn repair_noun_root(
        &self,
        forms: &[&str],
        tags: &[u16],
        heads: &mut [u32],
        labels: &mut [u16],
    ) {
        let r = &self.repair;
        let (Some(acl), Some(nsubj)) = (r.acl, r.nsubj) else {
            return;
        };
        let n = tags.len();
        let is = |v: &[bool], i: usize| v.get(tags[i - 1] as usize).copied().unwrap_or(false);
        let Some(root) = (1..=n).find(|&i| heads[i] == 0) else {
            return;
        };
        if !is(&r.noun, root) {
            return;
        }
        let has_subject = |v: usize| {
            (1..=n).any(|c| {
                heads[c] == v as u32 && (labels[c] == nsubj || Some(labels[c]) == r.nsubj_pass)
            })
        };
        let active_participle = |v: usize| {
            is(&r.participle, v)
                && (NEVER_PASSIVE
                    .iter()
                    .any(|w| forms[v - 1].eq_ignore_ascii_case(w))
                    || (1..=n).any(|c| heads[c] == v as u32 && r.obj == Some(labels[c])))
        };
        // The verb hangs under the root, or under a noun of an "of" chain or a
        // participle's object below it ("Hundreds of thousands of people marched",
        // "Protesters demanding freedom for women rallied").
        let under_root = |v: usize| {
            let mut h = heads[v] as usize;
            for _ in 0..5 {
                if h == root {
                    return true;
                }
                if h == 0 || h > n || !r.chain.contains(&labels[h]) {
                    return false;
                }
                h = heads[h] as usize;
            }
            false
        };
        let Some(verb) = (root + 1..=n).find(|&v| {
            under_root(v)
                && labels[v] == acl
                && (is(&r.finite, v) || active_participle(v))
                && !has_subject(v)
        }) else {
            return;
        };
        for c in verb + 1..=n {
            if heads[c] == root as u32 && r.punct == Some(labels[c]) {
                heads[c] = verb as u32;
            }
        }
        heads[verb] = 0;
        labels[verb] = self.root_label;
        heads[root] = verb as u32;
        labels[root] = nsubj;
    }

    /// Name of an XPOS id (`"?"` if out of range).
    pub fn xpos_str(&self, id: XposId) -> &str {
        self.xpos_names
            .get(id.0 as usize)
            .map(|s| s.as_str())
            .unwrap_or("?")
    }

    /// Name of a dependency label id, full label with subtype (`"dep"` if out of range).
    pub fn deprel_str(&self, id: DeprelId) -> &str {
        self.labels
            .get(id.0 as usize)
            .map(|s| s.as_str())
            .unwrap_or("dep")
    }

    /// Id of a dependency label name, if the model knows it.
    pub fn deprel_id(&self, name: &str) -> Option<DeprelId> {
        self.labels
            .iter()
            .position(|l| l == name)
            .map(|i| DeprelId(i as u16))
    }

    /// All XPOS names (index = [`XposId`]).
    pub fn xpos_names(&self) -> &[String] {
        &self.xpos_names
    }

    /// All dependency labels (index = [`DeprelId`]).
    pub fn deprel_names(&self) -> &[String] {
        &self.labels
    }

    /// Free-form description of how the model was trained.
    pub fn info(&self) -> &str {
        &self.info
    }

    /// Analyses one pre-tokenised sentence. Never panics; any input is accepted.
    pub fn analyze(&self, forms: &[&str]) -> Vec<WordAnalysis> {
        let mut ws = Workspace::default();
        let mut out = Vec::with_capacity(forms.len());
        self.analyze_with(forms, &mut ws, &mut out);
        out
    }

    /// Like [`Model::analyze`] but reuses `ws` and writes into `out` (cleared first).
    pub fn analyze_with(&self, forms: &[&str], ws: &mut Workspace, out: &mut Vec<WordAnalysis>) {
        out.clear();
        self.tag_into(forms, ws);
        // parse
        PTok::sentence(
            &ws.words,
            &ws.tags,
            &self.tag_upos,
            &self.tagger.amb,
            &mut ws.toks,
        );
        parser::parse(&self.parser, &ws.toks, self.root_label, &mut ws.parse);
        let state = &mut ws.parse.state;
        self.repair_noun_root(forms, &ws.tags, &mut state.heads, &mut state.labels);
        for (i, form) in forms.iter().enumerate() {
            let t = ws.tags[i];
            let upos = self.tag_upos.get(t as usize).copied().unwrap_or(Upos::X);
            let (a, b, c) = ws.spans[i];
            let lemma =
                self.lemmatizer
                    .lemma(form, &ws.text[a..b], &ws.text[b..c], t, upos == Upos::Propn);
            out.push(WordAnalysis {
                upos,
                xpos: XposId(self.tag_xpos.get(t as usize).copied().unwrap_or(0)),
                lemma,
                head: ws.parse.state.heads[i + 1],
                deprel: DeprelId(ws.parse.state.labels[i + 1]),
            });
        }
    }

    /// Computes word features and tags into `ws.words` / `ws.tags`.
    pub(crate) fn tag_into(&self, forms: &[&str], ws: &mut Workspace) {
        ws.words.clear();
        ws.text.clear();
        ws.spans.clear();
        for f in forms {
            ws.words.push(ws.feats.word(f));
            let a = ws.text.len();
            ws.text.push_str(ws.feats.norm());
            let b = ws.text.len();
            ws.text.push_str(ws.feats.lower());
            ws.spans.push((a, b, ws.text.len()));
        }
        self.tagger.tag(&ws.words, &mut ws.tags, &mut ws.tag);
        let n = self.tags.len().max(1) as u16;
        for t in ws.tags.iter_mut() {
            if *t >= n {
                *t = 0;
            }
        }
    }

    /// Serialises the model (see module docs for the format).
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut tagdict: Vec<(u64, u16)> = self.tagger.dict.iter().map(|(&k, &v)| (k, v)).collect();
        tagdict.sort_unstable();
        let mut amb: Vec<(u64, u64)> = self.tagger.amb.iter().map(|(&k, &v)| (k, v)).collect();
        amb.sort_unstable();
        let data = ModelData {
            info: self.info.clone(),
            tags: self.tags.clone(),
            labels: self.labels.clone(),
            root_label: self.root_label,
            tagger: self.tagger.weights.data().clone(),
            tagger2: self.tagger.second.as_ref().map(|w| w.data().clone()),
            tagdict,
            amb,
            lemma: self.lemmatizer.data.clone(),
            parser: self.parser.data().clone(),
        };
        let payload = postcard::to_allocvec(&data).expect("serialising to memory cannot fail");
        let mut out = Vec::with_capacity(payload.len() + 28);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&FORMAT_VERSION.to_le_bytes());
        out.extend_from_slice(&(payload.len() as u64).to_le_bytes());
        out.extend_from_slice(&fnv(&payload).to_le_bytes());
        out.extend_from_slice(&payload);
        out
    }

    /// Loads a model written by [`Model::to_bytes`]. Corrupt or truncated input gives an
    /// error, never a panic.
    pub fn from_bytes(bytes: &[u8]) -> Result<Model, LoadError> {
        if bytes.len() < 8 || &bytes[..8] != MAGIC {
            return Err(LoadError::BadMagic);
        }
        if bytes.len() < 28 {
            return Err(LoadError::Corrupt("header truncated".into()));
        }
        let u32_at = |i: usize| u32::from_le_bytes(bytes[i..i + 4].try_into().expect("4 bytes"));
        let u64_at = |i: usize| u64::from_le_bytes(bytes[i..i + 8].try_into().expect("8 bytes"));
        let version = u32_at(8);
        if version != FORMAT_VERSION {
            return Err(LoadError::Version {
                found: version,
                expected: FORMAT_VERSION,
            });
        }
        let len = u64_at(12);
        let sum = u64_at(20);
        let payload = &bytes[28..];
        if payload.len() as u64 != len {
            return Err(LoadError::Corrupt(format!(
                "payload is {} bytes, header says {len}",
                payload.len()
            )));
        }
        if fnv(payload) != sum {
            return Err(LoadError::Corrupt("checksum mismatch".into()));
        }
        let d: ModelData = postcard::from_bytes(payload)
            .map_err(|e| LoadError::Corrupt(format!("decoding failed: {e}")))?;
        let bad = |m: String| LoadError::Corrupt(m);
        let n_tags = d.tags.len();
        if n_tags == 0 || n_tags > u16::MAX as usize || d.labels.is_empty() || d.labels.len() > 2000
        {
            return Err(bad("empty or oversized tag/label tables".into()));
        }
        if d.root_label as usize >= d.labels.len() {
            return Err(bad("root label out of range".into()));
        }
        if d.tagger.n_classes as usize != n_tags {
            return Err(bad("tagger class count does not match the tag table".into()));
        }
        if d.parser.n_classes as usize != 1 + 2 * d.labels.len() {
            return Err(bad(
                "parser class count does not match the label table".into()
            ));
        }
        if d.tagdict.iter().any(|&(_, t)| t as usize >= n_tags) {
            return Err(bad("tag dictionary entry out of range".into()));
        }
        let tagger_w =
            Weights::from_data(d.tagger).map_err(|e| bad(format!("tagger weights: {e}")))?;
        let parser_w =
            Weights::from_data(d.parser).map_err(|e| bad(format!("parser weights: {e}")))?;
        let lemmatizer =
            Lemmatizer::from_data(d.lemma).map_err(|e| bad(format!("lemmatizer: {e}")))?;
        let second = match d.tagger2 {
            Some(w) => {
                if w.n_classes as usize != n_tags {
                    return Err(bad(
                        "second tagger class count does not match the tag table".into(),
                    ));
                }
                Some(
                    Weights::from_data(w)
                        .map_err(|e| bad(format!("second tagger weights: {e}")))?,
                )
            }
            None => None,
        };
        let tagger = Tagger {
            weights: tagger_w,
            dict: d.tagdict.into_iter().collect(),
            amb: d.amb.into_iter().collect(),
            second,
            function_words: Default::default(),
            aux_tags: Vec::new(),
            aux_forms: Default::default(),
        };
        Ok(Model::assemble(
            d.info,
            d.tags,
            d.labels,
            d.root_label,
            tagger,
            lemmatizer,
            parser_w,
        ))
    }

    /// The built-in English model (UD EWT), decoded once on first use.
    ///
    /// Available when `models/en_ewt.model` existed at build time; otherwise returns
    /// [`LoadError::NoBuiltin`].
    pub fn builtin() -> Result<&'static Model, LoadError> {
        static CELL: OnceLock<Result<Model, LoadError>> = OnceLock::new();
        CELL.get_or_init(load_builtin)
            .as_ref()
            .map_err(|e| e.clone())
    }
}

#[cfg(detente_builtin_model)]
fn load_builtin() -> Result<Model, LoadError> {
    static BYTES: &[u8] = include_bytes!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../models/en_ewt.model"
    ));
    Model::from_bytes(BYTES)
}

#[cfg(not(detente_builtin_model))]
fn load_builtin() -> Result<Model, LoadError> {
    Err(LoadError::NoBuiltin)
}
