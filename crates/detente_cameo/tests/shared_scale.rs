//! Checks every Goldstein score of the built-in table against the original
//! `CAMEO.SCALE.txt` in `../shared` when that directory exists (skipped otherwise), so
//! the facts are verified without the file being copied into the project.
//!
//! `CAMEO.SCALE.txt` (version 0.5B1) predates the CAMEO 1.x code set the table uses, so
//! a few codes were renumbered or added since; those are compared through the explicit
//! lists below.

use std::collections::BTreeMap;
use std::path::PathBuf;

use detente_cameo::{CameoCode, CodeTable};

/// CAMEO 1.x code → the 0.5B1 code with the same meaning (values differ by number).
const RENUMBERED: &[(&str, &str)] = &[
    ("018", "016"),   // empathetic comment
    ("019", "018"),   // express accord
    ("129", "128"),   // veto
    ("163", "166"),   // impose embargo, boycott, sanctions
    ("164", "163"),   // halt negotiations
    ("166", "164"),   // expel or withdraw
    ("1661", "1641"), // ... peacekeepers
    ("1662", "1642"), // ... inspectors, observers
    ("1663", "1643"), // ... aid agencies
];

/// Codes new in CAMEO 1.x whose number exists in 0.5B1 with another meaning; like the
/// codes missing from 0.5B1 altogether, they take their parent's score.
const NEW_WITH_REUSED_NUMBER: &[&str] = &["016"];

/// 0.5B1 codes with no 1.x counterpart of the same number: `0357` (de-escalate) became
/// `0356` when the 035x list was shortened by one.
const DROPPED: &[&str] = &["0357"];

fn scale_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../../shared/data/cameo/CAMEO.SCALE.txt")
}

/// Parses `CODE:[value] text` lines.
fn read_scale(text: &str) -> BTreeMap<String, f32> {
    let mut out = BTreeMap::new();
    for line in text.lines() {
        let line = line.trim();
        let Some((code, rest)) = line.split_once(":[") else {
            continue;
        };
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            continue;
        }
        let Some((value, _)) = rest.split_once(']') else {
            continue;
        };
        if let Ok(v) = value.trim().parse::<f32>() {
            out.insert(code.to_string(), v);
        }
    }
    out
}

#[test]
fn goldstein_matches_cameo_scale() {
    let path = scale_path();
    let Ok(bytes) = std::fs::read(&path) else {
        println!("skipping: ../shared not found");
        return;
    };
    let scale = read_scale(&String::from_utf8_lossy(&bytes));
    assert!(
        scale.len() > 250,
        "only {} entries in {}",
        scale.len(),
        path.display()
    );
    let table = CodeTable::try_builtin().expect("built-in table");
    let alias: BTreeMap<&str, &str> = RENUMBERED.iter().copied().collect();
    let (mut direct, mut renumbered, mut inherited) = (0, 0, 0);
    let mut bad = Vec::new();
    for info in table.iter() {
        let c = info.code.as_str();
        let parent_value = || {
            info.code
                .parent()
                .and_then(|p| table.get(&p))
                .map(|p| p.goldstein)
        };
        let expected = if let Some(old) = alias.get(c) {
            renumbered += 1;
            scale.get(*old).copied()
        } else if NEW_WITH_REUSED_NUMBER.contains(&c) || !scale.contains_key(c) {
            inherited += 1;
            parent_value()
        } else {
            direct += 1;
            scale.get(c).copied()
        };
        if expected != Some(info.goldstein) {
            bad.push(format!(
                "{c}: table {} expected {expected:?}",
                info.goldstein
            ));
        }
    }
    println!(
        "{direct} codes checked directly, {renumbered} through renumbering, \
         {inherited} new codes inherit their parent's score"
    );
    assert!(bad.is_empty(), "Goldstein mismatches:\n{}", bad.join("\n"));
    // Every code of the scale file is in the table, or was renumbered or merged in 1.x.
    let missing: Vec<&str> = scale
        .keys()
        .map(String::as_str)
        .filter(|old| {
            CameoCode::parse(old)
                .ok()
                .and_then(|c| table.get(&c))
                .is_none()
        })
        .filter(|old| !alias.values().any(|v| v == old))
        .collect();
    assert_eq!(missing, DROPPED, "scale codes unknown to the table");
}

#[test]
fn plover_matches_cameo2plover() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/cameo/CAMEO2PLOVER-2021.txt");
    let Ok(bytes) = std::fs::read(&path) else {
        println!("skipping: ../shared not found");
        return;
    };
    let table = CodeTable::try_builtin().expect("built-in table");
    let mut checked = 0;
    let mut bad = Vec::new();
    for line in String::from_utf8_lossy(&bytes).lines() {
        // `CODE: TYPE, mode, context # description`; section headers have no comma.
        let Some((code, rest)) = line.split_once(':') else {
            continue;
        };
        let Some((plover, _)) = rest.split_once(',') else {
            continue;
        };
        let Ok(code) = CameoCode::parse(code.trim()) else {
            continue;
        };
        checked += 1;
        match table.get(&code) {
            Some(info) if info.plover == plover.trim() => {}
            Some(info) => bad.push(format!(
                "{code}: table {} file {}",
                info.plover,
                plover.trim()
            )),
            None => bad.push(format!("{code}: not in table")),
        }
    }
    println!("{checked} mapped codes checked");
    assert!(checked > 200, "only {checked} mappings read");
    assert!(bad.is_empty(), "PLOVER mismatches:\n{}", bad.join("\n"));
}
