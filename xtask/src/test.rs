//! `cargo xtask test`: runs every test suite against real components and ends with one line,
//! `N passed, N failed`, summing the counts each test runner printed.
//!
//! The steps run in this order:
//! 1. install the tools;
//! 2. native Rust tests of the whole workspace;
//! 3. release build of the widget, and debug build of the proxy;
//! 4. start that proxy on a free port;
//! 5. the widget's browser tests (wasm-bindgen-test in headless Chromium) against it;
//! 6. the Playwright end-to-end test against it.
//!
//! A step that fails without reporting a failed test (a build error, a crash) counts as one
//! failure, and the steps that depend on it are skipped.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};
use std::time::{Duration, Instant};

use anyhow::Context;

use crate::process::{self, cargo, command, display, run_teed, target_dir};
use crate::proxy::TestProxy;
use crate::widget;
use crate::{disk, install};

const CHROMEDRIVER: &str = "/usr/bin/chromedriver";

/// Seconds wasm-bindgen-test-runner waits for the browser tests. Its default of 20 is too short
/// for a first page load on a 2-core machine that is also compiling.
const BROWSER_TEST_TIMEOUT_SECONDS: &str = "180";

/// Test counts from one or more runners.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Counts {
    pub passed: u64,
    pub failed: u64,
}

impl std::ops::AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.passed += other.passed;
        self.failed += other.failed;
    }
}

/// Results gathered step by step, printed as a recap and the closing line.
#[derive(Default)]
struct Report {
    total: Counts,
    lines: Vec<String>,
}

impl Report {
    /// Runs a step that prepares the tests. On error it records one failure and returns `None`.
    fn prepare<T>(&mut self, name: &str, step: impl FnOnce() -> anyhow::Result<T>) -> Option<T> {
        let started = Instant::now();
        match step() {
            Ok(value) => {
                self.lines
                    .push(format!("{name}: done in {}", minutes(started.elapsed())));
                Some(value)
            }
            Err(error) => {
                eprintln!("error: {name} failed: {error:#}");
                self.lines.push(format!("{name}: FAILED ({error:#})"));
                self.total.failed += 1;
                None
            }
        }
    }

    /// Runs a test runner, shows its output and adds the counts it printed.
    fn run_tests(&mut self, name: &str, command: &mut Command) {
        let started = Instant::now();
        let line = display(command);
        let (status, counts) = match run_teed(command) {
            Ok((status, output)) => (Some(status), parse_counts(&output)),
            Err(error) => {
                eprintln!("error: {error:#}");
                (None, Counts::default())
            }
        };

        let mut counts = counts;
        let mut outcome = format!("{} passed, {} failed", counts.passed, counts.failed);
        let succeeded = status.is_some_and(|status| status.success());
        if !succeeded && counts.failed == 0 {
            counts.failed = 1;
            let ending = status.map_or_else(
                || "could not start".to_string(),
                |status| format!("ended with {status}"),
            );
            outcome = format!("`{line}` {ending} without reporting a failed test, counted as 1 failure");
        }
        self.total += counts;
        self.lines
            .push(format!("{name}: {outcome} in {}", minutes(started.elapsed())));
    }

    fn skip(&mut self, name: &str, reason: &str) {
        self.lines.push(format!("{name}: skipped because {reason}"));
    }
}

/// Runs all suites and returns success only when every step ran and no test failed.
pub fn run(root: &Path) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    let mut report = Report::default();
    disk::report_free_space(&target_dir(root), disk::COLD_TEST_BYTES);

    if report
        .prepare("tool install", || install::ensure_tools(root, true))
        .is_some()
    {
        run_suites(root, &mut report);
    }

    println!();
    println!("Summary ({} in all):", minutes(started.elapsed()));
    for line in &report.lines {
        println!("- {line}");
    }
    let total = report.total;
    if total.failed > 0
        && let Some(note) = disk::nearly_full_note(&target_dir(root))
    {
        println!("- {note}");
    }
    let code = if total.failed == 0 && total.passed > 0 {
        ExitCode::SUCCESS
    } else {
        if total.passed == 0 && total.failed == 0 {
            println!("- no test ran, which counts as a failed run");
        }
        ExitCode::FAILURE
    };
    println!("{} passed, {} failed", total.passed, total.failed);
    Ok(code)
}

fn run_suites(root: &Path, report: &mut Report) {
    // --no-fail-fast runs every crate's tests even after one fails, so the summary counts them all.
    report.run_tests("native tests", cargo(root).args(["test", "--workspace", "--no-fail-fast"]));

    let widget_built = report.prepare("widget build", || widget::build_release(root)).is_some();
    let proxy_built = report
        .prepare("proxy build", || {
            process::run(cargo(root).args(["build", "--package", "shopper-proxy"]))
        })
        .is_some();
    if !(widget_built && proxy_built) {
        report.skip("browser tests and end-to-end test", "a build failed");
        return;
    }

    let binary = target_dir(root).join("debug").join("shopper-proxy");
    let log_path = target_dir(root).join("xtask").join("shopper-proxy-test.log");
    let Some(proxy) = report.prepare("proxy start", || TestProxy::start(root, &binary, &log_path)) else {
        report.skip("browser tests and end-to-end test", "the proxy did not start");
        return;
    };

    let timeout =
        std::env::var("WASM_BINDGEN_TEST_TIMEOUT").unwrap_or_else(|_| BROWSER_TEST_TIMEOUT_SECONDS.to_string());
    report.run_tests(
        "widget browser tests",
        cargo(root)
            .args([
                "test",
                "--target",
                "wasm32-unknown-unknown",
                "--package",
                widget::PACKAGE,
                "--test",
                "pricing",
                "--test",
                "forms",
            ])
            .env("SHOPPER_TEST_PROXY_URL", proxy.url())
            .env("CHROMEDRIVER", CHROMEDRIVER)
            .env("WASM_BINDGEN_TEST_TIMEOUT", timeout),
    );

    match end_to_end_files(root) {
        Ok(files) => report.run_tests(
            "end-to-end tests",
            command(root, "node")
                .args(["--test", "--test-reporter=spec"])
                .args(&files)
                .env("SHOPPER_E2E_URL", proxy.url())
                .env("SHOPPER_E2E_DATABASE", proxy.database()),
        ),
        Err(error) => {
            report.prepare::<()>("end-to-end tests", || Err(error));
        }
    }

    drop(proxy);
}

/// Lists `tests/e2e/*.test.mjs` relative to the root, so the command line shows each file it runs.
fn end_to_end_files(root: &Path) -> anyhow::Result<Vec<PathBuf>> {
    let dir = Path::new("tests").join("e2e");
    let entries = std::fs::read_dir(root.join(&dir)).with_context(|| format!("failed to list {}", dir.display()))?;
    let mut files = Vec::new();
    for entry in entries {
        let name = entry?.file_name();
        if name.to_string_lossy().ends_with(".test.mjs") {
            files.push(dir.join(name));
        }
    }
    files.sort();
    anyhow::ensure!(!files.is_empty(), "{} has no *.test.mjs file", dir.display());
    Ok(files)
}

/// Sums the counts in a test runner's output. It reads the summary lines of
/// cargo test and wasm-bindgen-test-runner (`test result: ok. 3 passed; 0 failed; …`) and of
/// node's test runner, in its TAP (`# pass 3`) and spec (`ℹ pass 3`) reporters.
pub fn parse_counts(output: &str) -> Counts {
    let mut counts = Counts::default();
    for line in output.lines() {
        let line = line.trim();
        if let Some(result) = line.strip_prefix("test result: ") {
            counts.passed += number_before(result, "passed").unwrap_or(0);
            counts.failed += number_before(result, "failed").unwrap_or(0);
        } else if let Some(rest) = line.strip_prefix("# ").or_else(|| line.strip_prefix("ℹ ")) {
            if let Some(number) = rest.strip_prefix("pass ") {
                counts.passed += number.trim().parse().unwrap_or(0);
            } else if let Some(number) = rest.strip_prefix("fail ") {
                counts.failed += number.trim().parse().unwrap_or(0);
            }
        }
    }
    counts
}

/// Finds the number just before `word` in text like `3 passed; 0 failed;`.
fn number_before(text: &str, word: &str) -> Option<u64> {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(2).find_map(|pair| {
        let label = pair[1].trim_end_matches([';', ',', '.']);
        if label == word { pair[0].parse().ok() } else { None }
    })
}

/// Formats a duration as `4m 07s`.
fn minutes(duration: Duration) -> String {
    let seconds = duration.as_secs();
    format!("{}m {:02}s", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cargo_results_summed() {
        let output = "\
running 3 tests
test a ... ok
test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s

running 2 tests
test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.20s
";
        assert_eq!(parse_counts(output), Counts { passed: 4, failed: 1 });
    }

    #[test]
    fn node_tap_counts_read() {
        let output = "TAP version 13\nok 1 - flow\n1..1\n# tests 3\n# suites 0\n# pass 2\n# fail 1\n# cancelled 0\n";
        assert_eq!(parse_counts(output), Counts { passed: 2, failed: 1 });
    }

    #[test]
    fn node_spec_counts_read() {
        let output = "✔ flow (5120.3ms)\nℹ tests 1\nℹ suites 0\nℹ pass 1\nℹ fail 0\nℹ duration_ms 5200\n";
        assert_eq!(parse_counts(output), Counts { passed: 1, failed: 0 });
    }

    #[test]
    fn unrelated_lines_ignored() {
        let output = "# passing thoughts\nthe test result: ok. 9 passed\nℹ passed 4\n";
        assert_eq!(parse_counts(output), Counts::default());
    }

    #[test]
    fn minutes_padded() {
        assert_eq!(minutes(Duration::from_secs(247)), "4m 07s");
    }
}
