//! The widget's release build: Trunk compiles the root crate to WASM, runs wasm-bindgen and
//! wasm-opt, and writes the assets the proxy serves into `dist/`.

use std::path::Path;

use anyhow::ensure;

use crate::process::{cargo, command, run};

/// The root package: the widget crate, whose browser tests live in `tests/`.
pub const PACKAGE: &str = "commercial-shopper";

/// Files the proxy and `embed.js` load by name, so a build without one of them is broken.
const DIST_FILES: [&str; 5] = [
    "commercial-shopper.js",
    "commercial-shopper_bg.wasm",
    "widget.css",
    "embed.js",
    "index.html",
];

/// Builds the widget into `dist/` with Trunk in release mode.
pub fn build_release(root: &Path) -> anyhow::Result<()> {
    println!("Building the widget (trunk build --release) …");

    // Trunk runs offline so it never downloads its own wasm-bindgen or wasm-opt; the crates it
    // compiles must then be in Cargo's cache already.
    run(cargo(root).arg("fetch"))?;
    run(command(root, "trunk").args(["build", "--release", "--offline"]))?;

    let dist = root.join("dist");
    let missing: Vec<&str> = DIST_FILES
        .into_iter()
        .filter(|file| !dist.join(file).is_file())
        .collect();
    ensure!(
        missing.is_empty(),
        "trunk build finished but {} lacks {}; check index.html and Trunk.toml",
        dist.display(),
        missing.join(", "),
    );
    Ok(())
}
