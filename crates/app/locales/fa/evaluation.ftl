# Evaluation (issue 11): conflicts of interest, each with the reason staff see.
evaluation-conflict-team-member = عضو تیم این طرح پیشنهادی است.
evaluation-conflict-organization-proposer = عضو { $organization } است که این طرح پیشنهادی را ارائه کرده است.
evaluation-conflict-organization-proposer-former = تا { $at } عضو { $organization } بوده است که این طرح پیشنهادی را ارائه کرده است.
evaluation-conflict-organization-team = عضو { $organization } است؛ { $name } از تیم این طرح نیز اکنون یا در سال‌های اخیر عضو آن بوده است.
evaluation-conflict-organization-team-former = تا { $at } عضو { $organization } بوده است؛ { $name } از تیم این طرح نیز اکنون یا در سال‌های اخیر عضو آن بوده است.
evaluation-conflict-co-author = انتشار «{ $title }» را با { $name } از تیم این طرح مشترک دارد.
evaluation-conflict-institution = طبق داده‌های واردشده، با { $name } از تیم این طرح در یک مؤسسه است: { $organization }.
evaluation-conflict-declared = خود داور اعلام کرده است: { $reason }
