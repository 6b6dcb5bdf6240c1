//! `halqe audit …`: verify the chain and its signed checkpoints, sign one now, make the key, export checkpoints.

use std::io::{BufReader, Write};
use std::path::PathBuf;

use anyhow::{Context, bail};
use clap::Subcommand;
use halqe_app::audit::checkpoint::{self, FileCheckpoints};
use halqe_app::audit::key::{KeyError, PublicKey, SigningKey};
use halqe_app::audit::{Options, record_verification, verify_with};
use halqe_app::i18n::Isolation;
use halqe_domain::locale::Locale;

use crate::config::{Config, KeyFile};

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check every link of the hash chain and every signed checkpoint; exits non-zero if anything was tampered with.
    Verify {
        /// Trust only this Ed25519 public key (hex; repeatable) instead of the key file's and `audit_trusted_keys`.
        #[arg(long = "public-key")]
        public_keys: Vec<String>,
        /// Also check the checkpoints of this exported file (JSON lines), e.g. a copy kept off this server.
        #[arg(long)]
        checkpoints: Option<PathBuf>,
    },
    /// Sign the chain's current head now with the audit signing key.
    Checkpoint,
    /// Create the audit signing key (never replacing one) and print its public key.
    Keygen,
    /// Print every stored checkpoint as one JSON line, oldest first.
    ExportCheckpoints,
}

pub async fn run(cfg: &Config, command: AuditCommand) -> anyhow::Result<()> {
    match command {
        AuditCommand::Verify { public_keys, checkpoints } => verify(cfg, &public_keys, checkpoints).await,
        AuditCommand::Checkpoint => {
            let app = crate::open(cfg).await?.with_audit_keys(cfg.audit_keys(KeyFile::Require)?);
            let c = checkpoint::create(&app).await?;
            println!("checkpoint signed: entry {} (hash {}) with public key {}", c.seq, c.hash, c.public_key);
            Ok(())
        }
        AuditCommand::Keygen => {
            let path = &cfg.audit_key_file;
            match SigningKey::create(path) {
                Ok(key) => {
                    println!("audit signing key written to {} (readable by its owner only)", path.display());
                    println!("public key: {}", key.public_key());
                    Ok(())
                }
                Err(KeyError::Exists(_)) => {
                    let existing = SigningKey::load(path)?.public_key();
                    bail!(
                        "an audit signing key already exists at {} (public key {existing}); to rotate it, move it \
                         away, add its public key to audit_trusted_keys, then run keygen again",
                        path.display()
                    )
                }
                Err(e) => Err(e.into()),
            }
        }
        AuditCommand::ExportCheckpoints => {
            let app = crate::open(cfg).await?;
            let mut out = std::io::BufWriter::new(std::io::stdout());
            let written = checkpoint::export(&app, &mut out).await?;
            out.flush().context("writing checkpoints")?;
            eprintln!("{written} checkpoints exported");
            Ok(())
        }
    }
}

async fn verify(cfg: &Config, public_keys: &[String], file: Option<PathBuf>) -> anyhow::Result<()> {
    let app = crate::open(cfg).await?.with_audit_keys(cfg.audit_keys(KeyFile::IfPresent)?);
    let given =
        public_keys.iter().map(|k| PublicKey::parse(k).context("--public-key")).collect::<anyhow::Result<Vec<_>>>()?;
    let trusted = if given.is_empty() { app.audit.trusted() } else { &given };
    let mut lines = match &file {
        Some(path) => {
            let f = std::fs::File::open(path).with_context(|| format!("opening {}", path.display()))?;
            Some(FileCheckpoints::new(BufReader::new(f)))
        }
        None => None,
    };
    let file = lines.as_mut().map(|l| l as &mut (dyn Iterator<Item = _> + Send));
    let report = verify_with(&app, Options { trusted, file }).await?;
    if let Err(e) = record_verification(&app, None, &report).await {
        eprintln!("warning: the result could not be recorded in the audit record: {e}");
    }
    let said = report.describe(Locale::En, Isolation::Plain);
    if !report.intact() {
        bail!("the audit record was tampered with:\n  {}", said.join("\n  "));
    }
    println!("audit chain intact: {} entries, {} checkpoints verified", report.entries, report.checkpoints);
    for warning in said {
        println!("warning: {warning}");
    }
    Ok(())
}
