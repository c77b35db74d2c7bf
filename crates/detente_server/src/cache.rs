//! Answers of the query endpoints (series, alerts, top dyads), kept until the database
//! changes.
//!
//! The server only reads the database; `detente ingest` or `recode` in another process
//! writes it. Every commit changes the size or modification time of the database file
//! or of its write-ahead log, so the pair (size, mtime) of both files is a stamp of the
//! database's state. An answer is served from the cache only when it was computed under
//! the current stamp; a new stamp empties the cache. The stamp is taken before the
//! query runs, so an answer computed while a commit lands is stored under the old
//! stamp and never served after it.

use std::collections::{HashMap, VecDeque};
use std::path::Path;
use std::sync::Mutex;
use std::time::SystemTime;

use axum::body::Bytes;

/// The state of the database files: (length, mtime) of the database and of its WAL,
/// and the database file's identity.
pub(crate) type Stamp = ([(u64, Option<SystemTime>); 2], Option<FileId>);

/// Reads the stamp of `db`, or `None` when the database file cannot be examined (then
/// nothing is cached).
pub(crate) fn stamp(db: &Path) -> Option<Stamp> {
    let file = |p: &Path| -> Option<(u64, Option<SystemTime>)> {
        match std::fs::metadata(p) {
            Ok(m) => Some((m.len(), m.modified().ok())),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Some((0, None)),
            Err(_) => None,
        }
    };
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    let main = file(db)?;
    main.1?; // without modification times there is no safe stamp
    Some(([main, file(Path::new(&wal))?], file_id(db)))
}

/// The identity of a file (device and inode on Unix): a database deleted and created
/// again under the same path is another file.
pub(crate) type FileId = (u64, u64);

/// The identity of the file at `path`, where the platform gives one.
pub(crate) fn file_id(path: &Path) -> Option<FileId> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        std::fs::metadata(path).ok().map(|m| (m.dev(), m.ino()))
    }
    #[cfg(not(unix))]
    {
        let _ = path;
        None
    }
}

/// A bounded map from a normalised request to its JSON answer.
pub(crate) struct Cache {
    capacity: usize,
    inner: Mutex<Inner>,
}

#[derive(Default)]
struct Inner {
    stamp: Option<Stamp>,
    answers: HashMap<String, Bytes>,
    /// Keys in insertion order; the oldest is dropped when full.
    order: VecDeque<String>,
}

impl Cache {
    /// A cache of at most `capacity` answers; 0 turns caching off.
    pub(crate) fn new(capacity: usize) -> Cache {
        Cache {
            capacity,
            inner: Mutex::new(Inner::default()),
        }
    }

    /// The answer to `key` if it was computed under `stamp`.
    pub(crate) fn get(&self, key: &str, stamp: &Stamp) -> Option<Bytes> {
        if self.capacity == 0 {
            return None;
        }
        let inner = self.inner.lock().ok()?;
        if inner.stamp.as_ref() != Some(stamp) {
            return None;
        }
        inner.answers.get(key).cloned()
    }

    /// Keeps `answer` for `key`, computed under `stamp`. Answers of another stamp go.
    pub(crate) fn put(&self, key: String, stamp: Stamp, answer: Bytes) {
        if self.capacity == 0 {
            return;
        }
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if inner.stamp != Some(stamp) {
            *inner = Inner {
                stamp: Some(stamp),
                ..Inner::default()
            };
        }
        if inner.answers.insert(key.clone(), answer).is_none() {
            inner.order.push_back(key);
        }
        while inner.order.len() > self.capacity {
            if let Some(old) = inner.order.pop_front() {
                inner.answers.remove(&old);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_last_until_the_database_changes() {
        let dir = std::env::temp_dir().join(format!("detente-cache-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let db = dir.join("t.db");
        std::fs::write(&db, b"one").unwrap();
        let cache = Cache::new(2);
        let s1 = stamp(&db).unwrap();
        cache.put("a".into(), s1, Bytes::from_static(b"A"));
        assert_eq!(cache.get("a", &s1).as_deref(), Some(&b"A"[..]));
        assert_eq!(cache.get("b", &s1), None);

        // A write to the WAL is a new state: nothing computed before it is served.
        std::fs::write(dir.join("t.db-wal"), b"commit").unwrap();
        let s2 = stamp(&db).unwrap();
        assert_ne!(s1, s2);
        assert_eq!(cache.get("a", &s2), None);
        cache.put("b".into(), s2, Bytes::from_static(b"B"));
        assert_eq!(cache.get("a", &s1), None, "old answers are dropped");

        // Bounded: the oldest answer goes first.
        cache.put("c".into(), s2, Bytes::from_static(b"C"));
        cache.put("d".into(), s2, Bytes::from_static(b"D"));
        assert_eq!(cache.get("b", &s2), None);
        assert!(cache.get("c", &s2).is_some() && cache.get("d", &s2).is_some());

        let off = Cache::new(0);
        off.put("a".into(), s2, Bytes::from_static(b"A"));
        assert_eq!(off.get("a", &s2), None);
        let _ = std::fs::remove_dir_all(&dir);
    }
}
