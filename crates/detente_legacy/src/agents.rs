//! Agent dictionaries: `PHRASE {PLURALS} [~CODE]` (or `[CODE~]` for prefixes), plus
//! PETRARCH substitution sets `!PERSON! = MAN, MEN, WOMAN, WOMEN, PERSON` used inside
//! phrases (`CONGRESS!PERSON!`). PETRARCH generates regular plurals unless `{}` gives
//! them (or nulls them); TABARI matches stems and generates nothing.

use std::collections::BTreeMap;

use crate::text::{lines, parse_phrase, split_codes, Line};
use crate::types::{
    AgentDictionary, AgentEntry, AgentPlacement, LoadError, Loaded, Phrase, Warning,
};

/// Loads a PETRARCH-2 agent dictionary, expanding substitution sets and plurals.
pub fn load_petrarch_agents(
    text: &str,
    path_name: &str,
) -> Result<Loaded<AgentDictionary>, LoadError> {
    load(text, path_name, true)
}

/// Loads a TABARI agent dictionary (`PHRASE_ [ ~CODE] ;comment`); no plurals are generated.
pub fn load_tabari_agents(
    text: &str,
    path_name: &str,
) -> Result<Loaded<AgentDictionary>, LoadError> {
    load(text, path_name, false)
}

fn load(text: &str, path_name: &str, petrarch: bool) -> Result<Loaded<AgentDictionary>, LoadError> {
    crate::check_not_data(text, path_name)?;
    let mut warnings = Vec::new();
    let mut dict = AgentDictionary::default();
    for line in lines(text, &mut warnings) {
        let c = line.content;
        if c.is_empty() {
            continue;
        }
        if c.starts_with('!') {
            if let Some((marker, list)) = c.split_once('=') {
                let name = marker.trim().trim_matches('!').trim().to_uppercase();
                let items: Vec<String> = list
                    .split(',')
                    .map(|s| s.trim().to_uppercase())
                    .filter(|s| !s.is_empty())
                    .collect();
                if name.is_empty() || items.is_empty() {
                    warnings.push(warn(&line, "empty substitution set".into()));
                } else {
                    dict.substitutions.insert(name, items);
                }
                continue;
            }
        }
        if let Some(e) = parse_entry(&line, petrarch, &dict.substitutions, &mut warnings) {
            dict.entries.push(e);
        }
    }
    Ok(Loaded {
        value: dict,
        warnings,
    })
}

fn parse_entry(
    line: &Line<'_>,
    petrarch: bool,
    subs: &BTreeMap<String, Vec<String>>,
    warnings: &mut Vec<Warning>,
) -> Option<AgentEntry> {
    let (head, groups, rest) = split_codes(line.content);
    if !line.content.contains(']') && !groups.is_empty() {
        warnings.push(warn(line, "code group not closed with ']'".into()));
    }
    let Some(group) = groups.first() else {
        warnings.push(warn(line, "agent line without a [code]: ignored".into()));
        return None;
    };
    if groups.len() > 1 || !rest.is_empty() {
        warnings.push(warn(line, "extra text after the agent code ignored".into()));
    }
    let code_text: String = group.chars().filter(|c| !c.is_whitespace()).collect();
    let (code, placement) = if let Some(c) = code_text.strip_prefix('~') {
        (c, AgentPlacement::Suffix)
    } else if let Some(c) = code_text.strip_suffix('~') {
        (c, AgentPlacement::Prefix)
    } else {
        warnings.push(warn(
            line,
            format!("agent code [{code_text}] has no '~': taken as a suffix"),
        ));
        (code_text.as_str(), AgentPlacement::Suffix)
    };
    if code.is_empty() {
        warnings.push(warn(line, "empty agent code: ignored".into()));
        return None;
    }
    // Split `PHRASE {PLURAL}`.
    let (written, plural) = match head.find('{') {
        Some(i) => {
            let inner = &head[i + 1..];
            let inner = match inner.find('}') {
                Some(j) => &inner[..j],
                None => {
                    warnings.push(warn(line, "'{' without '}'".into()));
                    inner
                }
            };
            (head[..i].trim(), Some(inner.trim()))
        }
        None => (head.trim(), None),
    };
    let singulars = substitute(written, subs, line, warnings);
    let substituted = singulars.len() != 1 || written.contains('!');
    let mut phrases: Vec<Phrase> = singulars.iter().filter_map(|s| parse_phrase(s)).collect();
    if phrases.is_empty() {
        warnings.push(warn(line, "agent line without a phrase: ignored".into()));
        return None;
    }
    match plural {
        Some(p) if !p.is_empty() => {
            for s in substitute(p, subs, line, warnings) {
                phrases.extend(parse_phrase(&s));
            }
        }
        Some(_) => {}
        None if petrarch && !substituted => {
            let extra: Vec<Phrase> = phrases
                .iter()
                .filter(|p| !p.stop)
                .filter_map(Phrase::regular_plural)
                .collect();
            phrases.extend(extra);
        }
        None => {}
    }
    Some(AgentEntry {
        written: head.trim().to_string(),
        phrases,
        code: code.to_uppercase(),
        placement,
        line: line.no,
    })
}

/// Expands every `!MARKER!` in `s` with each member of its set (cartesian product).
fn substitute(
    s: &str,
    subs: &BTreeMap<String, Vec<String>>,
    line: &Line<'_>,
    warnings: &mut Vec<Warning>,
) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut rest = s;
    while let Some(i) = rest.find('!') {
        let after = &rest[i + 1..];
        let Some(j) = after.find('!') else { break };
        let name = after[..j].trim().to_uppercase();
        let prefix = &rest[..i];
        match subs.get(&name) {
            Some(items) if out.len() * items.len() <= 4096 => {
                out = out
                    .iter()
                    .flat_map(|o| items.iter().map(move |it| format!("{o}{prefix}{it}")))
                    .collect();
            }
            _ => {
                warnings.push(warn(
                    line,
                    format!("unknown substitution marker !{name}! kept as a word"),
                ));
                for o in &mut out {
                    o.push_str(prefix);
                    o.push_str(&name);
                }
            }
        }
        rest = &after[j + 1..];
    }
    for o in &mut out {
        o.push_str(rest);
    }
    out
}

fn warn(line: &Line<'_>, msg: String) -> Warning {
    Warning { line: line.no, msg }
}
