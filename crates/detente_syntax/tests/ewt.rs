//! Acceptance test: the built-in model on UD English EWT test (gold tokens).
//!
//! Spec floors: UPOS ≥ 95, UAS ≥ 86, LAS ≥ 83, lemma ≥ 95. The committed model reaches
//! UPOS 95.50, UAS 86.40, LAS 83.51, lemma 96.94. Skipped when the treebank
//! (`/work/shared`, i.e. `../../../shared` from this crate) or the built-in model is absent.

use detente_syntax::{conllu, eval, Model};
use std::path::Path;

/// Floors from the spec.
const UPOS_FLOOR: f64 = 95.0;
const UAS_FLOOR: f64 = 86.0;
const LAS_FLOOR: f64 = 83.0;
const LEMMA_FLOOR: f64 = 95.0;

#[test]
fn builtin_model_meets_floors_on_ewt_test() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/ud/UD_English-EWT/en_ewt-ud-test.conllu");
    if !path.is_file() {
        eprintln!("skipping: ../shared not found ({})", path.display());
        return;
    }
    let model = match Model::builtin() {
        Ok(m) => m,
        Err(e) => {
            eprintln!("skipping: no built-in model ({e})");
            return;
        }
    };
    let gold = conllu::parse(&std::fs::read_to_string(&path).unwrap()).unwrap();
    let pred = model.annotate(&gold);
    let s = eval::score(&gold, &pred).unwrap();
    eprintln!("EWT test: {s}");
    assert!(s.upos >= UPOS_FLOOR, "UPOS below floor: {s}");
    assert!(s.lemma >= LEMMA_FLOOR, "lemma below floor: {s}");
    assert!(s.uas >= UAS_FLOOR, "UAS below floor: {s}");
    assert!(s.las >= LAS_FLOOR, "LAS below floor: {s}");
}
