//! One challenge as its viewer may see it: the public text and questions once published; its history, the
//! steps open to them, the editor and the review conversation for its agency's officers and staff. Opening
//! it marks the viewer's notifications about it read.

use halqe_db::{challenges, notifications};
use halqe_domain::challenge::{Party, Step};
use halqe_domain::conversation::{Subject, SubjectKind};
use halqe_domain::ids::ChallengeId;
use halqe_domain::permissions::Actor;

use super::access::{self, Sides};
use super::view::{ChallengeView, EventView};
use crate::conversations::{MessageListed, show as conversation};
use crate::fields::Taxonomy;
use crate::questions::{self, Questions};
use crate::{App, Result};

/// One attached file as listed.
#[derive(Debug, Clone)]
pub struct AttachmentItem {
    pub id: String,
    pub file_name: String,
    pub size_bytes: i64,
}

/// Everything the challenge page shows.
#[derive(Debug, Clone)]
pub struct ChallengePage {
    pub challenge: ChallengeView,
    pub sides: Sides,
    /// The history, for its sides only (comments to the agency are not public).
    pub events: Vec<EventView>,
    pub attachments: Vec<AttachmentItem>,
    /// The steps the viewer may take now.
    pub steps: Vec<Step>,
    /// The public Q&A as the viewer sees it.
    pub questions: Questions,
    /// The review conversation, for its sides only.
    pub messages: Vec<MessageListed>,
    /// For its sides: how many proposals are in play with a submitted version.
    pub proposals: Option<i64>,
}

impl ChallengePage {
    /// Where the review conversation's form posts.
    pub fn conversation_action(&self) -> String {
        let subject = Subject::new(SubjectKind::Challenge, self.challenge.id.clone());
        crate::conversations::subjects::messages_action(&subject)
    }

    /// The viewer may edit the text now.
    pub fn can_edit(&self) -> bool {
        self.sides.agency && self.challenge.status.is_editable()
    }
}

/// Challenge `id` for `actor` (`None`: a visitor), with page `question_page` of its questions; `NotFound` if
/// they may not see it.
pub async fn show(app: &App, actor: Option<&Actor>, id: &ChallengeId, question_page: u32) -> Result<ChallengePage> {
    let mut conn = app.db.conn().await?;
    let (found, sides) = access::visible(&mut conn, actor, id).await?;
    let taxonomy = Taxonomy::load(&mut conn).await?;
    let events = if sides.any() {
        challenges::events_of(&mut conn, id).await?.into_iter().map(EventView::from).collect()
    } else {
        Vec::new()
    };
    let attachments = challenges::attachments_of(&mut conn, id)
        .await?
        .into_iter()
        .map(|a| AttachmentItem { id: a.file.id, file_name: a.file.file_name, size_bytes: a.file.size_bytes })
        .collect();
    let status = found.row.status;
    let mut steps: Vec<Step> = Vec::new();
    for (held, party) in [(sides.agency, Party::Agency), (sides.staff, Party::Staff)] {
        for step in status.steps_for(party).into_iter().filter(|_| held) {
            if !steps.contains(&step) {
                steps.push(step);
            }
        }
    }
    let now = app.now();
    let mut questions = questions::list::build(&mut conn, actor, &found, sides, question_page, now).await?;
    if sides.staff {
        questions.merge_targets = questions::list::merge_targets(&mut conn, id).await?;
    }
    let subject = Subject::new(SubjectKind::Challenge, id.to_string());
    let messages = match actor {
        Some(a) if sides.any() => conversation::read(&mut conn, a, &subject, now).await?,
        Some(a) => {
            notifications::mark_subject_read(&mut conn, &a.user_id, &subject, now).await?;
            Vec::new()
        }
        None => Vec::new(),
    };
    let challenge = ChallengeView::build(found, &taxonomy);
    let proposals = if sides.any() { Some(halqe_db::proposals::count_submitted(&mut conn, id).await?) } else { None };
    Ok(ChallengePage { challenge, sides, events, attachments, steps, questions, messages, proposals })
}
