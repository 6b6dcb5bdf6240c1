//! One proposal as its viewer may see it: the working copy, team and every version for the applicant's
//! side and the team; the submitted versions only for the agency's side; only the invitation for someone
//! asked to join the team.

use halqe_db::proposals::{self, ProposalListed};
use halqe_domain::conversation::{Subject, SubjectKind};
use halqe_domain::ids::ProposalId;
use halqe_domain::permissions::Actor;
use halqe_domain::proposal::Status;

use super::access::{self, Sides};
use super::view::{FileView, MemberView, ProposalView, VersionView};
use crate::conversations::MessageListed;
use crate::conversations::show::read;
use crate::{App, Error, Result};

/// Everything the proposal page shows.
#[derive(Debug, Clone)]
pub struct ProposalPage {
    pub proposal: ProposalView,
    pub sides: Sides,
    pub team: Vec<MemberView>,
    /// Oldest first.
    pub versions: Vec<VersionView>,
    pub files: Vec<FileView>,
    /// The challenge still takes proposals (and changes to them).
    pub open: bool,
    /// The proposal's conversation, oldest first.
    pub messages: Vec<MessageListed>,
    /// Where it stands in evaluation, with each decision's reason, once its challenge is evaluated.
    pub evaluation: Option<crate::evaluation::record::EvaluationRecord>,
}

impl ProposalPage {
    /// The viewer may edit, submit and withdraw now.
    pub fn can_edit(&self) -> bool {
        self.sides.owner && self.open && self.proposal.status != Status::Withdrawn
    }

    /// The working copy is shown (the applicant's side); else the latest submitted version's text.
    pub fn working_copy(&self) -> bool {
        self.sides.applicant_side()
    }

    /// The newest submitted version.
    pub fn latest(&self) -> Option<&VersionView> {
        self.versions.last()
    }
}

/// What an invited team member sees before answering.
#[derive(Debug, Clone)]
pub struct Invitation {
    pub proposal: ProposalView,
    pub withdrawn: bool,
}

/// The proposal page, or the invitation for one asked to join its team.
#[derive(Debug, Clone)]
pub enum Shown {
    Page(Box<ProposalPage>),
    Invitation(Box<Invitation>),
}

/// The text fields and time of `view` replaced by those of the version `v` (what the agency's side reads).
pub(super) fn as_submitted(mut view: ProposalView, v: &VersionView) -> ProposalView {
    let c = &v.content;
    view.updated_at = v.submitted_at;
    view.title.clone_from(&c.title);
    view.summary.clone_from(&c.summary);
    view.approach.clone_from(&c.approach);
    view.budget = c.budget;
    view.timeline.clone_from(&c.timeline);
    view.expected_results.clone_from(&c.expected_results);
    view.conflicts_note.clone_from(&c.conflicts_note);
    view.originality = true;
    view.conflicts = true;
    view
}

/// The page's content for a viewer already known to see `found`.
async fn page(
    app: &App,
    conn: &mut halqe_db::Conn,
    actor: &Actor,
    found: ProposalListed,
    sides: Sides,
) -> Result<ProposalPage> {
    let id = ProposalId::from_db(found.row.id.clone());
    let open = access::is_open(&found, app.now());
    let versions =
        proposals::versions_of(conn, &id).await?.into_iter().map(VersionView::try_from).collect::<Result<Vec<_>>>()?;
    let mut view = ProposalView::from(found);
    let (team, files) = if sides.applicant_side() {
        let team = proposals::members_of(conn, &id).await?.into_iter().map(MemberView::from).collect();
        let files = proposals::attachments_of(conn, &id).await?.iter().map(FileView::from).collect();
        (team, files)
    } else {
        let latest = versions.last().ok_or(Error::NotFound)?;
        view = as_submitted(view, latest);
        (latest.content.team.clone(), latest.content.files.clone())
    };
    let messages = read(conn, actor, &Subject::new(SubjectKind::Proposal, id.to_string()), app.now()).await?;
    let evaluation = crate::evaluation::record::of_proposal(conn, &id, sides, &actor.user_id, app.now()).await?;
    Ok(ProposalPage { proposal: view, sides, team, versions, files, open, messages, evaluation })
}

/// Proposal `id` for `actor`; `NotFound` if they may not see it.
pub async fn show(app: &App, actor: &Actor, id: &ProposalId) -> Result<Shown> {
    let mut conn = app.db.conn().await?;
    let (found, sides) = access::known(&mut conn, actor, id).await?;
    if !sides.sees(found.row.versions) {
        let withdrawn = found.row.status == Status::Withdrawn;
        let proposal = ProposalView::from(found);
        return Ok(Shown::Invitation(Box::new(Invitation { proposal, withdrawn })));
    }
    Ok(Shown::Page(Box::new(page(app, &mut conn, actor, found, sides).await?)))
}

/// Proposal `id` for someone who may see it in full; `NotFound` otherwise (an invitation included).
pub async fn full(app: &App, actor: &Actor, id: &ProposalId) -> Result<ProposalPage> {
    let mut conn = app.db.conn().await?;
    let (found, sides) = access::visible(&mut conn, actor, id).await?;
    page(app, &mut conn, actor, found, sides).await
}

/// Version `number` of proposal `id` with its receipt, for whoever may see the proposal.
pub async fn version(app: &App, actor: &Actor, id: &ProposalId, number: i64) -> Result<(ProposalPage, VersionView)> {
    let p = full(app, actor, id).await?;
    let v = p.versions.iter().find(|v| v.version == number).cloned().ok_or(Error::NotFound)?;
    Ok((p, v))
}
