//! Notifications: what happened that a user should hear of, and how each user wants to hear of each kind.

use serde::{Deserialize, Serialize};

use crate::Invalid;
use crate::conversation::SubjectKind;

/// What a notification tells. New events join as variants (with their subject kind);
/// the settings page, the API and the digest list every variant of [`Kind::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// A message in a conversation the user is party to.
    Message,
    /// An agency (or staff) asks the user's profile for an introduction.
    IntroductionRequested,
    /// The candidate accepted an introduction the user asked for.
    IntroductionAccepted,
    /// The candidate declined an introduction the user asked for.
    IntroductionDeclined,
    /// The agency recorded that it engaged the user.
    IntroductionEngaged,
    /// The agency closed the introduction without engaging the user.
    IntroductionNotEngaged,
    /// Someone asked a public question on a challenge of the user's agency.
    QuestionAsked,
    /// A question the user asked (or one it was merged into) was answered.
    QuestionAnswered,
    /// An agency (or staff) invites the user's profile to apply to a challenge.
    ChallengeInvitation,
    /// The agency took back an introduction or invitation before the user answered.
    IntroductionWithdrawn,
    /// An applicant lists the user on a proposal's team.
    ProposalInvited,
    /// A team member accepted to be on the user's proposal.
    ProposalTeamAccepted,
    /// A team member declined to be on the user's proposal.
    ProposalTeamDeclined,
    /// A proposal to the user's agency's challenge was submitted (a first or a new version).
    ProposalSubmitted,
    /// A decision was taken on the user's proposal in evaluation, with its reason.
    ProposalDecided,
    /// The appeal against a rejection of the user's proposal was answered.
    AppealDecided,
    /// Staff put an assignment in force: the user is to review a proposal (told in blind terms).
    ReviewAssigned,
    /// The user's review of an assignment is due soon and not submitted.
    ReviewReminder,
    /// A rejected applicant appealed (told to center staff, who answer it).
    AppealFiled,
}

impl Kind {
    pub const ALL: [Kind; 19] = [
        Kind::Message,
        Kind::IntroductionRequested,
        Kind::IntroductionAccepted,
        Kind::IntroductionDeclined,
        Kind::IntroductionEngaged,
        Kind::IntroductionNotEngaged,
        Kind::QuestionAsked,
        Kind::QuestionAnswered,
        Kind::ChallengeInvitation,
        Kind::IntroductionWithdrawn,
        Kind::ProposalInvited,
        Kind::ProposalTeamAccepted,
        Kind::ProposalTeamDeclined,
        Kind::ProposalSubmitted,
        Kind::ProposalDecided,
        Kind::AppealDecided,
        Kind::ReviewAssigned,
        Kind::ReviewReminder,
        Kind::AppealFiled,
    ];

    /// Stable code stored in the database and used by the API and the Fluent keys.
    pub fn code(self) -> &'static str {
        match self {
            Self::Message => "message",
            Self::IntroductionRequested => "introduction_requested",
            Self::IntroductionAccepted => "introduction_accepted",
            Self::IntroductionDeclined => "introduction_declined",
            Self::IntroductionEngaged => "introduction_engaged",
            Self::IntroductionNotEngaged => "introduction_not_engaged",
            Self::QuestionAsked => "question_asked",
            Self::QuestionAnswered => "question_answered",
            Self::ChallengeInvitation => "challenge_invitation",
            Self::IntroductionWithdrawn => "introduction_withdrawn",
            Self::ProposalInvited => "proposal_invited",
            Self::ProposalTeamAccepted => "proposal_team_accepted",
            Self::ProposalTeamDeclined => "proposal_team_declined",
            Self::ProposalSubmitted => "proposal_submitted",
            Self::ProposalDecided => "proposal_decided",
            Self::AppealDecided => "appeal_decided",
            Self::ReviewAssigned => "review_assigned",
            Self::ReviewReminder => "review_reminder",
            Self::AppealFiled => "appeal_filed",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|k| k.code() == s.trim()).ok_or(Invalid::Choice)
    }

    /// The kind of object this kind is always about; `None` for messages, which any subject has.
    pub fn subject_kind(self) -> Option<SubjectKind> {
        match self {
            Self::Message => None,
            Self::IntroductionRequested
            | Self::IntroductionAccepted
            | Self::IntroductionDeclined
            | Self::IntroductionEngaged
            | Self::IntroductionNotEngaged
            | Self::ChallengeInvitation
            | Self::IntroductionWithdrawn => Some(SubjectKind::Introduction),
            Self::QuestionAsked | Self::QuestionAnswered => Some(SubjectKind::Challenge),
            Self::ProposalInvited
            | Self::ProposalTeamAccepted
            | Self::ProposalTeamDeclined
            | Self::ProposalSubmitted
            | Self::ProposalDecided
            | Self::AppealDecided
            | Self::AppealFiled => Some(SubjectKind::Proposal),
            Self::ReviewAssigned | Self::ReviewReminder => Some(SubjectKind::Review),
        }
    }
}

/// How a user hears of one kind of notification (always in the app, besides).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Delivery {
    /// A mail for each notification, as it happens (the default: what Halqe always did).
    #[default]
    Immediately,
    /// One mail a day listing them.
    Digest,
    /// No mail; the notification is only in the app.
    Off,
}

impl Delivery {
    pub const ALL: [Delivery; 3] = [Delivery::Immediately, Delivery::Digest, Delivery::Off];

    pub fn code(self) -> &'static str {
        match self {
            Self::Immediately => "immediately",
            Self::Digest => "digest",
            Self::Off => "off",
        }
    }

    pub fn parse(s: &str) -> Result<Self, Invalid> {
        Self::ALL.into_iter().find(|d| d.code() == s.trim()).ok_or(Invalid::Choice)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_read_back() {
        for k in Kind::ALL {
            assert_eq!(Kind::parse(k.code()), Ok(k));
        }
        for d in Delivery::ALL {
            assert_eq!(Delivery::parse(d.code()), Ok(d));
        }
        assert_eq!(Delivery::parse("hourly"), Err(Invalid::Choice));
        assert_eq!(Delivery::default(), Delivery::Immediately);
    }
}
