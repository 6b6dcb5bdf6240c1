//! Telling users what happened: a notification for each account that may still see the object, and a mail
//! at once to those whose setting for the kind says so (the others wait for the digest, or get none).

use halqe_db::Conn;
use halqe_db::notifications::{self, NotificationRow};
use halqe_db::users;
use halqe_domain::conversation::SubjectKind;
use halqe_domain::ids::{NotificationId, UserId};
use halqe_domain::locale::Locale;
use halqe_domain::notification::{Delivery, Kind};

use crate::conversations::subjects::{self, SubjectView};
use crate::i18n::{Isolation, t_args};
use crate::{App, Result, mail};

/// One thing that happened, to tell.
pub(crate) struct Event<'a> {
    pub kind: Kind,
    pub about: &'a SubjectView,
    /// Who did it (the candidate, the author of a message).
    pub actor_name: &'a str,
}

/// The Fluent mail of a kind of notification about a kind of object (`mail-<key>-subject`, `-body`).
fn mail_key(kind: Kind, subject: SubjectKind) -> &'static str {
    match (kind, subject) {
        (Kind::Message, SubjectKind::Introduction) => "introduction-message",
        (Kind::IntroductionRequested, _) => "introduction-request",
        (Kind::IntroductionAccepted, _) => "introduction-accepted",
        (Kind::IntroductionDeclined, _) => "introduction-declined",
        (Kind::IntroductionEngaged, _) => "introduction-engaged",
        (Kind::IntroductionNotEngaged, _) => "introduction-not-engaged",
    }
}

/// The agency as a message names it: its name, or the innovation center.
pub(crate) fn asker(agency_name: Option<&str>, locale: Locale) -> String {
    match agency_name {
        Some(name) => name.to_owned(),
        None => t_args(locale, Isolation::Plain, "introduction-center", &[]),
    }
}

/// Notifies each account in `to` once, except `except` and any account that may no longer see the object;
/// returns how many were notified.
pub(crate) async fn notify(
    app: &App,
    conn: &mut Conn,
    event: &Event<'_>,
    to: &[UserId],
    except: Option<&UserId>,
    now: i64,
) -> Result<usize> {
    let subject = &event.about.subject;
    let link = app.link(&event.about.href());
    let mut told: Vec<&UserId> = Vec::new();
    for user in to {
        if Some(user) == except || told.contains(&user) {
            continue;
        }
        let Some(u) = users::by_id(conn, user).await? else { continue };
        if !subjects::may_see(conn, &u, subject).await? {
            continue;
        }
        told.push(user);
        let delivery = notifications::delivery_of(conn, user, event.kind).await?;
        let row = NotificationRow {
            id: NotificationId::new().to_string(),
            user_id: user.to_string(),
            kind: event.kind,
            subject_kind: subject.kind,
            subject_id: subject.id.clone(),
            actor_name: event.actor_name.to_owned(),
            title: event.about.title.clone(),
            agency_name: event.about.agency_name.clone(),
            delivery,
            digest_id: None,
            created_at: now,
            read_at: None,
        };
        notifications::insert(conn, &row).await?;
        if delivery == Delivery::Immediately {
            let agency = asker(row.agency_name.as_deref(), u.locale);
            let args = [
                ("name", event.actor_name),
                ("agency", agency.as_str()),
                ("title", row.title.as_str()),
                ("link", link.as_str()),
            ];
            mail::queue(conn, u.email.as_str(), u.locale, mail_key(event.kind, subject.kind), &args, now).await?;
        }
    }
    Ok(told.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_has_a_mail_about_its_subject() {
        for kind in Kind::ALL {
            for subject in SubjectKind::ALL {
                if kind.subject_kind().is_none_or(|k| k == subject) {
                    let key = mail_key(kind, subject);
                    for locale in [Locale::Fa, Locale::En] {
                        let args = [("name", "n"), ("agency", "a"), ("title", "t"), ("link", "l")];
                        let subject_line = t_args(locale, Isolation::Plain, &format!("mail-{key}-subject"), &args);
                        assert_ne!(subject_line, format!("mail-{key}-subject"), "{kind:?} {locale:?}");
                    }
                }
            }
        }
    }
}
