//! The SQLite database: schema, ingest, recode and the event queries.
//!
//! Tables:
//! - `articles`: id, content hash, publication date, outlet, URL, title, text, the MinHash
//!   signature, `dup_of` (the article it is a near-copy of, see `dedup.rs`) and the run
//!   that last coded it;
//! - `article_bands`: the locality-sensitive-hashing keys of each article's signature;
//! - `events`: one row per coded mention with every field of `detente_events::Event`
//!   (actors with their spans, code, root, quad class, Goldstein, PLOVER, mode, evidence,
//!   place, pattern), plus the three-letter country prefixes of source and target
//!   (`source_cc`, `target_cc`) that the dyad indexes use;
//! - `runs`: one row per `ingest` or `recode` with the program version, the fingerprint
//!   of the dictionaries (lexicon and knowledge-base files) and of the model, and counts.
//!
//! **Nothing duplicated, nothing lost.** Each article is stored in its own transaction:
//! its row, its dedup keys and all its events go in together or not at all. An article
//! whose id and content hash are already stored is skipped before it is coded; an article
//! whose text changed has its old events deleted and its new ones inserted in that one
//! transaction. Articles are stored in input order, so a run killed at any point (even by
//! SIGKILL) and started again on the same input ends with exactly the rows of a clean run.
//! The database runs in WAL mode with `synchronous=NORMAL`: a killed process loses no
//! committed transaction (an operating-system crash may lose the last few, never
//! half of one).

use std::path::{Path, PathBuf};

use rusqlite::{params, Connection, OpenFlags, OptionalExtension, Row};

use crate::dedup::{self, Signature};
use crate::model::{EventFilter, StoredEvent};

/// Schema version kept in `PRAGMA user_version`.
pub const SCHEMA_VERSION: i64 = 1;

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,
    version TEXT NOT NULL,
    dictionaries_hash TEXT NOT NULL,
    model_hash TEXT NOT NULL,
    started_unix INTEGER,
    finished_unix INTEGER,
    articles_added INTEGER NOT NULL DEFAULT 0,
    articles_replaced INTEGER NOT NULL DEFAULT 0,
    articles_unchanged INTEGER NOT NULL DEFAULT 0,
    events INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS articles (
    id TEXT PRIMARY KEY,
    content_hash TEXT NOT NULL,
    date TEXT,
    source TEXT,
    url TEXT,
    title TEXT,
    text TEXT NOT NULL,
    minhash BLOB,
    dup_of TEXT,
    dup_similarity REAL,
    run_id INTEGER REFERENCES runs(id),
    coded_with TEXT
);
CREATE INDEX IF NOT EXISTS articles_dup_of ON articles(dup_of);
CREATE INDEX IF NOT EXISTS articles_content_hash ON articles(content_hash);
CREATE TABLE IF NOT EXISTS article_bands (
    key INTEGER NOT NULL,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE
);
CREATE INDEX IF NOT EXISTS article_bands_key ON article_bands(key);
CREATE INDEX IF NOT EXISTS article_bands_article ON article_bands(article_id);
CREATE TABLE IF NOT EXISTS events (
    id INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    run_id INTEGER REFERENCES runs(id),
    sentence_id INTEGER NOT NULL,
    date TEXT,
    source TEXT NOT NULL,
    source_text TEXT NOT NULL,
    source_start INTEGER NOT NULL,
    source_end INTEGER NOT NULL,
    target TEXT,
    target_text TEXT,
    target_start INTEGER,
    target_end INTEGER,
    cameo TEXT NOT NULL,
    root TEXT NOT NULL,
    quad_class INTEGER,
    goldstein REAL,
    plover TEXT,
    mode TEXT NOT NULL,
    evidence TEXT NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end INTEGER NOT NULL,
    location_name TEXT,
    location_country TEXT,
    location_admin1 TEXT,
    lat REAL,
    lon REAL,
    geonames_id INTEGER,
    pattern TEXT NOT NULL,
    source_cc TEXT NOT NULL,
    target_cc TEXT
);
CREATE INDEX IF NOT EXISTS events_article ON events(article_id);
CREATE INDEX IF NOT EXISTS events_dyad ON events(source_cc, target_cc, date);
CREATE INDEX IF NOT EXISTS events_target_dyad ON events(target_cc, source_cc, date);
CREATE INDEX IF NOT EXISTS events_date ON events(date);
";

/// The modes that count as claims when a filter names none.
pub const CLAIM_MODES: [&str; 4] = ["asserted", "reported", "future", "historical"];

/// An error of the store, naming the database file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite failed.
    #[error("{}: {what}: {cause}", path.display())]
    Sqlite {
        /// The database file.
        path: PathBuf,
        /// What the store was doing.
        what: &'static str,
        /// SQLite's error.
        cause: rusqlite::Error,
    },
    /// The file is not a detente database this version can read.
    #[error("{}: {msg}", path.display())]
    Invalid {
        /// The database file.
        path: PathBuf,
        /// What is wrong.
        msg: String,
    },
}

/// An article to store.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ArticleInput {
    /// Unique id.
    pub id: String,
    /// Full text.
    pub text: String,
    /// Publication date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Outlet.
    pub source: Option<String>,
    /// URL.
    pub url: Option<String>,
    /// Headline.
    pub title: Option<String>,
}

/// What a run was coded with; stored in `runs`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RunInfo {
    /// Program version (`detente 0.1.0`).
    pub version: String,
    /// Fingerprint of the dictionaries (lexicon and knowledge-base files).
    pub dictionaries_hash: String,
    /// Fingerprint of the tagger/parser model.
    pub model_hash: String,
    /// When the run started (seconds since 1970), if the caller knows.
    pub started_unix: Option<i64>,
}

impl RunInfo {
    fn coded_with(&self) -> String {
        format!("{}/{}", self.dictionaries_hash, self.model_hash)
    }
}

/// Whether an article needs coding.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArticleState {
    /// Not stored yet.
    New,
    /// Stored with another content hash.
    Changed,
    /// Stored with this content hash: nothing to do.
    Unchanged,
}

/// What storing one article did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// A new article and its events.
    Added,
    /// A changed article: old events replaced.
    Replaced,
    /// Already stored with the same content: nothing written.
    Unchanged,
}

/// Counts of an ingest or recode run.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IngestReport {
    /// The `runs` row.
    pub run_id: i64,
    /// New articles.
    pub added: usize,
    /// Changed (or, for recode, re-coded) articles.
    pub replaced: usize,
    /// Articles skipped because they were already stored as they are.
    pub unchanged: usize,
    /// Stored articles found to be near-copies of another.
    pub duplicates: usize,
    /// Events written.
    pub events: usize,
}

impl IngestReport {
    fn count(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Added => self.added += 1,
            Outcome::Replaced => self.replaced += 1,
            Outcome::Unchanged => self.unchanged += 1,
        }
    }
}

/// The event store: one SQLite database file.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store").field("path", &self.path).finish()
    }
}

impl Store {
    /// Opens (or creates) a database for reading and writing, with the schema, WAL and
    /// foreign keys on.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let store = Store::connect(path, Connection::open(path))?;
        store
            .conn
            .busy_timeout(std::time::Duration::from_secs(10))
            .map_err(store.err("setting the busy timeout"))?;
        let version = store.schema_version()?;
        if version > SCHEMA_VERSION {
            return Err(store.invalid(format!(
                "schema version {version} is newer than this program's ({SCHEMA_VERSION})"
            )));
        }
        store
            .conn
            .execute_batch(
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;",
            )
            .map_err(store.err("setting up WAL mode"))?;
        if version == 0 {
            let has_tables: i64 = store
                .conn
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table'",
                    [],
                    |r| r.get(0),
                )
                .map_err(store.err("reading the schema"))?;
            let has_ours: i64 = store
                .conn
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'events'",
                    [],
                    |r| r.get(0),
                )
                .map_err(store.err("reading the schema"))?;
            if has_tables > 0 && has_ours == 0 {
                return Err(store.invalid("an SQLite database, but not a detente one".into()));
            }
        }
        store
            .conn
            .execute_batch(&format!(
                "BEGIN; {SCHEMA} PRAGMA user_version = {SCHEMA_VERSION}; COMMIT;"
            ))
            .map_err(store.err("creating the schema"))?;
        Ok(store)
    }

    /// Opens an existing database for reading only.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        if !path.exists() {
            return Err(StoreError::Invalid {
                path: path.to_path_buf(),
                msg: "no such database (run `detente ingest` first)".into(),
            });
        }
        let store = Store::connect(
            path,
            Connection::open_with_flags(
                path,
                OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            ),
        )?;
        // Queries read pages through a memory map and a larger cache rather than a
        // read() call per page; both are only hints to SQLite.
        store
            .conn
            .execute_batch("PRAGMA mmap_size = 1073741824; PRAGMA cache_size = -65536;")
            .map_err(store.err("setting up the connection"))?;
        let version = store.schema_version()?;
        if version != SCHEMA_VERSION {
            return Err(store.invalid(format!(
                "not a detente database of schema version {SCHEMA_VERSION} (found {version})"
            )));
        }
        Ok(store)
    }

    fn connect(path: &Path, conn: rusqlite::Result<Connection>) -> Result<Store, StoreError> {
        let conn = conn.map_err(|cause| StoreError::Sqlite {
            path: path.to_path_buf(),
            what: "opening",
            cause,
        })?;
        Ok(Store {
            conn,
            path: path.to_path_buf(),
        })
    }

    fn schema_version(&self) -> Result<i64, StoreError> {
        self.conn
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .map_err(self.err("reading the schema version"))
    }

    /// The database file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The SQLite connection, for queries this API does not offer.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn err(&self, what: &'static str) -> impl Fn(rusqlite::Error) -> StoreError + '_ {
        sql_error(&self.path, what)
    }

    fn invalid(&self, msg: String) -> StoreError {
        StoreError::Invalid {
            path: self.path.clone(),
            msg,
        }
    }

    /// Number of stored articles (duplicates included).
    pub fn article_count(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get::<_, i64>(0))
            .map(|n| n.max(0) as u64)
            .map_err(self.err("counting articles"))
    }

    /// Number of stored event mentions (duplicates' included).
    pub fn event_count(&self) -> Result<u64, StoreError> {
        self.conn
            .query_row("SELECT count(*) FROM events", [], |r| r.get::<_, i64>(0))
            .map(|n| n.max(0) as u64)
            .map_err(self.err("counting events"))
    }

    /// Starts a run (`kind` is `ingest` or `recode`) and returns its id.
    pub fn begin_run(&mut self, kind: &str, info: &RunInfo) -> Result<i64, StoreError> {
        self.conn
            .execute(
                "INSERT INTO runs (kind, version, dictionaries_hash, model_hash, started_unix)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    kind,
                    info.version,
                    info.dictionaries_hash,
                    info.model_hash,
                    info.started_unix
                ],
            )
            .map_err(self.err("recording the run"))?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Records a run's counts and end time.
    pub fn finish_run(
        &mut self,
        report: &IngestReport,
        finished_unix: Option<i64>,
    ) -> Result<(), StoreError> {
        self.conn
            .execute(
                "UPDATE runs SET finished_unix = ?2, articles_added = ?3, articles_replaced = ?4,
                 articles_unchanged = ?5, events = ?6 WHERE id = ?1",
                params![
                    report.run_id,
                    finished_unix,
                    report.added as i64,
                    report.replaced as i64,
                    report.unchanged as i64,
                    report.events as i64
                ],
            )
            .map_err(self.err("recording the run"))?;
        Ok(())
    }

    /// Whether `article` is new, changed or already stored as it is.
    pub fn article_state(&self, article: &ArticleInput) -> Result<ArticleState, StoreError> {
        let hash: Option<String> = self
            .conn
            .query_row(
                "SELECT content_hash FROM articles WHERE id = ?1",
                [&article.id],
                |r| r.get(0),
            )
            .optional()
            .map_err(self.err("looking up an article"))?;
        Ok(match hash {
            None => ArticleState::New,
            Some(h) if h == dedup::content_hash(&article.text) => ArticleState::Unchanged,
            Some(_) => ArticleState::Changed,
        })
    }

    /// Stores one article and its events in one transaction: inserts it, or replaces a
    /// changed one and all its events, or does nothing when it is stored unchanged.
    /// Returns what it did and whether the article is a near-copy of another.
    pub fn store_article(
        &mut self,
        run_id: i64,
        info: &RunInfo,
        article: &ArticleInput,
        events: &[detente_events::Event],
    ) -> Result<(Outcome, bool), StoreError> {
        let hash = dedup::content_hash(&article.text);
        let sig = dedup::signature(&article.text);
        // A copy of the path: the transaction borrows `self` mutably.
        let path = self.path.clone();
        let e = |what: &'static str| sql_error(&path, what);
        let tx = self
            .conn
            .transaction()
            .map_err(e("starting a transaction"))?;
        let old: Option<String> = tx
            .query_row(
                "SELECT content_hash FROM articles WHERE id = ?1",
                [&article.id],
                |r| r.get(0),
            )
            .optional()
            .map_err(e("looking up an article"))?;
        let outcome = match &old {
            Some(h) if *h == hash => return Ok((Outcome::Unchanged, false)),
            Some(_) => Outcome::Replaced,
            None => Outcome::Added,
        };
        if old.is_some() {
            tx.execute("DELETE FROM events WHERE article_id = ?1", [&article.id])
                .map_err(e("deleting old events"))?;
            tx.execute(
                "DELETE FROM article_bands WHERE article_id = ?1",
                [&article.id],
            )
            .map_err(e("deleting old dedup keys"))?;
        }
        // Near-duplicate detection against the articles already stored.
        let (dup_of, similarity) =
            find_duplicate(&tx, &article.id, &hash, sig.as_ref()).map_err(e("deduplicating"))?;
        tx.execute(
            "INSERT INTO articles (id, content_hash, date, source, url, title, text, minhash,
                 dup_of, dup_similarity, run_id, coded_with)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)
             ON CONFLICT(id) DO UPDATE SET content_hash = excluded.content_hash,
                 date = excluded.date, source = excluded.source, url = excluded.url,
                 title = excluded.title, text = excluded.text, minhash = excluded.minhash,
                 dup_of = excluded.dup_of, dup_similarity = excluded.dup_similarity,
                 run_id = excluded.run_id, coded_with = excluded.coded_with",
            params![
                article.id,
                hash,
                article.date,
                article.source,
                article.url,
                article.title,
                article.text,
                sig.as_ref().map(Signature::to_bytes),
                dup_of,
                similarity,
                run_id,
                info.coded_with(),
            ],
        )
        .map_err(e("storing an article"))?;
        if let (Some(sig), None) = (&sig, &dup_of) {
            insert_band_keys(&tx, &article.id, sig).map_err(e("storing dedup keys"))?;
        }
        if old.is_some() {
            // Copies of the old text: keep them only if they are still copies.
            recheck_copies(&tx, &article.id, dup_of.as_deref(), sig.as_ref())
                .map_err(e("re-checking copies"))?;
        }
        insert_events(&tx, run_id, &article.id, events).map_err(e("storing events"))?;
        tx.commit().map_err(e("committing"))?;
        Ok((outcome, dup_of.is_some()))
    }

    /// Stores articles one by one, coding those that are new or changed with `code`.
    /// `progress` is called after each article.
    pub fn ingest<I, F, P>(
        &mut self,
        articles: I,
        info: &RunInfo,
        mut code: F,
        mut progress: P,
    ) -> Result<IngestReport, StoreError>
    where
        I: IntoIterator<Item = ArticleInput>,
        F: FnMut(&ArticleInput) -> Vec<detente_events::Event>,
        P: FnMut(&ArticleInput, Outcome),
    {
        let run_id = self.begin_run("ingest", info)?;
        let mut report = IngestReport {
            run_id,
            ..IngestReport::default()
        };
        for article in articles {
            let outcome = if self.article_state(&article)? == ArticleState::Unchanged {
                Outcome::Unchanged
            } else {
                let events = code(&article);
                let (outcome, dup) = self.store_article(run_id, info, &article, &events)?;
                if outcome != Outcome::Unchanged {
                    report.events += events.len();
                    report.duplicates += usize::from(dup);
                }
                outcome
            };
            report.count(outcome);
            progress(&article, outcome);
        }
        Ok(report)
    }

    /// Ids of the stored articles in storage order; given `info`, only those not coded
    /// with its dictionaries and model (what a resumed recode still has to do).
    pub fn article_ids(&self, info: Option<&RunInfo>) -> Result<Vec<String>, StoreError> {
        let mut st = self
            .conn
            .prepare(
                "SELECT id FROM articles WHERE ?1 IS NULL OR coded_with IS NOT ?1 ORDER BY rowid",
            )
            .map_err(self.err("listing articles"))?;
        let rows = st
            .query_map([info.map(RunInfo::coded_with)], |r| r.get::<_, String>(0))
            .map_err(self.err("listing articles"))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(self.err("listing articles"))
    }

    /// A stored article.
    pub fn article(&self, id: &str) -> Result<Option<ArticleInput>, StoreError> {
        self.conn
            .query_row(
                "SELECT id, text, date, source, url, title FROM articles WHERE id = ?1",
                [id],
                |r| {
                    Ok(ArticleInput {
                        id: r.get(0)?,
                        text: r.get(1)?,
                        date: r.get(2)?,
                        source: r.get(3)?,
                        url: r.get(4)?,
                        title: r.get(5)?,
                    })
                },
            )
            .optional()
            .map_err(self.err("reading an article"))
    }

    /// Replaces the events of one stored article with `events` (one transaction).
    pub fn replace_events(
        &mut self,
        run_id: i64,
        info: &RunInfo,
        article_id: &str,
        events: &[detente_events::Event],
    ) -> Result<(), StoreError> {
        // A copy of the path: the transaction borrows `self` mutably.
        let path = self.path.clone();
        let e = |what: &'static str| sql_error(&path, what);
        let tx = self
            .conn
            .transaction()
            .map_err(e("starting a transaction"))?;
        tx.execute("DELETE FROM events WHERE article_id = ?1", [article_id])
            .map_err(e("deleting old events"))?;
        insert_events(&tx, run_id, article_id, events).map_err(e("storing events"))?;
        tx.execute(
            "UPDATE articles SET run_id = ?2, coded_with = ?3 WHERE id = ?1",
            params![article_id, run_id, info.coded_with()],
        )
        .map_err(e("updating an article"))?;
        tx.commit().map_err(e("committing"))
    }

    /// Re-codes stored articles after a dictionary or model update, one transaction per
    /// article. With `all == false`, articles already coded with `info`'s dictionaries
    /// and model are skipped, so an interrupted recode resumes where it stopped.
    pub fn recode<F, P>(
        &mut self,
        info: &RunInfo,
        all: bool,
        mut code: F,
        mut progress: P,
    ) -> Result<IngestReport, StoreError>
    where
        F: FnMut(&ArticleInput) -> Vec<detente_events::Event>,
        P: FnMut(&ArticleInput, Outcome),
    {
        let ids = self.article_ids(if all { None } else { Some(info) })?;
        let run_id = self.begin_run("recode", info)?;
        let mut report = IngestReport {
            run_id,
            ..IngestReport::default()
        };
        for id in ids {
            let Some(article) = self.article(&id)? else {
                continue;
            };
            let events = code(&article);
            self.replace_events(run_id, info, &id, &events)?;
            report.replaced += 1;
            report.events += events.len();
            progress(&article, Outcome::Replaced);
        }
        Ok(report)
    }

    /// One row per coded event mention matching `filter`, ordered by date then id,
    /// leaving out the events of articles that are near-copies of another; the `num_*`
    /// counts are 1.
    pub fn events(&self, filter: &EventFilter) -> Result<Vec<StoredEvent>, StoreError> {
        let (where_sql, args) = filter_sql(filter, false);
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id
             WHERE {where_sql} ORDER BY e.date, e.id"
        );
        let mut st = self
            .conn
            .prepare(&sql)
            .map_err(self.err("querying events"))?;
        let rows = st
            .query_map(rusqlite::params_from_iter(args.iter()), read_event)
            .map_err(self.err("querying events"))?;
        let mut out = Vec::new();
        for row in rows {
            out.push(row.map_err(self.err("reading events"))?);
        }
        Ok(out)
    }

    /// Mentions rolled up into events, as GDELT does.
    ///
    /// With `one_a_day == false`, mentions with the same source, target, CAMEO code and
    /// event date (as precise as coded: `2025-05` and `2025-05-28` stay apart) become one
    /// row. With `one_a_day == true` (Phoenix's one-a-day filter) every mention is first
    /// put on a day, its own when the text gives one and otherwise its article's
    /// publication day, and one row is kept per source, target, code and day.
    ///
    /// Each row is the first mention (by date and id) from an article that is not a
    /// near-copy, with `num_mentions` = all mentions rolled into it (wire copies
    /// included), `num_sources` = distinct outlets that carried them, and
    /// `num_articles` = distinct articles, a near-copy counting as the article it copies.
    /// Rows are ordered by date, then the id of the row's mention.
    pub fn rolled_up(
        &self,
        filter: &EventFilter,
        one_a_day: bool,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        self.rolled_up_with(filter, one_a_day, EVENT_COLUMNS)
    }

    /// [`Store::rolled_up`] with only what dyad series and alerts read: ids, dates,
    /// actor codes, CAMEO code and root, quad class, Goldstein value, mode and the
    /// article's date and outlet. The words (`source_text`, `target_text`, `evidence`),
    /// spans, `plover`, `pattern`, location and URL are left empty. Several times faster
    /// on large dyads, since no text is copied out of the database.
    pub fn rolled_up_counts(
        &self,
        filter: &EventFilter,
        one_a_day: bool,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        self.rolled_up_with(filter, one_a_day, COUNT_COLUMNS)
    }

    fn rolled_up_with(
        &self,
        filter: &EventFilter,
        one_a_day: bool,
        columns: &str,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        let (where_sql, args) = filter_sql(filter, true);
        let sql = format!(
            "SELECT {columns}, COALESCE(a.dup_of, a.id), a.dup_of IS NOT NULL
             FROM events e JOIN articles a ON a.id = e.article_id
             WHERE {where_sql} ORDER BY e.date, e.id"
        );
        let mut st = self
            .conn
            .prepare(&sql)
            .map_err(self.err("querying events"))?;
        let rows = st
            .query_map(rusqlite::params_from_iter(args.iter()), |r| {
                let ev = read_event(r)?;
                let canonical: String = r.get(EVENT_COLUMN_COUNT)?;
                let is_copy: bool = r.get(EVENT_COLUMN_COUNT + 1)?;
                Ok((ev, canonical, is_copy))
            })
            .map_err(self.err("querying events"))?;
        type Key = (String, Option<String>, String, Option<String>);
        struct Group {
            row: StoredEvent,
            row_is_copy: bool,
            mentions: u32,
            sources: std::collections::BTreeSet<String>,
            articles: std::collections::BTreeSet<String>,
        }
        let mut order: Vec<Key> = Vec::new();
        let mut groups: std::collections::HashMap<Key, Group> = std::collections::HashMap::new();
        for row in rows {
            let (ev, canonical, is_copy) = row.map_err(self.err("reading events"))?;
            let date = if one_a_day {
                match &ev.date {
                    Some(d) if d.len() >= 10 => Some(d[..10].to_string()),
                    _ => ev.article_date.clone().or_else(|| ev.date.clone()),
                }
            } else {
                ev.date.clone()
            };
            let key = (ev.source.clone(), ev.target.clone(), ev.cameo.clone(), date);
            let outlet = ev
                .article_source
                .clone()
                .unwrap_or_else(|| format!("article:{canonical}"));
            match groups.get_mut(&key) {
                Some(g) => {
                    g.mentions += 1;
                    g.sources.insert(outlet);
                    g.articles.insert(canonical);
                    if g.row_is_copy && !is_copy {
                        g.row = ev;
                        g.row_is_copy = false;
                    }
                }
                None => {
                    order.push(key.clone());
                    groups.insert(
                        key,
                        Group {
                            row: ev,
                            row_is_copy: is_copy,
                            mentions: 1,
                            sources: [outlet].into(),
                            articles: [canonical].into(),
                        },
                    );
                }
            }
        }
        let mut out: Vec<(Option<String>, StoredEvent)> = order
            .into_iter()
            .filter_map(|k| {
                let day = k.3.clone();
                groups.remove(&k).map(|g| {
                    let mut row = g.row;
                    row.num_mentions = g.mentions;
                    row.num_sources = g.sources.len() as u32;
                    row.num_articles = g.articles.len() as u32;
                    (day, row)
                })
            })
            .collect();
        out.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.id.cmp(&b.1.id)));
        Ok(out.into_iter().map(|(_, r)| r).collect())
    }
}

/// Finds the stored article that `id` is a near-copy of: the same content hash under
/// another id, or a MinHash similarity of at least [`dedup::THRESHOLD`] with an
/// original (an article that is not itself a copy) sharing a band key. Returns the
/// original and the similarity. The most similar candidate wins, the first stored on a
/// tie, so the result depends only on what is stored, not on timing.
fn find_duplicate(
    tx: &rusqlite::Transaction<'_>,
    id: &str,
    hash: &str,
    sig: Option<&Signature>,
) -> rusqlite::Result<(Option<String>, Option<f64>)> {
    let exact: Option<(String, Option<String>)> = tx
        .query_row(
            "SELECT id, dup_of FROM articles WHERE content_hash = ?1 AND id != ?2
             ORDER BY rowid LIMIT 1",
            params![hash, id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    if let Some((other, dup_of)) = exact {
        return Ok((Some(dup_of.unwrap_or(other)), Some(1.0)));
    }
    let Some(sig) = sig else {
        return Ok((None, None));
    };
    let keys = sig.band_keys();
    let mut st = tx.prepare_cached(
        "SELECT DISTINCT b.article_id, a.rowid, a.minhash, a.dup_of FROM article_bands b
         JOIN articles a ON a.id = b.article_id WHERE b.key = ?1 AND b.article_id != ?2",
    )?;
    let mut best: Option<(f64, i64, String)> = None;
    let mut seen = std::collections::HashSet::new();
    for key in keys {
        let rows = st.query_map(params![key, id], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<Vec<u8>>>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        for row in rows {
            let (other, rowid, bytes, dup_of) = row?;
            if !seen.insert(other.clone()) {
                continue;
            }
            let Some(other_sig) = bytes.as_deref().and_then(Signature::from_bytes) else {
                continue;
            };
            let s = sig.similarity(&other_sig);
            if s < dedup::THRESHOLD {
                continue;
            }
            let root = dup_of.unwrap_or(other);
            let better = match &best {
                None => true,
                Some((bs, brow, _)) => s > *bs || (s == *bs && rowid < *brow),
            };
            if better {
                best = Some((s, rowid, root));
            }
        }
    }
    Ok(match best {
        Some((s, _, root)) if root != id => (Some(root), Some(s)),
        _ => (None, None),
    })
}

/// After `id` changed: its copies stay copies (of `id`'s original) only while they are
/// still similar to the new text.
fn recheck_copies(
    tx: &rusqlite::Transaction<'_>,
    id: &str,
    new_root: Option<&str>,
    sig: Option<&Signature>,
) -> rusqlite::Result<()> {
    let copies: Vec<(String, Option<Vec<u8>>)> = {
        let mut st = tx.prepare("SELECT id, minhash FROM articles WHERE dup_of = ?1")?;
        let rows = st.query_map([id], |r| Ok((r.get(0)?, r.get(1)?)))?;
        rows.collect::<Result<_, _>>()?
    };
    for (copy, bytes) in copies {
        let s = match (sig, bytes.as_deref().and_then(Signature::from_bytes)) {
            (Some(a), Some(b)) => a.similarity(&b),
            _ => 0.0,
        };
        if s >= dedup::THRESHOLD && new_root != Some(copy.as_str()) {
            tx.execute(
                "UPDATE articles SET dup_of = ?2, dup_similarity = ?3 WHERE id = ?1",
                params![copy, new_root.unwrap_or(id), s],
            )?;
        } else {
            tx.execute(
                "UPDATE articles SET dup_of = NULL, dup_similarity = NULL WHERE id = ?1",
                [&copy],
            )?;
            // An original now: later copies are matched against it.
            if let Some(b) = bytes.as_deref().and_then(Signature::from_bytes) {
                insert_band_keys(tx, &copy, &b)?;
            }
        }
    }
    Ok(())
}

/// Stores the band keys of an original (copies have none: a new article is compared
/// with originals only, which keeps the comparisons few when a story has many copies).
fn insert_band_keys(
    tx: &rusqlite::Transaction<'_>,
    id: &str,
    sig: &Signature,
) -> rusqlite::Result<()> {
    let mut st =
        tx.prepare_cached("INSERT INTO article_bands (key, article_id) VALUES (?1, ?2)")?;
    for key in sig.band_keys() {
        st.execute(params![key, id])?;
    }
    Ok(())
}

/// The three-letter country (or international-body) prefix of an actor code.
fn country_prefix(code: &str) -> String {
    code.chars().take(3).collect()
}

fn insert_events(
    tx: &rusqlite::Transaction<'_>,
    run_id: i64,
    article_id: &str,
    events: &[detente_events::Event],
) -> rusqlite::Result<()> {
    let mut st = tx.prepare_cached(
        "INSERT INTO events (article_id, run_id, sentence_id, date, source, source_text,
             source_start, source_end, target, target_text, target_start, target_end, cameo,
             root, quad_class, goldstein, plover, mode, evidence, evidence_start, evidence_end,
             location_name, location_country, location_admin1, lat, lon, geonames_id, pattern,
             source_cc, target_cc)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
             ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30)",
    )?;
    for ev in events {
        let loc = ev.location.as_ref();
        st.execute(params![
            article_id,
            run_id,
            ev.sentence_id as i64,
            ev.date.map(|d| d.to_string()),
            ev.source.code,
            ev.source.text,
            ev.source.start,
            ev.source.end,
            ev.target.as_ref().map(|t| &t.code),
            ev.target.as_ref().map(|t| &t.text),
            ev.target.as_ref().map(|t| t.start),
            ev.target.as_ref().map(|t| t.end),
            ev.cameo,
            ev.root,
            ev.quad_class,
            ev.goldstein.map(f64::from),
            ev.plover,
            ev.mode.as_str(),
            ev.evidence.text,
            ev.evidence.start,
            ev.evidence.end,
            loc.map(|l| &l.name),
            loc.map(|l| &l.country),
            loc.and_then(|l| l.admin1.as_ref()),
            loc.and_then(|l| l.lat),
            loc.and_then(|l| l.lon),
            loc.and_then(|l| l.geonames_id),
            ev.pattern,
            country_prefix(&ev.source.code),
            ev.target.as_ref().map(|t| country_prefix(&t.code)),
        ])?;
    }
    Ok(())
}

const EVENT_COLUMNS: &str = "e.id, e.article_id, e.sentence_id, e.date, e.source, e.source_text,
    e.target, e.target_text, e.cameo, e.root, e.quad_class, e.goldstein, e.plover, e.mode,
    e.evidence, e.evidence_start, e.evidence_end, e.location_name, e.location_country, e.lat,
    e.lon, e.pattern, a.date, a.source, a.url";
const EVENT_COLUMN_COUNT: usize = 25;
/// [`EVENT_COLUMNS`] with the text fields blanked (see [`Store::rolled_up_counts`]).
const COUNT_COLUMNS: &str = "e.id, e.article_id, e.sentence_id, e.date, e.source, '',
    e.target, NULL, e.cameo, e.root, e.quad_class, e.goldstein, NULL, e.mode,
    '', 0, 0, NULL, NULL, NULL,
    NULL, '', a.date, a.source, NULL";

fn read_event(r: &Row<'_>) -> rusqlite::Result<StoredEvent> {
    Ok(StoredEvent {
        id: r.get(0)?,
        article_id: r.get(1)?,
        sentence_id: r.get(2)?,
        date: r.get(3)?,
        source: r.get(4)?,
        source_text: r.get(5)?,
        target: r.get(6)?,
        target_text: r.get(7)?,
        cameo: r.get(8)?,
        root: r.get(9)?,
        quad_class: r.get(10)?,
        goldstein: r.get::<_, Option<f64>>(11)?.map(|g| g as f32),
        plover: r.get(12)?,
        mode: r.get(13)?,
        evidence: r.get(14)?,
        evidence_start: r.get(15)?,
        evidence_end: r.get(16)?,
        location_name: r.get(17)?,
        location_country: r.get(18)?,
        lat: r.get(19)?,
        lon: r.get(20)?,
        pattern: r.get(21)?,
        article_date: r.get(22)?,
        article_source: r.get(23)?,
        article_url: r.get(24)?,
        num_mentions: 1,
        num_sources: 1,
        num_articles: 1,
    })
}

/// The WHERE clause of a filter and its arguments. `with_copies` keeps the events of
/// near-copy articles (for roll-ups, which count them once).
fn filter_sql(filter: &EventFilter, with_copies: bool) -> (String, Vec<String>) {
    let mut parts: Vec<String> = Vec::new();
    let mut args: Vec<String> = Vec::new();
    let arg = |args: &mut Vec<String>, v: &str| {
        args.push(v.to_string());
        format!("?{}", args.len())
    };
    if !with_copies {
        parts.push("a.dup_of IS NULL".into());
    }
    // An actor-code prefix on one side: the indexed country column when the prefix has
    // three letters or more, plus the exact prefix test.
    let side = |args: &mut Vec<String>, col: &str, cc: &str, code: &str| -> String {
        let mut s = Vec::new();
        if code.chars().count() >= 3 {
            let c = country_prefix(code);
            args.push(c);
            s.push(format!("e.{cc} = ?{}", args.len()));
        }
        args.push(code.to_string());
        let n = args.len();
        s.push(format!("substr(e.{col}, 1, length(?{n})) = ?{n}"));
        format!("({})", s.join(" AND "))
    };
    if let Some((a, b)) = &filter.dyad {
        let fwd = format!(
            "({} AND {})",
            side(&mut args, "source", "source_cc", a),
            side(&mut args, "target", "target_cc", b)
        );
        if filter.directed {
            parts.push(fwd);
        } else {
            let back = format!(
                "({} AND {})",
                side(&mut args, "source", "source_cc", b),
                side(&mut args, "target", "target_cc", a)
            );
            parts.push(format!("({fwd} OR {back})"));
        }
    }
    if let Some(actor) = &filter.actor {
        let s = side(&mut args, "source", "source_cc", actor);
        let t = side(&mut args, "target", "target_cc", actor);
        parts.push(format!("({s} OR {t})"));
    }
    if let Some(code) = &filter.code {
        let p = arg(&mut args, code);
        parts.push(format!("substr(e.cameo, 1, length({p})) = {p}"));
    }
    // Date bounds compare as prefixes: an event dated `2025-05` overlaps `--from
    // 2025-05-10`. The plain comparisons let SQLite use the date indexes.
    if let Some(from) = &filter.from {
        let p = arg(&mut args, from);
        let year = arg(&mut args, &from.chars().take(4).collect::<String>());
        parts.push(format!(
            "e.date >= {year} AND substr(e.date, 1, length({p})) >= substr({p}, 1, length(e.date))"
        ));
    }
    if let Some(to) = &filter.to {
        let p = arg(&mut args, to);
        let hi = arg(&mut args, &format!("{to}~"));
        parts.push(format!(
            "e.date <= {hi} AND substr(e.date, 1, length({p})) <= substr({p}, 1, length(e.date))"
        ));
    }
    let modes: Vec<&str> = if filter.modes.is_empty() {
        CLAIM_MODES.to_vec()
    } else {
        filter.modes.iter().map(String::as_str).collect()
    };
    let list: Vec<String> = modes.iter().map(|m| arg(&mut args, m)).collect();
    parts.push(format!("e.mode IN ({})", list.join(", ")));
    (parts.join(" AND "), args)
}

/// One row of [`Store::top_dyads`]: first and second country code (`a < b`), mentions,
/// mean Goldstein value.
pub type DyadCount = (String, String, u64, Option<f64>);

/// Read queries of the HTTP API.
impl Store {
    /// The events with these row ids (copies included), ordered by date and id. Unknown ids
    /// are left out.
    pub fn events_with_ids(&self, ids: &[i64]) -> Result<Vec<StoredEvent>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let marks = vec!["?"; ids.len()].join(", ");
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id
             WHERE e.id IN ({marks}) ORDER BY e.date, e.id"
        );
        self.collect_events(&sql, rusqlite::params_from_iter(ids.iter()))
    }

    /// Every event coded from one article (all modes), in text order.
    pub fn article_events(&self, article_id: &str) -> Result<Vec<StoredEvent>, StoreError> {
        let sql = format!(
            "SELECT {EVENT_COLUMNS} FROM events e JOIN articles a ON a.id = e.article_id
             WHERE e.article_id = ?1 ORDER BY e.evidence_start, e.id"
        );
        self.collect_events(&sql, [article_id])
    }

    /// The most active undirected country dyads (three-letter prefixes of source and
    /// target, different from each other): `(a, b, mentions, mean Goldstein)` with
    /// `a < b`, counting claim-mode mentions in articles that are not near-copies, most
    /// first (ties by dyad name).
    pub fn top_dyads(&self, limit: usize) -> Result<Vec<DyadCount>, StoreError> {
        let modes = CLAIM_MODES
            .iter()
            .map(|m| format!("'{m}'"))
            .collect::<Vec<_>>()
            .join(", ");
        let sql = format!(
            "SELECT min(e.source_cc, e.target_cc) AS x, max(e.source_cc, e.target_cc) AS y,
                    COUNT(*) AS n, AVG(e.goldstein)
             FROM events e JOIN articles a ON a.id = e.article_id
             WHERE a.dup_of IS NULL AND e.target_cc IS NOT NULL AND e.source_cc != e.target_cc
               AND length(e.source_cc) = 3 AND length(e.target_cc) = 3
               AND e.mode IN ({modes})
             GROUP BY x, y ORDER BY n DESC, x, y LIMIT ?1"
        );
        let mut st = self
            .conn
            .prepare(&sql)
            .map_err(self.err("querying dyads"))?;
        let limit = i64::try_from(limit).unwrap_or(i64::MAX);
        let rows = st
            .query_map([limit], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, i64>(2)? as u64,
                    r.get::<_, Option<f64>>(3)?,
                ))
            })
            .map_err(self.err("querying dyads"))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(self.err("reading dyads"))
    }

    fn collect_events<P: rusqlite::Params>(
        &self,
        sql: &str,
        params: P,
    ) -> Result<Vec<StoredEvent>, StoreError> {
        let mut st = self
            .conn
            .prepare(sql)
            .map_err(self.err("querying events"))?;
        let rows = st
            .query_map(params, read_event)
            .map_err(self.err("querying events"))?;
        rows.collect::<Result<Vec<_>, _>>()
            .map_err(self.err("reading events"))
    }
}

/// Turns a SQLite error into a [`StoreError`] naming the database and what was being done.
fn sql_error<'a>(
    path: &'a Path,
    what: &'static str,
) -> impl Fn(rusqlite::Error) -> StoreError + 'a {
    move |cause| StoreError::Sqlite {
        path: path.to_path_buf(),
        what,
        cause,
    }
}
