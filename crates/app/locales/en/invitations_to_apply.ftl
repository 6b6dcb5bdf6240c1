# Invitations to apply to a challenge, withdrawing an introduction, challenges matching one's profile.
introduction-status-withdrawn = Withdrawn
introduction-event-withdrawn = Withdrawn
introduction-withdraw = Withdraw the request
introduction-withdraw-lead = The candidate has not answered yet. Withdrawing closes the request; the candidate is told.
notification-challenge_invitation = { $agency } invites you to apply to the challenge “{ $title }”.
notification-introduction_withdrawn = { $name } withdrew the request “{ $title }”.
notification-kind-challenge_invitation = Invitation to apply to a challenge
notification-kind-introduction_withdrawn = Request withdrawn
mail-challenge-invitation-subject = { $agency } invites you to apply to a challenge
mail-challenge-invitation-body =
    Hello,

    { $agency } read your profile on Halqe and invites you to apply to the challenge:
    "{ $title }"

    Your email address and mobile number are not shared with the agency unless you accept. To see the challenge and answer:
    { $link }
mail-challenge-invitation-claim-subject = { $agency } invites you to apply to a challenge
mail-challenge-invitation-claim-body =
    Dear { $name },

    { $agency } invites you to apply to the challenge on Halqe:
    "{ $title }"

    Halqe holds a profile in your name. To answer, first claim it with the link below (valid for ninety days); the invitation is then under "Introductions":
    { $link }

    Your email address and mobile number are not shared with the agency unless you accept.
mail-introduction-withdrawn-subject = A request to you was withdrawn
mail-introduction-withdrawn-body =
    Hello,

    { $name } withdrew the request "{ $title }". There is nothing for you to do.
    { $link }
invalid-already_invited_to_apply = This candidate has already been invited to this challenge.
invalid-invitations_closed = Invitations can be sent only while the challenge is published and open for proposals.
invalid-not_eligible = This challenge does not admit this kind of candidate.
invalid-need_of_challenge = This need belongs to a challenge: invite people from the challenge's page, while it is open.
invalid-try_again = Someone else changed this at the same moment; please try again.
invitation-to-apply-badge = Invitation to apply
invitation-to-apply-challenge = Challenge
invitation-to-apply-answer-lead = If you accept, the agency sees your email and mobile number and you can write a proposal for the challenge. If you decline, nothing is shared.
invitation-to-apply-next = Next: your proposal
invitation-to-apply-next-lead = You accepted the invitation. Read the challenge in full and prepare your proposal before its deadline.
invitation-to-apply-open-challenge = Open the challenge
invitations-to-apply = Invitations to apply
invitations-to-apply-lead = Choose the people and teams to invite. Each one sees the challenge and decides; their contact details reach you only if they accept.
invitations-to-apply-invite = Invite the selected
invitations-to-apply-select = Invite
invitations-to-apply-note = Note to the invitees (optional)
invitations-to-apply-sent = Invitations sent: { $count }.
invitations-to-apply-none = No invitations yet.
invitations-to-apply-closed = Invitations can be sent only while the challenge is published and open for proposals.
invitations-to-apply-invited = Invited
home-challenges-title = Open challenges that match your profile
home-challenges-lead = Best first, from the words and fields of your profile.
home-challenges-none = No open challenge matches your profile yet.
home-challenges-no-profile = Complete your profile to see the open challenges that match it.
home-challenges-why = Matches your profile on: { $words }
home-challenges-deadline = Proposals until { $date }
mail-digest-challenges = Open challenges that match your profile:
