//! Proposals, their team, files and submitted versions. A submission claims its version number with a
//! conditional update before anything else is written, and `(proposal, version)` is unique besides, so two
//! submissions racing from two tabs make exactly one version.

use halqe_domain::challenge::Status as ChallengeStatus;
use halqe_domain::ids::{ChallengeId, PersonId, ProposalAttachmentId, ProposalId, UserId};
use halqe_domain::proposal::{ApplicantKind, MemberState, Status};

use crate::attachments::{FileRow, Table};
use crate::bulk::{Query, insert_sql, update_sql};
use crate::{Conn, Result, keyed};

/// A proposal's working copy as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ProposalRow {
    pub id: String,
    pub challenge_id: String,
    #[sqlx(try_from = "String")]
    pub applicant_kind: ApplicantKind,
    pub applicant_id: String,
    pub applicant_name: String,
    pub created_by: String,
    #[sqlx(try_from = "String")]
    pub status: Status,
    pub title: String,
    pub summary: String,
    pub approach: String,
    pub budget: Option<i64>,
    pub timeline: String,
    pub expected_results: String,
    pub originality: i64,
    pub conflicts: i64,
    pub conflicts_note: String,
    /// Submitted versions so far: the expected-version token of the next submission.
    pub versions: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub submitted_at: Option<i64>,
    pub withdrawn_at: Option<i64>,
}

/// A proposal with what its pages show of its challenge.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct ProposalListed {
    #[sqlx(flatten)]
    pub row: ProposalRow,
    pub challenge_title: String,
    pub agency_id: String,
    pub agency_name: String,
    pub deadline_at: i64,
    #[sqlx(try_from = "String")]
    pub challenge_status: ChallengeStatus,
    /// The content of its latest submitted version (JSON), if any: what the agency's side knows of it.
    pub latest_content: Option<String>,
}

const COLUMNS: &str = "id, challenge_id, applicant_kind, applicant_id, applicant_name, created_by, status, title, \
    summary, approach, budget, timeline, expected_results, originality, conflicts, conflicts_note, versions, \
    created_at, updated_at, submitted_at, withdrawn_at";

fn listed(filter: &str) -> String {
    let columns: Vec<String> = COLUMNS.split(", ").map(|c| format!("p.{}", c.trim())).collect();
    format!(
        "SELECT {}, c.title AS challenge_title, c.agency_id, a.name_fa AS agency_name, c.deadline_at,
            c.status AS challenge_status,
            (SELECT v.content FROM proposal_versions v WHERE v.proposal_id = p.id ORDER BY v.version DESC LIMIT 1)
                AS latest_content
         FROM proposals p JOIN challenges c ON c.id = p.challenge_id JOIN agencies a ON a.id = c.agency_id
         WHERE {filter}",
        columns.join(", ")
    )
}

/// The working copy's text, which [`save_text`] rewrites, in the order [`bind_text`] binds it.
const TEXT: [&str; 9] = [
    "title",
    "summary",
    "approach",
    "budget",
    "timeline",
    "expected_results",
    "originality",
    "conflicts",
    "conflicts_note",
];

/// Binds [`TEXT`], then `updated_at` and `id`.
fn bind_text<'a>(q: Query<'a>, p: &'a ProposalRow) -> Query<'a> {
    q.bind(&p.title)
        .bind(&p.summary)
        .bind(&p.approach)
        .bind(p.budget)
        .bind(&p.timeline)
        .bind(&p.expected_results)
        .bind(p.originality)
        .bind(p.conflicts)
        .bind(&p.conflicts_note)
        .bind(p.updated_at)
        .bind(&p.id)
}

pub async fn insert(conn: &mut Conn, p: &ProposalRow) -> Result<()> {
    let on_creation = [
        "challenge_id",
        "applicant_kind",
        "applicant_id",
        "applicant_name",
        "created_by",
        "status",
        "versions",
        "created_at",
        "submitted_at",
        "withdrawn_at",
    ];
    bind_text(sqlx::query(&insert_sql("proposals", &TEXT, &on_creation)), p)
        .bind(&p.challenge_id)
        .bind(p.applicant_kind.code())
        .bind(&p.applicant_id)
        .bind(&p.applicant_name)
        .bind(&p.created_by)
        .bind(p.status.code())
        .bind(p.versions)
        .bind(p.created_at)
        .bind(p.submitted_at)
        .bind(p.withdrawn_at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// Saves the working copy's text while the proposal is still open; returns whether it did.
pub async fn save_text(conn: &mut Conn, p: &ProposalRow) -> Result<bool> {
    let sql = format!("{} AND status <> 'withdrawn'", update_sql("proposals", &TEXT));
    let done = bind_text(sqlx::query(&sql), p).execute(&mut *conn).await?;
    Ok(done.rows_affected() == 1)
}

/// Claims version `expected + 1` of an open proposal with fewer than `max` versions: succeeds for exactly
/// one of any number of submissions that saw `expected` versions (the others find the count moved and
/// change nothing).
pub async fn claim_version(conn: &mut Conn, id: &ProposalId, expected: i64, max: i64, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE proposals SET versions = versions + 1, status = 'submitted', submitted_at = $3, updated_at = $3
         WHERE id = $1 AND versions = $2 AND versions < $4 AND status <> 'withdrawn'",
    )
    .bind(id.as_str())
    .bind(expected)
    .bind(now)
    .bind(max)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Withdraws an open proposal; returns whether it was open.
pub async fn withdraw(conn: &mut Conn, id: &ProposalId, now: i64) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE proposals SET status = 'withdrawn', withdrawn_at = $2, updated_at = $2
         WHERE id = $1 AND status <> 'withdrawn'",
    )
    .bind(id.as_str())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn by_id(conn: &mut Conn, id: &ProposalId) -> Result<Option<ProposalListed>> {
    keyed::one(conn, &listed("p.id = $1"), id.as_str()).await
}

/// The proposal in play (not withdrawn) of an applicant for a challenge, if any.
pub async fn open_of(
    conn: &mut Conn,
    challenge: &ChallengeId,
    kind: ApplicantKind,
    applicant: &str,
) -> Result<Option<String>> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM proposals
         WHERE challenge_id = $1 AND applicant_kind = $2 AND applicant_id = $3 AND status <> 'withdrawn'",
    )
    .bind(challenge.as_str())
    .bind(kind.code())
    .bind(applicant)
    .fetch_optional(&mut *conn)
    .await?)
}

/// The proposals `user` is on: written by them, of a person they are or an organization they manage,
/// or listing them on the team (whatever they answered); newest change first.
pub async fn of_user(conn: &mut Conn, user: &UserId) -> Result<Vec<ProposalListed>> {
    let filter = "p.created_by = $1
        OR (p.applicant_kind = 'person' AND p.applicant_id IN (SELECT id FROM people WHERE user_id = $1))
        OR (p.applicant_kind = 'organization' AND p.applicant_id IN
            (SELECT organization_id FROM memberships WHERE user_id = $1 AND role IN ('owner', 'admin')))
        OR p.id IN (SELECT proposal_id FROM proposal_members WHERE user_id = $1)";
    keyed::all(conn, &format!("{} ORDER BY p.updated_at DESC, p.id", listed(filter)), user.as_str()).await
}

/// The proposals of a challenge that have a submitted version (withdrawn ones too), first submitted first.
pub async fn submitted_to(conn: &mut Conn, challenge: &ChallengeId) -> Result<Vec<ProposalListed>> {
    let sql = format!("{} ORDER BY p.submitted_at, p.id", listed("p.challenge_id = $1 AND p.versions > 0"));
    keyed::all(conn, &sql, challenge.as_str()).await
}

/// How many proposals of a challenge have a submitted version and are not withdrawn.
pub async fn count_submitted(conn: &mut Conn, challenge: &ChallengeId) -> Result<i64> {
    Ok(sqlx::query_scalar(
        "SELECT COUNT(*) FROM proposals WHERE challenge_id = $1 AND versions > 0 AND status <> 'withdrawn'",
    )
    .bind(challenge.as_str())
    .fetch_one(&mut *conn)
    .await?)
}

/// One member of a proposal's team.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct MemberRow {
    pub proposal_id: String,
    pub person_id: String,
    pub user_id: String,
    /// The person's name when they were asked.
    pub name: String,
    #[sqlx(try_from = "String")]
    pub state: MemberState,
    pub invited_by: String,
    pub invited_at: i64,
    pub answered_at: Option<i64>,
}

const MEMBER_COLUMNS: &str = "proposal_id, person_id, user_id, name, state, invited_by, invited_at, answered_at";

pub async fn insert_member(conn: &mut Conn, m: &MemberRow) -> Result<()> {
    sqlx::query(&format!("INSERT INTO proposal_members ({MEMBER_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)"))
        .bind(&m.proposal_id)
        .bind(&m.person_id)
        .bind(&m.user_id)
        .bind(&m.name)
        .bind(m.state.code())
        .bind(&m.invited_by)
        .bind(m.invited_at)
        .bind(m.answered_at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

pub async fn remove_member(conn: &mut Conn, id: &ProposalId, person: &PersonId) -> Result<bool> {
    let done = sqlx::query("DELETE FROM proposal_members WHERE proposal_id = $1 AND person_id = $2")
        .bind(id.as_str())
        .bind(person.as_str())
        .execute(&mut *conn)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// Records a member's answer if they are still at `from`.
pub async fn answer_member(
    conn: &mut Conn,
    id: &ProposalId,
    user: &UserId,
    from: MemberState,
    to: MemberState,
    now: i64,
) -> Result<bool> {
    let done = sqlx::query(
        "UPDATE proposal_members SET state = $4, answered_at = $5 WHERE proposal_id = $1 AND user_id = $2 AND state = $3",
    )
    .bind(id.as_str())
    .bind(user.as_str())
    .bind(from.code())
    .bind(to.code())
    .bind(now)
    .execute(&mut *conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// A proposal's team in the order they were asked.
pub async fn members_of(conn: &mut Conn, id: &ProposalId) -> Result<Vec<MemberRow>> {
    let sql =
        format!("SELECT {MEMBER_COLUMNS} FROM proposal_members WHERE proposal_id = $1 ORDER BY invited_at, person_id");
    keyed::all(conn, &sql, id.as_str()).await
}

/// One submitted version as stored.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct VersionRow {
    pub id: String,
    pub proposal_id: String,
    pub version: i64,
    pub tracking_code: String,
    /// The text, team and files as submitted (JSON).
    pub content: String,
    pub submitted_by: String,
    pub submitted_at: i64,
}

const VERSION_COLUMNS: &str = "id, proposal_id, version, tracking_code, content, submitted_by, submitted_at";

/// Writes a version; a second one with the same number (or tracking code) is a `Conflict`.
pub async fn insert_version(conn: &mut Conn, v: &VersionRow) -> Result<()> {
    sqlx::query(&format!("INSERT INTO proposal_versions ({VERSION_COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7)"))
        .bind(&v.id)
        .bind(&v.proposal_id)
        .bind(v.version)
        .bind(&v.tracking_code)
        .bind(&v.content)
        .bind(&v.submitted_by)
        .bind(v.submitted_at)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A proposal's versions, oldest first.
pub async fn versions_of(conn: &mut Conn, id: &ProposalId) -> Result<Vec<VersionRow>> {
    let sql = format!("SELECT {VERSION_COLUMNS} FROM proposal_versions WHERE proposal_id = $1 ORDER BY version");
    keyed::all(conn, &sql, id.as_str()).await
}

/// One attached file.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct AttachmentRow {
    #[sqlx(flatten)]
    pub file: FileRow,
    pub proposal_id: String,
    /// The first submitted version that carried it; `None` while only in the working copy.
    pub first_version: Option<i64>,
}

const ATTACHMENTS: Table = Table { name: "proposal_attachments", owner: "proposal_id", extra: &["first_version"] };

pub async fn insert_attachment(conn: &mut Conn, a: &AttachmentRow) -> Result<()> {
    ATTACHMENTS.insert(conn, &a.file, &a.proposal_id, |q| q.bind(a.first_version)).await
}

/// Marks the files not yet in any version as first carried by `version`.
pub async fn stamp_attachments(conn: &mut Conn, id: &ProposalId, version: i64) -> Result<()> {
    sqlx::query("UPDATE proposal_attachments SET first_version = $2 WHERE proposal_id = $1 AND first_version IS NULL")
        .bind(id.as_str())
        .bind(version)
        .execute(&mut *conn)
        .await?;
    Ok(())
}

/// A proposal's files in upload order.
pub async fn attachments_of(conn: &mut Conn, id: &ProposalId) -> Result<Vec<AttachmentRow>> {
    ATTACHMENTS.of(conn, id.as_str()).await
}

pub async fn attachment_by_id(conn: &mut Conn, id: &ProposalAttachmentId) -> Result<Option<AttachmentRow>> {
    ATTACHMENTS.by_id(conn, id.as_str()).await
}
