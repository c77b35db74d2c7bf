//! The article record of JSONL input (`{"id", "text", "date"?, "source"?, "url"?,
//! "title"?}`, other keys ignored), read the same way by `detente code`, `detente ingest`
//! and the Python package's `code_batch`.

use detente_dates::EventDate;

/// One article to code.
#[derive(Debug, Clone)]
pub struct InputArticle {
    /// The article id, echoed as `doc_id`.
    pub id: String,
    /// The text.
    pub text: String,
    /// The publication date.
    pub date: Option<EventDate>,
    /// Outlet, when the record gives it.
    pub source: Option<String>,
    /// URL, when the record gives it.
    pub url: Option<String>,
    /// Headline, when the record gives it.
    pub title: Option<String>,
}

/// Reads one JSONL article line. `id` is a non-empty string or a number; `date` is
/// `YYYY-MM-DD` or a timestamp starting with one (`default_date` when absent or empty).
/// The error says what is wrong, without the line number (the caller knows it).
pub fn article_from_json(
    line: &str,
    default_date: Option<EventDate>,
) -> Result<InputArticle, String> {
    let v: serde_json::Value =
        serde_json::from_str(line).map_err(|e| format!("not valid JSON ({e})"))?;
    let obj = v.as_object().ok_or("not a JSON object")?;
    let id = match obj.get("id") {
        Some(serde_json::Value::String(s)) if !s.is_empty() => s.clone(),
        Some(serde_json::Value::Number(n)) => n.to_string(),
        _ => return Err("no \"id\" string".into()),
    };
    let text = obj
        .get("text")
        .and_then(|t| t.as_str())
        .ok_or("no \"text\" string")?
        .to_string();
    let date = match obj.get("date") {
        Some(serde_json::Value::String(s)) if !s.is_empty() => {
            // Accept "2025-05-28" and timestamps starting with a date.
            let d = s.get(..10).unwrap_or(s);
            Some(
                EventDate::parse(d)
                    .filter(|e| e.day.is_some())
                    .ok_or_else(|| format!("\"date\" '{s}' is not YYYY-MM-DD"))?,
            )
        }
        _ => default_date,
    };
    let field = |k: &str| -> Result<Option<String>, String> {
        match obj.get(k) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(serde_json::Value::String(s)) => Ok(Some(s.clone())),
            Some(_) => Err(format!("\"{k}\" is not a string")),
        }
    };
    Ok(InputArticle {
        id,
        text,
        date,
        source: field("source")?,
        url: field("url")?,
        title: field("title")?,
    })
}

/// Parses a publication date given as `YYYY-MM-DD` (`--date`, `date=`); `what` names
/// the option in the error.
pub fn parse_date(date: Option<&str>, what: &str) -> anyhow::Result<Option<EventDate>> {
    date.map(|d| {
        EventDate::parse(d)
            .filter(|e| e.day.is_some())
            .ok_or_else(|| anyhow::anyhow!("{what}: '{d}' is not a YYYY-MM-DD date"))
    })
    .transpose()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn jsonl_metadata_is_read_and_bad_fields_are_named() {
        let a = article_from_json(
            r#"{"id": 7, "text": "T", "date": "2025-05-28T10:00:00Z", "source": "AFP", "url": null}"#,
            None,
        )
        .unwrap();
        assert_eq!(a.id, "7");
        assert_eq!(a.date.map(|d| d.to_string()).as_deref(), Some("2025-05-28"));
        assert_eq!(a.source.as_deref(), Some("AFP"));
        assert_eq!(a.url, None);
        let err = article_from_json(r#"{"id": "x", "text": "T", "title": 3}"#, None).err();
        assert!(err.is_some_and(|e| e.contains("\"title\"")));
        assert!(article_from_json("{", None).is_err());
        assert!(article_from_json(r#"{"id": "", "text": "T"}"#, None).is_err());
    }

    #[test]
    fn dates_must_have_a_day() {
        assert!(parse_date(Some("2025-05-28"), "--date").unwrap().is_some());
        let err = parse_date(Some("2025-05"), "--date")
            .unwrap_err()
            .to_string();
        assert_eq!(err, "--date: '2025-05' is not a YYYY-MM-DD date");
        assert!(parse_date(None, "--date").unwrap().is_none());
    }
}
