//! File storage behind one interface: a local directory by default, S3-compatible object storage in production.

use std::sync::Arc;

use bytes::Bytes;
use halqe_db::attachments::FileRow;
use halqe_domain::file_type::FileType;
use halqe_domain::ids::UserId;
use object_store::aws::AmazonS3Builder;
use object_store::local::LocalFileSystem;
use object_store::path::Path;
use object_store::prefix::PrefixStore;
use object_store::{ObjectStore, ObjectStoreExt, PutPayload};
use sha2::{Digest, Sha256};

use crate::{Error, Result};

/// Files one request may carry.
pub const MAX_FILES_PER_REQUEST: usize = 5;

/// Where files go and how large one may be; the binary builds it from its configuration.
#[derive(Clone)]
pub struct StorageSettings {
    /// `file://<directory>` or `s3://<bucket>/<optional prefix>`.
    pub url: String,
    /// S3-compatible endpoint (e.g. `https://minio.internal:9000`); empty means AWS.
    pub s3_endpoint: String,
    pub s3_region: String,
    pub s3_access_key_id: String,
    pub s3_secret_access_key: String,
    /// Largest accepted file in bytes.
    pub max_file_bytes: usize,
}

impl StorageSettings {
    /// A local directory with this per-file limit.
    pub fn local(dir: &std::path::Path, max_file_bytes: usize) -> Self {
        Self {
            url: format!("file://{}", dir.display()),
            s3_endpoint: String::new(),
            s3_region: String::new(),
            s3_access_key_id: String::new(),
            s3_secret_access_key: String::new(),
            max_file_bytes,
        }
    }
}

impl std::fmt::Debug for StorageSettings {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StorageSettings")
            .field("url", &self.url)
            .field("s3_endpoint", &self.s3_endpoint)
            .field("s3_region", &self.s3_region)
            .field("s3_access_key_id", &self.s3_access_key_id)
            .field("s3_secret_access_key", &"***")
            .field("max_file_bytes", &self.max_file_bytes)
            .finish()
    }
}

/// One uploaded file as received, before any check.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The name the client gave; shown to people, never used as a storage key.
    pub file_name: String,
    pub bytes: Bytes,
}

/// A file that passed the checks: its content type and digest are known.
#[derive(Debug, Clone)]
pub struct Checked {
    pub file_name: String,
    pub file_type: FileType,
    pub sha256: String,
    pub bytes: Bytes,
}

/// A file written to storage under a random key.
#[derive(Debug, Clone)]
pub struct Stored {
    pub key: String,
    pub file_name: String,
    pub file_type: FileType,
    pub sha256: String,
    pub size: usize,
}

impl Stored {
    /// The row recording this file as attachment `id`, uploaded by `by` at `now`.
    pub fn file_row(&self, id: String, by: &UserId, now: i64) -> FileRow {
        FileRow {
            id,
            storage_key: self.key.clone(),
            file_name: self.file_name.clone(),
            content_type: self.file_type.mime().to_owned(),
            size_bytes: i64::try_from(self.size).unwrap_or(i64::MAX),
            uploaded_by: by.to_string(),
            created_at: now,
        }
    }
}

/// The file store of this deployment.
#[derive(Debug, Clone)]
pub struct Storage {
    store: Arc<dyn ObjectStore>,
    max_file_bytes: usize,
}

fn storage_error(e: impl std::fmt::Display) -> Error {
    Error::Internal(format!("storage: {e}"))
}

impl Storage {
    /// Opens the store named by `settings.url`; a local directory is created if missing.
    pub fn open(settings: &StorageSettings) -> Result<Self> {
        let store: Arc<dyn ObjectStore> = if let Some(dir) = settings.url.strip_prefix("file://") {
            std::fs::create_dir_all(dir).map_err(storage_error)?;
            Arc::new(LocalFileSystem::new_with_prefix(dir).map_err(storage_error)?)
        } else if let Some(rest) = settings.url.strip_prefix("s3://") {
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            let mut builder = AmazonS3Builder::from_env().with_bucket_name(bucket);
            if !settings.s3_endpoint.is_empty() {
                builder = builder
                    .with_endpoint(&settings.s3_endpoint)
                    .with_allow_http(settings.s3_endpoint.starts_with("http://"));
            }
            if !settings.s3_region.is_empty() {
                builder = builder.with_region(&settings.s3_region);
            }
            if !settings.s3_access_key_id.is_empty() {
                builder = builder.with_access_key_id(&settings.s3_access_key_id);
            }
            if !settings.s3_secret_access_key.is_empty() {
                builder = builder.with_secret_access_key(&settings.s3_secret_access_key);
            }
            let s3 = builder.build().map_err(storage_error)?;
            match prefix.trim_matches('/') {
                "" => Arc::new(s3),
                prefix => Arc::new(PrefixStore::new(s3, prefix)),
            }
        } else {
            return Err(Error::Internal(format!(
                "storage_url must start with file:// or s3://, not {:?}",
                settings.url
            )));
        };
        Ok(Self { store, max_file_bytes: settings.max_file_bytes })
    }

    /// Largest accepted file in bytes.
    pub fn max_file_bytes(&self) -> usize {
        self.max_file_bytes
    }

    /// Checks size and content type (from the bytes, not the name); the error is a form error code.
    pub fn check(&self, upload: Upload) -> Result<Checked, &'static str> {
        if upload.bytes.is_empty() {
            return Err("file_empty");
        }
        if upload.bytes.len() > self.max_file_bytes {
            return Err("file_too_large");
        }
        let file_type = FileType::sniff(&upload.bytes).ok_or("file_type")?;
        let sha256 = hex::encode(Sha256::digest(&upload.bytes));
        let file_name = display_name(&upload.file_name, file_type);
        Ok(Checked { file_name, file_type, sha256, bytes: upload.bytes })
    }

    /// Writes a checked file under `<namespace>/<random UUID>`.
    pub async fn put(&self, namespace: &str, file: Checked) -> Result<Stored> {
        let key = format!("{namespace}/{}", uuid::Uuid::new_v4());
        let size = file.bytes.len();
        self.store.put(&Path::from(key.as_str()), PutPayload::from(file.bytes)).await.map_err(storage_error)?;
        Ok(Stored { key, file_name: file.file_name, file_type: file.file_type, sha256: file.sha256, size })
    }

    /// Reads a whole file.
    pub async fn get(&self, key: &str) -> Result<Bytes> {
        let found = self.store.get(&Path::from(key)).await.map_err(storage_error)?;
        found.bytes().await.map_err(storage_error)
    }

    /// Keeps a local file under `key` as it is (an import's source: the importer checks it, not this store).
    pub async fn put_path(&self, key: &str, path: &std::path::Path) -> Result<()> {
        let bytes = tokio::fs::read(path).await.map_err(|e| Error::Internal(e.to_string()))?;
        self.store.put(&Path::from(key), PutPayload::from(bytes)).await.map_err(storage_error)?;
        Ok(())
    }

    /// Removes one file; a failure is only logged.
    pub async fn remove(&self, key: &str) {
        if let Err(e) = self.store.delete(&Path::from(key)).await {
            tracing::warn!(key = %key, error = %e, "could not remove a file");
        }
    }

    /// Checks every upload of a request; the first refusal is a form error on `field` (`required`: none
    /// at all is refused too).
    pub(crate) fn check_all(
        &self,
        uploads: Vec<Upload>,
        field: &'static str,
        required: Option<&'static str>,
        errors: &mut crate::FormErrors,
    ) -> Vec<Checked> {
        let mut refused = None;
        if uploads.is_empty() {
            refused = required;
        } else if uploads.len() > MAX_FILES_PER_REQUEST {
            refused = Some("too_many_files");
        }
        let mut checked = Vec::with_capacity(uploads.len());
        for upload in uploads {
            match self.check(upload) {
                Ok(c) => checked.push(c),
                Err(code) => refused = refused.or(Some(code)),
            }
        }
        if let Some(code) = refused {
            errors.add(field, code);
        }
        checked
    }

    /// Writes checked files under `namespace`; if one fails, those already written are removed.
    pub(crate) async fn store_all(&self, namespace: &str, files: Vec<Checked>) -> Result<Vec<Stored>> {
        let mut stored = Vec::with_capacity(files.len());
        for f in files {
            match self.put(namespace, f).await {
                Ok(s) => stored.push(s),
                Err(e) => {
                    self.discard(&stored).await;
                    return Err(e);
                }
            }
        }
        Ok(stored)
    }

    /// Passes on the result of an upload's database part, removing the stored files if it failed.
    pub(crate) async fn or_discard<T>(&self, stored: &[Stored], result: Result<T>) -> Result<T> {
        if result.is_err() {
            self.discard(stored).await;
        }
        result
    }

    /// Removes files whose database rows were never written; failures are only logged.
    pub async fn discard(&self, files: &[Stored]) {
        for f in files {
            if let Err(e) = self.store.delete(&Path::from(f.key.as_str())).await {
                tracing::warn!(key = %f.key, error = %e, "could not remove an orphaned file");
            }
        }
    }
}

/// The name shown and offered on download: the client's base name, cleaned, with the extension of the sniffed type.
fn display_name(raw: &str, file_type: FileType) -> String {
    let base = raw.rsplit(['/', '\\']).next().unwrap_or("");
    let clean: String = base.chars().filter(|c| !c.is_control()).take(150).collect();
    let clean = clean.trim();
    let stem = if clean.is_empty() { "evidence" } else { clean };
    let ext = file_type.extension();
    let has_ext = stem.rsplit_once('.').is_some_and(|(_, e)| {
        let e = e.to_ascii_lowercase();
        e == ext || (file_type == FileType::Jpeg && e == "jpeg")
    });
    if has_ext { stem.to_owned() } else { format!("{stem}.{ext}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_keep_the_base_name_and_fix_the_extension() {
        assert_eq!(display_name("گواهی.pdf", FileType::Pdf), "گواهی.pdf");
        assert_eq!(display_name("C:\\Users\\x\\scan.JPEG", FileType::Jpeg), "scan.JPEG");
        assert_eq!(display_name("../../etc/passwd", FileType::Png), "passwd.png");
        assert_eq!(display_name("page.html", FileType::Pdf), "page.html.pdf");
        assert_eq!(display_name("", FileType::Webp), "evidence.webp");
        assert_eq!(display_name("a\u{0}\nb.pdf", FileType::Pdf), "ab.pdf");
    }
}
