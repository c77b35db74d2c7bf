//! The event lexicon: trigger words (verbs and event nouns) with patterns and codes.
//!
//! One [`Lexicon`] type serves both the project's own files (`dictionaries/events/*.txt`,
//! format in `dictionaries/events/README.md`) and legacy PETRARCH-2/TABARI verb
//! dictionaries (converted in [`crate::legacy`]). A pattern is a trigger word with
//! items before and after it; the coder matches the items in order inside the trigger's
//! clause, other words may come between unless an item is marked adjacent.

use std::collections::HashMap;

use crate::error::LexiconError;

/// Whether an entry is triggered by a verb or by an event noun.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// A verb ("meet", "attack").
    Verb,
    /// An event noun ("talks", "airstrike"), found under any verb or alone.
    Noun,
}

/// One pattern item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elem {
    /// One of several words or adjacent word sequences (lower case; matched against the
    /// word's lemma or form).
    Words(Vec<Vec<String>>),
    /// `$`: the source actor is here.
    Source,
    /// `+`: the target actor is here.
    Target,
    /// `%`: a compound actor is here (source and target both).
    Compound,
}

/// A pattern item and whether it must follow the previous one directly.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// What must be found.
    pub elem: Elem,
    /// No word may come between this item and the previous one (or the trigger).
    pub adjacent: bool,
}

/// The example an entry carries, checked by the lexicon test.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Example {
    /// The sentence.
    pub sentence: String,
    /// Expected source prefix (three letters).
    pub source: String,
    /// Expected target prefix (three letters).
    pub target: String,
}

/// One lexicon entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The event code, `None` for a legacy null code (`[---]`): the pattern matches and
    /// consumes its words but codes nothing.
    pub code: Option<String>,
    /// A second code for the reverse direction (legacy `[032:033]`).
    pub paired: Option<String>,
    /// Verb or noun.
    pub kind: Kind,
    /// The trigger word forms (lower case, lemma or form).
    pub triggers: Vec<String>,
    /// Items before the trigger, in text order.
    pub pre: Vec<Item>,
    /// Items after the trigger, in text order.
    pub post: Vec<Item>,
    /// Where it comes from (`events/04-consult.txt:12`, `verbs.txt:812`).
    pub origin: String,
    /// The pattern as written.
    pub text: String,
    /// The example sentence (own lexicon only).
    pub example: Option<Example>,
}

impl Entry {
    /// How specific the pattern is: literal words count most, slots a little. The most
    /// specific matching entry of a trigger wins.
    pub fn specificity(&self) -> usize {
        self.pre
            .iter()
            .chain(&self.post)
            .map(|i| match &i.elem {
                Elem::Words(alts) => 4 * alts.iter().map(Vec::len).min().unwrap_or(1),
                _ => 1,
            })
            .sum()
    }
}

/// A discard phrase: a sentence (or story) containing it codes nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Discard {
    /// Lower-case words, adjacent in the text.
    pub words: Vec<String>,
    /// The whole story is discarded, not only the sentence.
    pub story: bool,
}

/// Trigger words and their entries, with discards.
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    /// All entries, in file order.
    pub entries: Vec<Entry>,
    /// Discard phrases.
    pub discards: Vec<Discard>,
    /// Legacy dictionaries match verbs by written form whatever the tag (TABARI style).
    pub legacy: bool,
    verbs: HashMap<String, Vec<usize>>,
    nouns: HashMap<String, Vec<usize>>,
}

/// The files of the built-in lexicon (`dictionaries/events/*.txt`), embedded by build.rs.
pub const BUILTIN_FILES: &[(&str, &str)] = include!(concat!(env!("OUT_DIR"), "/builtin_files.rs"));

impl Lexicon {
    /// The built-in lexicon. Panics only if the embedded files are broken, which the
    /// test suite rules out.
    pub fn builtin() -> Lexicon {
        Lexicon::try_builtin().expect("the embedded event lexicon parses (checked by tests)")
    }

    /// The built-in lexicon, or the error in its files.
    pub fn try_builtin() -> Result<Lexicon, LexiconError> {
        Lexicon::parse_files(BUILTIN_FILES.iter().copied())
    }

    /// Parses files in the project's format: `(name, text)` pairs.
    pub fn parse_files<'a>(
        files: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Lexicon, LexiconError> {
        let mut lex = Lexicon::default();
        let files: Vec<(&str, &str)> = files.into_iter().collect();
        // Sets are shared: a file may use a set another file defines; its own come first.
        let mut global: HashMap<String, Vec<Vec<String>>> = HashMap::new();
        for (name, text) in &files {
            for (i, raw) in text.lines().enumerate() {
                if let Some(rest) = raw.trim().strip_prefix("@set ") {
                    let (set_name, members) = parse_set(rest).map_err(|msg| LexiconError {
                        path: name.to_string(),
                        line: i + 1,
                        msg,
                    })?;
                    global.entry(set_name).or_insert(members);
                }
            }
        }
        for (name, text) in files {
            parse_file(name, text, &global, &mut lex)?;
        }
        lex.index();
        Ok(lex)
    }

    /// Builds a lexicon from entries and discards (used by the legacy converter).
    pub fn from_parts(entries: Vec<Entry>, discards: Vec<Discard>, legacy: bool) -> Lexicon {
        let mut lex = Lexicon {
            entries,
            discards,
            legacy,
            ..Lexicon::default()
        };
        lex.index();
        lex
    }

    /// Replaces the discards (for `--discards`).
    pub fn set_discards(&mut self, discards: Vec<Discard>) {
        self.discards = discards;
    }

    fn index(&mut self) {
        self.verbs.clear();
        self.nouns.clear();
        for (i, e) in self.entries.iter().enumerate() {
            let map = match e.kind {
                Kind::Verb => &mut self.verbs,
                Kind::Noun => &mut self.nouns,
            };
            for t in &e.triggers {
                let v = map.entry(t.clone()).or_default();
                if !v.contains(&i) {
                    v.push(i);
                }
            }
        }
    }

    /// Entries whose trigger is `word` (lower case) of the given kind.
    pub fn candidates(&self, kind: Kind, word: &str) -> &[usize] {
        let map = match kind {
            Kind::Verb => &self.verbs,
            Kind::Noun => &self.nouns,
        };
        map.get(word).map(Vec::as_slice).unwrap_or(&[])
    }

    /// Every trigger word of `kind` with its entries, as [`Lexicon::candidates`] gives them.
    pub(crate) fn triggers(&self, kind: Kind) -> impl Iterator<Item = (&str, &[usize])> {
        let map = match kind {
            Kind::Verb => &self.verbs,
            Kind::Noun => &self.nouns,
        };
        map.iter().map(|(w, es)| (w.as_str(), es.as_slice()))
    }

    /// Number of entries that code something.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are no entries.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// `name = a | b c | d_e` → the name and its members.
fn parse_set(rest: &str) -> Result<(String, Vec<Vec<String>>), String> {
    let (set_name, members) = rest
        .split_once('=')
        .ok_or("a set is written '@set name = a | b c'")?;
    let members: Vec<Vec<String>> = members
        .split('|')
        .map(|m| words_of(&m.replace('_', " ")))
        .filter(|w| !w.is_empty())
        .collect();
    if members.is_empty() {
        return Err(format!("set '{}' is empty", set_name.trim()));
    }
    Ok((set_name.trim().to_lowercase(), members))
}

fn parse_file(
    name: &str,
    text: &str,
    global: &HashMap<String, Vec<Vec<String>>>,
    lex: &mut Lexicon,
) -> Result<(), LexiconError> {
    let mut sets: HashMap<String, Vec<Vec<String>>> = global.clone();
    let err = |line: usize, msg: String| LexiconError {
        path: name.to_string(),
        line,
        msg,
    };
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        if let Some(rest) = line.strip_prefix("@set ") {
            let (set_name, members) = parse_set(rest).map_err(|m| err(n, m))?;
            sets.insert(set_name, members);
            continue;
        }
        if let Some(rest) = line.strip_prefix("@discard ") {
            let (story, phrase) = match rest.trim().strip_prefix("story ") {
                Some(p) => (true, p),
                None => (false, rest.trim()),
            };
            let words = words_of(&phrase.replace('_', " "));
            if words.is_empty() {
                return Err(err(n, "empty discard phrase".into()));
            }
            lex.discards.push(Discard { words, story });
            continue;
        }
        let mut parts = line.splitn(3, " | ");
        let head = parts.next().unwrap_or_default().trim();
        let example = parts.next().map(str::trim);
        let expected = parts.next().map(str::trim);
        let mut toks = head.split_whitespace();
        let code = toks.next().unwrap_or_default();
        if code.len() < 2 || code.len() > 4 || !code.bytes().all(|b| b.is_ascii_digit()) {
            return Err(err(n, format!("'{code}' is not a CAMEO code")));
        }
        let code_ok = detente_cameo::CameoCode::parse(code)
            .ok()
            .and_then(|c| detente_cameo::CodeTable::builtin().get(&c).map(|_| ()));
        if code_ok.is_none() {
            return Err(err(n, format!("code {code} is not in cameo_codes.txt")));
        }
        let kind = match toks.next() {
            Some("verb") => Kind::Verb,
            Some("noun") => Kind::Noun,
            other => {
                return Err(err(
                    n,
                    format!("expected 'verb' or 'noun' after the code, found {other:?}"),
                ))
            }
        };
        let pattern: Vec<&str> = toks.collect();
        let variants = parse_pattern(kind, &pattern, &sets).map_err(|m| err(n, m))?;
        let example = match (example, expected) {
            (Some(s), Some(exp)) if !s.is_empty() => {
                let mut e = exp.split_whitespace();
                let (Some(src), Some(tgt), None) = (e.next(), e.next(), e.next()) else {
                    return Err(err(
                        n,
                        format!("expected 'SRC TGT' after the example, found '{exp}'"),
                    ));
                };
                Some(Example {
                    sentence: s.to_string(),
                    source: src.to_string(),
                    target: tgt.to_string(),
                })
            }
            (None, None) => None,
            _ => {
                return Err(err(
                    n,
                    "write 'CODE KIND PATTERN | EXAMPLE | SRC TGT'".to_string(),
                ))
            }
        };
        for v in variants {
            let entry = v.finish(code, kind, name, n, pattern.join(" "));
            lex.entries.push(Entry {
                example: example.clone(),
                ..entry
            });
        }
    }
    Ok(())
}

/// A pattern being built.
struct Parsed {
    triggers: Vec<String>,
    pre: Vec<Item>,
    post: Vec<Item>,
}

impl Parsed {
    fn finish(self, code: &str, kind: Kind, file: &str, line: usize, text: String) -> Entry {
        Entry {
            code: Some(code.to_string()),
            paired: None,
            kind,
            triggers: self.triggers,
            pre: self.pre,
            post: self.post,
            origin: format!("{file}:{line}"),
            text,
            example: None,
        }
    }
}

fn parse_pattern(
    kind: Kind,
    toks: &[&str],
    sets: &HashMap<String, Vec<Vec<String>>>,
) -> Result<Vec<Parsed>, String> {
    if toks.is_empty() {
        return Err("empty pattern".into());
    }
    let star = toks.iter().position(|t| *t == "*");
    let (trigger_tok, pre_toks, post_toks) = match star {
        Some(s) => {
            if s + 1 >= toks.len() && s == 0 {
                return Err("'*' needs a trigger word after it or words around it".into());
            }
            // "not * attack": the word after '*' is the trigger.
            let t = toks.get(s + 1).ok_or("the trigger word must follow '*'")?;
            (*t, &toks[..s], &toks[s + 2..])
        }
        None => (toks[0], &toks[..0], &toks[1..]),
    };
    // The trigger alternatives: words, `a|b` choices, a `&set`; each multi-word one
    // ("consultative_meeting", "carry_out", a set member "scale back") is triggered by
    // its last word for nouns and its first for verbs, the others must be adjacent.
    let alternatives: Vec<Vec<String>> = if let Some(name) = trigger_tok.strip_prefix('&') {
        sets.get(&name.to_lowercase())
            .cloned()
            .ok_or_else(|| format!("unknown set '{trigger_tok}' (define it above with @set)"))?
    } else {
        trigger_tok
            .split('|')
            .map(|t| words_of(&t.replace('_', " ")))
            .filter(|w| !w.is_empty())
            .collect()
    };
    if alternatives.is_empty() {
        return Err(format!("'{trigger_tok}' is not a trigger word"));
    }
    // Single words share one variant; each multi-word alternative gets its own.
    let mut variants: Vec<(Vec<String>, Vec<String>, Vec<String>)> = Vec::new();
    let singles: Vec<String> = alternatives
        .iter()
        .filter(|a| a.len() == 1)
        .map(|a| a[0].clone())
        .collect();
    if !singles.is_empty() {
        variants.push((singles, Vec::new(), Vec::new()));
    }
    for alt in alternatives.iter().filter(|a| a.len() > 1) {
        if kind == Kind::Noun {
            let (last, rest) = alt.split_last().ok_or("empty trigger")?;
            variants.push((vec![last.clone()], rest.to_vec(), Vec::new()));
        } else {
            let (first, rest) = alt.split_first().ok_or("empty trigger")?;
            variants.push((vec![first.clone()], Vec::new(), rest.to_vec()));
        }
    }
    let item = |t: &str| -> Result<Item, String> {
        let elem = match t {
            "+" => Elem::Target,
            "$" => Elem::Source,
            "%" => Elem::Compound,
            _ if t.starts_with('&') => {
                let set = sets
                    .get(&t[1..].to_lowercase())
                    .ok_or_else(|| format!("unknown set '{t}' (define it above with @set)"))?;
                Elem::Words(set.clone())
            }
            _ => Elem::Words(
                t.split('|')
                    .map(|alt| words_of(&alt.replace('_', " ")))
                    .filter(|w| !w.is_empty())
                    .collect(),
            ),
        };
        if matches!(&elem, Elem::Words(w) if w.is_empty()) {
            return Err(format!("'{t}' has no words"));
        }
        Ok(Item {
            elem,
            adjacent: false,
        })
    };
    let adjacent_word = |w: &String| Item {
        elem: Elem::Words(vec![vec![w.clone()]]),
        adjacent: true,
    };
    let pre: Vec<Item> = pre_toks.iter().map(|t| item(t)).collect::<Result<_, _>>()?;
    let post: Vec<Item> = post_toks
        .iter()
        .map(|t| item(t))
        .collect::<Result<_, _>>()?;
    Ok(variants
        .into_iter()
        .map(|(triggers, extra_pre, extra_post)| {
            let mut pre = pre.clone();
            pre.extend(extra_pre.iter().map(adjacent_word));
            let mut post_all: Vec<Item> = extra_post.iter().map(adjacent_word).collect();
            post_all.extend(post.iter().cloned());
            Parsed {
                triggers,
                pre,
                post: post_all,
            }
        })
        .collect())
}

/// Lower-case words of a phrase, split on blanks.
pub(crate) fn words_of(s: &str) -> Vec<String> {
    s.split_whitespace().map(str::to_lowercase).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_sets_and_discards() {
        let text = "# c\n@set attack = attack | air_strike\n\
            087 verb ease &attack | Israel eased its strikes on Syria. | ISR SYR\n\
            046 noun talk with + \n@discard story football\n";
        let lex = Lexicon::parse_files([("t.txt", text)]).unwrap();
        assert_eq!(lex.entries.len(), 2);
        let e = &lex.entries[0];
        assert_eq!(e.triggers, vec!["ease"]);
        assert_eq!(
            e.post[0].elem,
            Elem::Words(vec![
                vec!["attack".into()],
                vec!["air".into(), "strike".into()]
            ])
        );
        assert_eq!(e.example.as_ref().unwrap().target, "SYR");
        assert_eq!(lex.entries[1].post[1].elem, Elem::Target);
        assert_eq!(lex.candidates(Kind::Noun, "talk"), &[1]);
        assert!(lex.discards[0].story);
    }

    #[test]
    fn errors_name_the_line() {
        let e = Lexicon::parse_files([("t.txt", "\n999 verb x\n")]).unwrap_err();
        assert_eq!((e.path.as_str(), e.line), ("t.txt", 2));
        let e = Lexicon::parse_files([("t.txt", "046 verb meet &nope\n")]).unwrap_err();
        assert!(e.msg.contains("unknown set"), "{e}");
        let e = Lexicon::parse_files([("t.txt", "046 adverb meet\n")]).unwrap_err();
        assert!(e.msg.contains("'verb' or 'noun'"), "{e}");
    }

    #[test]
    fn builtin_lexicon_is_large_and_covers_every_root() {
        let lex = Lexicon::builtin();
        assert!(lex.len() >= 1500, "{} entries", lex.len());
        for root in 1..=20 {
            let r = format!("{root:02}");
            assert!(
                lex.entries
                    .iter()
                    .any(|e| e.code.as_deref().is_some_and(|c| c.starts_with(&r))),
                "no entry for root {r}"
            );
        }
        assert!(lex.entries.iter().all(|e| e.example.is_some()));
    }
}
