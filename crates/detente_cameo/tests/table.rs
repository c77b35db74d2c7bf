//! Tests of the built-in CAMEO code table and of the table parser: completeness,
//! hierarchy, value ranges, spot checks of well-known codes and error reporting.

use detente_cameo::{CameoCode, CodeError, CodeTable, QuadClass, RootCode, PLOVER_TYPES};

fn code(s: &str) -> CameoCode {
    match CameoCode::parse(s) {
        Ok(c) => c,
        Err(e) => panic!("{s}: {e}"),
    }
}

fn table() -> &'static CodeTable {
    match CodeTable::try_builtin() {
        Ok(t) => t,
        Err(e) => panic!("built-in table does not load: {e}"),
    }
}

#[test]
fn builtin_loads_with_all_roots() {
    let t = table();
    assert!(t.len() >= 280, "only {} codes", t.len());
    assert_eq!(CodeTable::builtin().len(), t.len());
    for n in 1..=20u8 {
        let root = RootCode::new(n).expect("root");
        assert!(t.get(&root.code()).is_some(), "root {root} missing");
        let generic = format!("{n:02}0");
        assert!(t.get(&code(&generic)).is_some(), "{generic} missing");
    }
    let by_len = |l: usize| t.iter().filter(|i| i.code.len() == l).count();
    assert_eq!(by_len(2), 20);
    assert!(by_len(3) >= 140, "{}", by_len(3));
    assert!(by_len(4) >= 140, "{}", by_len(4));
}

#[test]
fn every_parent_exists_and_values_are_sane() {
    let t = table();
    for info in t.iter() {
        if let Some(parent) = info.code.parent() {
            assert!(t.get(&parent).is_some(), "{} has no parent", info.code);
        }
        assert!(
            (-10.0..=10.0).contains(&info.goldstein),
            "{} goldstein {}",
            info.code,
            info.goldstein
        );
        assert!(PLOVER_TYPES.contains(&info.plover.as_str()));
        let words = info.label.split_whitespace().count();
        assert!((2..=6).contains(&words), "{}: {:?}", info.code, info.label);
    }
}

#[test]
fn quad_classes_follow_roots() {
    let t = table();
    for info in t.iter() {
        let n = info.code.root().number();
        let want = match n {
            1..=5 => 1,
            6..=8 => 2,
            9..=13 => 3,
            _ => 4,
        };
        assert_eq!(info.quad_class().number(), want, "{}", info.code);
    }
    assert_eq!(code("046").quad_class(), QuadClass::VerbalCooperation);
    assert_eq!(code("0874").quad_class(), QuadClass::MaterialCooperation);
    assert_eq!(code("111").quad_class(), QuadClass::VerbalConflict);
    assert_eq!(code("190").quad_class(), QuadClass::MaterialConflict);
}

#[test]
fn spot_checks() {
    // Goldstein values as in CAMEO.SCALE.txt; PLOVER types as in CAMEO2PLOVER-2021.txt.
    let cases: &[(&str, f32, &str)] = &[
        ("010", 0.0, "SUPPORT"),
        ("036", 4.0, "AGREE"),
        ("042", 1.9, "CONSULT"),
        ("043", 2.8, "CONSULT"),
        ("046", 7.0, "CONSULT"),
        ("057", 8.0, "SUPPORT"),
        ("073", 7.4, "AID"),
        ("087", 9.0, "RETREAT"),
        ("0874", 10.0, "RETREAT"),
        ("111", -2.0, "ACCUSE"),
        ("13", -6.0, "THREATEN"),
        ("130", -4.4, "THREATEN"),
        ("138", -7.0, "THREATEN"),
        ("145", -7.5, "PROTEST"),
        ("163", -8.0, "COERCE"),
        ("173", -5.0, "COERCE"),
        ("190", -10.0, "ASSAULT"),
        ("195", -10.0, "ASSAULT"),
    ];
    let t = table();
    for &(c, g, p) in cases {
        let info = t.get(&code(c)).unwrap_or_else(|| panic!("{c} missing"));
        assert_eq!(info.goldstein, g, "{c}");
        assert_eq!(info.plover, p, "{c}");
    }
}

#[test]
fn lookup_falls_back_to_parent_for_unknown_four_digit_codes() {
    let t = table();
    let exact = t.lookup(&code("0874")).expect("0874");
    assert!(!exact.fallback);
    assert_eq!(exact.code.as_str(), "0874");
    let fb = t.lookup(&code("0879")).expect("fallback");
    assert!(fb.fallback);
    assert_eq!(fb.code.as_str(), "087");
    assert_eq!(fb.goldstein, 9.0);
    assert_eq!(fb.plover, "RETREAT");
    // No fallback for unknown 3-digit codes, nor for 4-digit codes without a parent.
    assert!(t.lookup(&code("099")).is_none());
    assert!(t.lookup(&code("0999")).is_none());
}

#[test]
fn code_parsing() {
    assert_eq!(code("0874").as_str(), "0874");
    assert_eq!(code("0874").root().number(), 8);
    assert_eq!(code("20").root().to_string(), "20");
    assert_eq!(code("0874").parent(), Some(code("087")));
    assert_eq!(code("087").parent(), Some(code("08")));
    assert_eq!(code("08").parent(), None);
    assert!(code("01") < code("010") && code("010") < code("0101") && code("0101") < code("011"));
    assert_eq!(CameoCode::parse("0"), Err(CodeError::Length(1)));
    assert_eq!(CameoCode::parse("01234"), Err(CodeError::Length(5)));
    assert_eq!(CameoCode::parse("0a1"), Err(CodeError::NotDigits));
    assert_eq!(CameoCode::parse("٠١٢"), Err(CodeError::Length(3)));
    assert_eq!(CameoCode::parse("00"), Err(CodeError::Root(0)));
    assert_eq!(CameoCode::parse("210"), Err(CodeError::Root(21)));
    assert!(RootCode::new(0).is_none() && RootCode::new(21).is_none());
}

#[test]
fn malformed_lines_report_file_and_line() {
    let good = "# header\n01\t0.0\tSUPPORT\tstatement\n010\t0.0\tSUPPORT\tstatement\n";
    assert_eq!(CodeTable::parse("t.txt", good).map(|t| t.len()), Ok(2));
    let cases: &[(&str, usize, &str)] = &[
        ("01\t0.0\tSUPPORT\n", 1, "4 tab-separated"),
        (
            "01\t0.0\tSUPPORT\tx\n\n2a\t0.0\tSUPPORT\tx\n",
            3,
            "bad code",
        ),
        ("01\tzero\tSUPPORT\tx\n", 1, "Goldstein"),
        ("01\t10.5\tSUPPORT\tx\n", 1, "outside"),
        ("01\tNaN\tSUPPORT\tx\n", 1, "outside"),
        ("01\t1\tFIGHTING\tx\n", 1, "PLOVER"),
        ("01\t1\tSUPPORT\t \n", 1, "empty label"),
        ("01\t1\tSUPPORT\tx\n01\t1\tSUPPORT\ty\n", 2, "duplicate"),
        (
            "01\t1\tSUPPORT\tx\n# c\n0101\t1\tSUPPORT\ty\n",
            3,
            "no parent",
        ),
    ];
    for &(text, line, needle) in cases {
        match CodeTable::parse("bad.txt", text) {
            Ok(_) => panic!("{text:?} parsed"),
            Err(e) => {
                assert_eq!(e.path, "bad.txt");
                assert_eq!(e.line, line, "{text:?}: {e}");
                assert!(e.msg.contains(needle), "{text:?}: {e}");
                assert!(e.to_string().starts_with(&format!("bad.txt:{line}: ")));
            }
        }
    }
}
