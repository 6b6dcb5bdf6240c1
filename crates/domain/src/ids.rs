//! Typed identifiers: UUIDv7 strings, one type per entity so they cannot be mixed up.

use std::marker::PhantomData;

use serde::{Deserialize, Serialize};

/// Identifier of one entity of kind `K` (a marker type below).
#[derive(Serialize, Deserialize)]
#[serde(transparent)]
pub struct Id<K> {
    value: String,
    #[serde(skip)]
    kind: PhantomData<fn() -> K>,
}

/// Marker kinds; `Id<User>` is spelled [`UserId`].
#[derive(Debug)]
pub enum User {}
#[derive(Debug)]
pub enum Agency {}
#[derive(Debug)]
pub enum Person {}
#[derive(Debug)]
pub enum Organization {}
#[derive(Debug)]
pub enum Claim {}
#[derive(Debug)]
pub enum Evidence {}
#[derive(Debug)]
pub enum ImportRun {}
#[derive(Debug)]
pub enum Invitation {}
#[derive(Debug)]
pub enum Publication {}
#[derive(Debug)]
pub enum PastProject {}
#[derive(Debug)]
pub enum MembershipInvitation {}
#[derive(Debug)]
pub enum Need {}
#[derive(Debug)]
pub enum Introduction {}
#[derive(Debug)]
pub enum IdentityConflict {}
#[derive(Debug)]
pub enum Message {}
#[derive(Debug)]
pub enum Notification {}
pub enum Challenge {}
#[derive(Debug)]
pub enum Call {}
#[derive(Debug)]
pub enum ChallengeAttachment {}
#[derive(Debug)]
pub enum Question {}
#[derive(Debug)]
pub enum Answer {}
#[derive(Debug)]
pub enum Stage {}
#[derive(Debug)]
pub enum Criterion {}
#[derive(Debug)]
pub enum Proposal {}
#[derive(Debug)]
pub enum ProposalAttachment {}
#[derive(Debug)]
pub enum Assignment {}
#[derive(Debug)]
pub enum Review {}
#[derive(Debug)]
pub enum Decision {}
#[derive(Debug)]
pub enum Appeal {}

pub type UserId = Id<User>;
pub type AgencyId = Id<Agency>;
pub type InvitationId = Id<Invitation>;
pub type PublicationId = Id<Publication>;
pub type PastProjectId = Id<PastProject>;
pub type MembershipInvitationId = Id<MembershipInvitation>;
pub type PersonId = Id<Person>;
pub type OrganizationId = Id<Organization>;
pub type ClaimId = Id<Claim>;
pub type EvidenceId = Id<Evidence>;
pub type ImportRunId = Id<ImportRun>;
pub type NeedId = Id<Need>;
pub type IntroductionId = Id<Introduction>;
pub type IdentityConflictId = Id<IdentityConflict>;
pub type MessageId = Id<Message>;
pub type NotificationId = Id<Notification>;
pub type ChallengeId = Id<Challenge>;
pub type CallId = Id<Call>;
pub type ChallengeAttachmentId = Id<ChallengeAttachment>;
pub type QuestionId = Id<Question>;
pub type AnswerId = Id<Answer>;
pub type StageId = Id<Stage>;
pub type CriterionId = Id<Criterion>;
pub type ProposalId = Id<Proposal>;
pub type ProposalAttachmentId = Id<ProposalAttachment>;
pub type AssignmentId = Id<Assignment>;
pub type ReviewId = Id<Review>;
pub type DecisionId = Id<Decision>;
pub type AppealId = Id<Appeal>;

impl<K> Id<K> {
    /// A fresh time-ordered id.
    pub fn new() -> Self {
        Self::from_db(uuid::Uuid::now_v7().to_string())
    }

    /// Accepts only a well-formed UUID, so ids from URLs never reach SQL unchecked.
    pub fn parse(s: &str) -> Option<Self> {
        uuid::Uuid::parse_str(s.trim()).ok().map(|u| Self::from_db(u.to_string()))
    }

    /// Wraps a value read back from the database.
    pub fn from_db(value: String) -> Self {
        Self { value, kind: PhantomData }
    }

    pub fn as_str(&self) -> &str {
        &self.value
    }
}

impl<K> Default for Id<K> {
    fn default() -> Self {
        Self::new()
    }
}

impl<K> Clone for Id<K> {
    fn clone(&self) -> Self {
        Self::from_db(self.value.clone())
    }
}

impl<K> PartialEq for Id<K> {
    fn eq(&self, other: &Self) -> bool {
        self.value == other.value
    }
}

impl<K> Eq for Id<K> {}

impl<K> std::hash::Hash for Id<K> {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.value.hash(state);
    }
}

impl<K> std::fmt::Debug for Id<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.value)
    }
}

impl<K> std::fmt::Display for Id<K> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.value)
    }
}
