//! Model tests on a tiny handwritten treebank: training, prediction, determinism, byte
//! round-trips, corrupt input and robustness of `analyze` on arbitrary input.

use detente_syntax::{conllu, eval, train, LoadError, Model, TrainConfig, Upos};
use proptest::prelude::*;
use std::sync::OnceLock;

const TINY: &str = "\
1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tarmy\tarmy\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tattacked\tattack\tVERB\tVBD\t_\t0\troot\t_\t_
4\tthe\tthe\tDET\tDT\t_\t5\tdet\t_\t_
5\tcity\tcity\tNOUN\tNN\t_\t3\tobj\t_\t_
6\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

1\tIsrael\tIsrael\tPROPN\tNNP\t_\t2\tnsubj\t_\t_
2\tcondemned\tcondemn\tVERB\tVBD\t_\t0\troot\t_\t_
3\tthe\tthe\tDET\tDT\t_\t4\tdet\t_\t_
4\tattacks\tattack\tNOUN\tNNS\t_\t2\tobj\t_\t_
5\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tRebels\trebel\tNOUN\tNNS\t_\t2\tnsubj\t_\t_
2\tkilled\tkill\tVERB\tVBD\t_\t0\troot\t_\t_
3\ttwo\ttwo\tNUM\tCD\t_\t4\tnummod\t_\t_
4\tsoldiers\tsoldier\tNOUN\tNNS\t_\t2\tobj\t_\t_
5\tin\tin\tADP\tIN\t_\t6\tcase\t_\t_
6\tKabul\tKabul\tPROPN\tNNP\t_\t2\tobl\t_\t_
7\t.\t.\tPUNCT\t.\t_\t2\tpunct\t_\t_

1\tThe\tthe\tDET\tDT\t_\t2\tdet\t_\t_
2\tminister\tminister\tNOUN\tNN\t_\t3\tnsubj\t_\t_
3\tmet\tmeet\tVERB\tVBD\t_\t0\troot\t_\t_
4\tIsrael\tIsrael\tPROPN\tNNP\t_\t6\tnmod:poss\t_\t_
5\t's\t's\tPART\tPOS\t_\t4\tcase\t_\t_
6\tleader\tleader\tNOUN\tNN\t_\t3\tobj\t_\t_
7\ton\ton\tADP\tIN\t_\t8\tcase\t_\t_
8\tMonday\tMonday\tPROPN\tNNP\t_\t3\tobl:tmod\t_\t_
9\t.\t.\tPUNCT\t.\t_\t3\tpunct\t_\t_

";

fn tiny() -> Vec<conllu::ConlluSentence> {
    conllu::parse(TINY).unwrap()
}

fn config() -> TrainConfig {
    TrainConfig {
        tagger_epochs: 8,
        parser_epochs: 10,
        jackknife_folds: 2,
        ..TrainConfig::default()
    }
}

fn model() -> &'static Model {
    static M: OnceLock<Model> = OnceLock::new();
    M.get_or_init(|| {
        let t = tiny();
        train(&t, &t, &config(), &mut |_| {})
    })
}

#[test]
fn learns_tiny_treebank() {
    let m = model();
    let gold = tiny();
    let pred = m.annotate(&gold);
    let s = eval::score(&gold, &pred).unwrap();
    assert!(s.upos >= 95.0, "{s}");
    assert!(s.uas >= 90.0, "{s}");
    assert!(s.las >= 85.0, "{s}");
    assert!(s.lemma >= 95.0, "{s}");
    let a = m.analyze(&["Israel\u{2019}s", "leader", "attacked", "Kabul", "."]);
    assert_eq!(a.len(), 5);
    assert_eq!(a.iter().filter(|w| w.head == 0).count(), 1);
    assert_eq!(
        m.analyze(&["The", "army", "attacked", "the", "city", "."])[1].upos,
        Upos::Noun
    );
    assert_eq!(
        m.deprel_str(a[0].deprel),
        m.deprel_str(a[0].deprel).to_string()
    );
}

#[test]
fn training_is_deterministic() {
    let t = tiny();
    let a = train(&t, &t, &config(), &mut |_| {}).to_bytes();
    assert_eq!(a, model().to_bytes());
}

#[test]
fn bytes_round_trip() {
    let m = model();
    let bytes = m.to_bytes();
    let m2 = Model::from_bytes(&bytes).unwrap();
    assert_eq!(m2.to_bytes(), bytes);
    let forms = ["Rebels", "met", "the", "minister", "in", "Kabul", "."];
    assert_eq!(m.analyze(&forms), m2.analyze(&forms));
}

#[test]
fn corrupt_bytes_are_errors() {
    let bytes = model().to_bytes();
    assert_eq!(Model::from_bytes(&[]).unwrap_err(), LoadError::BadMagic);
    assert_eq!(
        Model::from_bytes(b"hello world, not a model").unwrap_err(),
        LoadError::BadMagic
    );
    for cut in [9, 20, 28, 40, bytes.len() / 2, bytes.len() - 1] {
        assert!(
            Model::from_bytes(&bytes[..cut]).is_err(),
            "truncated at {cut}"
        );
    }
    let mut v = bytes.clone();
    v[8] = 99;
    assert!(matches!(
        Model::from_bytes(&v),
        Err(LoadError::Version { .. })
    ));
    for pos in [30, bytes.len() / 3, bytes.len() - 2] {
        let mut v = bytes.clone();
        v[pos] ^= 0x55;
        assert!(Model::from_bytes(&v).is_err(), "flipped byte {pos}");
    }
    let mut v = bytes.clone();
    v.push(0);
    assert!(Model::from_bytes(&v).is_err());
    let e = Model::from_bytes(&bytes[..bytes.len() - 1])
        .unwrap_err()
        .to_string();
    assert!(e.contains("truncated or corrupt"), "{e}");
}

#[test]
fn analyze_edge_cases() {
    let m = model();
    assert!(m.analyze(&[]).is_empty());
    let a = m.analyze(&["", "", "\u{0}", "\n\t", "\u{202E}", "😀", "ǅ", "İ"]);
    assert_eq!(a.len(), 8);
    let long: Vec<String> = (0..10_000).map(|i| format!("w{}", i % 37)).collect();
    let forms: Vec<&str> = long.iter().map(|s| s.as_str()).collect();
    let t = std::time::Instant::now();
    let a = m.analyze(&forms);
    assert_eq!(a.len(), 10_000);
    assert_eq!(a.iter().filter(|w| w.head == 0).count(), 1);
    assert!(a.iter().all(|w| w.head as usize <= forms.len()));
    assert!(t.elapsed().as_secs() < 5);
    assert!(Model::builtin().is_ok() || matches!(Model::builtin(), Err(LoadError::NoBuiltin)));
}

fn check_tree(a: &[detente_syntax::WordAnalysis]) {
    let n = a.len();
    if n == 0 {
        return;
    }
    assert_eq!(a.iter().filter(|w| w.head == 0).count(), 1);
    // every word reaches the root without cycles
    for i in 0..n {
        let mut cur = i + 1;
        let mut steps = 0;
        while cur != 0 {
            cur = a[cur - 1].head as usize;
            steps += 1;
            assert!(steps <= n, "cycle");
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn analyze_never_panics(words in proptest::collection::vec(".{0,12}", 0..40)) {
        let forms: Vec<&str> = words.iter().map(|s| s.as_str()).collect();
        let a = model().analyze(&forms);
        prop_assert_eq!(a.len(), forms.len());
        check_tree(&a);
    }
}

#[test]
fn dev_with_unseen_tags_and_labels() {
    let t = tiny();
    let dev = conllu::parse(
        "1\tWow\twow\tINTJ\tUH\t_\t0\troot\t_\t_\n2\t!\t!\tPUNCT\t.\t_\t1\tpunct\t_\t_\n3\tok\tok\tINTJ\tUH\t_\t1\tdiscourse\t_\t_\n\n",
    )
    .unwrap();
    let m = train(
        &t,
        &dev,
        &TrainConfig {
            tagger_epochs: 2,
            parser_epochs: 2,
            ..TrainConfig::default()
        },
        &mut |_| {},
    );
    assert_eq!(m.analyze(&["Wow", "!"]).len(), 2);
}

/// Loading and saving the committed model gives back the very same file: what is added
/// at load time (the function words) never reaches a model file.
#[test]
fn committed_model_round_trips_byte_for_byte() {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../models/en_ewt.model");
    let Ok(bytes) = std::fs::read(&path) else {
        eprintln!("skipped: {} is absent", path.display());
        return;
    };
    let model = Model::from_bytes(&bytes).expect("the committed model loads");
    assert!(
        model.to_bytes() == bytes,
        "saving the loaded model changes its bytes"
    );
}
