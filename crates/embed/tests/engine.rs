//! The engine on the real model. Needs the model (`scripts/fetch-e5`, or `HALQE_E5_MODEL`), as
//! `scripts/test-all` provides.

use std::path::PathBuf;
use std::sync::LazyLock;

use halqe_embed::{EmbedError, Embedder, cosine, default_model_path};

static MODEL: LazyLock<PathBuf> = LazyLock::new(default_model_path);

fn embedder() -> Embedder {
    Embedder::load(&MODEL).unwrap_or_else(|e| panic!("{e} (run scripts/fetch-e5 first)"))
}

fn norm(v: &[f32]) -> f32 {
    v.iter().map(|x| x * x).sum::<f32>().sqrt()
}

#[test]
fn similar_persian_sentences_are_closer_than_an_unrelated_one() -> Result<(), EmbedError> {
    let e = embedder();
    assert_eq!(e.dim(), 384);
    let v = e.embed_passages(&[
        "هوش مصنوعی به دولت کمک می‌کند خدمات عمومی را سریع‌تر ارائه دهد.",
        "یادگیری ماشین می‌تواند ارائه خدمات دولتی به شهروندان را تسریع کند.",
        "دستور پخت قورمه‌سبزی با لوبیا قرمز و گوشت گوسفند.",
    ])?;
    assert!(v.iter().all(|x| x.len() == 384 && (norm(x) - 1.0).abs() < 1e-3));
    let (similar, unrelated) = (cosine(&v[0], &v[1]), cosine(&v[0], &v[2]));
    assert!(similar > unrelated + 0.05, "similar {similar}, unrelated {unrelated}");
    Ok(())
}

#[test]
fn a_query_finds_its_passage_and_batches_match_single_calls() -> Result<(), EmbedError> {
    let e = embedder();
    let passages = ["تهران پایتخت ایران است و بیش از هشت میلیون نفر جمعیت دارد.", "گندم در آب و هوای معتدل رشد می‌کند."];
    let docs = e.embed_passages(&passages)?;
    let q = e.embed_query("پایتخت ایران کجاست؟")?;
    assert!(cosine(&q, &docs[0]) > cosine(&q, &docs[1]));
    let single = e.embed_passages(&passages[1..])?;
    assert!(cosine(&single[0], &docs[1]) > 0.999);
    assert!(e.embed_passages(&[])?.is_empty());
    Ok(())
}

/// The model normalizes «ﷺ» (3 bytes) to 18 code points; e5.c's tokenizer buffer (4 per byte) overflowed
/// on a few dozen of them. The Rust tokenizer's buffers grow: it must see the same text either way.
#[test]
fn texts_dense_in_long_normalizations_are_safe_and_unchanged() -> Result<(), EmbedError> {
    let e = embedder();
    let v = e.embed_passages(&[&"ﷺ".repeat(200), &"صلى الله عليه وسلم".repeat(200)])?;
    assert!(cosine(&v[0], &v[1]) > 0.999);
    Ok(())
}

#[test]
fn bad_input_is_an_error_not_a_crash() -> Result<(), EmbedError> {
    let e = embedder();
    let too_long = "ی".repeat(halqe_embed::MAX_TEXT_BYTES);
    assert!(matches!(e.embed_passages(&["ok", &too_long]), Err(EmbedError::TooLong { index: 1, .. })));
    // A NUL is a character like any other to the Rust tokenizer (it ended a C string).
    assert_eq!(e.embed_passages(&["a\0b"])?.len(), 1);
    let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
    let truncated = dir.path().join("truncated.bin");
    let bytes = std::fs::read(&*MODEL).unwrap_or_else(|e| panic!("{e}"));
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap_or_else(|e| panic!("{e}"));
    assert!(matches!(Embedder::load(&truncated), Err(EmbedError::BadModel { .. })));
    Ok(())
}

#[test]
fn one_model_serves_several_threads() -> Result<(), EmbedError> {
    let e = embedder();
    let text = "پژوهش درباره بهینه‌سازی مصرف انرژی در ساختمان‌های اداری";
    let alone = e.embed_query(text)?;
    let results: Vec<Result<Vec<f32>, EmbedError>> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..4).map(|_| s.spawn(|| e.embed_query(text))).collect();
        handles.into_iter().map(|h| h.join().unwrap_or_else(|_| panic!("an embedding thread panicked"))).collect()
    });
    for r in results {
        assert!(cosine(&r?, &alone) > 0.9999);
    }
    Ok(())
}
