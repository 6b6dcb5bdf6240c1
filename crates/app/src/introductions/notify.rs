//! Who hears of an introduction's steps, and the mail they get; no mail carries contact details.

use std::collections::{HashMap, HashSet};

use halqe_db::introductions::IntroductionListed;
use halqe_db::outbox::NewMail;
use halqe_db::users::{self, Recipient};
use halqe_db::{Conn, organizations, people};
use halqe_domain::ids::{IntroductionId, OrganizationId, PersonId, UserId};
use halqe_domain::introduction::CandidateKind;
use halqe_domain::locale::Locale;

use crate::i18n::{Isolation, t_args};
use crate::{App, Result, mail};

/// How much of a need's text a mail quotes.
const EXCERPT_CHARS: usize = 120;

/// The start of a need's text, on one line.
pub(super) fn excerpt(text: &str) -> String {
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= EXCERPT_CHARS {
        return flat;
    }
    let cut: String = flat.chars().take(EXCERPT_CHARS).collect();
    format!("{}…", cut.trim_end())
}

/// The introduction's page, as an absolute link.
pub(super) fn link(app: &App, id: &IntroductionId) -> String {
    app.link(&format!("/introductions/{id}"))
}

/// Who asked, as a mail names them: the agency, or the innovation center for staff.
pub(super) fn asker(agency_name: Option<&str>, locale: Locale) -> String {
    match agency_name {
        Some(name) => name.to_owned(),
        None => t_args(locale, Isolation::Plain, "introduction-center", &[]),
    }
}

/// The accounts that speak for a candidate: the person's own, or the organization's owners and admins.
pub(super) async fn candidate_accounts(conn: &mut Conn, kind: CandidateKind, id: &str) -> Result<Vec<UserId>> {
    Ok(match kind {
        CandidateKind::Person => people::by_id(conn, &PersonId::from_db(id.to_owned()))
            .await?
            .and_then(|p| p.user_id)
            .map(UserId::from_db)
            .into_iter()
            .collect(),
        CandidateKind::Organization => organizations::members(conn, &OrganizationId::from_db(id.to_owned()))
            .await?
            .into_iter()
            .filter(|m| m.role.manages())
            .map(|m| UserId::from_db(m.user_id))
            .collect(),
    })
}

/// A mail about one introduction: the Fluent `key` (`mail-<key>-…`) and the name it mentions.
#[derive(Clone, Copy)]
pub(super) struct Notice<'a> {
    pub key: &'a str,
    pub found: &'a IntroductionListed,
    /// Who did what the mail tells (the candidate, the author of a message).
    pub name: &'a str,
}

/// Mails `notice` to each account in `to` except `except`, once each, in the account's language.
pub(super) async fn mail_accounts(
    app: &App,
    conn: &mut Conn,
    to: &[UserId],
    except: Option<&UserId>,
    notice: &Notice<'_>,
    now: i64,
) -> Result<()> {
    let mails = compose_notices(app, conn, &[(*notice, to.to_vec())], except).await?;
    mail::queue_all(conn, &mails, now).await
}

/// The mail of each notice to each of its accounts except `except`, once per account and notice, in the
/// account's language; the accounts of every notice are read at once.
pub(super) async fn compose_notices(
    app: &App,
    conn: &mut Conn,
    notices: &[(Notice<'_>, Vec<UserId>)],
    except: Option<&UserId>,
) -> Result<Vec<NewMail>> {
    let ids: Vec<String> = notices.iter().flat_map(|(_, to)| to.iter().map(UserId::to_string)).collect();
    let recipients: HashMap<String, Recipient> =
        users::recipients(conn, &ids).await?.into_iter().map(|r| (r.id.to_string(), r)).collect();
    let mut mails = Vec::new();
    for (notice, to) in notices {
        let link = link(app, &IntroductionId::from_db(notice.found.row.id.clone()));
        let title = excerpt(&notice.found.need_text);
        let mut sent: HashSet<&UserId> = HashSet::new();
        for user in to {
            if Some(user) == except || !sent.insert(user) {
                continue;
            }
            let Some(u) = recipients.get(user.as_str()) else { continue };
            let agency = asker(notice.found.agency_name.as_deref(), u.locale);
            let args = [
                ("name", notice.name),
                ("agency", agency.as_str()),
                ("title", title.as_str()),
                ("link", link.as_str()),
            ];
            mails.push(mail::compose(&u.email, u.locale, notice.key, &args));
        }
    }
    Ok(mails)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excerpts_are_one_short_line() {
        assert_eq!(excerpt("  نیاز\nبه   تحلیل "), "نیاز به تحلیل");
        let long = "داده ".repeat(60);
        let e = excerpt(&long);
        assert!(e.ends_with('…') && e.chars().count() <= EXCERPT_CHARS + 1);
    }
}
