//! Event coding for detente: who did what to whom, when and where.
//!
//! [`Coder`] takes an article analysed by `detente_pipeline` (sentences, tags, lemmas,
//! dependencies), finds its actors with `detente_actors`, and matches the [`Lexicon`]'s
//! verb and noun patterns inside each trigger's clause. Each match becomes one or more
//! [`Event`]s (both directions for reciprocal actors), with a CAMEO code and its
//! Goldstein value, quad class and PLOVER type, a [`Mode`], a date resolved against the
//! publication date, a place from the gazetteer, and the evidence span and pattern that
//! made it. The record is the contract of `../shared/spec/events.md`.
//!
//! The lexicon is the project's own (`dictionaries/events/*.txt`, [`Lexicon::builtin`])
//! or a legacy PETRARCH-2/TABARI verb dictionary converted by [`lexicon_from_legacy`].
//!
//! ```text
//! let kb = detente_actors::builtin()?;
//! let coder = Coder::new(&kb, Lexicon::builtin());
//! let doc = detente_pipeline::analyze(model, text)?;
//! let events = coder.code(&doc, &Article { id: "a1", text, date });
//! ```

mod coder;
mod error;
mod legacy;
mod lexicon;
mod patterns;
mod record;

pub use coder::{Article, Coder, SentenceTrace, TriggerTrace};
pub use error::LexiconError;
pub use legacy::{convert_discards, lexicon_from_legacy};
pub use lexicon::{Discard, Elem, Entry, Example, Item, Kind, Lexicon, BUILTIN_FILES};
pub use record::{ActorSpan, Event, Location, Mode, Span};
