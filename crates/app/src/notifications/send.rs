//! Telling users what happened: a notification for each account that may still see the object, and a mail
//! at once to those whose setting for the kind says so (the others wait for the digest, or get none).

use std::collections::{HashMap, HashSet};

use halqe_db::Conn;
use halqe_db::notifications::{self, NotificationRow};
use halqe_db::users::{self, User};
use halqe_domain::calendar;
use halqe_domain::conversation::{Subject, SubjectKind};
use halqe_domain::ids::{NotificationId, UserId};
use halqe_domain::locale::Locale;
use halqe_domain::notification::{Delivery, Kind};

use crate::conversations::subjects::{self, SubjectView};
use crate::i18n::{Isolation, t_args};
use crate::{App, Result, mail};

/// One thing that happened, to tell.
#[derive(Clone, Copy)]
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
        (Kind::Message, SubjectKind::Challenge) => "challenge-message",
        (Kind::IntroductionRequested, _) => "introduction-request",
        (Kind::IntroductionAccepted, _) => "introduction-accepted",
        (Kind::IntroductionDeclined, _) => "introduction-declined",
        (Kind::IntroductionEngaged, _) => "introduction-engaged",
        (Kind::IntroductionNotEngaged, _) => "introduction-not-engaged",
        (Kind::QuestionAsked, _) => "question-asked",
        (Kind::QuestionAnswered, _) => "question-answered",
        (Kind::ChallengeInvitation, _) => "challenge-invitation",
        (Kind::IntroductionWithdrawn, _) => "introduction-withdrawn",
        (Kind::Message, SubjectKind::Proposal) => "proposal-message",
        (Kind::ProposalInvited, _) => "proposal-invited",
        (Kind::ProposalTeamAccepted, _) => "proposal-team-accepted",
        (Kind::ProposalTeamDeclined, _) => "proposal-team-declined",
        (Kind::ProposalSubmitted, _) => "proposal-submitted",
        (Kind::ProposalDecided, _) => "proposal-decided",
        (Kind::AppealDecided, _) => "appeal-decided",
        (Kind::ReviewAssigned, _) => "review-assigned",
        (Kind::ReviewReminder, _) => "review-reminder",
        (Kind::AppealFiled, _) => "appeal-filed",
        // Never sent: a review has no conversation (`subjects::party` refuses it).
        (Kind::Message, SubjectKind::Review) => "proposal-message",
    }
}

/// The agency as a message names it: its name, or the innovation center.
pub(crate) fn asker(agency_name: Option<&str>, locale: Locale) -> String {
    match agency_name {
        Some(name) => name.to_owned(),
        None => t_args(locale, Isolation::Plain, "introduction-center", &[]),
    }
}

/// One event to tell, and the accounts it concerns.
pub(crate) struct Notice<'a> {
    pub event: Event<'a>,
    pub to: Vec<UserId>,
    /// The one who did it, never told of their own act.
    pub except: Option<&'a UserId>,
    /// More arguments for the kind's mail (a decision's outcome and reason).
    pub details: &'a [(&'static str, &'a str)],
    /// Dates for the kind's mail, written in each reader's calendar (`notification-no-date` for none).
    pub dates: &'a [(&'static str, Option<i64>)],
}

/// Tells each account in `to` that `kind` happened on `about`, done by `name` (in the app, and by mail as
/// each chose).
pub(crate) async fn tell(
    app: &App,
    conn: &mut Conn,
    kind: Kind,
    about: &SubjectView,
    name: &str,
    to: &[UserId],
    now: i64,
) -> Result<()> {
    notify(app, conn, &Event { kind, about, actor_name: name }, to, None, now).await?;
    Ok(())
}

/// Tells each account in `to` that `kind` happened on `about`, with `details` in the mail (in the app, and
/// by mail as each chose).
pub(crate) async fn tell_with(
    app: &App,
    conn: &mut Conn,
    event: Event<'_>,
    details: &[(&'static str, &str)],
    to: &[UserId],
    now: i64,
) -> Result<()> {
    let notice = Notice { event, to: to.to_vec(), except: None, details, dates: &[] };
    notify_all(app, conn, std::slice::from_ref(&notice), now).await?;
    Ok(())
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
    let notice = Notice { event: *event, to: to.to_vec(), except, details: &[], dates: &[] };
    notify_all(app, conn, std::slice::from_ref(&notice), now).await
}

/// Tells every notice's accounts, each once per notice, except its `except` and the accounts that may no
/// longer see its object: the accounts, who may see what, their settings, the notifications and the mail
/// each take one statement per hundred, however many accounts and objects. Returns how many were notified.
pub(crate) async fn notify_all(app: &App, conn: &mut Conn, notices: &[Notice<'_>], now: i64) -> Result<usize> {
    let mut asked: Vec<(usize, &UserId)> = Vec::new();
    for (n, notice) in notices.iter().enumerate() {
        let mut seen = HashSet::new();
        for user in &notice.to {
            if Some(user) != notice.except && seen.insert(user) {
                asked.push((n, user));
            }
        }
    }
    if asked.is_empty() {
        return Ok(0);
    }
    let ids: Vec<String> = asked.iter().map(|(_, u)| u.to_string()).collect::<HashSet<_>>().into_iter().collect();
    let accounts: HashMap<UserId, User> =
        users::by_ids(conn, &ids).await?.into_iter().map(|u| (u.id.clone(), u)).collect();
    let asks: Vec<(&Subject, &User, Kind)> = asked
        .iter()
        .filter_map(|(n, u)| {
            let event = &notices[*n].event;
            Some((&event.about.subject, accounts.get(*u)?, event.kind))
        })
        .collect();
    let may_see = subjects::audience(conn, &asks).await?;
    let chosen: HashMap<(String, Kind), Delivery> = notifications::deliveries_of(conn, &ids)
        .await?
        .into_iter()
        .map(|(user, kind, delivery)| ((user, kind), delivery))
        .collect();
    let mut rows = Vec::new();
    let mut mails = Vec::new();
    for (n, user) in asked {
        let event = &notices[n].event;
        let subject = &event.about.subject;
        let Some(u) = accounts.get(user) else { continue };
        if !may_see.contains(&(subject.clone(), user.clone(), event.kind)) {
            continue;
        }
        let delivery = chosen.get(&(user.to_string(), event.kind)).copied().unwrap_or_default();
        if delivery == Delivery::Immediately {
            let agency = asker(event.about.agency_name.as_deref(), u.locale);
            let link = app.link(&event.about.href());
            let mut args = vec![
                ("name", event.actor_name),
                ("agency", agency.as_str()),
                ("title", event.about.title.as_str()),
                ("link", link.as_str()),
            ];
            args.extend_from_slice(notices[n].details);
            let dates: Vec<(&'static str, String)> = notices[n]
                .dates
                .iter()
                .map(|(k, at)| {
                    let text = match at {
                        Some(at) => calendar::format_date(*at, u.locale),
                        None => crate::i18n::t(u.locale, "notification-no-date"),
                    };
                    (*k, text)
                })
                .collect();
            args.extend(dates.iter().map(|(k, v)| (*k, v.as_str())));
            mails.push(mail::compose(u.email.as_str(), u.locale, mail_key(event.kind, subject.kind), &args));
        }
        rows.push(NotificationRow {
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
        });
    }
    notifications::insert_all(conn, &rows).await?;
    mail::queue_all(conn, &mails, now).await?;
    Ok(rows.len())
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
                        let args = [
                            ("name", "n"),
                            ("agency", "a"),
                            ("title", "t"),
                            ("link", "l"),
                            ("outcome", "reject"),
                            ("reason", "r"),
                            ("call", "c"),
                            ("stage", "s"),
                            ("date", "d"),
                            ("when", "last_day"),
                        ];
                        let subject_line = t_args(locale, Isolation::Plain, &format!("mail-{key}-subject"), &args);
                        assert_ne!(subject_line, format!("mail-{key}-subject"), "{kind:?} {locale:?}");
                    }
                }
            }
        }
    }
}
