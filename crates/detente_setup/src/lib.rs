//! What a run codes with, shared by the `detente` binary and the Python package: the
//! actor knowledge base (`dictionaries`), the event lexicon (`lexicon`), the tagger and
//! parser model (`model`), and the JSON article record (`article`).
//!
//! The built-in dictionaries and model are used unless files replace them; legacy
//! PETRARCH-2 and TABARI files are recognised and converted. Loading returns errors that
//! name the file and line, and hands loader warnings back to the caller (the CLI prints
//! them on stderr, the Python package turns them into `warnings.warn`). Nothing here
//! reads standard input or the clock.

pub mod article;
pub mod dictionaries;
pub mod lexicon;
pub mod model;

pub use article::{article_from_json, parse_date, InputArticle};
pub use detente_dates::EventDate;
pub use dictionaries::{knowledge_base, knowledge_base_from_texts};
pub use lexicon::{lexicon, read_latin};
pub use model::{load_model, LoadedModel};
