# Proposals: pages, errors, notifications and mail.
nav-proposals = My proposals
proposal = Proposal
proposals-mine = My proposals
proposals-mine-lead = Proposals you write for yourself or your organization, those whose team you are on, and invitations waiting for your answer.
proposals-none = No proposals yet. Pick a challenge and write one:
proposal-untitled = Untitled proposal
proposal-status = Status
proposal-status-draft = Draft
proposal-status-submitted = Submitted
proposal-status-withdrawn = Withdrawn
proposal-to = For the challenge
proposal-role-owner = Author
proposal-role-member = Team member
proposal-role-invited = Invited to the team; waiting for your answer
proposal-deadline = Submission deadline
proposal-write = Write a proposal
proposal-open-mine = Continue your proposal
proposal-applicant = Applicant
proposal-applicant-person = Person
proposal-applicant-organization = Organization
proposal-count = Submitted proposals: { $count }
proposals-submitted = Submitted proposals
proposals-submitted-lead = The latest submitted version of each proposal; drafts belong to their applicants only.
proposals-none-submitted = No proposal has been submitted yet.
proposal-back-to-challenge = Back to the challenge
proposal-back = Back to the proposal
proposal-challenge = Challenge
proposal-versions = Versions
proposal-versions-none = No version submitted yet.
proposal-version-n = Version { $n }
proposal-tracking-code = Tracking code
proposal-submitted-at = Submitted at
proposal-receipt = Receipt
proposal-receipt-help = Keep this tracking code; the receipt was also sent to your email. This version will not change; until the deadline you may submit a new one.
proposal-working-copy = You are looking at the working copy; the agency sees submitted versions only.
proposal-team = Team
proposal-team-none = No one on the team.
proposal-team-help = Members are invited from Halqe's people and need an account. Type the link or id of their profile. Before you submit, every member must have accepted.
proposal-member-invited = Waiting for an answer
proposal-member-accepted = Accepted
proposal-member-declined = Declined
proposal-member-remove = Remove
proposal-member-invite = Invite to the team
proposal-field-member = Member's profile
proposal-help-member = e.g. https://halqe.example/people/… or the profile's id
proposal-files = Attachments
proposal-files-none = No attachments.
proposal-attach = Add attachments
proposal-withdrawn-at = Withdrawn at
proposal-withdrawn-note = This proposal was withdrawn.
proposal-actions = Actions
proposal-edit = Edit the proposal
proposal-withdraw = Withdraw the proposal
proposal-withdraw-help = Until the deadline you may withdraw the proposal; submitted versions stay on record and a withdrawal cannot be undone.
proposal-invitation = Invitation to a proposal's team
proposal-invitation-lead = { $name } invites you to the team of this proposal.
proposal-invitation-help = Once you accept, you read the proposal and its conversation, and your name appears in the versions submitted.
proposal-accept = Accept
proposal-decline = Decline
proposal-section-text = The proposal
proposal-section-plan = Budget and timeline
proposal-section-declarations = Declarations
proposal-field-title = Title
proposal-field-summary = Summary
proposal-field-approach = Approach and method
proposal-field-budget = Budget requested (million rials)
proposal-field-timeline = Timeline
proposal-field-expected-results = Expected results
proposal-field-conflicts-note = Conflicts of interest (if any)
proposal-help-summary = A few sentences: what you will do and why it works.
proposal-help-approach = The method, the stages and what you need from the agency.
proposal-help-budget = A number from zero to a billion, in Persian or Latin digits.
proposal-help-timeline = The stages of the work and how long each takes.
proposal-declare-originality = I declare this proposal is our own work and respects the rights of others.
proposal-declare-conflicts = I declare I have no conflict of interest with the agency that owns the challenge, or I describe it below.
proposal-autosave = Your text is saved as you type.
proposal-saved-at = Saved: { $time }
proposal-submit = Submit the proposal
proposal-submit-again = Submit a new version
proposal-submit-help = Submitting makes an immutable version with a tracking code; its receipt is sent to your email.
invalid-proposal_deadline_passed = The challenge's submission deadline has passed; the proposal can no longer change.
invalid-proposal_withdrawn = This proposal was withdrawn and can no longer change.
invalid-proposal_already_submitted = This version was already submitted (perhaps from another tab); open the page again.
invalid-proposal_too_many_versions = This proposal already has as many versions as a proposal may have; write to the agency in its conversation instead.
invalid-team_not_accepted = Every team member must have accepted; remove whoever declined or wait for their answer.
invalid-declaration_required = This declaration is needed to submit.
invalid-applicant_not_yours = You may write proposals only for yourself or an organization you manage.
invalid-applicant_not_eligible = This challenge does not take proposals from this applicant (its kind or its province).
invalid-member_not_found = No profile was found at this address.
invalid-member_no_account = This person has no account on Halqe and cannot accept an invitation.
invalid-member_is_applicant = The applicant is not a member of their own team.
invalid-member_already_listed = This person is already on the team.
invalid-member_already_answered = You have already answered this invitation.
notification-proposal_invited = { $name } invited you to the team of the proposal “{ $title }”.
notification-proposal_team_accepted = { $name } accepted to join the team of the proposal “{ $title }”.
notification-proposal_team_declined = { $name } declined to join the team of the proposal “{ $title }”.
notification-proposal_submitted = { $name } submitted the proposal “{ $title }” to your challenge.
notification-kind-proposal_invited = Invitation to a proposal's team
notification-kind-proposal_team_accepted = A team member accepted
notification-kind-proposal_team_declined = A team member declined
notification-kind-proposal_submitted = A proposal submitted to a challenge
mail-proposal-receipt-subject = Proposal receipt: tracking code { $code }
mail-proposal-receipt-body =
    Hello,

    Your proposal "{ $title }" to the challenge "{ $challenge }" was received.
    Tracking code: { $code }
    Version: { $version }

    This version will not change. To see the receipt and the proposal:
    { $link }
mail-proposal-message-subject = New message on a proposal
mail-proposal-message-body =
    Hello,

    { $name } wrote a message on the proposal "{ $title }":
    { $link }
mail-proposal-invited-subject = Invitation to a proposal's team
mail-proposal-invited-body =
    Hello,

    { $name } invites you to the team of the proposal "{ $title }". To accept or decline:
    { $link }
mail-proposal-team-accepted-subject = { $name } accepted to join your team
mail-proposal-team-accepted-body =
    Hello,

    { $name } accepted to join the team of the proposal "{ $title }":
    { $link }
mail-proposal-team-declined-subject = { $name } declined to join your team
mail-proposal-team-declined-body =
    Hello,

    { $name } declined to join the team of the proposal "{ $title }". Remove them before you submit:
    { $link }
mail-proposal-submitted-subject = A new proposal for a challenge of { $agency }
mail-proposal-submitted-body =
    Hello,

    { $name } submitted the proposal "{ $title }" to a challenge of { $agency }:
    { $link }
