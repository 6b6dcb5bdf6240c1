# Public questions on a challenge, its review conversation, and their notifications.
questions-title = Questions and answers
questions-lead = Answers are public: every applicant reads the same answer, so no one gets a private hint. A question without an answer is seen only by whoever asked it and by the challenge's agency and the center.
questions-empty = No questions answered yet.
questions-page-newer = Later questions
questions-page-older = Earlier questions
questions-count-unanswered = Waiting for an answer: { $count }
question-ask-label = Your question
question-ask-help = Up to 2,000 characters. Your name is not shown with the question; the answer is published for everyone.
question-ask-submit = Ask
question-sign-in = Sign in to ask a question.
question-closed = This challenge no longer takes questions.
question-state-unanswered = Waiting for an answer
question-state-answered = Answered
question-state-hidden = Hidden
question-state-merged = Merged
question-mine = Your question
question-asked-by = Asked by
question-hidden-reason = Hidden by the center. Reason:
question-merged-into = The center merged this question into an earlier one; its answer is yours too.
question-see-original = See the original question
question-answer-label = Answer
question-answer-revise = Revise the answer
question-answer-help = Up to 4,000 characters, shown to everyone. A revision keeps the earlier answer in the history.
question-answer-submit = Publish the answer
question-side-agency = Answer of the agency
question-side-center = Answer of the Innovation Center
question-edited = revised
question-history = Earlier versions of the answer
question-hide-reason = Why hide it (the asker sees this)
question-hide-submit = Hide
question-merge-into = Duplicate of
question-merge-into-help = The id of an earlier question; the oldest open ones are suggested.
question-merge-submit = Merge
question-moderation = Moderation
questions-unanswered-title = Unanswered questions
questions-unanswered-lead = Public questions on published challenges waiting for an answer, oldest first.
questions-unanswered-empty = Every question has an answer.
questions-col-challenge = Challenge
questions-col-question = Question
questions-col-asked = Asked
nav-questions = Questions
challenge-conversation-lead = The review conversation between the agency's officers and the center; applicants do not see it.
invalid-challenge_not_open = This challenge no longer takes questions.
invalid-question_hidden = This question is hidden.
invalid-question_merged = This question was merged into another.
invalid-question_answered = A question with an answer cannot be merged; answer the original instead.
invalid-question_not_earlier = Choose an earlier question of the same challenge.
invalid-too_many_open_questions = You already have 5 questions waiting for an answer on this challenge; ask again once they are answered.
notification-question_asked = A new question was asked on the challenge “{ $title }”.
notification-question_answered = Your question on the challenge “{ $title }” was answered.
notification-kind-question_asked = New question on a challenge
notification-kind-question_answered = Your question answered
mail-challenge-message-subject = New message on a challenge's review
mail-challenge-message-body =
    Hello,

    { $name } wrote in the review conversation of the challenge "{ $title }":
    { $link }
mail-question-asked-subject = New question on a challenge
mail-question-asked-body =
    Hello,

    An applicant asked a question on the challenge "{ $title }". The answer is published for everyone:
    { $link }
mail-question-answered-subject = Your question was answered
mail-question-answered-body =
    Hello,

    Your question on the challenge "{ $title }" has a public answer:
    { $link }
