//! The tagger and parser model of a run: the built-in one, or a model file.

use std::path::Path;

use anyhow::Context;
use detente_syntax::Model;

/// A model loaded from a file, or the built-in one.
pub enum LoadedModel {
    /// The model embedded in the binary.
    Builtin(&'static Model),
    /// A model read from a file.
    Owned(Box<Model>),
}

impl LoadedModel {
    /// The model.
    pub fn get(&self) -> &Model {
        match self {
            LoadedModel::Builtin(model) => model,
            LoadedModel::Owned(model) => model,
        }
    }
}

/// Loads the model at `path`, or the built-in model when `path` is `None`.
pub fn load_model(path: Option<&Path>) -> anyhow::Result<LoadedModel> {
    match path {
        Some(path) => {
            let bytes =
                std::fs::read(path).with_context(|| format!("reading model {}", path.display()))?;
            let model = Model::from_bytes(&bytes)
                .with_context(|| format!("loading model {}", path.display()))?;
            Ok(LoadedModel::Owned(Box::new(model)))
        }
        None => Ok(LoadedModel::Builtin(
            Model::builtin().context("loading the built-in model")?,
        )),
    }
}
