//! A shopper-proxy process for the browser tests: started on a free port with a fresh data
//! directory, and stopped when dropped.

use std::fs::File;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use anyhow::{Context, bail};

use crate::process::command;

/// The start of the line the proxy prints once it accepts connections; the URL follows it.
pub const LISTENING_PREFIX: &str = "Commercial Shopper proxy listening on ";

/// Time for the proxy to print its address. Its first start in a data directory generates the
/// demo partner's RSA key, which takes seconds on a slow machine.
const START_TIMEOUT: Duration = Duration::from_secs(120);

/// Time for `GET /healthz` to return 200 once the address is known.
const HEALTH_TIMEOUT: Duration = Duration::from_secs(60);

/// Pause between status webhooks after signing; short so the end-to-end test finishes quickly.
const WEBHOOK_DELAY_MS: &str = "300";

/// A running proxy, killed and its data directory removed on drop.
pub struct TestProxy {
    child: Child,
    url: String,
    data_dir: PathBuf,
}

impl TestProxy {
    /// Starts `binary` on an ephemeral port, serving the widget from `dist/`, and waits until
    /// `GET /healthz` returns 200. Everything the proxy prints goes to `log_path`.
    pub fn start(root: &Path, binary: &Path, log_path: &Path) -> anyhow::Result<Self> {
        let data_dir = fresh_data_dir()?;
        if let Some(parent) = log_path.parent() {
            std::fs::create_dir_all(parent).with_context(|| format!("failed to create {}", parent.display()))?;
        }
        let log = File::create(log_path).with_context(|| format!("failed to create {}", log_path.display()))?;

        println!("Starting {} (log: {}) …", binary.display(), log_path.display());
        let mut child = command(root, binary)
            .arg("--port")
            .arg("0")
            .arg("--assets")
            .arg("dist")
            .arg("--data-dir")
            .arg(&data_dir)
            .arg("--webhook-delay-ms")
            .arg(WEBHOOK_DELAY_MS)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(log.try_clone().context("failed to share the proxy log file")?)
            .spawn()
            .with_context(|| format!("failed to start {}", binary.display()))?;

        let stdout = child.stdout.take().expect("stdout is piped");
        let (url_sender, url_receiver) = mpsc::channel();
        thread::spawn(move || copy_until_listening(stdout, log, url_sender));

        // From here on, dropping `proxy` stops the child on every error path.
        let mut proxy = TestProxy {
            child,
            url: String::new(),
            data_dir,
        };
        proxy.url = match url_receiver.recv_timeout(START_TIMEOUT) {
            Ok(url) => url,
            Err(mpsc::RecvTimeoutError::Timeout) => bail!(
                "the proxy printed no `{LISTENING_PREFIX}` line within {} s; see {}",
                START_TIMEOUT.as_secs(),
                log_path.display(),
            ),
            Err(mpsc::RecvTimeoutError::Disconnected) => {
                let status = proxy.child.wait().context("failed to wait for the proxy")?;
                bail!(
                    "the proxy exited with {status} before listening; see {}",
                    log_path.display()
                )
            }
        };
        wait_for_health(&proxy.url)?;
        println!("Proxy ready at {}", proxy.url);
        Ok(proxy)
    }

    /// Base URL without a trailing slash: `http://127.0.0.1:PORT`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Returns the path of the proxy's SQLite database.
    pub fn database(&self) -> PathBuf {
        self.data_dir.join("shopper.db")
    }
}

impl Drop for TestProxy {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let _ = std::fs::remove_dir_all(&self.data_dir);
    }
}

/// Returns the URL in a proxy's listening line, without a trailing slash.
pub fn parse_listening_line(line: &str) -> Option<&str> {
    let url = line.trim().strip_prefix(LISTENING_PREFIX)?.trim_end_matches('/');
    url.starts_with("http://").then_some(url)
}

/// Copies the proxy's output into the log and sends the URL once the listening line appears.
/// Runs until the proxy closes its standard output, so the pipe never fills up.
fn copy_until_listening(stdout: impl Read, mut log: File, url_sender: mpsc::Sender<String>) {
    let mut sender = Some(url_sender);
    for line in BufReader::new(stdout).lines() {
        let Ok(line) = line else { break };
        let _ = writeln!(log, "{line}");
        if let Some(url) = parse_listening_line(&line)
            && let Some(sender) = sender.take()
        {
            let _ = sender.send(url.to_string());
        }
    }
}

/// Creates an empty directory under the system temp directory for one proxy's database and keys.
fn fresh_data_dir() -> anyhow::Result<PathBuf> {
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|elapsed| elapsed.subsec_nanos())
        .unwrap_or_default();
    let dir = std::env::temp_dir().join(format!("shopper-test-{}-{nanos}", std::process::id()));
    std::fs::create_dir_all(&dir).with_context(|| format!("failed to create {}", dir.display()))?;
    Ok(dir)
}

/// Polls `GET /healthz` until it returns 200 or `HEALTH_TIMEOUT` passes.
fn wait_for_health(base_url: &str) -> anyhow::Result<()> {
    let address = base_url.trim_start_matches("http://");
    let deadline = Instant::now() + HEALTH_TIMEOUT;
    loop {
        match health_status_line(address) {
            Ok(status_line) if status_line.split_whitespace().nth(1) == Some("200") => {
                return Ok(());
            }
            Ok(status_line) if Instant::now() >= deadline => {
                bail!("GET {base_url}/healthz returned `{status_line}` instead of 200")
            }
            Err(error) if Instant::now() >= deadline => {
                return Err(error.context(format!("GET {base_url}/healthz failed")));
            }
            _ => thread::sleep(Duration::from_millis(200)),
        }
    }
}

/// Sends `GET /healthz` over plain HTTP/1.1 and returns the response's status line.
fn health_status_line(address: &str) -> anyhow::Result<String> {
    let mut stream = TcpStream::connect(address)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "GET /healthz HTTP/1.1\r\nHost: {address}\r\nConnection: close\r\n\r\n"
    )?;
    let mut status_line = String::new();
    BufReader::new(stream).read_line(&mut status_line)?;
    Ok(status_line.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listening_line_gives_url() {
        let line = "Commercial Shopper proxy listening on http://127.0.0.1:41234\n";
        assert_eq!(parse_listening_line(line), Some("http://127.0.0.1:41234"));
    }

    #[test]
    fn listening_line_trailing_slash_removed() {
        let line = "Commercial Shopper proxy listening on http://127.0.0.1:8080/";
        assert_eq!(parse_listening_line(line), Some("http://127.0.0.1:8080"));
    }

    #[test]
    fn other_lines_ignored() {
        assert_eq!(
            parse_listening_line("Demo partner page: http://127.0.0.1:8080/demo"),
            None
        );
        assert_eq!(parse_listening_line("Commercial Shopper proxy listening on soon"), None);
    }
}
