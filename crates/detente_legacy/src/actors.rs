//! Actor dictionaries (PETRARCH-2 `*.actors.txt`, TABARI `.actors`): a primary name line,
//! `+` synonym lines, and `[CODE]` groups with optional date restrictions, either on the
//! name line or on following (usually tab-indented) lines. TABARI files may also carry
//! `<NOUN>`/`<ADJECTIVE>` word-list sections.

use crate::text::{lines, parse_dated_code, parse_phrase, split_codes, Line};
use crate::types::{ActorDictionary, ActorEntry, LoadError, Loaded, Section, Warning};

/// Loads a PETRARCH-2 actor dictionary.
pub fn load_petrarch_actors(
    text: &str,
    path_name: &str,
) -> Result<Loaded<ActorDictionary>, LoadError> {
    load(text, path_name)
}

/// Loads a TABARI actor dictionary (`;` comments, `<NOUN>`/`<ADJECTIVE>` sections).
pub fn load_tabari_actors(
    text: &str,
    path_name: &str,
) -> Result<Loaded<ActorDictionary>, LoadError> {
    load(text, path_name)
}

fn load(text: &str, path_name: &str) -> Result<Loaded<ActorDictionary>, LoadError> {
    crate::check_not_data(text, path_name)?;
    let mut warnings = Vec::new();
    let mut dict = ActorDictionary::default();
    let mut section: Option<Section> = None;
    // True while the current entry has names but no codes yet and no blank line has
    // followed: another name line then joins it (PETRARCH files list several un-prefixed
    // names above one code block).
    let mut open_names = false;
    for line in lines(text, &mut warnings) {
        let c = line.content;
        if let Some(sec) = section.as_mut() {
            if c.starts_with("</") {
                let name = c.trim_start_matches("</").trim_end_matches('>').trim();
                if !name.eq_ignore_ascii_case(&sec.name) {
                    warnings.push(warn(&line, format!("</{name}> closes <{}>", sec.name)));
                }
                dict.sections.extend(section.take());
            } else if !c.is_empty() {
                sec.lines.push((line.no, c.to_string()));
            }
            continue;
        }
        if c.starts_with("</") && c.ends_with('>') {
            warnings.push(warn(&line, format!("{c} without an open section ignored")));
            continue;
        }
        if let Some(name) = section_open(c) {
            section = Some(Section {
                name,
                lines: Vec::new(),
            });
            continue;
        }
        if c.is_empty() {
            open_names = false;
            continue;
        }
        if let Some(syn) = c.strip_prefix('+') {
            let (name, groups, rest) = split_codes(syn);
            let Some(entry) = dict.entries.last_mut() else {
                warnings.push(warn(&line, "synonym before any actor: ignored".into()));
                continue;
            };
            match parse_phrase(name) {
                Some(p) => entry.names.push(p),
                None => warnings.push(warn(&line, "empty synonym".into())),
            }
            add_codes(entry, &groups, &rest, &line, &mut warnings);
            open_names = entry.codes.is_empty();
        } else if c.starts_with('[') {
            let (_, groups, rest) = split_codes(c);
            let Some(entry) = dict.entries.last_mut() else {
                warnings.push(warn(&line, "code line before any actor: ignored".into()));
                continue;
            };
            add_codes(entry, &groups, &rest, &line, &mut warnings);
            open_names = false;
        } else {
            let (name, groups, rest) = split_codes(c);
            let Some(phrase) = parse_phrase(name) else {
                warnings.push(warn(&line, "actor line without a name".into()));
                continue;
            };
            if open_names {
                if let Some(entry) = dict.entries.last_mut() {
                    if entry.codes.is_empty() {
                        entry.names.push(phrase);
                        add_codes(entry, &groups, &rest, &line, &mut warnings);
                        open_names = entry.codes.is_empty();
                        continue;
                    }
                }
            }
            open_names = groups.is_empty();
            let mut entry = ActorEntry {
                names: vec![phrase],
                codes: Vec::new(),
                line: line.no,
            };
            add_codes(&mut entry, &groups, &rest, &line, &mut warnings);
            dict.entries.push(entry);
        }
    }
    if let Some(sec) = section {
        warnings.push(Warning {
            line: sec.lines.last().map_or(1, |l| l.0),
            msg: format!("section <{}> is not closed", sec.name),
        });
        dict.sections.push(sec);
    }
    for e in &dict.entries {
        if e.codes.is_empty() {
            warnings.push(Warning {
                line: e.line,
                msg: format!("actor {} has no code", e.names[0]),
            });
        }
    }
    warnings.sort_by_key(|w| w.line);
    Ok(Loaded {
        value: dict,
        warnings,
    })
}

/// `<NOUN>` → `Some("NOUN")`; comments (`<!`) and closers are not openers.
pub(crate) fn section_open(c: &str) -> Option<String> {
    let inner = c.strip_prefix('<')?.strip_suffix('>')?;
    (!inner.is_empty() && inner.chars().all(|ch| ch.is_ascii_alphabetic()))
        .then(|| inner.to_uppercase())
}

fn add_codes(
    entry: &mut ActorEntry,
    groups: &[String],
    rest: &str,
    line: &Line<'_>,
    warnings: &mut Vec<Warning>,
) {
    for g in groups {
        match parse_dated_code(g) {
            Ok((dc, notes)) => {
                for n in notes {
                    warnings.push(warn(line, n));
                }
                if g.trim().chars().any(|c| c.is_ascii_lowercase()) {
                    warnings.push(warn(
                        line,
                        format!("lower-case code [{}] upper-cased", g.trim()),
                    ));
                }
                entry.codes.push(dc);
            }
            Err(msg) => warnings.push(warn(line, format!("{msg}: ignored"))),
        }
    }
    if !rest.is_empty() {
        warnings.push(warn(
            line,
            format!("text after the codes ignored: {rest:?}"),
        ));
    }
}

fn warn(line: &Line<'_>, msg: String) -> Warning {
    Warning { line: line.no, msg }
}
