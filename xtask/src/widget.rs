//! The widget's release build: Trunk compiles the root crate to WASM, runs wasm-bindgen and
//! wasm-opt, and writes the assets the proxy serves into `dist/`. Then each file a partner's
//! visitors download gets a brotli copy beside it (`*.br`), which the proxy sends to browsers
//! that accept brotli.

use std::fs;
use std::io::Write;
use std::path::Path;

use anyhow::{Context, ensure};

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

/// Files every visitor of a partner page downloads, compressed once per build.
const COMPRESSED_FILES: [&str; 4] = [
    "commercial-shopper_bg.wasm",
    "commercial-shopper.js",
    "widget.css",
    "embed.js",
];

/// Brotli's best quality. It takes about 2 s for the WASM module, too slow for each response,
/// and makes it about a fifth smaller than the proxy's on-the-fly quality.
const BROTLI_QUALITY: u32 = 11;
/// Brotli's window, 2^22 bytes: the reference encoder's default, well within the 2^24 that
/// RFC 7932 lets a decoder expect.
const BROTLI_WINDOW_BITS: u32 = 22;

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
    write_brotli_copies(&dist)
}

/// Writes `FILE.br` beside each of [`COMPRESSED_FILES`] and prints the sizes. Trunk empties
/// `dist/` on each build, so a copy is never older than its file.
fn write_brotli_copies(dist: &Path) -> anyhow::Result<()> {
    for file in COMPRESSED_FILES {
        let source = dist.join(file);
        let bytes = fs::read(&source).with_context(|| format!("failed to read {}", source.display()))?;
        let compressed = brotli_compress(&bytes).with_context(|| format!("failed to compress {file}"))?;
        let target = dist.join(format!("{file}.br"));
        fs::write(&target, &compressed).with_context(|| format!("failed to write {}", target.display()))?;
        println!("{file}: {} bytes, {} with brotli", bytes.len(), compressed.len());
    }
    Ok(())
}

fn brotli_compress(bytes: &[u8]) -> std::io::Result<Vec<u8>> {
    let mut writer = brotli::CompressorWriter::new(Vec::new(), 64 * 1024, BROTLI_QUALITY, BROTLI_WINDOW_BITS);
    writer.write_all(bytes)?;
    // `into_inner` finishes the stream and drops any write error, which a `Vec` never returns.
    Ok(writer.into_inner())
}

#[cfg(test)]
mod tests {
    use std::io::Read;

    use super::*;

    #[test]
    fn brotli_copy_decompresses_to_original() {
        let original = "(module (func $add (param i32 i32) (result i32)))\n"
            .repeat(200)
            .into_bytes();

        let compressed = brotli_compress(&original).unwrap();

        let mut restored = Vec::new();
        brotli::Decompressor::new(compressed.as_slice(), 4096)
            .read_to_end(&mut restored)
            .unwrap();
        assert_eq!(restored, original);
        assert!(compressed.len() < original.len() / 10, "{} bytes", compressed.len());
    }
}
