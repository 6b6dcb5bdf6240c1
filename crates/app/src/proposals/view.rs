//! A proposal as pages and the API show it: typed values, and for each submitted version its content as it
//! was, read back from the stored snapshot.

use halqe_db::proposals::{AttachmentRow, MemberRow, ProposalListed, VersionRow};
use halqe_domain::proposal::{ApplicantKind, MemberState, Status, TrackingCode};
use serde::{Deserialize, Serialize};

/// The working copy of a proposal with its challenge's names.
#[derive(Debug, Clone)]
pub struct ProposalView {
    pub id: String,
    pub challenge_id: String,
    pub challenge_title: String,
    pub agency_name: String,
    /// The instant the challenge stops taking proposals.
    pub deadline_at: i64,
    pub applicant_kind: ApplicantKind,
    pub applicant_id: String,
    pub applicant_name: String,
    pub status: Status,
    pub title: String,
    pub summary: String,
    pub approach: String,
    /// Million rials.
    pub budget: Option<i64>,
    pub timeline: String,
    pub expected_results: String,
    pub originality: bool,
    pub conflicts: bool,
    pub conflicts_note: String,
    /// Submitted versions: the token a submission sends back.
    pub versions: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    pub withdrawn_at: Option<i64>,
}

impl From<ProposalListed> for ProposalView {
    fn from(p: ProposalListed) -> Self {
        let r = p.row;
        Self {
            id: r.id,
            challenge_id: r.challenge_id,
            challenge_title: p.challenge_title,
            agency_name: p.agency_name,
            deadline_at: p.deadline_at,
            applicant_kind: r.applicant_kind,
            applicant_id: r.applicant_id,
            applicant_name: r.applicant_name,
            status: r.status,
            title: r.title,
            summary: r.summary,
            approach: r.approach,
            budget: r.budget,
            timeline: r.timeline,
            expected_results: r.expected_results,
            originality: r.originality != 0,
            conflicts: r.conflicts != 0,
            conflicts_note: r.conflicts_note,
            versions: r.versions,
            updated_at: r.updated_at,
            submitted_at: r.submitted_at,
            withdrawn_at: r.withdrawn_at,
        }
    }
}

/// One team member and their answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MemberView {
    pub person_id: String,
    pub name: String,
    pub state: MemberState,
}

impl From<MemberRow> for MemberView {
    fn from(m: MemberRow) -> Self {
        Self { person_id: m.person_id, name: m.name, state: m.state }
    }
}

/// One attached file as listed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FileView {
    pub id: String,
    pub file_name: String,
    pub size_bytes: i64,
}

impl From<&AttachmentRow> for FileView {
    fn from(a: &AttachmentRow) -> Self {
        Self { id: a.file.id.clone(), file_name: a.file.file_name.clone(), size_bytes: a.file.size_bytes }
    }
}

/// What a submitted version holds, frozen when it was submitted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Content {
    pub applicant_name: String,
    pub title: String,
    pub summary: String,
    pub approach: String,
    pub budget: Option<i64>,
    pub timeline: String,
    pub expected_results: String,
    pub conflicts_note: String,
    pub team: Vec<MemberView>,
    pub files: Vec<FileView>,
}

/// One submitted version with its receipt.
#[derive(Debug, Clone)]
pub struct VersionView {
    pub version: i64,
    pub tracking_code: TrackingCode,
    pub submitted_at: i64,
    pub content: Content,
}

impl TryFrom<VersionRow> for VersionView {
    type Error = crate::Error;

    fn try_from(v: VersionRow) -> crate::Result<Self> {
        let content = serde_json::from_str(&v.content)
            .map_err(|e| crate::Error::Internal(format!("proposal version {}: {e}", v.id)))?;
        Ok(Self {
            version: v.version,
            tracking_code: TrackingCode::from_db(v.tracking_code),
            submitted_at: v.submitted_at,
            content,
        })
    }
}

/// What a submission answers: the version made and its tracking code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Receipt {
    pub proposal_id: String,
    pub version: i64,
    pub tracking_code: TrackingCode,
    pub submitted_at: i64,
}
