//! Finding dictionary names in a sentence's words: a trie over word keys, built once.
//!
//! Names and text words are both reduced to *keys*: characters folded as by
//! [`crate::normalize`] and lowercased, periods of abbreviations dropped (`U.S.` → `us`),
//! hyphens dropped as separators (`al-Sharaa` → `al` `sharaa`, which is how the text
//! stage splits `Al-Sharaa`), and a possessive `'s` split off as its own key. Keys are
//! interned to integers; the trie maps (node, key) to child nodes. Matching tries every
//! start position and follows the trie as far as it goes, so the cost is linear in the
//! sentence length times the longest name (a handful of words), with no per-name work.

use detente_core::TaggedWord;

use crate::fasthash::{PairMap, WordMap};
use crate::kb::{fold_char, push_lower, Hit, KnowledgeBase};

/// A name of the dictionaries that ends at a trie node.
#[derive(Debug, Clone, Copy)]
pub(crate) struct NameEntry {
    pub(crate) hit: Hit,
    /// The name is a short all-caps acronym (`US`, `WHO`): the text must be in capitals.
    pub(crate) caps: bool,
    /// The name is written without capitals in the dictionary ("the pope"): it matches
    /// in any case. Other names need a capitalised word in the text.
    pub(crate) lower: bool,
}

/// One match: words `start..end` of the sentence name `entries` (best first).
#[derive(Debug, Clone)]
pub(crate) struct Match {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) entries: Vec<NameEntry>,
}

/// The word-key trie of every name in a knowledge base.
#[derive(Debug, Clone, Default)]
pub(crate) struct Matcher {
    vocab: WordMap<Key>,
    edges: PairMap,
    /// Entries ending at each node; node 0 is the root.
    nodes: Vec<Vec<NameEntry>>,
    /// One-word agent nouns by key, for matching a plural through its lemma
    /// ("negotiators" → "negotiator") when the plural is not listed.
    agent_words: WordMap<usize>,
}

/// An interned key.
#[derive(Debug, Clone, Copy, Default)]
struct Key {
    id: u32,
    /// The root's child for this key (the trie node of names that start with it), or
    /// [`NO_NODE`]; kept here to save a lookup per start position when matching.
    root_child: u32,
}

/// No trie node (an unknown key, or no name starts with the key).
const NO_NODE: u32 = u32::MAX;

/// Appends the key of one piece of text (no whitespace inside) to `out`.
fn key_of(piece: &str, out: &mut String) {
    let has_alnum = piece.chars().any(char::is_alphanumeric);
    for ch in piece.chars() {
        let c = fold_char(ch);
        if c == '.' && has_alnum {
            continue;
        }
        push_lower(c, out);
    }
}

/// Splits a piece of text into key pieces: hyphens separate (and vanish), a trailing
/// possessive `'s` becomes its own piece, edge punctuation (`,` `(` `)` `"`) too.
fn pieces(word: &str, out: &mut Vec<String>) {
    for_each_piece(word, &mut String::new(), |p| out.push(p.to_string()));
}

/// Calls `emit` with each key piece of `word` in order, as [`pieces`] lists them,
/// without allocating for the pieces; `buf` is scratch space.
fn for_each_piece(word: &str, buf: &mut String, mut emit: impl FnMut(&str)) {
    buf.clear();
    key_of(word, buf);
    if buf.is_empty() {
        return;
    }
    if buf.chars().all(|c| c == '-') {
        return;
    }
    let mut rest = buf.as_str();
    // Trailing `,` and `)` are one-byte pieces of their own, in text order after the rest.
    while let Some(r) = rest.strip_suffix(',').or_else(|| rest.strip_suffix(')')) {
        rest = r;
    }
    let trailing = &buf[rest.len()..];
    while let Some(r) = rest.strip_prefix('(') {
        emit("(");
        rest = r;
    }
    let mut poss = false;
    if rest.len() > 2 && rest.ends_with("'s") {
        rest = &rest[..rest.len() - 2];
        poss = true;
    } else if rest.len() > 2 && rest.ends_with("s'") {
        // A plural possessive, which the text splits the same way ("Workers' Party").
        rest = &rest[..rest.len() - 1];
        poss = true;
    }
    for part in rest.split('-') {
        if !part.is_empty() {
            emit(part);
        }
    }
    if poss {
        emit("'s");
    }
    for k in 0..trailing.len() {
        emit(&trailing[k..k + 1]);
    }
}

/// The key pieces of a dictionary name; a leading `the` is dropped.
pub(crate) fn name_keys(name: &str) -> Vec<String> {
    let mut out = Vec::new();
    for w in name.split_whitespace() {
        pieces(w, &mut out);
    }
    if out.len() > 1 && out[0] == "the" {
        out.remove(0);
    }
    out
}

/// The key pieces of one text word (usually one; `e-mail` left unsplit gives two).
pub(crate) fn word_keys(form: &str, out: &mut Vec<String>) {
    out.clear();
    for_each_word_key(form, &mut String::new(), |k| out.push(k.to_string()));
}

/// Whether `word` is the possessive ending written as a word of its own ("'s", "'",
/// with a straight or curly apostrophe).
pub(crate) fn is_possessive_ending(word: &str) -> bool {
    matches!(word, "'s" | "\u{2019}s" | "'" | "\u{2019}")
}

/// Calls `emit` with each key piece of the text word `form`, as [`word_keys`] lists
/// them, without allocating for the pieces; `buf` is scratch space.
fn for_each_word_key(form: &str, buf: &mut String, mut emit: impl FnMut(&str)) {
    if is_possessive_ending(form) {
        emit("'s");
        return;
    }
    for_each_piece(form, buf, emit);
}

/// `word.to_lowercase()`, borrowed when that is `word` itself (ASCII without capitals).
fn lowercase(word: &str) -> std::borrow::Cow<'_, str> {
    if word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        std::borrow::Cow::Borrowed(word)
    } else {
        std::borrow::Cow::Owned(word.to_lowercase())
    }
}

fn is_caps_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|c| c.is_alphabetic()).collect();
    !letters.is_empty()
        && letters.len() <= 4
        && letters.iter().all(|c| c.is_uppercase())
        && !name.contains(' ')
}

impl Matcher {
    /// Indexes every name of `kb`.
    pub(crate) fn new(kb: &KnowledgeBase) -> Matcher {
        let mut m = Matcher {
            nodes: vec![Vec::new()],
            ..Matcher::default()
        };
        for (i, p) in kb.people.iter().enumerate() {
            p.names.iter().for_each(|n| m.add(n, Hit::Person(i)));
        }
        for (i, o) in kb.organisations.iter().enumerate() {
            o.names.iter().for_each(|n| m.add(n, Hit::Organisation(i)));
        }
        for (i, c) in kb.countries.iter().enumerate() {
            for (j, mt) in c.metonyms.iter().enumerate() {
                mt.names.iter().for_each(|n| m.add(n, Hit::Metonym(i, j)));
            }
            if let Some(cap) = &c.capital {
                m.add(cap, Hit::Capital(i));
            }
            c.names
                .iter()
                .chain(&c.adjectives)
                .chain(&c.cities)
                .for_each(|n| m.add(n, Hit::Country(i)));
        }
        for (i, a) in kb.agents.iter().enumerate() {
            a.names
                .iter()
                .chain(&a.plurals)
                .for_each(|n| m.add(n, Hit::Agent(i)));
            for n in &a.names {
                if let [k] = name_keys(n).as_slice() {
                    m.agent_words.get_or_insert(k, i);
                }
            }
        }
        for (i, p) in kb.places.iter().enumerate() {
            std::iter::once(&p.name)
                .chain(&p.alternates)
                .for_each(|n| m.add(n, Hit::Place(i)));
        }
        for entries in &mut m.nodes {
            entries.sort_by_key(|e| e.hit);
        }
        for key in m.vocab.values_mut() {
            key.root_child = m.edges.get((0, key.id)).unwrap_or(NO_NODE);
        }
        m
    }

    fn add(&mut self, name: &str, hit: Hit) {
        let keys = name_keys(name);
        if keys.is_empty() {
            return;
        }
        let mut node = 0u32;
        for k in keys {
            let next_id = self.vocab.len() as u32;
            let id = self
                .vocab
                .get_or_insert(
                    &k,
                    Key {
                        id: next_id,
                        root_child: NO_NODE,
                    },
                )
                .id;
            let next_node = self.nodes.len() as u32;
            let child = self.edges.get_or_insert((node, id), next_node);
            if child == next_node {
                self.nodes.push(Vec::new());
            }
            node = child;
        }
        let caps = is_caps_acronym(name);
        let lower = !name.chars().any(char::is_uppercase);
        let entries = &mut self.nodes[node as usize];
        if let Some(e) = entries.iter_mut().find(|e| e.hit == hit) {
            // A name listed both as acronym and otherwise is matched case-insensitively.
            e.caps &= caps;
            e.lower |= lower;
        } else {
            entries.push(NameEntry { hit, caps, lower });
        }
    }

    /// For each sentence of a document, every longest non-overlapping match in its
    /// words, left to right ([`Matcher::find_in`]). The word keys of the whole document
    /// are hashed and their table slots touched before any is looked up, so that the
    /// slots not in cache are fetched from memory together.
    pub(crate) fn find_all<'w, S: AsRef<[TaggedWord<'w>]>>(
        &self,
        sentences: &[S],
    ) -> Vec<Vec<Match>> {
        // (probe, sentence, word index)
        let mut probes = Vec::new();
        let mut buf = String::new();
        for (si, words) in sentences.iter().enumerate() {
            for (i, w) in words.as_ref().iter().enumerate() {
                for_each_word_key(w.form, &mut buf, |k| {
                    probes.push((self.vocab.probe(k), si, i));
                });
            }
        }
        self.vocab.touch(probes.iter().map(|(p, _, _)| p));
        let mut out = Vec::with_capacity(sentences.len());
        let mut stream: Vec<(Option<Key>, usize)> = Vec::new();
        let mut at = 0;
        for (si, words) in sentences.iter().enumerate() {
            // The key stream: (key, word index); unknown keys get `None`.
            stream.clear();
            while let Some((p, _, i)) = probes.get(at).filter(|(_, s, _)| *s == si) {
                stream.push((self.vocab.get_probe(p).copied(), *i));
                at += 1;
            }
            out.push(self.find_in(words.as_ref(), &stream));
        }
        out
    }

    /// Every longest non-overlapping match in `words`, whose key stream is `stream`, left
    /// to right. Entries whose case constraints the text does not meet are filtered out
    /// before choosing the longest.
    fn find_in(&self, words: &[TaggedWord<'_>], stream: &[(Option<Key>, usize)]) -> Vec<Match> {
        // Fetch the trie nodes of names starting at each key, and the edges to the next
        // key, together (see `find_all`).
        let mut sink = 0usize;
        for (k, (key, _)) in stream.iter().enumerate() {
            if let Some(node) = key.map(|key| key.root_child).filter(|&c| c != NO_NODE) {
                let entries = &self.nodes[node as usize];
                sink ^= entries.first().map_or(0, |e| usize::from(e.caps));
                if let Some((Some(next), _)) = stream.get(k + 1) {
                    self.edges.touch([(node, next.id)]);
                }
            }
        }
        std::hint::black_box(sink);
        let mut out: Vec<Match> = Vec::new();
        let mut k = 0;
        while k < stream.len() {
            let mut node = 0u32;
            let mut best: Option<(usize, Vec<NameEntry>)> = None;
            let mut j = k;
            while j < stream.len() {
                let Some(key) = stream[j].0 else {
                    break;
                };
                let child = if j == k {
                    Some(key.root_child).filter(|&c| c != NO_NODE)
                } else {
                    self.edges.get((node, key.id))
                };
                let Some(child) = child else {
                    break;
                };
                node = child;
                j += 1;
                let entries = &self.nodes[node as usize];
                if entries.is_empty() {
                    continue;
                }
                let (ws, we) = (stream[k].1, stream[j - 1].1 + 1);
                // A match must cover whole words.
                if j < stream.len() && stream[j].1 == we - 1 {
                    continue;
                }
                if k > 0 && stream[k - 1].1 == ws {
                    continue;
                }
                // "a London-based monitor": a capital (or another name of a government)
                // says where an actor sits, not that the government acts. A country still
                // does ("Pakistan-based groups").
                let based = words.get(we).is_some_and(|w| w.form == "-")
                    && words.get(we + 1).is_some_and(|w| {
                        w.form.eq_ignore_ascii_case("based")
                            || w.form.eq_ignore_ascii_case("headquartered")
                    });
                let ok: Vec<NameEntry> = entries
                    .iter()
                    .copied()
                    .filter(|e| !(based && matches!(e.hit, Hit::Capital(_) | Hit::Metonym(..))))
                    .filter(|e| self.case_ok(e, &words[ws..we]))
                    .collect();
                if !ok.is_empty() {
                    best = Some((j, ok));
                }
            }
            if best.is_none() {
                let wi = stream[k].1;
                let w = &words[wi];
                let single = (k == 0 || stream[k - 1].1 != wi)
                    && (k + 1 == stream.len() || stream[k + 1].1 != wi);
                if single && w.upos == "NOUN" && !w.lemma.is_empty() && w.lemma != w.form {
                    if let Some(&ai) = self.agent_words.get(&lowercase(w.lemma)) {
                        out.push(Match {
                            start: wi,
                            end: wi + 1,
                            entries: vec![NameEntry {
                                hit: Hit::Agent(ai),
                                caps: false,
                                lower: true,
                            }],
                        });
                        k += 1;
                        continue;
                    }
                }
            }
            match best {
                Some((j, entries)) => {
                    let (ws, we) = (stream[k].1, stream[j - 1].1 + 1);
                    out.push(Match {
                        start: ws,
                        end: we,
                        entries,
                    });
                    k = j;
                }
                None => k += 1,
            }
        }
        out
    }

    fn case_ok(&self, e: &NameEntry, words: &[TaggedWord<'_>]) -> bool {
        let upper_initial =
            |w: &TaggedWord<'_>| w.form.chars().next().is_some_and(char::is_uppercase);
        // A four-letter acronym may be written as a name in British style ("Nato",
        // "Farc", "Opec") when the tagger reads it as one; shorter ones only in capitals
        // ("us" is not the USA, nor "Who" the WHO).
        let title_acronym = |w: &TaggedWord<'_>| {
            let mut letters = w.form.chars().filter(|c| c.is_alphabetic());
            w.upos == "PROPN"
                && letters.next().is_some_and(char::is_uppercase)
                && letters.clone().count() >= 3
                && letters.all(char::is_lowercase)
        };
        if e.caps
            && words.iter().any(|w| w.form.chars().any(char::is_lowercase))
            && !(words.len() == 1 && title_acronym(&words[0]))
        {
            return false;
        }
        match e.hit {
            Hit::Agent(_) => true,
            Hit::Place(_) => {
                // Places only as capitalised proper names (the gazetteer has "Mobile",
                // "Reading", "March"...), never a month name.
                let last = words.len() - 1;
                upper_initial(&words[0])
                    && upper_initial(&words[last])
                    && words.iter().all(|w| {
                        !w.form.chars().any(char::is_alphabetic)
                            || upper_initial(w)
                            || matches!(w.form, "al" | "el" | "de" | "of" | "the" | "'s")
                    })
                    && !(words.len() == 1
                        && crate::recognize::month_number(words[0].form).is_some())
                    // A one-word place is a name, not a capitalised common word ("More
                    // than 1,000 prisoners" is not Mora in Cameroon).
                    && (words.len() != 1 || matches!(words[0].upos, "PROPN" | "NOUN" | "X" | ""))
            }
            _ => e.lower || words.iter().any(upper_initial),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_make_tokenizations_equal() {
        assert_eq!(name_keys("al-Sharaa"), vec!["al", "sharaa"]);
        assert_eq!(
            name_keys("U.S. State Department"),
            vec!["us", "state", "department"]
        );
        assert_eq!(name_keys("People's Palace"), vec!["people", "'s", "palace"]);
        assert_eq!(
            name_keys("Kurdistan Workers' Party"),
            vec!["kurdistan", "workers", "'s", "party"]
        );
        assert_eq!(name_keys("the Pentagon"), vec!["pentagon"]);
        assert_eq!(name_keys("Washington, D.C."), vec!["washington", ",", "dc"]);
        let mut v = Vec::new();
        word_keys("U.S.", &mut v);
        assert_eq!(v, vec!["us"]);
        word_keys("-", &mut v);
        assert!(v.is_empty());
        word_keys("\u{2019}s", &mut v);
        assert_eq!(v, vec!["'s"]);
        word_keys(".", &mut v);
        assert_eq!(v, vec!["."]);
        word_keys("Élysée", &mut v);
        assert_eq!(v, vec!["elysee"]);
    }
}
