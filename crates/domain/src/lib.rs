//! Halqe's domain: pure types and rules with no IO — ids, validated inputs, roles and permissions, the clock.

pub mod agency;
pub mod calendar;
pub mod call;
pub mod challenge;
pub mod clock;
pub mod conversation;
pub mod evaluation;
pub mod file_type;
pub mod identity;
pub mod ids;
pub mod introduction;
pub mod invalid;
pub mod iran;
pub mod kept_value;
pub mod locale;
pub mod notification;
pub mod permissions;
pub mod profile;
pub mod proposal;
pub mod province;
pub mod question;
pub mod registry;
pub mod text;
pub mod user;
pub mod verification;

pub use invalid::Invalid;

/// Lets database rows read enums back from the code they are stored as (`#[sqlx(try_from = "String")]`):
/// `TryFrom<String>` through each type's `parse`, so a stored code no variant has is refused, never shown.
macro_rules! read_from_code {
    ($($t:ty),* $(,)?) => {$(
        impl TryFrom<String> for $t {
            type Error = Invalid;
            fn try_from(s: String) -> Result<Self, Invalid> {
                <$t>::parse(&s)
            }
        }
    )*};
}

read_from_code!(
    verification::ClaimKind,
    verification::ClaimStatus,
    introduction::Status,
    introduction::CandidateKind,
    registry::MemberRole,
    identity::Identifier,
    identity::ConflictStatus,
    conversation::SubjectKind,
    notification::Kind,
    notification::Delivery,
    challenge::Status,
    challenge::Maturity,
    challenge::Eligibility,
    call::Status,
    question::Side,
    proposal::Status,
    proposal::ApplicantKind,
    proposal::MemberState,
);
