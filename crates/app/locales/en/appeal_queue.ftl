## Appeals reaching center staff (issue 11): the notice of a filed appeal and the queue of those waiting.

notification-appeal_filed = An appeal was filed on the proposal “{ $title }”.
notification-kind-appeal_filed = A new appeal (center staff)
mail-appeal-filed-subject = A new appeal: "{ $title }"
mail-appeal-filed-body =
    Hello,

    The applicant of the proposal "{ $title }" appealed its rejection. Someone other than the first decider answers it.

    The applicant's reason: { $reason }

    { $link }
nav-appeals = Appeals
appeals-title = Appeals waiting for an answer
appeals-lead = Oldest first. Each is answered by someone other than the one who took its rejection.
appeals-empty = No appeal is waiting for an answer.
appeals-proposal = Proposal
appeals-where = Call and stage
appeals-filed = Filed
appeals-rejected = Rejected
appeals-reason = The applicant's reason
appeals-own = You took this rejection; a colleague must answer.
appeals-answer = Answer
