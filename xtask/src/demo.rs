//! `cargo xtask demo`: builds everything in release mode and serves the demo partner page.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::Stdio;

use anyhow::{Context, bail};

use crate::process::{self, cargo, command, display, target_dir};
use crate::{disk, install, widget};

/// Data directory for the demo: the SQLite database and the demo partner's keys, kept between
/// runs so contracts from an earlier demo are still there.
const DATA_DIR: &str = ".shopper";

/// The start of the line where the proxy prints the demo partner page's URL.
const DEMO_PAGE_PREFIX: &str = "Demo partner page: ";

/// Builds the widget and the proxy, then runs the proxy on `port` until it stops or Ctrl-C.
pub fn run(root: &Path, port: u16) -> anyhow::Result<()> {
    disk::report_free_space(&target_dir(root), disk::COLD_DEMO_BYTES);
    install::ensure_tools(root, false)?;
    widget::build_release(root)?;
    process::run(cargo(root).args(["build", "--release", "--package", "shopper-proxy"]))?;

    let binary = target_dir(root).join("release").join("shopper-proxy");
    let mut proxy_command = command(root, &binary);
    proxy_command
        .arg("--port")
        .arg(port.to_string())
        .args(["--assets", "dist", "--data-dir", DATA_DIR])
        .stdin(Stdio::null())
        .stdout(Stdio::piped());
    let line = display(&proxy_command);
    println!("$ {line}");
    let mut child = proxy_command
        .spawn()
        .with_context(|| format!("failed to start `{line}`"))?;

    // Forward the proxy's output, and after the demo page's URL, say how to stop.
    let stdout = child.stdout.take().expect("stdout is piped");
    for output_line in BufReader::new(stdout).lines() {
        let Ok(output_line) = output_line else { break };
        println!("{output_line}");
        if output_line.starts_with(DEMO_PAGE_PREFIX) {
            println!("Open that page in a browser. Press Ctrl-C to stop the demo.");
        }
    }

    let status = child.wait().context("failed to wait for the proxy")?;
    if !status.success() {
        bail!("the proxy exited with {status}; its messages are above");
    }
    Ok(())
}
