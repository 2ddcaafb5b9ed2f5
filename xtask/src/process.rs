//! Running child programs: the PATH they see, echoing each command, and teeing output so the
//! test task can both show it and read the runners' counts from it.

use std::ffi::{OsStr, OsString};
use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};
use std::thread;

use anyhow::{Context, bail};

/// Returns the directory `cargo install` puts binaries in: `$CARGO_HOME/bin`, else `~/.cargo/bin`.
pub fn cargo_bin_dir() -> PathBuf {
    if let Some(cargo_home) = std::env::var_os("CARGO_HOME") {
        return PathBuf::from(cargo_home).join("bin");
    }
    let home = std::env::var_os("HOME").unwrap_or_default();
    PathBuf::from(home).join(".cargo").join("bin")
}

/// Returns Cargo's target directory: `CARGO_TARGET_DIR` when set, else `target/` in the root.
pub fn target_dir(root: &Path) -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root.join(dir),
        None => root.join("target"),
    }
}

/// Builds the PATH for child programs: `node_modules/.bin` first, so Trunk finds npm's wasm-opt
/// ahead of any other binaryen on the machine, then the cargo bin directory, then the inherited PATH.
pub fn tool_path(root: &Path) -> OsString {
    let mut entries = vec![root.join("node_modules").join(".bin"), cargo_bin_dir()];
    if let Some(inherited) = std::env::var_os("PATH") {
        entries.extend(std::env::split_paths(&inherited));
    }
    std::env::join_paths(entries).expect("PATH entries contain no separator")
}

/// Creates a command that runs in the repository root with the tool PATH. Rust's `Command`
/// searches that PATH, not the parent's, when the PATH is set on the command itself.
pub fn command(root: &Path, program: impl AsRef<OsStr>) -> Command {
    let mut command = Command::new(program);
    command.current_dir(root).env("PATH", tool_path(root));
    command
}

/// Creates a command for the cargo that runs this task, so a pinned toolchain stays the same.
pub fn cargo(root: &Path) -> Command {
    let program = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    command(root, program)
}

/// Formats a command as a shell-like line for logs: `trunk build --release`.
pub fn display(command: &Command) -> String {
    let program = Path::new(command.get_program())
        .file_name()
        .unwrap_or(command.get_program())
        .to_string_lossy()
        .into_owned();
    let mut line = program;
    for argument in command.get_args() {
        line.push(' ');
        line.push_str(&argument.to_string_lossy());
    }
    line
}

/// Runs a command with inherited output and fails unless it exits with status 0.
pub fn run(command: &mut Command) -> anyhow::Result<()> {
    let line = display(command);
    println!("$ {line}");
    let status = command.status().with_context(|| format!("failed to start `{line}`"))?;
    if !status.success() {
        bail!("`{line}` failed with {status}");
    }
    Ok(())
}

/// Runs a command and returns its trimmed standard output, or `None` when it cannot be
/// started or exits non-zero. Version checks use it, because a missing tool is a normal result there.
pub fn output_of(command: &mut Command) -> Option<String> {
    let output = command.stderr(Stdio::null()).output().ok()?;
    if !output.status.success() {
        return None;
    }
    Some(String::from_utf8_lossy(&output.stdout).trim().to_string())
}

/// Runs a command, copying its standard output and error to ours line by line as they arrive,
/// and returns its exit status with everything it printed on both streams.
pub fn run_teed(command: &mut Command) -> anyhow::Result<(ExitStatus, String)> {
    let line = display(command);
    println!("$ {line}");
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .with_context(|| format!("failed to start `{line}`"))?;

    let stdout = child.stdout.take().expect("stdout is piped");
    let stderr = child.stderr.take().expect("stderr is piped");
    let stdout_copy = thread::spawn(move || tee_lines(stdout, std::io::stdout()));
    let stderr_copy = thread::spawn(move || tee_lines(stderr, std::io::stderr()));

    let status = child.wait().with_context(|| format!("failed to wait for `{line}`"))?;
    let mut text = stdout_copy.join().expect("stdout copy thread panicked");
    text.push_str(&stderr_copy.join().expect("stderr copy thread panicked"));
    Ok((status, text))
}

/// Copies lines from `source` to `sink` until end of file and returns them. Bytes that are not
/// UTF-8 are replaced, which is fine for counting test results.
fn tee_lines(source: impl Read, mut sink: impl Write) -> String {
    let mut reader = BufReader::new(source);
    let mut collected = String::new();
    let mut buffer = Vec::new();
    loop {
        buffer.clear();
        match reader.read_until(b'\n', &mut buffer) {
            Ok(0) | Err(_) => break,
            Ok(_) => {
                let _ = sink.write_all(&buffer);
                let _ = sink.flush();
                collected.push_str(&String::from_utf8_lossy(&buffer));
            }
        }
    }
    collected
}
