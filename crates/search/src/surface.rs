//! Matched terms in the words people wrote: each analyzed term shown as the need and the profile
//! write it (surface forms), never as the stem the index compares.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::analysis::Term;

/// One term a need and a profile share: its first written form in each.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MatchedTerm {
    /// As the need writes it, e.g. «پژوهشگران».
    pub need: String,
    /// As the profile writes it, e.g. «پژوهشگر».
    pub profile: String,
}

/// Each term of an analyzed text with the words it was written as, in text order.
pub(crate) fn written<'t>(text: &'t str, terms: &'t [Term]) -> impl Iterator<Item = (&'t str, &'t str)> {
    terms.iter().filter_map(move |t| Some((t.text.as_str(), text.get(t.start..t.end)?)))
}

/// The first written form of each term, from `(term, form)` pairs in text order.
pub(crate) fn first_forms<'t>(pairs: impl IntoIterator<Item = (&'t str, &'t str)>) -> HashMap<&'t str, &'t str> {
    let mut forms = HashMap::new();
    for (term, form) in pairs {
        forms.entry(term).or_insert(form);
    }
    forms
}

/// The shared terms, in the order given, each with its first form in the need and in the profile;
/// a term without a form on either side (not written there) is left out.
pub(crate) fn matched<'t>(
    terms: impl IntoIterator<Item = &'t str>,
    need: &HashMap<&str, &str>,
    profile: impl IntoIterator<Item = (&'t str, &'t str)>,
) -> Vec<MatchedTerm> {
    let terms: Vec<&str> = terms.into_iter().collect();
    let mut in_profile: HashMap<&str, &str> = HashMap::with_capacity(terms.len());
    for (term, form) in profile {
        if in_profile.len() == terms.len() {
            break;
        }
        if terms.contains(&term) {
            in_profile.entry(term).or_insert(form);
        }
    }
    terms
        .into_iter()
        .filter_map(|t| {
            Some(MatchedTerm { need: (*need.get(t)?).to_owned(), profile: (*in_profile.get(t)?).to_owned() })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::analyze;

    #[test]
    fn forms_are_the_words_as_written() {
        let need_text = "پردازش زبان فارسی برای رسیدگی به پژوهشگران";
        let need_terms = analyze(need_text);
        let need = first_forms(written(need_text, &need_terms));
        let profile_text = "پژوهشگر پردازش‌های زبانی و رسیدگی‌ها";
        let profile_terms = analyze(profile_text);
        let shared = crate::analysis::terms("پژوهشگر پردازش رسیدگی فارسی");
        assert!(!shared.contains(&"رسیدگی".to_owned()), "the stem is not a word: {shared:?}");
        let got = matched(shared.iter().map(String::as_str), &need, written(profile_text, &profile_terms));
        let pairs: Vec<(&str, &str)> = got.iter().map(|m| (m.need.as_str(), m.profile.as_str())).collect();
        assert_eq!(
            pairs,
            [("پژوهشگران", "پژوهشگر"), ("پردازش", "پردازش‌های"), ("رسیدگی", "رسیدگی‌ها")],
            "«فارسی» is not in the profile, so it is not a shared term"
        );
    }
}
