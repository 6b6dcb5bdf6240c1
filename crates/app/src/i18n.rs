//! Every user-facing string, looked up in the Fluent files under `locales/` (fa and en).
//!
//! Pages keep Fluent's bidi isolation marks around arguments (user text of either direction inside a
//! sentence); plain-text mail subjects and bodies use a loader without them.

use std::borrow::Cow;
use std::collections::HashMap;

use fluent_templates::fluent_bundle::FluentValue;
use fluent_templates::{LanguageIdentifier, Loader, langid, static_loader};
use halqe_domain::locale::Locale;

static_loader! {
    static HTML = {
        locales: "./locales",
        fallback_language: "fa",
    };
}

static_loader! {
    static PLAIN = {
        locales: "./locales",
        fallback_language: "fa",
        customise: |bundle| bundle.set_use_isolating(false),
    };
}

static FA: LanguageIdentifier = langid!("fa");
static EN: LanguageIdentifier = langid!("en");

fn lang(locale: Locale) -> &'static LanguageIdentifier {
    match locale {
        Locale::Fa => &FA,
        Locale::En => &EN,
    }
}

/// Whether a message marks its arguments with bidi isolation (pages) or not (mail).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Isolation {
    Html,
    Plain,
}

fn loader(iso: Isolation) -> &'static fluent_templates::StaticLoader {
    match iso {
        Isolation::Html => &HTML,
        Isolation::Plain => &PLAIN,
    }
}

/// The message `key` in `locale`; an unknown key yields the key itself so a gap is visible, not fatal.
pub fn t(locale: Locale, key: &str) -> String {
    HTML.try_lookup(lang(locale), key).unwrap_or_else(|| key.to_owned())
}

/// The message `key` with named string arguments.
pub fn t_args(locale: Locale, iso: Isolation, key: &str, args: &[(&'static str, &str)]) -> String {
    let args: HashMap<Cow<'static, str>, FluentValue<'_>> =
        args.iter().map(|(k, v)| (Cow::Borrowed(*k), FluentValue::from(v.to_string()))).collect();
    loader(iso).try_lookup_with_args(lang(locale), key, &args).unwrap_or_else(|| key.to_owned())
}

/// Whether a key resolves in a locale, given placeholder values for every argument name we use.
pub fn has(locale: Locale, key: &str) -> bool {
    let args: HashMap<Cow<'static, str>, FluentValue<'_>> =
        ["name", "link", "agency", "count", "password", "organization", "role", "title", "reason", "mib", "kib"]
            .into_iter()
            .chain(["seq", "at", "from", "last", "line", "minutes", "hours", "days", "key", "email", "date", "words"])
            .chain(["challenge", "code", "version", "time", "n", "min", "max", "weight", "outcome", "eligible", "need"])
            .chain(["call", "stage", "when"])
            .map(|k| (Cow::Borrowed(k), FluentValue::from("x")))
            .collect();
    HTML.try_lookup_with_args(lang(locale), key, &args).is_some()
}
