//! Runs the sandbox on its own, for trying the platform protocol by hand with one partner.

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use clap::Parser;
use msc_sandbox::{DocuSignSettings, SandboxConfig, SandboxPartner};
use tracing_subscriber::EnvFilter;

/// The My Service Cloud Test environment stand-in, served on 127.0.0.1.
#[derive(Parser, Debug)]
#[command(name = "msc-sandbox", version)]
struct Args {
    /// Port on 127.0.0.1; 0 picks a free one.
    #[arg(long, default_value_t = 8090)]
    port: u16,
    /// The partner's platform id, expected as the JWT `iss`.
    #[arg(long, default_value = "partner_demo")]
    partner_id: String,
    /// The partner's API key, expected in `X-Api-Key`.
    #[arg(long, env = "MSC_SANDBOX_API_KEY")]
    api_key: String,
    /// File with the partner's RSA public key (PKCS#1 or SPKI PEM) that verifies its JWTs.
    #[arg(long)]
    public_key: PathBuf,
    /// URL that status webhooks are POSTed to.
    #[arg(long, default_value = "http://127.0.0.1:8080/webhooks/msc")]
    webhook_url: String,
    /// HMAC-SHA256 key for the `Msc-Signature` header.
    #[arg(long, env = "MSC_SANDBOX_WEBHOOK_SECRET")]
    webhook_secret: String,
    /// Pause before each status webhook after signing, in milliseconds.
    #[arg(long, default_value_t = 1500)]
    webhook_delay_ms: u64,
    /// TOML file with DocuSign settings; with it, contracts are signed through DocuSign instead
    /// of the sandbox's signing page.
    #[arg(long)]
    docusign: Option<PathBuf>,
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    tracing_subscriber::fmt()
        .with_env_filter(EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new("info")))
        .with_writer(std::io::stderr)
        .init();
    let args = Args::parse();

    let public_key_pem = std::fs::read_to_string(&args.public_key)
        .with_context(|| format!("failed to read the public key file {}", args.public_key.display()))?;
    let config = SandboxConfig {
        partners: vec![SandboxPartner {
            partner_id: args.partner_id,
            api_key: args.api_key,
            public_key_pem,
            webhook_url: args.webhook_url,
            webhook_secret: args.webhook_secret,
        }],
        webhook_delay: Duration::from_millis(args.webhook_delay_ms),
        docusign: args.docusign.as_deref().map(DocuSignSettings::from_toml_file).transpose()?,
    };

    let sandbox = msc_sandbox::spawn_on_port(config, args.port).await?;
    println!("My Service Cloud sandbox listening on {}", sandbox.base_url());
    tokio::signal::ctrl_c().await.context("failed to wait for Ctrl-C")?;
    sandbox.shutdown().await;
    Ok(())
}
