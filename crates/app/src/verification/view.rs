//! Claims and their evidence as pages show them: typed, without storage keys, hashes or uploaders.

use halqe_db::verification::{ClaimListed, EvidenceRow};
use halqe_domain::clock::Millis;
use halqe_domain::ids::{ClaimId, EvidenceId};
use halqe_domain::verification::{ClaimKind, ClaimStatus};

/// A claim as lists and its page show it.
#[derive(Debug, Clone)]
pub struct ClaimView {
    pub id: ClaimId,
    pub kind: ClaimKind,
    pub title: String,
    pub status: ClaimStatus,
    /// The last decision's reason (kept when a rejected claim is resubmitted).
    pub reason: String,
    pub decided_at: Option<Millis>,
    pub created_at: Millis,
    /// The person's full name or the organization's Persian name.
    pub subject_name: String,
    pub evidence_count: i64,
}

impl From<ClaimListed> for ClaimView {
    fn from(l: ClaimListed) -> Self {
        let c = l.claim;
        Self {
            id: ClaimId::from_db(c.id),
            kind: c.kind,
            title: c.title,
            status: c.status,
            reason: c.reason,
            decided_at: c.decided_at,
            created_at: c.created_at,
            subject_name: l.subject_name,
            evidence_count: l.evidence_count,
        }
    }
}

/// An evidence file as listed on its claim's page.
#[derive(Debug, Clone)]
pub struct EvidenceView {
    pub id: EvidenceId,
    pub file_name: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub created_at: Millis,
}

impl From<EvidenceRow> for EvidenceView {
    fn from(e: EvidenceRow) -> Self {
        Self {
            id: EvidenceId::from_db(e.id),
            file_name: e.file_name,
            content_type: e.content_type,
            size_bytes: e.size_bytes,
            created_at: e.created_at,
        }
    }
}
