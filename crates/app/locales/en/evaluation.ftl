# Evaluation (issue 11): conflicts of interest, each with the reason staff see.
evaluation-conflict-team-member = On this proposal's team.
evaluation-conflict-organization-proposer = A member of { $organization }, which submitted this proposal.
evaluation-conflict-organization-proposer-former = A member of { $organization }, which submitted this proposal, until { $at }.
evaluation-conflict-organization-team = A member of { $organization }, as { $name } of this proposal's team is or recently was.
evaluation-conflict-organization-team-former = A member of { $organization } until { $at }, as { $name } of this proposal's team is or recently was.
evaluation-conflict-co-author = Shares the publication “{ $title }” with { $name } of this proposal's team.
evaluation-conflict-institution = Imported in the same institution as { $name } of this proposal's team: { $organization }.
evaluation-conflict-declared = Declared by the reviewer: { $reason }
