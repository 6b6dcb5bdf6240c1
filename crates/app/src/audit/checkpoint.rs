//! Signed checkpoints: the chain head's sequence and hash signed with the audit key, stored, exported as
//! JSON lines, and read back from an auditor's file.

use std::io::{BufRead, Read, Write};

use halqe_db::audit::{self, checkpoints};
use serde::{Deserialize, Serialize};

use super::key::{PublicKey, SigningKey};
use crate::{App, Error, Result};

/// A signed statement that the chain had `seq` entries ending in `hash` at `at`; one JSON line when exported.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Checkpoint {
    pub seq: i64,
    pub hash: String,
    /// When it was signed (unix ms); signed too, so an old checkpoint cannot pass for a new one.
    pub at: i64,
    /// The signer's Ed25519 public key (hex).
    pub public_key: String,
    /// The Ed25519 signature of [`Checkpoint::message`] (hex).
    pub signature: String,
}

/// What a checkpoint's signature shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Signature {
    Valid,
    /// Signed (or claimed to be) by a key that is not trusted.
    UntrustedKey,
    /// The signature does not verify under the key it names: forged or altered.
    Invalid,
}

impl Checkpoint {
    /// The exact bytes signed: a fixed label and version, then every field that the checkpoint asserts.
    fn message(seq: i64, hash: &str, at: i64) -> Vec<u8> {
        format!("halqe-audit-checkpoint/1\nseq={seq}\nhash={hash}\nat={at}\n").into_bytes()
    }

    pub fn sign(key: &SigningKey, seq: i64, hash: String, at: i64) -> Self {
        let signature = hex::encode(key.sign(&Self::message(seq, &hash, at)));
        Self { seq, hash, at, public_key: key.public_key().to_hex(), signature }
    }

    /// Checks the signature under the trusted key it names.
    pub fn signature(&self, trusted: &[PublicKey]) -> Signature {
        let Some(key) = PublicKey::parse(&self.public_key).ok().filter(|k| trusted.contains(k)) else {
            return Signature::UntrustedKey;
        };
        let mut signature = [0u8; 64];
        if hex::decode_to_slice(&self.signature, &mut signature).is_err() {
            return Signature::Invalid;
        }
        if key.verifies(&Self::message(self.seq, &self.hash, self.at), &signature) {
            Signature::Valid
        } else {
            Signature::Invalid
        }
    }
}

impl From<checkpoints::Row> for Checkpoint {
    fn from(r: checkpoints::Row) -> Self {
        Self { seq: r.seq, hash: r.hash, at: r.at, public_key: r.public_key, signature: r.signature }
    }
}

/// Signs the chain's current head with this process's key and stores the checkpoint.
pub async fn create(app: &App) -> Result<Checkpoint> {
    let key = app.audit.signer().ok_or_else(|| Error::Internal("no audit signing key is loaded".into()))?;
    let mut tx = app.db.begin().await?;
    let (seq, hash) = audit::head(&mut tx).await?;
    let checkpoint = Checkpoint::sign(key, seq, hash, app.now());
    let row = checkpoints::Row {
        id: uuid::Uuid::now_v7().to_string(),
        seq: checkpoint.seq,
        hash: checkpoint.hash.clone(),
        at: checkpoint.at,
        public_key: checkpoint.public_key.clone(),
        signature: checkpoint.signature.clone(),
    };
    checkpoints::insert(&mut tx, &row).await?;
    halqe_db::commit(tx).await?;
    Ok(checkpoint)
}

/// Signs a checkpoint if this process has a key and none was signed within the interval; several nodes
/// may call it (a race signs one extra checkpoint, which is harmless).
pub async fn create_if_due(app: &App) -> Result<Option<Checkpoint>> {
    if app.audit.signer().is_none() {
        return Ok(None);
    }
    let newest = checkpoints::newest(&mut *app.db.conn().await?).await?;
    if newest.is_some_and(|n| app.now() - n.at < app.audit.interval_ms) {
        return Ok(None);
    }
    create(app).await.map(Some)
}

/// Writes every stored checkpoint as one JSON line, in the order they were made; returns how many.
pub async fn export(app: &App, out: &mut (dyn Write + Send)) -> Result<i64> {
    let mut conn = app.db.conn().await?;
    let (mut after, mut written) = (String::new(), 0);
    loop {
        let page = checkpoints::page(&mut conn, &after, 1000).await?;
        let Some(last) = page.last() else { break };
        after = last.id.clone();
        for row in page {
            let line = serde_json::to_string(&Checkpoint::from(row)).map_err(|e| Error::Internal(e.to_string()))?;
            writeln!(out, "{line}").map_err(|e| Error::Internal(format!("writing checkpoints: {e}")))?;
            written += 1;
        }
    }
    Ok(written)
}

/// The longest line a checkpoint file may have; a checkpoint's JSON is about 330 bytes.
pub const MAX_LINE: usize = 1024;

/// A line of a checkpoint file that is not a checkpoint.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("line {line}: {reason}")]
pub struct LineError {
    pub line: i64,
    pub reason: String,
}

/// The checkpoints of an exported file, read one bounded line at a time; blank lines are skipped.
#[derive(Debug)]
pub struct FileCheckpoints<R> {
    reader: R,
    line: i64,
    failed: bool,
}

impl<R: BufRead> FileCheckpoints<R> {
    pub fn new(reader: R) -> Self {
        Self { reader, line: 0, failed: false }
    }
}

impl<R: BufRead> Iterator for FileCheckpoints<R> {
    type Item = std::result::Result<Checkpoint, LineError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut buf = Vec::new();
        while !self.failed {
            buf.clear();
            self.line += 1;
            let fail = |failed: &mut bool, line, reason: String| {
                *failed = true;
                Some(Err(LineError { line, reason }))
            };
            // The limit is applied before reading, so a file without newlines costs at most one line's memory.
            match self.reader.by_ref().take(MAX_LINE as u64 + 1).read_until(b'\n', &mut buf) {
                Ok(0) => return None,
                Ok(_) if buf.len() > MAX_LINE => {
                    return fail(&mut self.failed, self.line, format!("longer than {MAX_LINE} bytes"));
                }
                Ok(_) => {}
                Err(e) => return fail(&mut self.failed, self.line, e.to_string()),
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            return Some(
                serde_json::from_slice(&buf)
                    .map_err(|e| LineError { line: self.line, reason: format!("not a checkpoint: {e}") }),
            );
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_signature_covers_every_field() {
        let key = SigningKey::generate().unwrap();
        let trusted = [key.public_key()];
        let c = Checkpoint::sign(&key, 7, "ab".repeat(32), 1_000);
        assert_eq!(c.signature(&trusted), Signature::Valid);
        for altered in [
            Checkpoint { seq: 8, ..c.clone() },
            Checkpoint { hash: "cd".repeat(32), ..c.clone() },
            Checkpoint { at: 2_000, ..c.clone() },
            Checkpoint { signature: "00".repeat(64), ..c.clone() },
            Checkpoint { signature: "zz".into(), ..c.clone() },
        ] {
            assert_eq!(altered.signature(&trusted), Signature::Invalid, "{altered:?}");
        }
        let other = SigningKey::generate().unwrap();
        assert_eq!(c.signature(&[other.public_key()]), Signature::UntrustedKey);
        let forged =
            Checkpoint { public_key: key.public_key().to_hex(), ..Checkpoint::sign(&other, 7, c.hash.clone(), 1_000) };
        assert_eq!(forged.signature(&trusted), Signature::Invalid);
    }

    #[test]
    fn a_file_is_read_line_by_line_and_bounded() {
        let key = SigningKey::generate().unwrap();
        let c = Checkpoint::sign(&key, 1, "ab".repeat(32), 5);
        let line = serde_json::to_string(&c).unwrap();
        assert!(line.len() < MAX_LINE);
        let text = format!("{line}\n\n{line}\n{{\"seq\":1}}\n{}\n{line}\n", "x".repeat(MAX_LINE + 10));
        let read: Vec<_> = FileCheckpoints::new(text.as_bytes()).collect();
        assert_eq!(read.len(), 4, "{read:?}");
        assert_eq!(read[0], Ok(c.clone()));
        assert_eq!(read[1], Ok(c));
        assert_eq!(read[2].as_ref().unwrap_err().line, 4);
        assert_eq!(read[3].as_ref().unwrap_err().line, 5, "a too-long line stops the reading");
    }
}
