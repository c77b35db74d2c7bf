//! The CAMEO event-code table: every 2-, 3- and 4-digit CAMEO event code with its
//! Goldstein score, its PLOVER event type and a short label.
//!
//! The table lives in `dictionaries/cameo_codes.txt` (format documented in
//! `dictionaries/README.md`) and is embedded at build time; [`CodeTable::builtin`] parses
//! it once. [`CameoCode`] is a validated code, [`QuadClass`] is derived from its root.
//! Nothing here panics on bad input: malformed text gives a [`LoadError`] with file and
//! line.

use std::collections::BTreeMap;
use std::fmt;
use std::sync::OnceLock;

/// The embedded table text.
const BUILTIN_TEXT: &str = include_str!("../../../dictionaries/cameo_codes.txt");
/// The name used for the embedded table in errors.
const BUILTIN_NAME: &str = "dictionaries/cameo_codes.txt";

/// The PLOVER event types accepted in the `plover` column.
pub const PLOVER_TYPES: &[&str] = &[
    "AGREE",
    "CONSULT",
    "SUPPORT",
    "CONCEDE",
    "COOPERATE",
    "AID",
    "RETREAT",
    "REQUEST",
    "ACCUSE",
    "REJECT",
    "THREATEN",
    "PROTEST",
    "MOBILIZE",
    "SANCTION",
    "COERCE",
    "ASSAULT",
];

/// Why a string is not a valid CAMEO event code.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum CodeError {
    /// Not 2 to 4 characters long.
    #[error("CAMEO code must have 2-4 digits, got {0} characters")]
    Length(usize),
    /// Contains something other than ASCII digits.
    #[error("CAMEO code must be ASCII digits only")]
    NotDigits,
    /// The first two digits are not 01-20.
    #[error("CAMEO root must be 01-20, got {0:02}")]
    Root(u8),
}

/// A CAMEO event code: 2–4 ASCII digits whose first two digits (the root) are 01–20.
///
/// Ordering is the string ordering of the codes (`01` < `010` < `0101` < `011`).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CameoCode {
    /// The digits, padded with zero bytes (which sort before `'0'`).
    bytes: [u8; 4],
    /// Number of digits, 2..=4.
    len: u8,
}

impl CameoCode {
    /// Parses and validates a code (no surrounding whitespace allowed).
    pub fn parse(s: &str) -> Result<Self, CodeError> {
        let raw = s.as_bytes();
        if !(2..=4).contains(&raw.len()) {
            return Err(CodeError::Length(s.chars().count()));
        }
        if !raw.iter().all(u8::is_ascii_digit) {
            return Err(CodeError::NotDigits);
        }
        let root = (raw[0] - b'0') * 10 + (raw[1] - b'0');
        if !(1..=20).contains(&root) {
            return Err(CodeError::Root(root));
        }
        let mut bytes = [0u8; 4];
        bytes[..raw.len()].copy_from_slice(raw);
        Ok(Self {
            bytes,
            len: raw.len() as u8,
        })
    }

    /// The code as written, e.g. `"0874"`.
    pub fn as_str(&self) -> &str {
        let digits = self.bytes.get(..usize::from(self.len)).unwrap_or(&[]);
        std::str::from_utf8(digits).unwrap_or("")
    }

    /// Number of digits (2, 3 or 4).
    pub fn len(&self) -> usize {
        usize::from(self.len)
    }

    /// Always false: a code has at least two digits. (Provided for API symmetry.)
    pub fn is_empty(&self) -> bool {
        false
    }

    /// The root (first two digits).
    pub fn root(&self) -> RootCode {
        RootCode((self.bytes[0] - b'0') * 10 + (self.bytes[1] - b'0'))
    }

    /// The quad class, derived from the root.
    pub fn quad_class(&self) -> QuadClass {
        QuadClass::from_root(self.root())
    }

    /// The code one level up: `0874` → `087`, `087` → `08`, `08` → none.
    pub fn parent(&self) -> Option<CameoCode> {
        if self.len <= 2 {
            return None;
        }
        let mut bytes = self.bytes;
        bytes[usize::from(self.len) - 1] = 0;
        Some(Self {
            bytes,
            len: self.len - 1,
        })
    }
}

impl fmt::Debug for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CameoCode({})", self.as_str())
    }
}

impl fmt::Display for CameoCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::str::FromStr for CameoCode {
    type Err = CodeError;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s)
    }
}

/// A CAMEO root (cue category), 1–20.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct RootCode(u8);

impl RootCode {
    /// Makes a root from its number; `None` unless 1..=20.
    pub fn new(n: u8) -> Option<Self> {
        (1..=20).contains(&n).then_some(Self(n))
    }

    /// The root number, 1..=20.
    pub fn number(self) -> u8 {
        self.0
    }

    /// The root as a two-digit [`CameoCode`] (e.g. `08`).
    pub fn code(self) -> CameoCode {
        CameoCode {
            bytes: [b'0' + self.0 / 10, b'0' + self.0 % 10, 0, 0],
            len: 2,
        }
    }
}

impl fmt::Display for RootCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}", self.0)
    }
}

/// The CAMEO quad class, derived from the root.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum QuadClass {
    /// 1: roots 01–05.
    VerbalCooperation = 1,
    /// 2: roots 06–08.
    MaterialCooperation = 2,
    /// 3: roots 09–13.
    VerbalConflict = 3,
    /// 4: roots 14–20.
    MaterialConflict = 4,
}

impl QuadClass {
    /// The quad class of a root.
    pub fn from_root(root: RootCode) -> Self {
        match root.number() {
            0..=5 => Self::VerbalCooperation,
            6..=8 => Self::MaterialCooperation,
            9..=13 => Self::VerbalConflict,
            _ => Self::MaterialConflict,
        }
    }

    /// The class number, 1–4.
    pub fn number(self) -> u8 {
        self as u8
    }
}

/// One row of the table.
#[derive(Clone, Debug, PartialEq)]
pub struct CodeInfo {
    /// The event code.
    pub code: CameoCode,
    /// Goldstein conflict/cooperation score, in [-10, 10].
    pub goldstein: f32,
    /// PLOVER event type (one of [`PLOVER_TYPES`]).
    pub plover: String,
    /// Short human-readable label.
    pub label: String,
}

impl CodeInfo {
    /// The quad class, derived from the code's root.
    pub fn quad_class(&self) -> QuadClass {
        self.code.quad_class()
    }
}

/// The result of [`CodeTable::lookup`]: the row found and whether it is an exact match
/// or the 3-digit parent of an unknown 4-digit code. Dereferences to [`CodeInfo`].
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Lookup<'a> {
    /// The row used (the parent's row on fallback).
    pub info: &'a CodeInfo,
    /// True when the requested 4-digit code is not in the table and its 3-digit parent
    /// supplied Goldstein score and PLOVER type.
    pub fallback: bool,
}

impl std::ops::Deref for Lookup<'_> {
    type Target = CodeInfo;
    fn deref(&self) -> &CodeInfo {
        self.info
    }
}

/// A table-loading error: file name, 1-based line number and message.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{path}:{line}: {msg}")]
pub struct LoadError {
    /// Name of the file (as given to [`CodeTable::parse`]).
    pub path: String,
    /// 1-based line number.
    pub line: usize,
    /// What is wrong.
    pub msg: String,
}

/// The CAMEO event-code table.
#[derive(Clone, Debug, Default)]
pub struct CodeTable {
    /// Rows by code.
    rows: BTreeMap<CameoCode, CodeInfo>,
}

impl CodeTable {
    /// The built-in table, parsed once.
    ///
    /// The embedded file is part of the binary and the tests parse it, so a failure here
    /// is a bug; an empty table in its place would silently code every event without
    /// Goldstein values. [`CodeTable::try_builtin`] returns the error instead.
    pub fn builtin() -> &'static CodeTable {
        Self::try_builtin().expect("embedded dictionaries/cameo_codes.txt parses (tested)")
    }

    /// The built-in table, or the error from parsing the embedded file.
    pub fn try_builtin() -> Result<&'static CodeTable, &'static LoadError> {
        static TABLE: OnceLock<Result<CodeTable, LoadError>> = OnceLock::new();
        TABLE
            .get_or_init(|| Self::parse(BUILTIN_NAME, BUILTIN_TEXT))
            .as_ref()
    }

    /// Parses a table in the `cameo_codes.txt` format. `name` is used in errors.
    ///
    /// Checks: four tab-separated fields, a valid code, a finite Goldstein score in
    /// [-10, 10], a known PLOVER type, a non-empty label, no duplicate codes, and that
    /// the parent of every 3- and 4-digit code is present.
    pub fn parse(name: &str, text: &str) -> Result<Self, LoadError> {
        let err = |line: usize, msg: String| LoadError {
            path: name.to_string(),
            line,
            msg,
        };
        let mut rows = BTreeMap::new();
        let mut lines_of = BTreeMap::new();
        for (idx, raw) in text.lines().enumerate() {
            let line_no = idx + 1;
            let line = raw.trim_end_matches('\r');
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let fields: Vec<&str> = line.split('\t').collect();
            if fields.len() != 4 {
                return Err(err(
                    line_no,
                    format!("expected 4 tab-separated fields, found {}", fields.len()),
                ));
            }
            let code = CameoCode::parse(fields[0].trim())
                .map_err(|e| err(line_no, format!("bad code {:?}: {e}", fields[0])))?;
            let goldstein: f32 = fields[1]
                .trim()
                .parse()
                .map_err(|_| err(line_no, format!("bad Goldstein score {:?}", fields[1])))?;
            if !goldstein.is_finite() || !(-10.0..=10.0).contains(&goldstein) {
                return Err(err(
                    line_no,
                    format!("Goldstein score {goldstein} outside [-10, 10]"),
                ));
            }
            let plover = fields[2].trim();
            if !PLOVER_TYPES.contains(&plover) {
                return Err(err(line_no, format!("unknown PLOVER type {plover:?}")));
            }
            let label = fields[3].trim();
            if label.is_empty() {
                return Err(err(line_no, "empty label".to_string()));
            }
            if let Some(first) = lines_of.insert(code, line_no) {
                return Err(err(
                    line_no,
                    format!("duplicate code {code} (first on line {first})"),
                ));
            }
            rows.insert(
                code,
                CodeInfo {
                    code,
                    goldstein,
                    plover: plover.to_string(),
                    label: label.to_string(),
                },
            );
        }
        for (code, line_no) in &lines_of {
            if let Some(parent) = code.parent() {
                if !rows.contains_key(&parent) {
                    return Err(err(
                        *line_no,
                        format!("code {code} has no parent {parent} in the table"),
                    ));
                }
            }
        }
        Ok(Self { rows })
    }

    /// The row for exactly this code.
    pub fn get(&self, code: &CameoCode) -> Option<&CodeInfo> {
        self.rows.get(code)
    }

    /// The row for this code; an unknown 4-digit code falls back to its 3-digit parent
    /// (reported by [`Lookup::fallback`]).
    pub fn lookup(&self, code: &CameoCode) -> Option<Lookup<'_>> {
        if let Some(info) = self.rows.get(code) {
            return Some(Lookup {
                info,
                fallback: false,
            });
        }
        if code.len() == 4 {
            let parent = code.parent()?;
            return self.rows.get(&parent).map(|info| Lookup {
                info,
                fallback: true,
            });
        }
        None
    }

    /// All rows in code order.
    pub fn iter(&self) -> impl Iterator<Item = &CodeInfo> + '_ {
        self.rows.values()
    }

    /// Number of codes.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    /// True when the table has no codes.
    pub fn is_empty(&self) -> bool {
        self.rows.is_empty()
    }
}
