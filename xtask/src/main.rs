//! Project tasks for Commercial Shopper, run as `cargo xtask <task>` from anywhere in the
//! repository (`.cargo/config.toml` defines the alias).
//!
//! - `demo` installs the build tools, builds the widget and the proxy in release mode, and serves
//!   the demo partner page until Ctrl-C.
//! - `test` installs the build and browser tools, then runs every test suite: the native Rust
//!   tests, the widget's browser tests and the Playwright end-to-end test. It ends with the line
//!   `N passed, N failed`.

mod demo;
mod disk;
mod install;
mod process;
mod proxy;
mod test;
mod widget;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use clap::{Parser, Subcommand};

#[derive(Parser)]
#[command(name = "cargo xtask", about = "Build, demo and test Commercial Shopper")]
struct Cli {
    #[command(subcommand)]
    task: Task,
}

#[derive(Subcommand)]
enum Task {
    /// Build the widget and the proxy, then serve the demo partner page until Ctrl-C.
    Demo {
        /// TCP port on 127.0.0.1 for the proxy (0 picks a free port).
        #[arg(long, default_value_t = 8080)]
        port: u16,
    },
    /// Run all test suites and print `N passed, N failed`; exits non-zero on any failure.
    Test,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let root = repository_root();

    let result = std::env::set_current_dir(&root)
        .with_context(|| format!("failed to enter the repository root {}", root.display()))
        .and_then(|()| match cli.task {
            Task::Demo { port } => demo::run(&root, port).map(|()| ExitCode::SUCCESS),
            Task::Test => test::run(&root),
        });

    match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}

/// Returns the workspace root: the parent of this crate's directory.
fn repository_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ lives inside the workspace root")
        .to_path_buf()
}
