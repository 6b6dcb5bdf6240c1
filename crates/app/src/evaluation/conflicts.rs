//! A computed conflict of interest put in words for staff, in their language.

use halqe_domain::calendar;
use halqe_domain::evaluation::conflicts::Conflict;
use halqe_domain::locale::Locale;

use crate::i18n::{self, Isolation};

/// The reason staff are shown for `conflict`.
pub fn reason(locale: Locale, conflict: &Conflict) -> String {
    let at = |until: &Option<i64>| until.map(|u| calendar::format_date(u, locale)).unwrap_or_default();
    let args: Vec<(&'static str, String)> = match conflict {
        Conflict::TeamMember => vec![],
        Conflict::SameOrganization { organization, until, via } => {
            vec![("organization", organization.clone()), ("at", at(until)), ("name", via.clone().unwrap_or_default())]
        }
        Conflict::CoAuthor { member, title } => vec![("name", member.clone()), ("title", title.clone())],
        Conflict::SameInstitution { member, institution } => {
            vec![("name", member.clone()), ("organization", institution.clone())]
        }
        Conflict::Declared { note } => vec![("reason", note.clone())],
    };
    let args: Vec<(&'static str, &str)> = args.iter().map(|(k, v)| (*k, v.as_str())).collect();
    i18n::t_args(locale, Isolation::Html, conflict.key(), &args)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 2024-03-20 12:00 UTC: 1 Farvardin 1403 in Tehran.
    const NOWRUZ_1403: i64 = 1_710_936_000_000;

    fn all() -> Vec<Conflict> {
        let organization = "شرکت فناوران".to_owned();
        vec![
            Conflict::TeamMember,
            Conflict::SameOrganization { organization: organization.clone(), until: None, via: None },
            Conflict::SameOrganization { organization: organization.clone(), until: Some(NOWRUZ_1403), via: None },
            Conflict::SameOrganization { organization: organization.clone(), until: None, via: Some("علی".into()) },
            Conflict::SameOrganization { organization, until: Some(NOWRUZ_1403), via: Some("علی".into()) },
            Conflict::CoAuthor { member: "علی".into(), title: "Water networks".into() },
            Conflict::SameInstitution { member: "علی".into(), institution: "پژوهشگاه نیرو".into() },
            Conflict::Declared { note: "همکار پیشین".into() },
        ]
    }

    #[test]
    fn every_kind_has_a_reason_in_both_languages_with_its_details() {
        for conflict in all() {
            for locale in Locale::ALL {
                let text = reason(locale, &conflict);
                assert!(!text.contains("evaluation-conflict"), "{conflict:?} has no {locale:?} text");
                let details: Vec<&str> = match &conflict {
                    Conflict::TeamMember => vec![],
                    Conflict::SameOrganization { via, .. } => {
                        ["شرکت فناوران"].into_iter().chain(via.as_deref()).collect()
                    }
                    Conflict::CoAuthor { .. } => vec!["علی", "Water networks"],
                    Conflict::SameInstitution { .. } => vec!["علی", "پژوهشگاه نیرو"],
                    Conflict::Declared { .. } => vec!["همکار پیشین"],
                };
                for d in details {
                    assert!(text.contains(d), "{locale:?} reason {text:?} lacks {d:?}");
                }
            }
        }
        let former = &all()[2];
        assert!(reason(Locale::Fa, former).contains("۱ فروردین ۱۴۰۳"), "{}", reason(Locale::Fa, former));
        assert!(reason(Locale::En, former).contains("2024"), "{}", reason(Locale::En, former));
        assert_eq!(reason(Locale::En, &Conflict::TeamMember), "On this proposal's team.");
    }
}
