//! `detente validate`: runs a PETRARCH validation suite (XML) or a TABARI one (`.text`
//! records with `{ SRC / TGT / CODE }` comments) and prints the pass rate per category
//! and overall, as PETRARCH and TABARI did for dictionary maintainers.
//!
//! A record passes when the set of coded (source, target, code) triples equals the
//! expected set (PETRARCH's criterion; `---` and empty codes are the same; negated and
//! hypothetical events are not claims). The dictionaries come from the suite itself
//! (the XML `<Environment>`, or the TABARI `.project` file next to the text), resolved
//! against the suite's directory; `--actors/--agents/--verbs/--discards` override them.
//!
//! The PETRARCH files are not strictly well-formed XML (comment blocks with stray `--`,
//! `noevents = "True"`), so they are read by a small lenient reader; what it cannot read
//! (an unterminated comment, tag or `<Text>`, a sentence without text) is an error that
//! names the file and line.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{bail, Context};
use detente_dates::EventDate;
use detente_events::{Article, Coder, Mode};

use crate::code::DictArgs;
use crate::output::{one_line, write_stdout};

/// Arguments of `detente validate`.
#[derive(clap::Args)]
pub(crate) struct ValidateArgs {
    /// The validation suite: a PETRARCH XML file, or a TABARI `.text` file.
    file: PathBuf,
    /// List the failing records with the expected and the coded events.
    #[arg(long)]
    show_failures: bool,
    #[command(flatten)]
    dicts: DictArgs,
}

/// An (source, target, code) triple, codes normalised (`---` → empty).
type Triple = (String, String, String);

/// One validation record.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Record {
    pub(crate) id: String,
    pub(crate) category: String,
    pub(crate) date: Option<EventDate>,
    pub(crate) text: String,
    pub(crate) expected: BTreeSet<Triple>,
    /// Line of the record in the suite.
    pub(crate) line: usize,
}

/// The dictionaries a suite names (paths as written, relative to the suite's folder).
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Environment {
    pub(crate) verbs: Option<String>,
    pub(crate) actors: Vec<String>,
    pub(crate) agents: Option<String>,
    pub(crate) discards: Option<String>,
}

/// A parsed suite.
#[derive(Debug, Default, Clone, PartialEq)]
pub(crate) struct Suite {
    pub(crate) env: Environment,
    pub(crate) records: Vec<Record>,
}

fn norm(code: &str) -> String {
    let c = code.trim().to_uppercase();
    if matches!(c.as_str(), "---" | "NONE" | "NULL") {
        String::new()
    } else {
        c
    }
}

fn line_at(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())]
        .bytes()
        .filter(|&b| b == b'\n')
        .count()
        + 1
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// `name = "value"` pairs of a tag's inside (names lower-cased).
fn attributes(inside: &str) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut rest = inside;
    while let Some(eq) = rest.find('=') {
        let name = rest[..eq]
            .split_whitespace()
            .last()
            .unwrap_or_default()
            .to_lowercase();
        let after = rest[eq + 1..].trim_start();
        let Some(q) = after.chars().next().filter(|c| *c == '"' || *c == '\'') else {
            rest = &rest[eq + 1..];
            continue;
        };
        let body = &after[1..];
        let Some(end) = body.find(q) else { break };
        out.insert(name, unescape(&body[..end]));
        rest = &body[end + 1..];
    }
    out
}

/// `19950101`, `950101` (TABARI's YYMMDD) or `1995-01-01`.
fn suite_date(d: &str) -> Option<EventDate> {
    let d = d.trim();
    let iso = if d.len() == 8 && d.bytes().all(|b| b.is_ascii_digit()) {
        format!("{}-{}-{}", &d[..4], &d[4..6], &d[6..])
    } else if d.len() == 6 && d.bytes().all(|b| b.is_ascii_digit()) {
        let y: u32 = d[..2].parse().ok()?;
        let y = if y > 30 { 1900 + y } else { 2000 + y };
        format!("{y}-{}-{}", &d[2..4], &d[4..])
    } else {
        d.to_string()
    };
    EventDate::parse(&iso).filter(|e| e.day.is_some())
}

/// The category of a record without one: its id up to the first `-` ("FBIS-001-02").
fn category_of_id(id: &str) -> String {
    id.split_once('-').map_or(id, |(c, _)| c).to_string()
}

/// Reads a PETRARCH validation XML file.
pub(crate) fn parse_petrarch_xml(name: &str, raw: &str) -> anyhow::Result<Suite> {
    // Comments become blanks of the same shape, so byte offsets and lines survive.
    let mut text = String::with_capacity(raw.len());
    let mut rest = raw;
    let mut offset = 0;
    while let Some(start) = rest.find("<!--") {
        text.push_str(&rest[..start]);
        let Some(len) = rest[start..].find("-->") else {
            bail!(
                "{name}:{}: unterminated comment '<!--'",
                line_at(raw, offset + start)
            );
        };
        let comment = &rest[start..start + len + 3];
        text.extend(comment.chars().map(|c| if c == '\n' { '\n' } else { ' ' }));
        offset += start + len + 3;
        rest = &rest[start + len + 3..];
    }
    text.push_str(rest);
    let text = text.as_str();
    let mut suite = Suite::default();
    let element = |tag: &str| -> Option<String> {
        let open = format!("<{tag}>");
        let s = text.find(&open)? + open.len();
        let e = text[s..].find(&format!("</{tag}>"))?;
        Some(unescape(text[s..s + e].trim()))
    };
    suite.env.verbs = element("Verbfile");
    suite.env.actors = element("Actorfile")
        .map(|a| {
            a.split([',', ';'])
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    suite.env.agents = element("Agentfile");
    suite.env.discards = element("Discardfile");
    // Every <Sentence ...> up to the next one (or </Sentences>).
    let mut starts: Vec<usize> = Vec::new();
    let mut from = 0;
    while let Some(p) = text[from..].find("<Sentence") {
        let at = from + p;
        let next = text[at + 9..].chars().next();
        if next.is_some_and(|c| c.is_whitespace() || c == '>' || c == '/') {
            starts.push(at);
        }
        from = at + 9;
    }
    if starts.is_empty() {
        bail!(
            "{name}:{}: no <Sentence> records found",
            line_at(text, text.len())
        );
    }
    let end_all = text.find("</Sentences>").unwrap_or(text.len());
    let mut seen = BTreeSet::new();
    for (k, &s) in starts.iter().enumerate() {
        let line = line_at(text, s);
        let Some(close) = text[s..].find('>') else {
            bail!("{name}:{line}: unterminated <Sentence> tag");
        };
        let attrs = attributes(text[s + 9..s + close].trim_end_matches('/'));
        let body_end = starts
            .get(k + 1)
            .copied()
            .unwrap_or(end_all.max(s + close + 1));
        let body = &text[s + close + 1..body_end.max(s + close + 1)];
        let Some(t0) = body.find("<Text>") else {
            bail!("{name}:{line}: record without <Text>");
        };
        let Some(t1) = body[t0..].find("</Text>") else {
            bail!(
                "{name}:{}: <Text> is not closed before the next record",
                line_at(text, s + close + 1 + t0)
            );
        };
        let sentence = unescape(&body[t0 + 6..t0 + t1]);
        let sentence = sentence.split_whitespace().collect::<Vec<_>>().join(" ");
        let mut expected = BTreeSet::new();
        let mut cfrom = 0;
        while let Some(p) = body[cfrom..].find("<EventCoding") {
            let at = cfrom + p;
            let Some(c) = body[at..].find('>') else {
                bail!(
                    "{name}:{}: unterminated <EventCoding> tag",
                    line_at(text, s + close + 1 + at)
                );
            };
            let a = attributes(body[at + 12..at + c].trim_end_matches('/'));
            if let Some(code) = a.get("eventcode") {
                if !a.contains_key("error")
                    && a.get("noevents")
                        .is_none_or(|v| !v.eq_ignore_ascii_case("true"))
                {
                    expected.insert((
                        norm(a.get("sourcecode").map_or("", String::as_str)),
                        norm(a.get("targetcode").map_or("", String::as_str)),
                        code.trim().to_string(),
                    ));
                }
            }
            cfrom = at + c;
        }
        let mut id = attrs
            .get("id")
            .cloned()
            .unwrap_or_else(|| format!("record-{}", k + 1));
        while !seen.insert(id.clone()) {
            id.push('+');
        }
        let category = attrs
            .get("category")
            .cloned()
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| category_of_id(&id));
        suite.records.push(Record {
            id,
            category,
            date: attrs.get("date").and_then(|d| suite_date(d)),
            text: sentence,
            expected,
            line,
        });
    }
    Ok(suite)
}

/// Reads a TABARI validation text: `YYMMDD ID` lines, the text, then a `/* ... */`
/// comment whose `{ SRC / TGT / CODE }` items are the expected events. Records whose
/// comment sets an option (`{ OPTION: ... }`) are not coding tests and are left out.
pub(crate) fn parse_tabari_text(name: &str, raw: &str) -> anyhow::Result<Suite> {
    let lines: Vec<&str> = raw.lines().collect();
    let mut suite = Suite::default();
    let mut i = 0;
    let mut seen = BTreeSet::new();
    while i < lines.len() {
        let l = lines[i].trim();
        let mut head = l.split_whitespace();
        let (Some(date), Some(id)) = (head.next(), head.next()) else {
            i += 1;
            continue;
        };
        if date.len() != 6 || !date.bytes().all(|b| b.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let line = i + 1;
        let mut text = Vec::new();
        i += 1;
        while i < lines.len() && !lines[i].trim_start().starts_with("/*") {
            text.push(lines[i].trim());
            i += 1;
        }
        if i >= lines.len() {
            bail!("{name}:{line}: record {id} has no '/* ... */' comment with its events");
        }
        let mut comment = String::new();
        let start = i;
        loop {
            comment.push_str(lines[i]);
            comment.push('\n');
            if lines[i].contains("*/") {
                break;
            }
            i += 1;
            if i >= lines.len() {
                bail!("{name}:{}: unterminated comment '/*'", start + 1);
            }
        }
        i += 1;
        let mut expected = BTreeSet::new();
        let mut option = false;
        let mut rest = comment.as_str();
        while let Some(a) = rest.find('{') {
            let Some(b) = rest[a..].find('}') else { break };
            let item = rest[a + 1..a + b].trim();
            rest = &rest[a + b + 1..];
            if item.to_uppercase().starts_with("OPTION") {
                option = true;
            }
            let parts: Vec<&str> = item.split('/').map(str::trim).collect();
            if parts.len() == 3 {
                expected.insert((norm(parts[0]), norm(parts[1]), parts[2].to_string()));
            }
        }
        if option {
            continue;
        }
        let mut rid = id.to_string();
        while !seen.insert(rid.clone()) {
            rid.push('+');
        }
        suite.records.push(Record {
            category: category_of_id(id),
            id: rid,
            date: suite_date(date),
            text: text
                .join(" ")
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" "),
            expected,
            line,
        });
    }
    if suite.records.is_empty() {
        bail!("{name}:1: no validation records found");
    }
    Ok(suite)
}

/// `<actorsfile> X` lines of a TABARI `.project` file.
fn tabari_project(text: &str) -> Environment {
    let mut env = Environment::default();
    for l in text.lines() {
        let l = l.trim();
        let Some(rest) = l.strip_prefix('<') else {
            continue;
        };
        let Some((key, value)) = rest.split_once('>') else {
            continue;
        };
        let value = value.trim().to_string();
        if value.is_empty() {
            continue;
        }
        match key.trim().to_lowercase().as_str() {
            "actorsfile" => env.actors.push(value),
            "verbsfile" => env.verbs = Some(value),
            "agentsfile" => env.agents = Some(value),
            "discardfile" | "discardsfile" => env.discards = Some(value),
            _ => {}
        }
    }
    env
}

/// Reads a suite file of either kind, with its environment.
fn read_suite(path: &Path) -> anyhow::Result<Suite> {
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    let raw = detente_legacy::decode(&bytes).0;
    let name = path.display().to_string();
    if raw.trim_start().starts_with('<') {
        return parse_petrarch_xml(&name, &raw);
    }
    let mut suite = parse_tabari_text(&name, &raw)?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let project = dir.join(format!("{stem}.project"));
    if let Ok(b) = std::fs::read(&project) {
        suite.env = tabari_project(&detente_legacy::decode(&b).0);
    }
    Ok(suite)
}

/// The dictionaries for the run: the options, else the suite's, relative to its folder.
fn dictionaries(args: &DictArgs, env: &Environment, dir: &Path) -> DictArgs {
    let rel = |p: &String| dir.join(p);
    DictArgs {
        actors: if args.actors.is_empty() {
            env.actors.iter().map(rel).collect()
        } else {
            args.actors.clone()
        },
        agents: args.agents.clone().or_else(|| env.agents.as_ref().map(rel)),
        verbs: args.verbs.clone().or_else(|| env.verbs.as_ref().map(rel)),
        discards: args
            .discards
            .clone()
            .or_else(|| env.discards.as_ref().map(rel)),
        model: args.model.clone(),
    }
}

fn show(set: &BTreeSet<Triple>) -> String {
    if set.is_empty() {
        return "(none)".into();
    }
    set.iter()
        .map(|(s, t, c)| {
            let s = if s.is_empty() { "---" } else { s };
            let t = if t.is_empty() { "---" } else { t };
            format!("{s} {t} {c}")
        })
        .collect::<Vec<_>>()
        .join("; ")
}

pub(crate) fn run(args: &ValidateArgs) -> anyhow::Result<ExitCode> {
    let suite = read_suite(&args.file)?;
    let dir = args.file.parent().unwrap_or(Path::new("."));
    let dicts = dictionaries(&args.dicts, &suite.env, dir);
    for p in dicts
        .actors
        .iter()
        .chain(&dicts.agents)
        .chain(&dicts.verbs)
        .chain(&dicts.discards)
    {
        if !p.exists() {
            bail!(
                "{}: dictionary {} named by the suite does not exist",
                args.file.display(),
                p.display()
            );
        }
    }
    let (kb, lex, model) = crate::code::setup(&dicts)?;
    let coder = Coder::new(&kb, lex);
    // category → (passed, total), in order of first appearance.
    let mut order: Vec<String> = Vec::new();
    let mut counts: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut failures = String::new();
    for r in &suite.records {
        let got: BTreeSet<Triple> = match detente_pipeline::analyze(model.get(), &r.text) {
            Ok(doc) => {
                let article = Article {
                    id: &r.id,
                    text: &r.text,
                    date: r.date,
                };
                coder
                    .code(&doc, &article)
                    .into_iter()
                    .filter(|e| !matches!(e.mode, Mode::Negated | Mode::Hypothetical))
                    .map(|e| {
                        (
                            norm(&e.source.code),
                            norm(e.target.as_ref().map_or("", |t| t.code.as_str())),
                            e.cameo,
                        )
                    })
                    .collect()
            }
            Err(e) => {
                eprintln!(
                    "error: {}:{}: record {}: {e}",
                    args.file.display(),
                    r.line,
                    r.id
                );
                BTreeSet::new()
            }
        };
        let pass = got == r.expected;
        if !counts.contains_key(&r.category) {
            order.push(r.category.clone());
        }
        let c = counts.entry(r.category.clone()).or_default();
        c.1 += 1;
        if pass {
            c.0 += 1;
        } else if args.show_failures {
            let _ = writeln!(
                failures,
                "FAIL {} [{}] (line {})\n  text:     {}\n  expected: {}\n  got:      {}",
                r.id,
                r.category,
                r.line,
                one_line(&r.text),
                show(&r.expected),
                show(&got)
            );
        }
    }
    let mut out = failures;
    if !out.is_empty() {
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{:<16} {:>6} {:>6} {:>7}",
        "category", "passed", "total", "rate"
    );
    let (mut passed, mut total) = (0, 0);
    for cat in &order {
        let (p, t) = counts[cat];
        passed += p;
        total += t;
        let _ = writeln!(
            out,
            "{cat:<16} {p:>6} {t:>6} {:>6.1}%",
            100.0 * p as f64 / t.max(1) as f64
        );
    }
    let _ = writeln!(
        out,
        "{:<16} {passed:>6} {total:>6} {:>6.1}%",
        "overall",
        100.0 * passed as f64 / total.max(1) as f64
    );
    write_stdout(&out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_petrarch_records() {
        let xml = "<Validation>\n<Environment>\n<Verbfile>v.txt</Verbfile>\n<Actorfile>a.txt</Actorfile>\n</Environment>\n\
            <Sentences>\n<!-- a comment\n -- with dashes -->\n\
            <Sentence date=\"19950101\" id=\"DEMO-00\" category=\"DEMO\">\n\
            <EventCoding sourcecode=\"ARN\" targetcode=\"GON\" eventcode=\"064\"></EventCoding>\n\
            <Text>\nArnor is about to restore\n ties with Gondor.\n</Text>\n</Sentence>\n\
            <Sentence date=\"19950101\" id=\"X-1\">\n<EventCoding noevents = \"True\"/>\n<Text>Nothing &amp; more.</Text>\n</Sentence>\n\
            </Sentences>\n";
        let s = parse_petrarch_xml("t.xml", xml).unwrap();
        assert_eq!(s.env.verbs.as_deref(), Some("v.txt"));
        assert_eq!(s.env.actors, vec!["a.txt"]);
        assert_eq!(s.records.len(), 2);
        let r = &s.records[0];
        assert_eq!(
            (r.id.as_str(), r.category.as_str(), r.line),
            ("DEMO-00", "DEMO", 9)
        );
        assert_eq!(r.text, "Arnor is about to restore ties with Gondor.");
        assert!(r
            .expected
            .contains(&("ARN".into(), "GON".into(), "064".into())));
        assert_eq!(s.records[1].category, "X");
        assert_eq!(s.records[1].text, "Nothing & more.");
        assert!(s.records[1].expected.is_empty());
    }

    #[test]
    fn bad_xml_names_the_line() {
        let e = parse_petrarch_xml("t.xml", "<S>\n<!-- open\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("t.xml:2:"), "{e}");
        let e = parse_petrarch_xml(
            "t.xml",
            "<Sentences>\n\n<Sentence id=\"a\">\n<Text>x\n<Sentence id=\"b\"><Text>y</Text>",
        )
        .unwrap_err()
        .to_string();
        assert!(e.starts_with("t.xml:4:"), "{e}");
        let e = parse_petrarch_xml("t.xml", "<Sentences></Sentences>")
            .unwrap_err()
            .to_string();
        assert!(e.contains("no <Sentence>"), "{e}");
    }

    #[test]
    fn reads_tabari_records() {
        let text = "# header\n\n000101  START-00\nIntro\n/* {+++} */\n\n950101  DEMO-01\nArnor restored\nties with Gondor.\n\
            /*\\n----\n\\n{ ARN / GON / 064 }\n\\n{ GON / --- / 033 } */\n950101 OPT-1\nx\n/* { OPTION: SET: X } */\n";
        let s = parse_tabari_text("v.text", text).unwrap();
        assert_eq!(s.records.len(), 2);
        let r = &s.records[1];
        assert_eq!(
            (r.id.as_str(), r.category.as_str(), r.line),
            ("DEMO-01", "DEMO", 7)
        );
        assert_eq!(r.text, "Arnor restored ties with Gondor.");
        assert_eq!(r.expected.len(), 2);
        assert!(r
            .expected
            .contains(&("GON".into(), String::new(), "033".into())));
        assert_eq!(r.date.map(|d| d.year), Some(1995));
    }
}
