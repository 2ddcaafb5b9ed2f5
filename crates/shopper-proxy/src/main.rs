//! The `shopper-proxy` binary: parses the command line, sets up logging and serves.

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

use clap::Parser;
use msc_sandbox::DocuSignSettings;
use shopper_proxy::config::Settings;
use shopper_proxy::startup::Application;
use shopper_proxy::telemetry;

/// The Commercial Shopper proxy: serves the widget's API, the demo partner page and the widget's
/// files, with an embedded platform sandbox for partners without a platform account.
#[derive(Parser)]
#[command(version, about)]
struct Cli {
    /// TCP port to listen on; 0 picks a free port.
    #[arg(long, default_value_t = 8080)]
    port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    bind: IpAddr,
    /// The widget's build output (Trunk's dist directory), served at /widget/ and /embed.js.
    #[arg(long)]
    assets: Option<PathBuf>,
    /// Directory for the SQLite database and the generated sandbox credentials.
    #[arg(long, default_value = ".shopper")]
    data_dir: PathBuf,
    /// TOML file listing the partners; without it the built-in demo partner is served.
    #[arg(long)]
    partners: Option<PathBuf>,
    /// Pause of the embedded sandbox before each status webhook, in milliseconds.
    #[arg(long, default_value_t = 1500)]
    webhook_delay_ms: u64,
    /// TOML file with DocuSign settings (integration key, user, RSA key file, environment,
    /// Connect HMAC key); with it, the embedded sandbox signs through DocuSign.
    #[arg(long)]
    docusign: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    telemetry::init();

    let settings = Settings {
        bind: cli.bind,
        port: cli.port,
        assets_dir: cli.assets,
        data_dir: cli.data_dir,
        partners_file: cli.partners,
        webhook_delay: Duration::from_millis(cli.webhook_delay_ms),
        docusign: cli.docusign.as_deref().map(DocuSignSettings::from_toml_file).transpose()?,
    };
    let application = Application::build(settings).await?;

    // Scripts that start the proxy read these two lines.
    let base_url = application.base_url();
    println!("Commercial Shopper proxy listening on {base_url}");
    println!("Demo partner page: {base_url}/demo");

    application.run_until(shutdown_signal()).await?;
    tracing::info!("proxy stopped");
    Ok(())
}

/// Completes on Ctrl-C or, on Unix, SIGTERM.
async fn shutdown_signal() {
    let ctrl_c = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(error = %error, "failed to listen for Ctrl-C");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(error = %error, "failed to listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();

    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down");
}
