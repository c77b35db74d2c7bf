//! Verb dictionaries.
//!
//! PETRARCH-2 (`CAMEO.2.0.txt`): synonym sets (`&NAME` then `+MEMBER` lines, ended by a
//! blank line), verb blocks (`--- SAY [010] ---`) holding verb forms (`SAY`,
//! `+CALL_OFF [160]` where `+` marks the verb word of a multi-word form, irregular forms
//! in `{...}`) and patterns (`- $ * (TO +) [042:043] # comment`), and transformations
//! (`~ a (a b ATTACK) SAY = a b 015`).
//!
//! TABARI (`.verbs`): each `VERB [code]` line starts a new entry, a `{ FORMS }` line
//! gives its irregular forms, `- ...` lines are its patterns; `<SYNSETS>` and `<TIME>`
//! sections; `_` joins tokens that must be adjacent, `{ A | B }` gives alternatives,
//! `~` is a connector marker.

use std::collections::BTreeMap;

use crate::actors::section_open;
use crate::text::{lines, parse_phrase, split_codes, Line};
use crate::types::{
    EventCode, LoadError, Loaded, Pattern, PatternItem, PatternToken, Section, Synset,
    Transformation, VerbDictionary, VerbEntry, VerbForm, Warning,
};

/// Loads a PETRARCH-2 verb dictionary.
pub fn load_petrarch_verbs(
    text: &str,
    path_name: &str,
) -> Result<Loaded<VerbDictionary>, LoadError> {
    load(text, path_name, false)
}

/// Loads a TABARI verb dictionary.
pub fn load_tabari_verbs(text: &str, path_name: &str) -> Result<Loaded<VerbDictionary>, LoadError> {
    load(text, path_name, true)
}

enum Context {
    None,
    Synset(String),
    Verb,
}

fn load(text: &str, path_name: &str, tabari: bool) -> Result<Loaded<VerbDictionary>, LoadError> {
    crate::check_not_data(text, path_name)?;
    let mut warnings = Vec::new();
    let mut dict = VerbDictionary::default();
    let mut ctx = Context::None;
    let mut section: Option<Section> = None;
    for line in lines(text, &mut warnings) {
        let c = line.content;
        if c.starts_with("</") {
            match section.take() {
                Some(sec) => dict.sections.push(sec),
                None => ctx = Context::None, // `</SYNSETS>`
            }
            continue;
        }
        if let Some(sec) = section.as_mut() {
            if !c.is_empty() {
                sec.lines.push((line.no, c.to_string()));
            }
            continue;
        }
        if let Some(name) = section_open(c) {
            if name != "SYNSETS" {
                section = Some(Section {
                    name,
                    lines: Vec::new(),
                });
            }
            ctx = Context::None;
            continue;
        }
        if c.is_empty() {
            if matches!(ctx, Context::Synset(_)) {
                ctx = Context::None;
            }
            continue;
        }
        if let Some(name) = c.strip_prefix('&') {
            let name = name.trim().to_uppercase();
            if name.is_empty() || name.contains(char::is_whitespace) {
                warnings.push(warn(&line, format!("bad synonym set name {c:?}")));
            }
            if dict.synsets.contains_key(&name) {
                warnings.push(warn(
                    &line,
                    format!("synonym set &{name} defined again: members merged"),
                ));
            }
            dict.synsets.entry(name.clone()).or_insert(Synset {
                members: Vec::new(),
                line: line.no,
            });
            ctx = Context::Synset(name);
            continue;
        }
        if c.starts_with("---") {
            let inner = c.trim_matches('-').trim();
            let (name, groups, _) = split_codes(inner);
            dict.verbs.push(VerbEntry {
                lemma: name.trim().to_uppercase(),
                code: groups.first().map(|g| EventCode::parse(g)),
                forms: Vec::new(),
                patterns: Vec::new(),
                line: line.no,
            });
            if name.trim().is_empty() {
                warnings.push(warn(&line, "verb block without a name".into()));
            }
            ctx = Context::Verb;
            continue;
        }
        if let Some(rest) = c.strip_prefix('~') {
            match rest.split_once('=') {
                Some((l, r)) => dict.transformations.push(Transformation {
                    lhs: l.trim().to_string(),
                    rhs: r.trim().to_string(),
                    line: line.no,
                }),
                None => warnings.push(warn(&line, "transformation without '=' ignored".into())),
            }
            continue;
        }
        if let Context::Synset(name) = &ctx {
            if let Some(m) = c.strip_prefix('+') {
                match parse_phrase(m) {
                    Some(p) => {
                        if let Some(s) = dict.synsets.get_mut(name) {
                            s.members.push(p);
                        }
                    }
                    None => warnings.push(warn(&line, "empty synonym set member".into())),
                }
                continue;
            }
            ctx = Context::None;
            if !tabari && !matches!(c.as_bytes().first(), Some(b'-')) {
                warnings.push(warn(
                    &line,
                    "line inside a synonym set does not start with '+'".into(),
                ));
            }
        }
        if let Some(body) = c.strip_prefix('-') {
            let Some(verb) = dict.verbs.last_mut() else {
                warnings.push(warn(&line, "pattern before any verb: ignored".into()));
                continue;
            };
            let p = parse_pattern(body, &line, &dict.synsets, &mut warnings);
            verb.patterns.push(p);
            continue;
        }
        if c.starts_with('{') {
            // TABARI: irregular forms of the verb on the previous line.
            let Some(form) = dict.verbs.last_mut().and_then(|v| v.forms.last_mut()) else {
                warnings.push(warn(
                    &line,
                    "irregular forms before any verb: ignored".into(),
                ));
                continue;
            };
            let (head, groups, _) = split_codes(c);
            form.irregular
                .extend(irregular_forms(head, &line, &mut warnings));
            if let (None, Some(g)) = (&form.code, groups.first()) {
                form.code = Some(EventCode::parse(g));
            }
            continue;
        }
        // A verb form line.
        let Some(form) = parse_form(c, &line, &mut warnings) else {
            continue;
        };
        if tabari || matches!(ctx, Context::None) && dict.verbs.is_empty() {
            if !tabari {
                warnings.push(warn(
                    &line,
                    "verb form before any '--- VERB ---' block: starts one".into(),
                ));
            }
            dict.verbs.push(VerbEntry {
                lemma: form_text(&form),
                code: form.code.clone(),
                forms: vec![form],
                patterns: Vec::new(),
                line: line.no,
            });
            ctx = Context::Verb;
        } else if let Some(v) = dict.verbs.last_mut() {
            v.forms.push(form);
            ctx = Context::Verb;
        }
    }
    if let Some(sec) = section {
        warnings.push(Warning {
            line: sec.lines.last().map_or(1, |l| l.0),
            msg: format!("section <{}> is not closed", sec.name),
        });
        dict.sections.push(sec);
    }
    // Undefined synonym-set references.
    let mut undefined: Vec<(usize, String)> = Vec::new();
    for v in &dict.verbs {
        for p in &v.patterns {
            collect_refs(&p.items, &mut |name| {
                if !dict.synsets.contains_key(name) {
                    undefined.push((p.line, name.to_string()));
                }
            });
        }
    }
    for (l, name) in undefined {
        warnings.push(Warning {
            line: l,
            msg: format!("reference to undefined synonym set &{name}"),
        });
    }
    warnings.sort_by_key(|w| w.line);
    Ok(Loaded {
        value: dict,
        warnings,
    })
}

fn collect_refs(items: &[PatternItem], f: &mut dyn FnMut(&str)) {
    for it in items {
        match &it.token {
            PatternToken::Synset(n) => f(n),
            PatternToken::Prep(v) | PatternToken::Group(v) => collect_refs(v, f),
            PatternToken::Alternatives(alts) => {
                for a in alts {
                    collect_refs(a, f);
                }
            }
            _ => {}
        }
    }
}

fn form_text(f: &VerbForm) -> String {
    let mut s = f.words.join("_");
    if f.stop {
        s.push('_');
    }
    s
}

fn split_form_words(s: &str) -> (Vec<String>, usize, bool) {
    let mut words = Vec::new();
    let mut head = None;
    for w in s.split(|c: char| c == '_' || c.is_whitespace()) {
        if w.is_empty() {
            continue;
        }
        let (w, marked) = match w.strip_prefix('+') {
            Some(rest) => (rest, true),
            None => (w, false),
        };
        let w = w.trim_end_matches('=');
        if w.is_empty() {
            continue;
        }
        if marked && head.is_none() {
            head = Some(words.len());
        }
        words.push(w.to_uppercase());
    }
    let stop = s.trim_end().ends_with('_');
    (words, head.unwrap_or(0), stop)
}

fn irregular_forms(s: &str, line: &Line<'_>, warnings: &mut Vec<Warning>) -> Vec<Vec<String>> {
    let s = s.trim().trim_start_matches('{');
    let inner = match s.find('}') {
        Some(i) => &s[..i],
        None => {
            warnings.push(warn(line, "'{' without '}'".into()));
            s
        }
    };
    inner
        .split_whitespace()
        .map(|f| split_form_words(f).0)
        .filter(|w| !w.is_empty())
        .collect()
}

fn parse_form(c: &str, line: &Line<'_>, warnings: &mut Vec<Warning>) -> Option<VerbForm> {
    let (head, groups, rest) = split_codes(c);
    let (name, irregular) = match head.find('{') {
        Some(i) => (&head[..i], irregular_forms(&head[i..], line, warnings)),
        None => (head, Vec::new()),
    };
    if head
        .find('}')
        .is_some_and(|i| !head[i + 1..].trim().is_empty())
    {
        warnings.push(warn(line, "text after irregular forms ignored".into()));
    }
    let (words, head_idx, stop) = split_form_words(name);
    if words.is_empty() {
        warnings.push(warn(line, "verb form line without a word: ignored".into()));
        return None;
    }
    if name.contains('=') {
        warnings.push(warn(line, "'=' in verb form dropped".into()));
    }
    if groups.len() > 1 || !rest.is_empty() {
        warnings.push(warn(line, "extra text after the verb code ignored".into()));
    }
    Some(VerbForm {
        words,
        head: head_idx,
        stop,
        irregular,
        code: groups.first().map(|g| EventCode::parse(g)),
        line: line.no,
    })
}

/// Parses the body of a `- ...` pattern line (after the `-`).
fn parse_pattern(
    body: &str,
    line: &Line<'_>,
    synsets: &BTreeMap<String, Synset>,
    warnings: &mut Vec<Warning>,
) -> Pattern {
    let (toks, groups, rest) = split_codes(body);
    if groups.is_empty() {
        warnings.push(warn(line, "pattern without a [code]".into()));
    }
    if groups.len() > 1 || !rest.is_empty() {
        warnings.push(warn(
            line,
            "extra text after the pattern code ignored".into(),
        ));
    }
    let items = tokenize(toks, line, synsets, warnings);
    if !contains_verb(&items) {
        warnings.push(warn(line, "pattern without a '*' verb marker".into()));
    }
    Pattern {
        items,
        code: groups.first().map(|g| EventCode::parse(g)),
        comment: line.comment.filter(|c| !c.is_empty()).map(str::to_string),
        text: line.raw.trim_end().to_string(),
        line: line.no,
    }
}

fn contains_verb(items: &[PatternItem]) -> bool {
    items.iter().any(|it| match &it.token {
        PatternToken::Verb => true,
        PatternToken::Prep(v) | PatternToken::Group(v) => contains_verb(v),
        PatternToken::Alternatives(a) => a.iter().any(|v| contains_verb(v)),
        _ => false,
    })
}

/// Deeper `(`/`{` nesting than this is ignored (real patterns use at most 2 levels); it
/// keeps recursion over pattern trees bounded whatever the input.
const MAX_NESTING: usize = 16;

#[derive(Clone, Copy, PartialEq)]
enum Frame {
    Paren,
    Brace,
}

fn is_word_char(c: char) -> bool {
    !c.is_whitespace() && !"_~(){}|[]*$^%+&".contains(c)
}

fn tokenize(
    s: &str,
    line: &Line<'_>,
    synsets: &BTreeMap<String, Synset>,
    warnings: &mut Vec<Warning>,
) -> Vec<PatternItem> {
    // Each frame: kind and its alternatives (a single one unless `|` was seen).
    let mut stack: Vec<(Frame, Vec<Vec<PatternItem>>)> = Vec::new();
    let mut top: Vec<Vec<PatternItem>> = vec![Vec::new()];
    let chars: Vec<char> = s.chars().collect();
    let mut i = 0;
    fn cur(top: &mut [Vec<PatternItem>]) -> &mut Vec<PatternItem> {
        let n = top.len();
        &mut top[n - 1]
    }
    fn push(top: &mut [Vec<PatternItem>], token: PatternToken) {
        cur(top).push(PatternItem {
            token,
            adjacent: false,
            tilde: false,
        });
    }
    /// Closes the innermost group, whatever closed it (mismatches were already warned).
    fn close(stack: &mut Vec<(Frame, Vec<Vec<PatternItem>>)>, top: &mut Vec<Vec<PatternItem>>) {
        let Some((frame, mut parent)) = stack.pop() else {
            return;
        };
        let inner = std::mem::take(top);
        let token = match frame {
            Frame::Paren => PatternToken::Prep(inner.into_iter().flatten().collect()),
            Frame::Brace if inner.len() > 1 => PatternToken::Alternatives(inner),
            Frame::Brace => PatternToken::Group(inner.into_iter().flatten().collect()),
        };
        let n = parent.len();
        parent[n - 1].push(PatternItem {
            token,
            adjacent: false,
            tilde: false,
        });
        *top = parent;
    }
    while i < chars.len() {
        let c = chars[i];
        match c {
            c if c.is_whitespace() => {}
            '_' => {
                // `_` after a token joins it to the next one; a leading `_` in a group
                // (`{_A}`) has nothing to attach to and is dropped.
                if let Some(last) = cur(&mut top).last_mut() {
                    last.adjacent = true;
                }
            }
            '~' => {
                if let Some(last) = cur(&mut top).last_mut() {
                    last.tilde = true;
                }
            }
            '(' | '{' if stack.len() >= MAX_NESTING => {
                warnings.push(warn(line, format!("'{c}' nested too deeply: ignored")));
            }
            '(' | '{' => {
                let kind = if c == '(' { Frame::Paren } else { Frame::Brace };
                stack.push((kind, std::mem::replace(&mut top, vec![Vec::new()])));
            }
            ')' | '}' => {
                let kind = if c == ')' { Frame::Paren } else { Frame::Brace };
                match stack.last() {
                    Some((k, _)) if *k == kind => close(&mut stack, &mut top),
                    Some(_) => {
                        warnings.push(warn(line, format!("mismatched '{c}' in pattern")));
                        close(&mut stack, &mut top);
                    }
                    None => {
                        warnings.push(warn(line, format!("unmatched '{c}' in pattern ignored")))
                    }
                }
            }
            ']' if stack.last().is_some_and(|(k, _)| *k == Frame::Brace) => {
                warnings.push(warn(line, "'{' closed by ']' in pattern".into()));
                close(&mut stack, &mut top);
            }
            '|' => {
                if stack.last().is_some_and(|(k, _)| *k == Frame::Brace) {
                    top.push(Vec::new());
                } else {
                    warnings.push(warn(line, "'|' outside '{...}' ignored".into()));
                }
            }
            '*' => push(&mut top, PatternToken::Verb),
            '$' => push(&mut top, PatternToken::Source),
            '+' => push(&mut top, PatternToken::Target),
            '^' => push(&mut top, PatternToken::Skip),
            '%' => push(&mut top, PatternToken::Compound),
            '&' => {
                // Longest defined synset name at a `_` boundary; otherwise up to the
                // first `_`. Lengths are counted in chars of the original text.
                let mut j = i + 1;
                while j < chars.len() && (is_word_char(chars[j]) || chars[j] == '_') {
                    j += 1;
                }
                let run = &chars[i + 1..j];
                let upper = |n: usize| run[..n].iter().collect::<String>().to_uppercase();
                let mut best: Option<usize> = None;
                // Set names are short: only the first 64 chars are candidates.
                for (k, &ch) in run.iter().enumerate().take(64) {
                    if ch == '_' {
                        if synsets.contains_key(&upper(k)) {
                            best = Some(k);
                        }
                        if synsets.contains_key(&upper(k + 1)) {
                            best = Some(k + 1);
                        }
                    }
                }
                if run.len() <= 64 && synsets.contains_key(&upper(run.len())) {
                    best = Some(run.len());
                }
                let first_break = run.iter().position(|&c| c == '_').unwrap_or(run.len());
                let mut resolved: Option<String> = None;
                if best.is_none() {
                    // `&PREPOSIT1` for a set defined as `&PREPOSIT1_`.
                    let with = format!("{}_", upper(first_break));
                    if first_break > 0 && synsets.contains_key(&with) {
                        best = Some(first_break);
                        resolved = Some(with);
                    }
                }
                let take = best.unwrap_or(first_break);
                let name = resolved.unwrap_or_else(|| upper(take));
                if name.is_empty() {
                    warnings.push(warn(line, "'&' without a synonym set name".into()));
                } else {
                    push(&mut top, PatternToken::Synset(name));
                }
                i += 1 + take;
                continue;
            }
            _ => {
                let mut j = i;
                while j < chars.len() && is_word_char(chars[j]) {
                    j += 1;
                }
                if j == i {
                    // `[` or `]` cannot reach here (split off before); skip defensively.
                    i += 1;
                    continue;
                }
                let w: String = chars[i..j].iter().collect::<String>().to_uppercase();
                push(&mut top, PatternToken::Word(w));
                i = j;
                continue;
            }
        }
        i += 1;
    }
    if !stack.is_empty() {
        warnings.push(warn(line, "unclosed '(' or '{' in pattern".into()));
        while !stack.is_empty() {
            close(&mut stack, &mut top);
        }
    }
    top.into_iter().flatten().collect()
}

fn warn(line: &Line<'_>, msg: String) -> Warning {
    Warning { line: line.no, msg }
}
