## Reviewer pool, declared conflicts and reviewer assignment (issue 11).

invalid-no_account = No account has this email.
invalid-not_a_reviewer = This account does not have the reviewer role.
invalid-pair_conflicted = This reviewer has a conflict of interest with this proposal and cannot be pinned.
invalid-run_not_proposed = This run is no longer awaiting a decision.
invalid-run_stale = Reviewers or assignments changed since this run; solve again.
invalid-not_found = Not found.

assignment-short-too-few = Only { $eligible } reviewers are allowed (unconflicted, with load left) and { $need } are needed.
assignment-short-full = Its allowed reviewers gave their load to the other proposals of this group.

mail-review-assigned-subject = New reviews: { $title }
mail-review-assigned-body =
    Hello,

    You have been asked to review { $count } proposals for the challenge { $title }:
    { $link }

pool-title = Reviewers of the call
pool-lead = Accounts with the reviewer role, each with a maximum load in this call. Expertise and conflicts of interest come from their registry profile.
pool-empty = No reviewer has been added to this call yet.
pool-reviewer = Reviewer
pool-load = Load / cap
pool-state = State
pool-no-profile = No registry profile: expertise and conflicts cannot be assessed.
pool-removed = Removed on
pool-available = Available
pool-unavailable = Unavailable
pool-max-load = Maximum load
pool-save = Save
pool-reason = Reason
pool-remove = Remove
pool-add-title = Add a reviewer
pool-email = Reviewer's account email
pool-add = Add

declared-title = Declared conflicts of interest
declared-lead = If a tie to a proposal, organization or person puts your impartiality in question, declare it here: none of their proposals will be assigned to you.
declared-empty = You have declared no conflict.
declared-about-proposal = Proposal
declared-about-organization = Organization
declared-about-person = Person
declared-withdraw = Withdraw
declared-new = Declare a conflict
declared-field-about = About
declared-field-about-id = Id
declared-help-about-id = For a proposal, the id in the address of your review page; for an organization or person, the id in the address of its page.
declared-unnamed = (name not shown)
declared-field-note = Explanation
declared-add = Declare

assignment-title = Reviewer assignment
assignment-lead = Each proposal needs { $count } reviewers. Reviewers with a conflict of interest are never assigned.
assignment-mode = Objective
assignment-mode-total = Greatest total affinity
assignment-mode-fair = Fair: the worst-off proposal first
assignment-start = Solve
assignment-run = Run
assignment-state-running = Solving
assignment-state-proposed = Proposed, awaiting a decision
assignment-state-infeasible = Infeasible
assignment-state-failed = Failed
assignment-state-cancelled = Cancelled
assignment-state-applied = Applied
assignment-state-discarded = Discarded
assignment-total = Total affinity
assignment-proven = proven optimal
assignment-cancel = Cancel
assignment-apply = Apply the assignment
assignment-discard = Discard
assignment-proposal = Proposal
assignment-proposed = Proposed by this run
assignment-in-force = Assignments in force
assignment-conflicts = Conflicts of interest
assignment-pinned = pinned
assignment-rules = Pins and forbids
assignment-rules-empty = No rule set.
assignment-rule = Rule
assignment-rule-pin = Pin
assignment-rule-forbid = Forbid
assignment-rule-set = Set the rule
assignment-rule-clear = Remove
assignment-runs = Runs
