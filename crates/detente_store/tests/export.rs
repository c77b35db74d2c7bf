//! Exports: the column count and order of every layout, and what goes in the columns.

use detente_store::export::{
    csv_row, export, gdelt_row, icews_row, phoenix_row, write_csv, write_gdelt, write_icews,
    write_phoenix, CSV_COLUMNS, GDELT_COLUMNS, ICEWS_COLUMNS, PHOENIX_COLUMNS,
};
use detente_store::{ExportError, ExportFormat, StoredEvent};

fn event() -> StoredEvent {
    StoredEvent {
        id: 7,
        article_id: "isr-syr-12".into(),
        sentence_id: 2,
        date: Some("2025-05-07".into()),
        source: "SYRGOV".into(),
        source_text: "Syrian officials".into(),
        target: Some("ISR".into()),
        target_text: Some("Israel".into()),
        cameo: "046".into(),
        root: "04".into(),
        quad_class: Some(1),
        goldstein: Some(7.0),
        plover: Some("CONSULT".into()),
        mode: "reported".into(),
        evidence: "held indirect talks,\twith \"Israel\"\nvia the UAE".into(),
        evidence_start: 10,
        evidence_end: 50,
        location_name: Some("Damascus".into()),
        location_country: Some("SYR".into()),
        lat: Some(33.5),
        lon: Some(36.3),
        pattern: "events/04-consult.txt:1 hold talk".into(),
        article_date: Some("2025-05-08".into()),
        article_source: Some("detente-sample".into()),
        article_url: Some("https://example.org/a".into()),
        num_mentions: 3,
        num_sources: 2,
        num_articles: 2,
    }
}

fn col(cols: &[&str], name: &str) -> usize {
    cols.iter().position(|c| *c == name).expect(name)
}

#[test]
fn gdelt_has_61_columns_in_codebook_order() {
    assert_eq!(GDELT_COLUMNS.len(), 61);
    assert_eq!(
        &GDELT_COLUMNS[..8],
        &[
            "GlobalEventID",
            "Day",
            "MonthYear",
            "Year",
            "FractionDate",
            "Actor1Code",
            "Actor1Name",
            "Actor1CountryCode"
        ]
    );
    assert_eq!(GDELT_COLUMNS[15], "Actor2Code");
    assert_eq!(GDELT_COLUMNS[25], "IsRootEvent");
    assert_eq!(
        &GDELT_COLUMNS[26..35],
        &[
            "EventCode",
            "EventBaseCode",
            "EventRootCode",
            "QuadClass",
            "GoldsteinScale",
            "NumMentions",
            "NumSources",
            "NumArticles",
            "AvgTone"
        ]
    );
    assert_eq!(GDELT_COLUMNS[35], "Actor1Geo_Type");
    assert_eq!(GDELT_COLUMNS[43], "Actor2Geo_Type");
    assert_eq!(GDELT_COLUMNS[51], "ActionGeo_Type");
    assert_eq!(&GDELT_COLUMNS[59..], &["DATEADDED", "SOURCEURL"]);
    // Actor blocks and geo blocks repeat the same suffixes.
    for (a1, a2) in GDELT_COLUMNS[5..15].iter().zip(&GDELT_COLUMNS[15..25]) {
        assert_eq!(a1.replace("Actor1", ""), a2.replace("Actor2", ""));
    }
    for i in 0..8 {
        let a = GDELT_COLUMNS[35 + i].replace("Actor1Geo", "");
        assert_eq!(a, GDELT_COLUMNS[43 + i].replace("Actor2Geo", ""));
        assert_eq!(a, GDELT_COLUMNS[51 + i].replace("ActionGeo", ""));
    }
}

#[test]
fn gdelt_row_fills_known_fields_only() {
    let row = gdelt_row(&event());
    assert_eq!(row.len(), 61);
    let get = |name| row[col(&GDELT_COLUMNS, name)].as_str();
    assert_eq!(get("GlobalEventID"), "7");
    assert_eq!(get("Day"), "20250507");
    assert_eq!(get("MonthYear"), "202505");
    assert_eq!(get("Year"), "2025");
    assert_eq!(get("FractionDate"), "2025.3452");
    assert_eq!(get("Actor1Code"), "SYRGOV");
    assert_eq!(get("Actor1CountryCode"), "SYR");
    assert_eq!(get("Actor1Type1Code"), "GOV");
    assert_eq!(get("Actor2CountryCode"), "ISR");
    assert_eq!(get("Actor2Type1Code"), "");
    assert_eq!(get("EventCode"), "046");
    assert_eq!(get("EventBaseCode"), "046");
    assert_eq!(get("EventRootCode"), "04");
    assert_eq!(get("QuadClass"), "1");
    assert_eq!(get("GoldsteinScale"), "7");
    assert_eq!(get("NumMentions"), "3");
    assert_eq!(get("NumSources"), "2");
    assert_eq!(get("NumArticles"), "2");
    assert_eq!(get("ActionGeo_FullName"), "Damascus");
    assert_eq!(get("ActionGeo_Lat"), "33.5");
    assert_eq!(get("SOURCEURL"), "https://example.org/a");
    for unknown in [
        "AvgTone",
        "IsRootEvent",
        "DATEADDED",
        "Actor1Geo_Type",
        "Actor1EthnicCode",
    ] {
        assert_eq!(get(unknown), "", "{unknown} is unknown and must be empty");
    }
    let mut out = Vec::new();
    write_gdelt(&mut out, &[event(), event()]).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 2, "no header line");
    for line in text.lines() {
        assert_eq!(line.split('\t').count(), 61);
    }
}

#[test]
fn month_only_date_leaves_the_day_empty() {
    let mut e = event();
    e.date = Some("2025-03".into());
    let row = gdelt_row(&e);
    assert_eq!(row[col(&GDELT_COLUMNS, "Day")], "");
    assert_eq!(row[col(&GDELT_COLUMNS, "FractionDate")], "");
    assert_eq!(row[col(&GDELT_COLUMNS, "MonthYear")], "202503");
    let p = phoenix_row(&e);
    assert_eq!(p[col(&PHOENIX_COLUMNS, "Month")], "3");
    assert_eq!(p[col(&PHOENIX_COLUMNS, "Day")], "");
    assert_eq!(icews_row(&e)[1], "");
}

#[test]
fn phoenix_has_26_columns_in_published_order() {
    assert_eq!(PHOENIX_COLUMNS.len(), 26);
    assert_eq!(
        PHOENIX_COLUMNS,
        [
            "EventID",
            "Date",
            "Year",
            "Month",
            "Day",
            "SourceActorFull",
            "SourceActorEntity",
            "SourceActorRole",
            "SourceActorAttribute",
            "TargetActorFull",
            "TargetActorEntity",
            "TargetActorRole",
            "TargetActorAttribute",
            "EventCode",
            "EventRootCode",
            "PentaClass",
            "GoldsteinScore",
            "Issues",
            "Lat",
            "Lon",
            "LocationName",
            "StateName",
            "CountryCode",
            "SentenceID",
            "URLs",
            "NewsSources",
        ]
    );
    let row = phoenix_row(&event());
    let get = |name| row[col(&PHOENIX_COLUMNS, name)].as_str();
    assert_eq!(get("Date"), "20250507");
    assert_eq!(get("SourceActorEntity"), "SYR");
    assert_eq!(get("SourceActorRole"), "GOV");
    assert_eq!(get("PentaClass"), "1");
    assert_eq!(get("SentenceID"), "isr-syr-12_2");
    assert_eq!(get("Issues"), "");
    let mut igo = event();
    igo.source = "IGOUNO".into();
    let row = phoenix_row(&igo);
    assert_eq!(row[col(&PHOENIX_COLUMNS, "SourceActorEntity")], "IGO");
    assert_eq!(row[col(&PHOENIX_COLUMNS, "SourceActorRole")], "UNO");
    assert_eq!(
        gdelt_row(&igo)[col(&GDELT_COLUMNS, "Actor1CountryCode")],
        ""
    );
    let mut out = Vec::new();
    write_phoenix(&mut out, &[event()]).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 1);
    assert_eq!(text.trim_end_matches('\n').split('\t').count(), 26);
}

#[test]
fn icews_has_20_columns_in_published_order() {
    assert_eq!(
        ICEWS_COLUMNS,
        [
            "Event ID",
            "Event Date",
            "Source Name",
            "Source Sectors",
            "Source Country",
            "Event Text",
            "CAMEO Code",
            "Intensity",
            "Target Name",
            "Target Sectors",
            "Target Country",
            "Story ID",
            "Sentence Number",
            "Publisher",
            "City",
            "District",
            "Province",
            "Country",
            "Latitude",
            "Longitude",
        ]
    );
    let row = icews_row(&event());
    assert_eq!(row[1], "2025-05-07");
    assert_eq!(row[2], "Syrian officials");
    assert!(!row[5].is_empty(), "event text is the CAMEO label");
    assert_eq!(row[6], "046");
    assert_eq!(row[7], "7");
    assert_eq!(row[12], "3", "sentence numbers count from 1");
    let mut out = Vec::new();
    write_icews(&mut out, &[event()], true).unwrap();
    let text = String::from_utf8(out).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 2);
    assert_eq!(lines[0].split('\t').collect::<Vec<_>>(), ICEWS_COLUMNS);
    assert_eq!(
        lines[1].split('\t').count(),
        20,
        "tabs in fields are replaced"
    );
}

#[test]
fn csv_has_a_header_and_quotes_fields() {
    assert_eq!(CSV_COLUMNS.len(), 28);
    // The header names the fields of StoredEvent in declaration order.
    let json = serde_json::to_value(event()).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(|k| k.as_str())
        .collect();
    let mut sorted_cols = CSV_COLUMNS.to_vec();
    sorted_cols.sort_unstable();
    let mut sorted_keys = keys.clone();
    sorted_keys.sort_unstable();
    assert_eq!(sorted_cols, sorted_keys);
    assert_eq!(csv_row(&event()).len(), 28);
    let mut out = Vec::new();
    write_csv(&mut out, &[event()]).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert!(text.starts_with("id,article_id,sentence_id,date,source,"));
    assert!(text.contains("\"held indirect talks,\twith \"\"Israel\"\"\nvia the UAE\""));
}

#[test]
fn jsonl_and_format_names() {
    let mut out = Vec::new();
    export(ExportFormat::Jsonl, &mut out, &[event(), event()]).unwrap();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.lines().count(), 2);
    let v: serde_json::Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    assert_eq!(v["cameo"], "046");
    for name in ["jsonl", "csv", "gdelt", "phoenix", "icews", "parquet"] {
        assert!(name.parse::<ExportFormat>().is_ok(), "{name}");
    }
    assert!(matches!(
        "xml".parse::<ExportFormat>(),
        Err(ExportError::UnknownFormat(_))
    ));
}

#[test]
fn parquet_round_trips_columns_and_values() {
    use parquet::file::reader::{FileReader, SerializedFileReader};
    let mut second = event();
    second.id = 2;
    second.target = None;
    second.goldstein = None;
    let mut out = Vec::new();
    export(ExportFormat::Parquet, &mut out, &[event(), second]).unwrap();
    assert_eq!(&out[..4], b"PAR1");
    let dir = std::env::temp_dir().join(format!("detente-parquet-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("events.parquet");
    std::fs::write(&path, &out).unwrap();
    let reader = SerializedFileReader::new(std::fs::File::open(&path).unwrap()).unwrap();
    let meta = reader.metadata();
    assert_eq!(meta.file_metadata().num_rows(), 2);
    let names: Vec<String> = meta
        .file_metadata()
        .schema_descr()
        .columns()
        .iter()
        .map(|c| c.name().to_string())
        .collect();
    assert_eq!(names, CSV_COLUMNS.map(String::from));
    let rows: Vec<String> = reader
        .get_row_iter(None)
        .unwrap()
        .map(|r| r.unwrap().to_string())
        .collect();
    assert!(rows[0].contains("cameo: \"046\""), "{}", rows[0]);
    assert!(
        rows[1].contains("target: null") && rows[1].contains("goldstein: null"),
        "{}",
        rows[1]
    );
}
