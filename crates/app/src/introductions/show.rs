//! One introduction as a party sees it: the need, the candidate, why, the timeline and its conversation;
//! opening it marks the viewer's notifications about it read.

use halqe_db::introductions;
use halqe_domain::conversation::{Subject, SubjectKind};
use halqe_domain::ids::IntroductionId;
use halqe_domain::introduction::Status;
use halqe_domain::permissions::Actor;

use super::{EventListed, IntroductionView, Why, access};
use crate::conversations::{MessageListed, show as conversation};
use crate::{App, Result};

/// Everything the introduction page shows.
#[derive(Debug, Clone)]
pub struct IntroductionPage {
    pub intro: IntroductionView,
    /// The match explanation kept from the request.
    pub why: Why,
    pub events: Vec<EventListed>,
    pub messages: Vec<MessageListed>,
}

impl IntroductionPage {
    /// The viewer speaks for the candidate and the introduction waits for their answer.
    pub fn can_answer(&self) -> bool {
        self.intro.parties.candidate && self.intro.item.status == Status::Requested
    }

    /// Where the page's message form posts.
    pub fn conversation_action(&self) -> String {
        let subject = Subject::new(SubjectKind::Introduction, self.intro.item.id.to_string());
        crate::conversations::subjects::messages_action(&subject)
    }

    /// The viewer is on the agency side and the candidate has not answered yet.
    pub fn can_withdraw(&self) -> bool {
        self.intro.parties.agency && self.intro.item.status == Status::Requested
    }

    /// The viewer is on the agency side and the candidate has accepted.
    pub fn can_record_outcome(&self) -> bool {
        self.intro.parties.agency && self.intro.item.status == Status::Accepted
    }
}

/// Introduction `id` for `actor`; `NotFound` unless they are party to it.
pub async fn show(app: &App, actor: &Actor, id: &IntroductionId) -> Result<IntroductionPage> {
    let mut conn = app.db.conn().await?;
    let (found, parties) = access::visible(&mut conn, actor, id).await?;
    let why = Why::from_db(&found.row.why);
    let events = introductions::events_of(&mut conn, id).await?;
    let subject = Subject::new(SubjectKind::Introduction, id.to_string());
    let messages = conversation::read(&mut conn, actor, &subject, app.now()).await?;
    let intro = IntroductionView::build(&mut conn, found, parties).await?;
    Ok(IntroductionPage { intro, why, events, messages })
}
