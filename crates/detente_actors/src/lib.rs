//! Actor knowledge base of detente: countries, people with dated roles, organisations,
//! agent nouns and a gazetteer, loaded from the line-oriented files in `dictionaries/`.
//!
//! [`builtin`] loads the committed files (embedded with `include_str!`); the `load_*`
//! functions parse any text in the same formats. Every loader validates its input and
//! returns an [`Error`] with file name, 1-based line and a lowercase message instead of
//! panicking. Codes follow CAMEO/PETRARCH conventions (see `dictionaries/README.md`).
//!
//! [`ActorRecognizer`] finds actors in parsed sentences (`detente_core::TaggedWord`):
//! names, composed noun phrases, appositions, compounds and coreference. Build it once
//! per knowledge base, then per article:
//!
//! ```text
//! let kb = detente_actors::builtin()?;
//! let recognizer = ActorRecognizer::new(&kb);               // ~0.1 s, reuse it
//! let found = recognizer.analyze_document(&sentences, date); // sentences: Vec<Vec<TaggedWord>>
//! for m in found.mentions.iter().flatten() { /* m.codes, m.kind, m.range, m.group */ }
//! recognizer.codes_on(&mention, event_date);                  // dated roles at another date
//! ```

mod block;
mod date;
mod error;
pub mod fasthash;
mod kb;
mod matcher;
mod model;
mod places;
mod recognize;

pub use date::Date;
pub use error::Error;
pub use kb::{
    builtin, normalize, Hit, KnowledgeBase, BUILTIN_FILES, INTERNATIONAL_PREFIXES, REGION_CODES,
};
pub use model::{
    load_agents, load_countries, load_organisations, load_people, Agent, Country, CountryStatus,
    DatedRole, Metonym, OrgKind, Organisation, Person,
};
pub use places::{load_places, Place, PlaceKind, PLACES_HEADER};
pub use recognize::{
    word_key, ActorMention, ActorRecognizer, DocumentActors, MentionKind, MentionRef, UnknownName,
};
