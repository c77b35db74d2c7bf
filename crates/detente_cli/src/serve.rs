//! `detente serve`: the HTTP API and the dashboard (see `detente_server`).
//!
//! It binds to loopback unless told otherwise, and refuses an address beyond loopback
//! without `--token`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;

/// Arguments of `detente serve`.
#[derive(clap::Args)]
pub(crate) struct ServeArgs {
    /// The database (opened read-only).
    #[arg(long, default_value = "detente.db")]
    db: PathBuf,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// Token that non-GET requests must send (`Authorization: Bearer T`); needed to bind
    /// beyond loopback.
    #[arg(long)]
    token: Option<String>,
    /// Request time-out in seconds.
    #[arg(long, default_value_t = 30)]
    timeout: u64,
    /// Answers of the series, alerts and top-dyads endpoints to keep until the database
    /// changes; 0 turns the cache off.
    #[arg(long, default_value_t = 256, value_name = "N")]
    cache: usize,
}

pub(crate) fn run(args: &ServeArgs) -> anyhow::Result<ExitCode> {
    if !args.addr.ip().is_loopback() && args.token.as_deref().is_none_or(str::is_empty) {
        anyhow::bail!(
            "--addr {}: binding beyond loopback needs --token",
            args.addr
        );
    }
    // Fail now, not on the first request, when the database cannot be read.
    detente_store::Store::open_read_only(&args.db)
        .with_context(|| format!("opening {}", args.db.display()))?;
    let config = detente_server::Config {
        db: args.db.clone(),
        token: args.token.clone(),
        timeout: std::time::Duration::from_secs(args.timeout.max(1)),
        cache_entries: args.cache,
    };
    let rt = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the runtime")?;
    rt.block_on(async {
        let listener = tokio::net::TcpListener::bind(args.addr)
            .await
            .with_context(|| format!("binding {}", args.addr))?;
        eprintln!(
            "detente serve: http://{} (database {})",
            listener.local_addr()?,
            args.db.display()
        );
        detente_server::serve(listener, config)
            .await
            .context("serving")
    })?;
    Ok(ExitCode::SUCCESS)
}
