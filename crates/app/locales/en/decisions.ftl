# Decisions on proposals in evaluation, appeals, and the auditors' view of the record (issue 11).
role-auditor = Auditor
evaluation-record = Evaluation
evaluation-stage-now = Stage
evaluation-state = State
evaluation-state-in_review = In review
evaluation-state-rejected = Rejected
evaluation-state-appealed = Appealed
evaluation-state-awarded = Awarded
evaluation-state-not_awarded = Not awarded
evaluation-decisions-none = No decision yet.
evaluation-outcome = Decision
evaluation-outcome-advance = Advanced to the next stage
evaluation-outcome-reject = Rejected
evaluation-outcome-award = Awarded
evaluation-outcome-no_award = Not awarded
evaluation-outcome-reinstate = Returned to review on appeal
evaluation-answers-appeal = answer to the appeal
evaluation-decision-open = The decision and its audit entries
evaluation-reason = Reason
evaluation-decide = Record the decision
evaluation-decision = Decision
evaluation-decided-by = Decided by
evaluation-audit-entries = Audit entries
evaluation-gate-title = Decisions of the stage
evaluation-gate-empty = No proposal is in this stage.
evaluation-score = Weighted score
evaluation-reviews-n = { $count } reviews
evaluation-proposed = The gate proposes
evaluation-proposed-pass = Passes
evaluation-proposed-tie = Tied at the last place: staff choose
evaluation-proposed-below = Does not pass
evaluation-proposed-unscored = No review yet
evaluation-proposed-panel = The panel decides
evaluation-bulk-help = The same decision and reason are recorded for each checked proposal, each on its own.
evaluation-bulk-decided = { $count } decisions recorded.
appeal = Appeal
appeal-state-pending = waiting for its answer
appeal-state-upheld = Upheld: the rejection stands
appeal-state-overturned = Overturned: back to review
appeal-answer = Answer
appeal-until = You may appeal this rejection once, until { $date }.
appeal-reason = Why the decision should be reconsidered
appeal-file = Appeal
appeal-verdict = Verdict
appeal-decide = Answer the appeal
auditing-title = Audit record
auditing-lead = Every recorded action, newest first. Filter by kind (an action or its beginning, e.g. evaluation.), actor, object or date; export what you see.
auditing-kind = Kind
auditing-actor = Actor (email)
auditing-object = Object (id)
auditing-from = From
auditing-to = To
auditing-filter = Filter
auditing-export-csv = Export as CSV
auditing-export-jsonl = Export as JSON Lines
auditing-empty = No entry matches.
auditing-entry = Audit entry
auditing-details = Details
auditing-prev = Previous entry's hash
invalid-decision_conflict = Someone else decided on this proposal while you were reading it. Reload the page to see their decision.
invalid-decision_wrong_state = This proposal has already been decided in its stage.
invalid-decision_not_here = This decision does not apply in this stage.
invalid-decision_not_in_stage = This proposal is no longer in this stage.
invalid-appeal_not_rejected = Only a rejection can be appealed.
invalid-appeal_once = This proposal has already been appealed; an appeal is allowed once.
invalid-appeal_period_over = The period to appeal this decision is over.
invalid-appeal_same_decider = Someone other than the one who took the decision must answer the appeal.
invalid-decision_conflicted = You have a conflict of interest with this proposal (you are on its applicant's side, on its team, among its reviewers, or filed its appeal): someone else must decide.
invalid-decision_overturned_decider = Your rejection of this proposal was overturned on appeal: someone else must decide it now.
invalid-appeal_answered = This appeal has already been answered.
invalid-evaluation_no_stage = The challenge's call has no evaluation stage yet: add one before starting the evaluation.
notification-proposal_decided = A decision was recorded on your proposal “{ $title }”.
notification-appeal_decided = Your appeal on the proposal “{ $title }” was answered.
notification-kind-proposal_decided = A decision on my proposal
notification-kind-appeal_decided = The answer to my appeal
mail-proposal-decided-subject = A decision on your proposal "{ $title }"
mail-proposal-decided-body =
    Hello,

    A decision was recorded on your proposal "{ $title }": { $outcome ->
        [advance] it advances to the next stage.
        [reject] it was rejected.
        [award] it was awarded.
       *[no_award] it was not awarded.
    }

    Reason: { $reason }

    The decision and, for a rejection, how to appeal it:
    { $link }
mail-appeal-decided-subject = The answer to your appeal on "{ $title }"
mail-appeal-decided-body =
    Hello,

    Your appeal on the proposal "{ $title }" was answered: { $outcome ->
        [reinstate] it was upheld, and the proposal returns to review.
       *[reject] it was not accepted, and the rejection stands.
    }

    Answer: { $reason }

    { $link }
