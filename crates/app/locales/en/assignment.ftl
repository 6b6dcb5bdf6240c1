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
