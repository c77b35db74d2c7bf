//! Discard lists (PETRARCH-2 `Phoenix.discards.txt`): one phrase a line; a leading `+`
//! discards the whole story, no marker discards the sentence. Words are separated by
//! blanks or `_`; case is normalised to upper case. TABARI kept discards as `[###]` codes
//! inside actor and verb files instead; [`tabari_discards`] collects those.

use crate::text::{lines, parse_phrase, split_codes};
use crate::types::{
    ActorDictionary, DiscardEntry, DiscardScope, Discards, EventCode, Join, LoadError, Loaded,
    Phrase, VerbDictionary, Warning,
};

/// Loads a PETRARCH-2 discard list.
pub fn load_petrarch_discards(text: &str, path_name: &str) -> Result<Loaded<Discards>, LoadError> {
    crate::check_not_data(text, path_name)?;
    let mut warnings = Vec::new();
    let mut out = Discards::default();
    for line in lines(text, &mut warnings) {
        let c = line.content;
        if c.is_empty() {
            continue;
        }
        let (scope, body) = match c.strip_prefix('+') {
            Some(b) => (DiscardScope::Story, b),
            None => (DiscardScope::Sentence, c),
        };
        // TABARI-style `PHRASE [###]` lines are accepted too: the code is dropped.
        let (body, groups, _) = split_codes(body);
        if groups.iter().any(|g| g.trim() != "###") {
            warnings.push(Warning {
                line: line.no,
                msg: "code other than [###] in a discard list ignored".into(),
            });
        }
        match parse_phrase(body) {
            Some(phrase) => out.entries.push(DiscardEntry {
                phrase,
                scope,
                line: line.no,
            }),
            None => warnings.push(Warning {
                line: line.no,
                msg: "discard marker without a phrase".into(),
            }),
        }
    }
    Ok(Loaded {
        value: out,
        warnings,
    })
}

/// Collects TABARI discards, which TABARI wrote as `[###]` codes in the actor and verb
/// dictionaries rather than in a file of their own. Undated `###` actor codes and verb
/// lines coded `[###]` become sentence discards; date-restricted `###` codes (a discard
/// only for some dates) are left to the actor matcher.
pub fn tabari_discards(actors: &ActorDictionary, verbs: &VerbDictionary) -> Discards {
    let mut out = Discards::default();
    for e in &actors.entries {
        let discard = e
            .codes
            .iter()
            .any(|c| c.code == "###" && c.from.is_none() && c.to.is_none());
        if discard {
            out.entries.extend(e.names.iter().map(|n| DiscardEntry {
                phrase: n.clone(),
                scope: DiscardScope::Sentence,
                line: e.line,
            }));
        }
    }
    for v in &verbs.verbs {
        for f in &v.forms {
            let code = f.code.as_ref().or(v.code.as_ref());
            if code.is_some_and(EventCode::is_discard) && !f.words.is_empty() {
                out.entries.push(DiscardEntry {
                    phrase: Phrase {
                        words: f.words.clone(),
                        joins: vec![Join::Adjacent; f.words.len() - 1],
                        stop: f.stop,
                    },
                    scope: DiscardScope::Sentence,
                    line: f.line,
                });
            }
        }
    }
    out.entries.sort_by_key(|e| e.line);
    out
}
