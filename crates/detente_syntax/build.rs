//! Build script: detects the committed built-in model `models/en_ewt.model` (relative to the
//! workspace root) and sets the `detente_builtin_model` cfg when it exists, so that
//! `Model::builtin()` can embed it with `include_bytes!`.

use std::path::Path;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(detente_builtin_model)");
    let manifest = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".to_string());
    let model = Path::new(&manifest).join("../../models/en_ewt.model");
    println!("cargo::rerun-if-changed={}", model.display());
    // Watching the directory too notices the model being added later.
    println!(
        "cargo::rerun-if-changed={}",
        Path::new(&manifest).join("../../models").display()
    );
    println!("cargo::rerun-if-changed=build.rs");
    if model.is_file() {
        println!("cargo::rustc-cfg=detente_builtin_model");
    }
}
