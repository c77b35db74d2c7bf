//! Converts legacy PETRARCH-2/TABARI verb dictionaries and discard lists into a
//! [`Lexicon`], so that `--verbs` and `--discards` code with a user's existing files.
//!
//! Each verb block gives entries triggered by its forms: the base form, the irregular
//! forms the file lists and generated regular forms (-s, -ed, -ing), so that a verb is
//! found by its written form whatever the tagger says, as TABARI did. Every pattern line
//! becomes an entry; the block's own code becomes a bare entry. `( ... )` and `{ ... }`
//! groups are flattened into their words; `^` (skip a phrase) is dropped because the
//! matcher lets words come between items anyway; `{ A | B }` becomes a choice when every
//! alternative is plain words.

use detente_legacy::{
    DiscardScope, Discards, EventCode, Pattern, PatternItem, PatternToken, VerbDictionary,
};

use crate::lexicon::{Discard, Elem, Entry, Item, Kind, Lexicon};

/// Builds a lexicon from a legacy verb dictionary (and discards, if given).
pub fn lexicon_from_legacy(
    verbs: &VerbDictionary,
    path: &str,
    discards: Option<&Discards>,
) -> Lexicon {
    let mut entries = Vec::new();
    for verb in &verbs.verbs {
        let block_code = verb.code.as_ref();
        // Single-word forms share one trigger list; multi-word forms ("CALL_OFF") get
        // their other words as adjacent items.
        let mut single: Vec<String> = Vec::new();
        let mut multi: Vec<MultiForm<'_>> = Vec::new();
        add_forms(
            &mut single,
            &mut multi,
            std::slice::from_ref(&verb.lemma),
            0,
            None,
        );
        for form in &verb.forms {
            add_forms(
                &mut single,
                &mut multi,
                &form.words,
                form.head,
                form.code.as_ref(),
            );
            for irr in &form.irregular {
                if irr.len() == 1 {
                    let w = irr[0].to_lowercase();
                    if !single.contains(&w) {
                        single.push(w);
                    }
                }
            }
        }
        let mut push = |triggers: Vec<String>,
                        pre: Vec<Item>,
                        post: Vec<Item>,
                        code: Option<&EventCode>,
                        line: usize,
                        text: String| {
            let (code, paired) = match code {
                Some(c) if !c.is_null() && !c.is_discard() => (c.primary.clone(), c.paired.clone()),
                _ => (None, None),
            };
            // A code that is no event code (`[025?]`, `[+++]`, `[abc]`: placeholders of
            // test dictionaries) codes nothing and does not stop another pattern.
            if !code.iter().chain(paired.iter()).all(|c| valid_code(c)) {
                return;
            }
            entries.push(Entry {
                code,
                paired,
                kind: Kind::Verb,
                triggers,
                pre,
                post,
                origin: format!("{path}:{line}"),
                text,
                example: None,
            });
        };
        // Bare entries: the block code for every form.
        push(
            single.clone(),
            Vec::new(),
            Vec::new(),
            block_code,
            verb.line,
            format!("{} (block)", verb.lemma),
        );
        for (h, pre, post, code) in &multi {
            push(
                vec![h.clone()],
                pre.clone(),
                post.clone(),
                code.or(block_code),
                verb.line,
                format!("{} (form)", verb.lemma),
            );
        }
        for p in &verb.patterns {
            let Some((pre, post)) = convert_pattern(p, verbs) else {
                continue;
            };
            let code = p.code.as_ref().or(block_code);
            push(
                single.clone(),
                pre.clone(),
                post.clone(),
                code,
                p.line,
                p.text.clone(),
            );
            for (h, mpre, mpost, _) in &multi {
                let mut pre2 = pre.clone();
                pre2.extend(mpre.iter().cloned());
                let mut post2 = mpost.clone();
                post2.extend(post.iter().cloned());
                push(vec![h.clone()], pre2, post2, code, p.line, p.text.clone());
            }
        }
    }
    let discards = discards.map(convert_discards).unwrap_or_default();
    Lexicon::from_parts(entries, discards, true)
}

/// Whether `code` is an event code: three digits, then letters or digits (`174K`).
fn valid_code(code: &str) -> bool {
    code.len() >= 3
        && code.as_bytes()[..3].iter().all(u8::is_ascii_digit)
        && code.bytes().all(|b| b.is_ascii_alphanumeric())
}

/// A multi-word verb form: trigger, words before and after it, its own code.
type MultiForm<'a> = (String, Vec<Item>, Vec<Item>, Option<&'a EventCode>);

fn add_forms<'a>(
    single: &mut Vec<String>,
    multi: &mut Vec<MultiForm<'a>>,
    words: &[String],
    head: usize,
    code: Option<&'a EventCode>,
) {
    let Some(h) = words.get(head) else { return };
    if words.len() == 1 {
        for f in inflections(h) {
            if !single.contains(&f) {
                single.push(f);
            }
        }
    } else {
        let adj = |w: &String| Item {
            elem: Elem::Words(vec![vec![w.to_lowercase()]]),
            adjacent: true,
        };
        multi.push((
            h.to_lowercase(),
            words[..head].iter().map(adj).collect(),
            words[head + 1..].iter().map(adj).collect(),
            code,
        ));
    }
}

/// Legacy discards as lexicon discards.
pub fn convert_discards(d: &Discards) -> Vec<Discard> {
    d.entries
        .iter()
        .map(|e| Discard {
            words: e.phrase.words.iter().map(|w| w.to_lowercase()).collect(),
            story: e.scope == DiscardScope::Story,
        })
        .filter(|d| !d.words.is_empty())
        .collect()
}

/// Regular inflections of a base form (lower case), the base first.
fn inflections(base: &str) -> Vec<String> {
    let b = base.to_lowercase();
    let mut out = vec![b.clone()];
    if b.len() < 2 || !b.bytes().all(|c| c.is_ascii_alphabetic()) {
        return out;
    }
    let last = b.as_bytes()[b.len() - 1];
    let stem_e = b.strip_suffix('e');
    let s = if b.ends_with('s') || b.ends_with("sh") || b.ends_with("ch") || b.ends_with('x') {
        format!("{b}es")
    } else if last == b'y' && !matches!(b.as_bytes()[b.len() - 2], b'a' | b'e' | b'o' | b'u') {
        format!("{}ies", &b[..b.len() - 1])
    } else {
        format!("{b}s")
    };
    let ed = if stem_e.is_some() {
        format!("{b}d")
    } else if last == b'y' && !matches!(b.as_bytes()[b.len() - 2], b'a' | b'e' | b'o' | b'u') {
        format!("{}ied", &b[..b.len() - 1])
    } else {
        format!("{b}ed")
    };
    let ing = match stem_e {
        Some(s) if !b.ends_with("ee") => format!("{s}ing"),
        _ => format!("{b}ing"),
    };
    out.extend([s, ed, ing]);
    out
}

/// The items before and after `*`, or `None` for a pattern with no usable items.
fn convert_pattern(p: &Pattern, dict: &VerbDictionary) -> Option<(Vec<Item>, Vec<Item>)> {
    let mut flat = Vec::new();
    flatten(&p.items, dict, &mut flat);
    let star = flat.iter().position(|(e, _)| e.is_none());
    let mut pre = Vec::new();
    let mut post = Vec::new();
    let (before, after) = match star {
        Some(s) => (&flat[..s], &flat[s + 1..]),
        None => (&flat[..0], &flat[..]),
    };
    // In the source, `adjacent` joins an item to the next one. Before the verb we keep
    // that meaning (joined to the next item or the verb); after it we store "joined to
    // the previous item (or the verb)".
    for (e, adj) in before {
        if let Some(e) = e {
            pre.push(Item {
                elem: e.clone(),
                adjacent: *adj,
            });
        }
    }
    let mut prev_adj = star.and_then(|s| flat.get(s)).is_some_and(|(_, a)| *a);
    for (e, adj) in after {
        if let Some(e) = e {
            post.push(Item {
                elem: e.clone(),
                adjacent: prev_adj,
            });
        }
        prev_adj = *adj;
    }
    Some((pre, post))
}

/// Flattens pattern items into (element, joined-to-next); `None` marks the verb.
fn flatten(items: &[PatternItem], dict: &VerbDictionary, out: &mut Vec<(Option<Elem>, bool)>) {
    for it in items {
        let elem = match &it.token {
            PatternToken::Word(w) => Some(Elem::Words(vec![vec![w.to_lowercase()]])),
            PatternToken::Synset(name) => {
                let members: Vec<Vec<String>> = dict
                    .synsets
                    .get(name)
                    .map(|s| {
                        s.members
                            .iter()
                            .map(|m| m.words.iter().map(|w| w.to_lowercase()).collect())
                            .collect()
                    })
                    .unwrap_or_default();
                if members.is_empty() {
                    continue;
                }
                Some(Elem::Words(members))
            }
            PatternToken::Verb => {
                out.push((None, it.adjacent));
                continue;
            }
            PatternToken::Source => Some(Elem::Source),
            PatternToken::Target => Some(Elem::Target),
            PatternToken::Compound => Some(Elem::Compound),
            PatternToken::Skip => continue,
            PatternToken::Prep(inner) | PatternToken::Group(inner) => {
                flatten(inner, dict, out);
                continue;
            }
            PatternToken::Alternatives(alts) => {
                let mut words = Vec::new();
                for alt in alts {
                    let mut seq = Vec::new();
                    for a in alt {
                        match &a.token {
                            PatternToken::Word(w) => seq.push(w.to_lowercase()),
                            _ => {
                                seq.clear();
                                break;
                            }
                        }
                    }
                    if !seq.is_empty() {
                        words.push(seq);
                    }
                }
                if words.is_empty() {
                    continue;
                }
                Some(Elem::Words(words))
            }
        };
        out.push((elem, it.adjacent));
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn placeholder_codes_are_not_event_codes() {
        assert!(super::valid_code("064") && super::valid_code("174K") && super::valid_code("0312"));
        for c in ["025?", "+++", "###", "abc", "xxy", "21"] {
            assert!(!super::valid_code(c), "{c}");
        }
    }

    use super::*;

    #[test]
    fn regular_forms() {
        assert_eq!(
            inflections("RESTORE"),
            ["restore", "restores", "restored", "restoring"]
        );
        assert_eq!(inflections("ACCUSE")[3], "accusing");
        assert_eq!(inflections("DENY")[1..3], ["denies", "denied"]);
        assert_eq!(inflections("PUSH")[1], "pushes");
    }

    #[test]
    fn converts_a_petrarch_block() {
        let text = "--- RESTORE [064] ---\nRESTORE\n- * TIES WITH + [064]\n- IN_* [075]\n";
        let dict = detente_legacy::load_verbs("v.txt", text).unwrap().value;
        let lex = lexicon_from_legacy(&dict, "v.txt", None);
        assert!(lex.legacy);
        let ids = lex.candidates(Kind::Verb, "restored");
        assert_eq!(ids.len(), 3);
        let ties = &lex.entries[ids[1]];
        assert_eq!(ties.code.as_deref(), Some("064"));
        assert_eq!(ties.post.len(), 3);
        assert_eq!(ties.post[2].elem, Elem::Target);
        let inn = &lex.entries[ids[2]];
        assert!(inn.pre[0].adjacent);
    }
}
