app-name = Halqe
skip-to-content = Skip to content
nav-label = Main menu
nav-home = Home
nav-agencies = Agencies
nav-users = Users
nav-audit = Audit record
nav-login = Sign in
nav-logout = Sign out
nav-register = Register
footer-text = Halqe — the platform of the Innovation Center for administrative and employment systems
lang-fa = Persian
lang-en = English
save = Save
cancel = Cancel
select-placeholder = Choose…
form-has-errors = Please correct the marked fields.

home-title = The loop between innovators and government agencies
home-lead = The Innovation Center for administrative and employment systems identifies the capacities of elites, researchers, research groups and knowledge-based companies, introduces qualified people to the agencies that need them, and evaluates and supports their proposals with care.
home-cta-register = Register as an innovator
home-stats = Platform figures
home-stat-agencies = agencies
home-stat-users = users
home-stat-fields = innovation fields
home-loop-title = How the loop works
home-loop-capacities = Identify capacities
home-loop-capacities-body = A registry of innovators and organizations with verified profiles and track records, and bulk import of the teams institutions already have.
home-loop-introduce = Introduce the qualified
home-loop-introduce-body = Persian-aware search and explainable matching of agency needs with capacities, and introductions made with consent.
home-loop-evaluate = Evaluate carefully
home-loop-evaluate-body = Staged expert review with rubrics, free of conflicts of interest, with reasoned decisions and a tamper-evident record.
home-loop-support = Support research groups
home-loop-support-body = Accepted proposals become projects or pilots with milestones and follow-up.
home-fields-title = Innovation fields
home-fields-empty = No fields have been defined yet.

login-title = Sign in to Halqe
login-submit = Sign in
login-forgot = Forgot your password?
login-failed = Wrong email or password.
login-throttled = Sign-in to this account from here is paused after repeated failed attempts. Please try again a little later.
login-disabled = This account has been disabled. Please contact the Innovation Center's support.
account-disabled = Disabled
admin-disable = Disable the account
admin-enable = Enable the account again
admin-remove-role = Remove role
admin-end-agency-membership = End the agency membership
admin-user-agency = Agency
admin-revoke-hint = Each change ends every session of this account at once and is recorded in the audit record.
org-remove-member = Remove
invalid-own_account = You cannot take access away from your own account.
invalid-remove_owner = Only an owner can remove another owner.
invalid-last_owner = The organization's last owner cannot be removed.
invalid-own_claim = You cannot decide your own claim or your organization's; another staff member must review it.
identifier-review = Innovation Center staff will review the identifier you declared.
nav-kept-values = Kept values
nav-identity-conflicts = Contested identifiers
conflicts-title = Contested identifiers
conflicts-lead = A national ID or registration number someone declared as theirs that another record holds. Both sides are kept; you decide which record it belongs to.
conflicts-empty = Nothing to review.
conflicts-claimant = Declared by
conflicts-holder = Current holder
conflicts-opened = Opened
conflicts-decided = Decided
conflicts-decide = Whose identifier is it?
conflicts-to-claimant = The declarer's (taken from the current holder)
conflicts-to-holder = The current holder keeps it
conflicts-reason = Reason
conflicts-submit = Record the decision
identifier-national_id = National ID
identifier-registration_number = Registration number
conflict-status-open = Open
conflict-status-claimant = Given to the declarer
conflict-status-holder = Kept by the holder
invalid-own_case = You cannot decide a case that you or your organization is a party to.
invalid-conflict_decided = This case has already been decided.
notice-verified = Your email address is confirmed. You can sign in now.
notice-password-reset = Your password was changed. Sign in with the new one.
notice-signed-out = You have signed out.
demo-accounts-title = Demo accounts
demo-accounts-body = Every demo account uses the password { $password }

register-title = Register as an innovator
register-lead = With an account you can present your capacities and take part in agencies' challenges.
register-submit = Create account
register-done-title = Check your email
register-done-body = We sent a confirmation link to your address. Open it to activate your account.
password-help = At least 10 characters; a long memorable phrase beats a short complex password.

forgot-title = Reset your password
forgot-lead = Enter your account's email address and we will send you a link to set a new password.
forgot-submit = Send link
forgot-done-title = Check your email
forgot-done-body = If an account uses this address, a link to set a new password is on its way. It is valid for one hour.
reset-title = Set a new password
reset-submit = Save password

field-email = Email
field-password = Password
field-new-password = New password
field-display-name = Full name
field-agency-name = Agency name
field-agency-name-fa = Agency name (Persian)
field-agency-name-en = Agency name (English)
field-agency-kind = Kind of agency
field-province = Province

account-title = Account
account-verified = Verified
account-unverified = Not verified
verify-title = Confirm your email address
verify-lead = We sent a confirmation link to { $email }. Until this address is confirmed, your account cannot use the rest of Halqe.
verify-help = If the mail has not arrived, check your spam folder or send the link again.
verify-resend = Send the link again
verify-sent = A new link is on its way.
verify-wait = A link was sent a moment ago; please try again a little later.
error-email_unverified-title = Email address not confirmed
error-email_unverified-body = Confirm your address first, with the link we mailed you.
account-roles = Roles
account-member-since = Member since
account-language = Language

role-admin = Administrator
role-staff = Center staff
role-officer = Agency officer
role-reviewer = Reviewer
role-innovator = Innovator

agency-kind-ministry = Ministry
agency-kind-organization = Organization
agency-kind-provincial_office = Provincial office
agency-kind-state_company = State company
agency-kind-university = Public university
agency-kind-other = Other

agencies-title = Government agencies
agencies-new = Register an agency
agencies-empty = No agencies yet.
agencies-officers = Agency officers
agencies-no-officers = No officer of this agency has joined yet.
agencies-created = Registered
agencies-invite-title = Invite an agency officer
agencies-invite-submit = Send invitation
agencies-invited = Invitation sent.
agencies-invited-at = Invited
agencies-invitation-status = Status

invitation-title = Invitation to Halqe
invitation-accept = Accept invitation
invitation-accepted = Accepted
invitation-pending = Pending
invitation-other-account = This invitation is for another email address. Sign out to accept it.
invitation-sign-in-first = An account with this email address exists. Sign in first to accept the invitation.
invitation-create-account = Create your account to accept the invitation.

users-title = Users
audit-title = Audit record
audit-intact = The audit chain is intact ({ $count } entries).
audit-broken = The audit chain has been tampered with!
audit-when = When
audit-action = Action
audit-subject = Subject
audit-hash = Hash
audit-broken-at = Entry { $seq } does not match the chain: it was edited, inserted or deleted ({ $count } entries before it check out).
audit-finding-rewritten = History was rewritten: the checkpoint of entry { $seq }, signed { $at }, does not match the chain; the change lies in entries { $from } to { $seq }.
audit-finding-truncated = Entries were deleted: the checkpoint signed { $at } attests { $seq } entries, but the chain ends at entry { $last }.
audit-finding-bad_signature = Checkpoints whose signature does not verify (forged or altered): { $count }; the first is at entry { $seq }.
audit-finding-untrusted_key = Checkpoints signed by a key that is not trusted: { $count }; the first is at entry { $seq }, signed by { $key }.
audit-finding-no_public_key = Checkpoints that could not be checked because no public key is configured: { $count }.
audit-finding-unreadable_lines = Lines of the checkpoint file that are not checkpoints: { $count }; the first is line { $line }.
audit-finding-no_checkpoints = There is no signed checkpoint yet: a rewrite of the whole chain would go unnoticed.
audit-finding-stale = The newest checkpoint was signed { $at }, but one is expected every { $minutes } minutes: signing has stopped, or newer checkpoints were deleted.
audit-entries-title = Entries
audit-newer = Newer
audit-older = Older
audit-newest = Newest
audit-verification-title = Last verification
audit-verified-at = Verified { $at }.
audit-verified-by-cli = (from the command line)
audit-never-verified = The chain has not been verified yet.
audit-verify-now = Verify now
audit-verify-hint = Walks the whole chain and checks every checkpoint; this may take a while for a long record.
audit-checkpoints-title = Signed checkpoints
audit-checkpoints-count = Checkpoints: { $count }
audit-checkpoint-newest = The newest covers entry { $seq } and was signed { $at }; { $count } entries have been added since.
audit-checkpoint-none = No checkpoint has been signed yet.
audit-checkpoint-stale = The newest checkpoint is older than expected.
audit-signing-key = This node signs with the public key:
audit-no-signing-key = This node has no signing key and makes no checkpoints.
audit-checkpoints-download = Download checkpoints (JSON lines)
audit-checkpoints-hint = Keep a copy off this server; this command checks the chain against it:

invalid-required = This field is required.
invalid-too_long = This value is too long.
invalid-too_many = Too many items.
invalid-national_id = Not a valid national ID: enter 10 digits with a correct check digit.
invalid-mobile = Not a valid mobile number, e.g. 09121234567.
invalid-postal_code = Not a valid postal code: enter 10 digits.
invalid-province = Unknown province.
invalid-email = Not a valid email address.
invalid-email_taken = This email address is already registered.
invalid-password_too_short = The password must have at least 10 characters.
invalid-password_too_long = The password is too long.
invalid-choice = Choose one of the options.
invalid-agency_name_taken = An agency with this name already exists.
invalid-officer_agency = An agency officer must belong to one agency.

error-status = Error code:
error-csrf-title = Request refused
error-csrf-body = This form has expired or was sent from elsewhere. Reload the page and try again.
error-forbidden-title = Not allowed
error-forbidden-body = You are not allowed to see this page or do this.
error-not_found-title = Page not found
error-not_found-body = The address you opened does not exist or has moved.
error-bad_request-title = Bad request
error-bad_request-body = The data sent could not be read.
error-throttled-title = Too many attempts
error-throttled-body = Please try again a little later.
error-busy-title = The server is busy
error-busy-body = Too many passwords are being checked right now. Please try again in a few seconds.
error-link_expired-title = Link expired
error-link_expired-body = This link was already used or has expired. Request a new one if you need it.
error-payload_too_large-title = Request too large
error-payload_too_large-body = The data sent is larger than allowed.
error-internal-title = Internal error
error-internal-body = Something went wrong and it has been logged. Please try again.

mail-verify-subject = Confirm your email address for Halqe
mail-verify-body =
    Dear { $name },

    To confirm your email address and activate your Halqe account, open this link:
    { $link }

    The link is valid for two days. If you did not register, ignore this message.
mail-already-registered-subject = Someone tried to register again on Halqe
mail-already-registered-body =
    Someone tried to register on Halqe with this email address, but it already has an account.
    If you forgot your password, use this link:
    { $link }
mail-reset-subject = Set a new password on Halqe
mail-reset-body =
    Dear { $name },

    To set a new password, open this link (valid for one hour):
    { $link }

    If you did not ask for this, ignore this message; your password has not changed.
mail-invitation-officer-subject = Invitation to Halqe as an officer of { $agency }
mail-invitation-officer-body =
    Hello,

    The Innovation Center has invited you to Halqe as an officer of “{ $agency }”.
    To accept, open this link (valid for fourteen days):
    { $link }

## verification
nav-claims = My claims
nav-verification = Verification
claims-title = My claims
claims-lead = Declare a National Elites Foundation membership, a degree, a knowledge-based certificate or an award and attach its evidence, so that Innovation Center staff can verify it. Verified claims show a “Verified” badge.
claims-empty = You have not declared any claims yet.
claims-declare = Declare a claim
claims-declare-submit = Submit for verification
claims-back = Back to my claims
claims-resubmit = Resubmit with new evidence
claims-resubmit-help = This claim was rejected. Attach new evidence to put it back in the verification queue.
claims-resubmit-submit = Resubmit
claims-field-title = Title
claims-field-kind = Kind
claims-field-subject = About
claims-subject-self = Myself
claims-field-status = Status
claims-declared-at = Declared
claims-decided-at = Decided
claims-reason = Reason
claims-previous-reason = Reason of the previous decision
claims-status-pending = Awaiting verification
claims-status-approved = Verified
claims-status-rejected = Rejected
claims-kind-elite_foundation = National Elites Foundation membership
claims-kind-degree = Academic degree
claims-kind-knowledge_based = Knowledge-based certificate
claims-kind-award = Award or distinction
claims-kind-other = Other
evidence-title = Evidence
evidence-files = Evidence files
evidence-files-help = PDF, PNG, JPEG or WebP; at most { $mib } MB per file and five files at a time.
evidence-empty = No evidence attached.
evidence-file = File
evidence-size = Size
evidence-size-kib = { $kib } KB
evidence-uploaded-at = Uploaded
evidence-add = Add evidence
evidence-add-submit = Upload
verification-title = Claim verification
verification-lead = Pending claims, oldest first. Every decision is recorded with its reason and the claim's owner is told.
verification-empty = No claims are waiting for verification.
verification-resubmitted = Resubmitted
verification-back = Back to the verification queue
verification-decide = Decision
verification-reason-help = The reason is shown to the claim's owner.
verification-approve = Approve
verification-reject = Reject
invalid-evidence_required = Attach at least one evidence file.
invalid-too_many_files = You can send at most five files at a time.
invalid-file_empty = The file is empty.
invalid-file_too_large = The file is larger than allowed.
invalid-file_type = This file type is not accepted: only PDF, PNG, JPEG or WebP.
invalid-claim_closed = This claim is verified and takes no more evidence.
invalid-claim_decided = This claim has already been decided.
mail-claims-approved-subject = Your claim on Halqe was verified
mail-claims-approved-body =
    Hello,

    Innovation Center staff verified your claim “{ $title }”; it now shows a “Verified” badge.
    Reason: { $reason }

    { $link }
mail-claims-rejected-subject = Your claim on Halqe was rejected
mail-claims-rejected-body =
    Hello,

    Innovation Center staff rejected your claim “{ $title }”.
    Reason: { $reason }

    You can resubmit it with new evidence:
    { $link }

## registry
nav-people = Innovators
nav-organizations = Organizations
nav-profile = My profile
delete = Delete
edit = Edit
filter-clear = Clear filters
pager-label = Pages
pager-prev = Previous
pager-next = Next
badge-verified = Verified
people-title = Innovators
people-lead = Researchers, elites, experts and students who offer their capacity on Halqe. Everyone sees only the profiles their owners have made visible to them.
people-filter = Filter
people-field = Innovation field
people-any-province = All provinces
people-any-field = All fields
people-count = { $count } innovators
people-empty = No innovator matches these filters.
people-you = you
field-all-of = all
profile-about = About
profile-no-bio = No introduction yet.
profile-expertise = Expertise
profile-education = Education
profile-links = Links
profile-contact = Identity and contact
profile-contact-private = Only the profile's owner and Innovation Center staff see this section.
profile-publications = Publications
profile-no-publications = No publications yet.
profile-past-projects = Past projects
profile-no-past-projects = No past projects yet.
profile-visibility = Profile visibility
profile-completeness = Profile complete: { $count }%
profile-complete = Your profile is complete.
profile-missing-lead = To complete your profile, fill in:
profile-edit = Edit profile
profile-edit-lead = Enter your details in Persian; the English name and introduction are optional. Digits may be Persian or English.
profile-view-as-page = View profile page
profile-verification = Distinctions and documents to verify
profile-saved = Profile saved.
profile-section-identity = Name
profile-section-private = Identity and contact
profile-section-work = Where you work
completeness-national_id = National ID
completeness-mobile = Mobile number
completeness-location = Province
completeness-education = Education (degree and university)
completeness-primary_field = Primary innovation field
completeness-skills = At least three skills or keywords
completeness-bio = A short introduction (at least 100 characters)
completeness-publications = At least one publication
completeness-past_projects = At least one past project
completeness-links = ORCID, Google Scholar or a website
completeness-verified = At least one verified distinction or document
visibility-public = Public
visibility-agencies = Agencies and reviewers
visibility-private = Private
visibility-explain-public = Everyone, even without signing in, sees the profile; the national ID and contact details are never shown.
visibility-explain-agencies = Only agency officers, reviewers and Innovation Center staff see the profile.
visibility-explain-private = Only you and Innovation Center staff see the profile; it is not listed among innovators.
org-visibility-explain-public = Everyone, even without signing in, sees this organization.
org-visibility-explain-agencies = Only agency officers, reviewers and Innovation Center staff see this organization.
org-visibility-explain-private = Only its members and Innovation Center staff see it.
availability-available = Available
availability-limited = Limited capacity
availability-unavailable = Not available now
degree-diploma = Diploma
degree-associate = Associate degree
degree-bachelor = Bachelor's
degree-master = Master's
degree-doctorate = Doctorate
degree-postdoc = Postdoctoral
field-first-name = First name
field-last-name = Last name
field-name-en = Full name in English
field-national-id = National ID
field-mobile = Mobile number
field-city = City
field-institution = Where you work (university, institute or company)
field-availability = Availability
field-degree = Highest degree
field-education-field = Field of study
field-university = University
field-graduation-year = Graduation year
field-primary-field = Primary innovation field
field-secondary-fields = Other fields
field-skills = Skills and keywords
field-bio-fa = Introduction (Persian)
field-bio-en = Introduction (English)
field-orcid = ORCID iD
field-scholar-url = Google Scholar profile
field-website = Website
field-publication-title = Title
field-venue = Venue
field-year = Year
field-doi = DOI
field-abstract = Abstract
field-past-project-title = Project title
field-government = Government project (for an agency)
field-agency-name-past-project = Agency or client
field-description = Description
field-org-name-fa = Name (Persian)
field-org-name-en = Name (English)
field-org-kind = Kind of organization
field-registration-number = Registration number
field-certificate-number = Knowledge-based certificate number
field-certificate-expires = Certificate expiry date
field-org-institution = Parent university or institute
field-description-fa = Introduction (Persian)
field-description-en = Introduction (English)
field-capabilities = Capabilities
field-products = Products and services
field-member-role = Role
help-name-en = For example Ali Hosseini; for international work.
help-national-id = 10 digits; shown only to you and Innovation Center staff.
help-mobile = For example 09121234567
help-institution = Where you work or study now.
help-year = A Solar Hijri (e.g. 1402) or Gregorian (e.g. 2023) year.
help-primary-field = The field where you can offer the most.
help-secondary-fields = Up to eight other fields.
help-skills = Separate with commas, e.g.: machine learning, data analysis, process design
help-bio = At least 100 characters: your background, interests and what you can offer agencies.
help-orcid = For example 0000-0002-1825-0097
help-url = The full address, with https://
help-venue = Journal, conference or publisher
help-doi = For example 10.22034/jpai.2021.1234 (optional)
help-agency-name = Required for a government project.
help-registration-number = Number in the companies and institutions register (optional)
help-certificate = Only for knowledge-based companies, which must give it.
help-date = For example 1405/03/15 or 2026-06-05
help-org-institution = For research groups and university labs
help-lines = One item per line.
help-invite-email = The invitation goes to this address, and only its owner can accept it.
publication-add = Add a publication
publication-add-submit = Add publication
past-project-add = Add a past project
past-project-add-submit = Add project
past-project-government = Government project
org-kind-research_group = Research group
org-kind-university_lab = University lab
org-kind-startup = Startup
org-kind-knowledge_based = Knowledge-based company
org-kind-ngo = NGO
org-kind-other = Other
member-role-owner = Owner
member-role-admin = Admin
member-role-member = Member
membership-status-pending = Awaiting answer
membership-status-accepted = Accepted
membership-status-declined = Declined
orgs-title = Organizations
orgs-lead = Research groups, university labs, startups and knowledge-based companies that offer their capacity on Halqe.
orgs-new = Register an organization
orgs-invitations = Membership invitations
orgs-invited-as = Invited to join as { $role }:
orgs-invited-by = from { $name }
orgs-accept = Accept
orgs-decline = Decline
orgs-mine = My organizations
orgs-directory = All organizations
orgs-any-kind = All kinds
orgs-count = { $count } organizations
orgs-empty = No organization matches these filters.
org-edit = Edit organization
org-saved = Organization saved.
org-facts = Details
org-certificate-expired = expired
org-members = Members
org-members-manage = Members and invitations
org-joined = Joined
org-invite-title = Invite a new member
org-invited = Invitation sent.
org-past-projects = Past projects
org-section-identity = About the organization
org-section-capacity = Introduction and capabilities
invalid-url = Not a valid address; enter the full address with https://.
invalid-orcid = Not a valid ORCID iD; for example 0000-0002-1825-0097.
invalid-doi = Not a valid DOI; for example 10.1000/xyz123.
invalid-year = Not a valid year; enter a Solar Hijri (e.g. 1402) or Gregorian (e.g. 2023) year.
invalid-budget = Not a valid amount; write a number from 0 to 1,000,000,000 (million rials).
invalid-date = Not a valid date; for example 1405/03/15 or 2026-06-05.
invalid-too_many_fields = You can choose at most eight other fields.
invalid-owner_only = Only an owner can invite another owner.
invalid-already_member = This person is already a member.
invalid-already_invited = An invitation to this address is already awaiting an answer.
mail-membership-invitation-subject = Invitation to join { $organization }
mail-membership-invitation-body =
    Hello,

    { $name } has invited you to join “{ $organization }” on Halqe as { $role }.
    To accept or decline, sign in to Halqe with this email address and open:
    { $link }

    If you have no account yet, register with this address first.

## imports
nav-imports = Imports
imports-title = Bulk imports
imports-new = New import
imports-empty = No file has been imported yet.
import-kind-people = People
import-kind-organizations = Organizations
import-new-title = Import a file of people or organizations
import-field-kind = What the file holds
import-field-file = File (CSV or XLSX)
import-field-dry-run = Dry run: report only, change nothing
import-submit = Upload and import
import-help = Headers may be in Persian or English. CSV files in UTF-8 or Windows-1256, separated by commas, semicolons or tabs, are accepted. This form takes files up to 50 MiB; import larger ones with the halqe import command.
import-templates = File templates:
invalid-import_kind = Choose what the file holds.
invalid-import_file = Choose a file to upload.
invalid-import_too_large = The file is larger than 50 MiB; import it with the halqe import command.
import-col-file = File
import-col-kind = Kind
import-col-status = Status
import-col-started = Started
import-col-rows = Rows
import-dry-run = dry run
import-run-status-running = running
import-run-status-done = done
import-run-status-failed = failed
import-run-status-interrupted = interrupted
import-status-created = created
import-status-updated = updated
import-status-unchanged = unchanged
import-status-rejected = rejected
import-flagged = needs review
import-run-summary = Summary
import-rows-done = Rows processed
import-format = File format
import-running-note = The import is running; this page refreshes every few seconds.
import-interrupted-note = This import stopped before it finished. Import the same file again to complete it; rows already saved are not saved twice.
import-dry-run-note = This was a dry run and nothing was changed; each row's status shows what a real import would do.
import-failed-note = The file was not imported:
import-report-title = Rows
import-report-download = Download the rejected and flagged rows:
import-filter-problems = Rejected and flagged only
import-filter-all = All rows
import-no-rows = No rows to show.
import-report-row = row
import-report-status = status
import-report-column = column
import-report-reason = reason
import-report-name = name
import-report-sheet = report
import-problem-empty = The file is empty.
import-problem-not_text = This file is neither a CSV file nor an XLSX workbook.
import-problem-unsupported = This file format is not supported ({ $name }); save it as XLSX or CSV.
import-problem-malformed = The file is damaged or truncated ({ $name }).
import-problem-no_header = The first row has no recognised column header; use the file template.
import-problem-missing_columns = These required columns are missing: { $name }
import-problem-duplicate_column = This column appears twice: { $name }
import-problem-record_too_long = Row { $name } is far too long; the file is probably damaged.
import-problem-io = The file could not be read ({ $name }).
import-problem-too_large = This workbook expands beyond the allowed limits once opened ({ $name }); save it as CSV or split it into several files.
import-problem-row_out_of_order = The worksheet's rows are out of order: row { $name } comes after a later row; the file is probably damaged. Save it again in Excel.
import-problem-internal = An internal error stopped the import and was logged; import the same file again.
job-state-queued = Queued
job-state-running = Running
job-state-succeeded = Succeeded
job-state-failed = Failed
job-state-cancelled = Cancelled
job-attempts = attempt { $count }
job-failed-reason = Stopped because:
job-cancel-requested = Cancel requested; it stops after the current batch.
import-cancel = Cancel import
import-problem-cancelled = The import was cancelled by staff; the rows already saved stay.
import-issue-too_long = Longer than { $count } characters.
import-issue-missing_key = Has neither a national ID nor an email; one of them is required.
import-issue-duplicate_in_file = Duplicate: the same person or organization is in row { $count }.
import-issue-email_taken = This email belongs to another person with a different national ID.
import-issue-ambiguous = Several organizations of this institution have this name; add the registration number.
import-issue-cell_count = The row does not have as many cells as the header ({ $count }); it is incomplete or damaged.
import-issue-bad_encoding = Has characters that could not be read; save the file as UTF-8.
import-issue-near_duplicate = The name is nearly the same as row { $count } of the same institution; check it is not a duplicate.
import-issue-claimed = The person has claimed this profile; the file's changes were not applied.
import-issue-managed = The organization's members manage this profile; the file's changes were not applied.
import-issue-kept = Not in this column's list; kept on the profile as written, and staff can map it to an entry.
kept-title = In the sending institution's words
kept-help = These values came from a bulk import file and have not been mapped to Halqe's lists yet.
kept-unmapped = not mapped yet
kept-column-field = Field of expertise
kept-column-province = Province
kept-column-degree = Degree
kept-column-kind = Organization kind
kept-values-title = Kept values
kept-values-lead = Values from bulk import files that matched no innovation field, province, degree or organization kind. None was dropped: each stays on its profiles as written and is used by search and matching. Map a value once and every profile carrying it, and every later import, gets the entry you choose.
kept-values-mapped = Mapping saved; { $count } profiles updated.
kept-values-empty = No value is waiting to be mapped.
kept-values-people = { $count } people
kept-values-organizations = { $count } organizations
kept-values-examples = Examples
kept-values-target = Its entry in the list
kept-values-submit = Map
kept-values-columns = Unknown columns
kept-values-columns-help = Columns of the files that Halqe does not know. Their values are kept on the profile and shown only to the person or organization and to center staff; they are not searched, since what they hold is not known.
kept-values-header = Column header
kept-values-people-count = People
kept-values-organizations-count = Organizations
import-issue-unknown_field = This field is not in the taxonomy of innovation fields and was left empty.
import-issue-identity_conflict = Another profile, registered by its owner, had declared this identifier. The imported record holds it now and staff will decide (identity conflicts).
import-issue-bad-degree = Degree not recognised (diploma, associate, bachelor, master, doctorate, postdoc).
import-issue-bad-kind = Organization kind not recognised (research group, university lab, startup, knowledge-based company, NGO, other).
import-issue-bad-website = Not a valid website address.
import-issue-bad-certificate_expiry = Not a valid date; write it like 1404/05/12 or 2025-08-03.
profile-claim-title = Claim your profile on Halqe
profile-claim-lead = The Innovation Center has created a profile in your name on Halqe. Claiming it links it to your account so you can complete it.
profile-claim-profile = Profile
profile-claim-create-account = To claim the profile, create an account with this email address:
profile-claim-sign-in-first = An account with this email address already exists; sign in first.
profile-claim-other-account = You are signed in with another account; sign in with the account of this email address.
profile-claim-link-account = Link the profile to my account
profile-claim-submit = Create the account and claim the profile
mail-profile-claim-subject = Your profile on Halqe is ready
mail-profile-claim-body =
    Dear { $name },

    The Innovation Center for administrative and employment systems has created a profile in your name on Halqe.
    To claim and complete it, open this link (valid for ninety days):
    { $link }

    If this profile is not about you, ignore this message.

## search
nav-directory = Capacity directory
nav-match = Match a need
directory-title = The country's capacities
directory-query = Search innovators and organizations
directory-placeholder = e.g. “civil-service exams” or “HR analytics”
directory-submit = Search
directory-facets = Refine results
directory-verified-only = Verified only
directory-verified = Verified
directory-facet-kind = Kind
directory-facet-field = Field
directory-facet-province = Province
directory-facet-org-kind = Organization kind
directory-total = { $count } results
directory-empty = Nothing found. Try other words or remove filters.
doc-kind-person = Person
doc-kind-organization = Organization
doc-kind-need = Need
pagination = Pages
pagination-prev = Previous
pagination-next = Next
match-title = Match a need to capacities
match-lead = Describe the agency's need; Halqe ranks suitable people and teams and shows why each is proposed.
match-need = The need
match-field = Innovation field
match-org-kind = Organization kind
match-submit = Find qualified people
match-results = Proposals
match-empty = No one matched this need.
match-why = Why this proposal?
match-by-meaning = Found by meaning: it shares no words with the need, but answers it in other words or another language
directory-related = Related by meaning
directory-related-hint = Few profiles contain these words; these describe the same subject in other words or another language.
match-signal-value = value
match-terms = Shared words
match-term-in-profile = in the profile
match-in = Found in
match-publications = Closest publications
signal-text = Text similarity
signal-taxonomy = Field overlap
signal-track_record = Verified track record
signal-semantic = Semantic similarity
profile-part-name = Name
profile-part-skills = Skills
profile-part-capabilities = Capabilities
profile-part-publications = Publications
profile-part-past_projects = Past projects
profile-part-bio = About
error-unauthenticated-title = Sign-in required
error-unauthenticated-body = Sign in first to make this request.
error-invalid_input-title = The input was not accepted
error-invalid_input-body = One or more fields of the request are not valid; see the message of each.

## introductions
nav-introductions = Introductions
introductions-title = Introductions
introductions-lead = Introduction requests you are party to, with the status of each.
introductions-empty = No introductions yet.
introductions-col-need = Need
introductions-col-candidate = Candidate
introductions-col-agency = Requested by
introductions-col-status = Status
introductions-col-date = Date
introduction-status-requested = Awaiting answer
introduction-status-accepted = Accepted
introduction-status-declined = Declined
introduction-status-engaged = Engaged
introduction-status-not_engaged = Not engaged
introduction-center = Innovation Center
introduction-title = Introduction
introduction-back = Back to introductions
introduction-need = Need
introduction-candidate = Candidate
introduction-agency = Requested by
introduction-requested-by = Sent by
introduction-note = Note with the request
introduction-outcome-reason-shown = Reason
introduction-why = Why this introduction?
introduction-why-none = No match explanation is available for this introduction.
introduction-contact = Contact details
introduction-contact-hidden = Contact details are shown once the candidate accepts the request.
introduction-contact-none = No contact details on record.
introduction-contact-email = Email
introduction-contact-mobile = Mobile
introduction-answer = Answer the introduction request
introduction-answer-lead = If you accept, the requesting agency sees your email address and mobile number.
introduction-accept = Accept
introduction-decline = Decline
introduction-outcome = Record the outcome
introduction-outcome-field = Outcome
introduction-outcome-engaged = Engaged
introduction-outcome-not_engaged = Not engaged
introduction-outcome-reason = Reason
introduction-outcome-reason-help = If you did not go ahead, say why.
introduction-outcome-submit = Record outcome
introduction-timeline = Timeline
introduction-event-requested = Introduction requested
introduction-event-accepted = Request accepted
introduction-event-declined = Request declined
introduction-event-engaged = Engaged
introduction-event-not_engaged = Not engaged
conversation-title = Messages
conversation-empty = No messages yet.
conversation-message-body = Message
conversation-send = Send message
match-select = Select for introduction
match-introduce = Introduce the selected candidates
match-introduce-note = Note to the candidates (optional)
match-introduce-submit = Send introduction requests
match-saved-need = Saved need
match-saved-lead = Candidates already introduced for this need are left out.
match-new-need = New need
match-sent = { $count } introduction requests sent.
match-introduced = Introductions for this need
invalid-already_introduced = This candidate has already been introduced for this need.
invalid-too_many_candidates = You can introduce at most fifty candidates at a time.
invalid-introduction_wrong_state = This step is not possible in the introduction's current status.
mail-introduction-request-subject = Introduction request from { $agency }
mail-introduction-request-body =
    Hello,

    { $agency } would like to be introduced to you on Halqe for this need:
    "{ $title }"

    Your email address and mobile number are not shared with the agency unless you accept. To see the request and answer it:
    { $link }
mail-introduction-request-claim-subject = Introduction request from { $agency }
mail-introduction-request-claim-body =
    Dear { $name },

    { $agency } would like to be introduced to you on Halqe for this need:
    "{ $title }"

    Halqe holds a profile in your name. To answer, first claim it with the link below (valid for ninety days); the request is then under "Introductions":
    { $link }

    Your email address and mobile number are not shared with the agency unless you accept.
mail-introduction-accepted-subject = { $name } accepted the introduction request
mail-introduction-accepted-body =
    Hello,

    { $name } accepted the introduction request for the need "{ $title }". The contact details are on the introduction's page:
    { $link }
mail-introduction-declined-subject = { $name } declined the introduction request
mail-introduction-declined-body =
    Hello,

    { $name } declined the introduction request for the need "{ $title }".
    { $link }
mail-introduction-engaged-subject = { $agency } has engaged you
mail-introduction-engaged-body =
    Hello,

    { $agency } recorded the introduction for the need "{ $title }" as engaged. The details are on the introduction's page:
    { $link }
mail-introduction-not-engaged-subject = { $agency } closed the introduction without engaging
mail-introduction-not-engaged-body =
    Hello,

    { $agency } recorded the introduction for the need "{ $title }" as not engaged. The reason is on the introduction's page:
    { $link }
mail-introduction-message-subject = New message on an introduction
mail-introduction-message-body =
    Hello,

    { $name } wrote a message on the introduction for the need "{ $title }":
    { $link }

nav-mail = Mail
outbox-title = Outgoing mail
outbox-hint = Mail is queued with each change and sent with several attempts; a message that could not be sent stays among the dead letters until it is retried.
outbox-pending = Waiting to be sent: { $count }
outbox-dead = Dead letters: { $count }
outbox-sent = Sent (within the retention period): { $count }
outbox-dead-title = Dead letters
outbox-no-dead = No dead letters.
outbox-to = To
outbox-subject = Subject
outbox-attempts = Attempts
outbox-dead-at = Given up at
outbox-last-error = Last error
outbox-retry = Retry

# The communication loop: notifications and their settings
nav-notifications = Notifications
notifications-title = Notifications
notifications-lead = What happened in the introductions and conversations you are party to. Opening a notification marks it read.
notifications-empty = You have no notifications yet.
notifications-unread = { $count } unread notifications
notifications-unread-none = No unread notifications
notifications-new = New
notifications-mark-all = Mark all as read
notifications-mark-read = Mark read
notifications-settings-link = Notification settings
notification-message = { $name } wrote a new message in the conversation “{ $title }”.
notification-introduction_requested = { $agency } asks to introduce you for the need “{ $title }”.
notification-introduction_accepted = { $name } accepted the introduction for the need “{ $title }”.
notification-introduction_declined = { $name } declined the introduction for the need “{ $title }”.
notification-introduction_engaged = { $agency } engaged you for the need “{ $title }”.
notification-introduction_not_engaged = { $agency } closed the introduction for the need “{ $title }” without engaging.
notification-settings-title = Notification settings
notification-settings-lead = Every notification stays on the notifications page. For each kind, choose when its email reaches you.
notification-settings-kind = Kind of notification
notification-settings-delivery = Email
notification-settings-save = Save settings
notification-settings-saved = Notification settings saved.
notification-kind-message = New message in a conversation
notification-kind-introduction_requested = Introduction requested
notification-kind-introduction_accepted = Introduction accepted
notification-kind-introduction_declined = Introduction declined
notification-kind-introduction_engaged = Engaged
notification-kind-introduction_not_engaged = Closed without engagement
notification-delivery-immediately = Immediately
notification-delivery-digest = Daily digest
notification-delivery-off = Off
mail-digest-subject = Your Halqe daily digest: { $count } new notifications
mail-digest-body =
    Hello,

    Since your last digest, { $count } new notifications are waiting for you in Halqe:
mail-digest-footer =
    All your notifications and their settings:
    { $link }
## Challenges and calls
nav-challenges = Challenges
nav-my-challenges = Agency challenges
nav-challenge-review = Review challenges
challenges-title = Challenges
challenges-lead = Problems of government agencies, open to innovators for solutions.
challenges-feed = Feed of new challenges (Atom)
challenges-feed-title = New challenges on Halqe
challenges-search = Search challenges
challenges-any = Any
challenges-total = { $count } challenges
challenges-none = No challenge matches.
challenges-empty = No challenges yet.
challenges-mine = Agency challenges
challenges-mine-lead = The challenges your agency's officers wrote, with their status.
challenges-review = Review challenges
challenges-review-lead = Challenges sent for review, and approved ones waiting to be published.
challenge-new = New challenge
challenge-edit = Edit challenge
challenge-edit-back-to-review = Editing a published or approved challenge sends it back to the center's review.
challenge-form-lead = Write the problem so that an innovator who does not know your agency can propose a solution.
challenge-back = Back to challenges
challenge-section-problem = The problem
challenge-section-outcome = The desired outcome
challenge-section-terms = Budget, support and deadline
challenge-section-eligibility = Who may take part
challenge-field-title = Title
challenge-field-problem = The problem today
challenge-field-affected = Whom it affects
challenge-field-evidence = Evidence and current figures
challenge-field-outcome = Desired outcome
challenge-field-success-measure = How success will be measured
challenge-field-constraints = Constraints (legal, data, systems)
challenge-field-fields = Innovation fields
challenge-field-maturity = Expected maturity
challenge-field-budget-min = Budget from (million rials)
challenge-field-budget-max = Budget up to (million rials)
challenge-field-support = Support offered
challenge-field-support-note = About the support
challenge-field-deadline = Submission deadline
challenge-field-eligibility = Who may apply
challenge-field-provinces = Provinces
challenge-help-title = Short and clear; up to 200 characters.
challenge-help-problem = Describe today's situation in detail; up to 4,000 characters.
challenge-help-evidence = Figures and reports that show the problem.
challenge-help-success-measure = Which number, how much, by when.
challenge-help-constraints = Laws, data available or not, systems a solution must work with.
challenge-help-budget = Persian or Latin digits; empty means not set.
challenge-help-deadline = The last day, Solar Hijri like 1405/03/15 or Gregorian like 2026-06-05; submissions close at the end of that day, Tehran time.
challenge-help-provinces = Choose none to open the challenge to every province.
challenge-help-fields = Up to five fields.
challenge-provinces-all = Every province
challenge-budget = Budget
challenge-budget-unit = million rials
challenge-days-left = { $days } days left
challenge-hours-left = { $hours } hours left
challenge-deadline-passed = Deadline passed
challenge-call = Call
challenge-call-choose = Put in a call
challenge-call-none = No call
challenge-attachments = Attachments
challenge-attachments-none = No attachments.
challenge-attach = Add attachments
challenge-attach-help = PDF, PNG, JPEG or WebP; up to five files at a time and ten per challenge.
challenge-attach-submit = Upload
challenge-actions = Actions
challenge-history = History
challenge-changed = Parts changed
challenge-col-title = Title
challenge-col-agency = Agency
challenge-col-status = Status
challenge-col-deadline = Deadline
challenge-col-updated = Last change
challenge-status-draft = Draft
challenge-status-submitted = Waiting for review
challenge-status-returned = Returned for changes
challenge-status-approved = Approved
challenge-status-published = Published
challenge-status-closed = Closed for proposals
challenge-status-in_evaluation = In evaluation
challenge-status-awarded = Awarded
challenge-status-no_award = No award
challenge-status-archived = Archived
challenge-step-submit = Send to the center for review
challenge-step-return = Return with comments
challenge-step-approve = Approve
challenge-step-publish = Publish
challenge-step-close = Close for proposals
challenge-step-evaluate = Start evaluation
challenge-step-award = Announce the award
challenge-step-no_award = End without award
challenge-step-archive = Archive
challenge-reason-return = Comments for the agency
challenge-reason-no_award = Reason
challenge-event-create = Written
challenge-event-edit = Edited
challenge-event-submit = Sent for review
challenge-event-return = Returned with comments
challenge-event-approve = Approved
challenge-event-publish = Published
challenge-event-close = Closed for proposals
challenge-event-evaluate = Evaluation started
challenge-event-award = Awarded
challenge-event-no_award = Ended without award
challenge-event-archive = Archived
challenge-changed-title = title
challenge-changed-problem = problem
challenge-changed-affected = whom it affects
challenge-changed-evidence = evidence
challenge-changed-outcome = desired outcome
challenge-changed-success_measure = success measure
challenge-changed-constraints = constraints
challenge-changed-fields = fields
challenge-changed-maturity = maturity
challenge-changed-budget_min = budget from
challenge-changed-budget_max = budget up to
challenge-changed-support = support
challenge-changed-support_note = about the support
challenge-changed-deadline = deadline
challenge-changed-eligibility = who may apply
challenge-changed-provinces = provinces
challenge-changed-attachments = attachments
challenge-maturity-idea = Idea
challenge-maturity-design = Design
challenge-maturity-prototype = Prototype
challenge-maturity-pilot_ready = Pilot-ready
challenge-eligibility-people = People
challenge-eligibility-organizations = Organizations
challenge-eligibility-both = People and organizations
challenge-support-data_access = Data access
challenge-support-pilot_site = Pilot site
challenge-support-mentoring = Mentoring
challenge-deadline-open = Open
challenge-deadline-soon = Closing soon (14 days)
calls-title = Calls
calls-lead = Rounds in which challenges are published, with dates and rules.
calls-empty = No call has been published yet.
calls-back = Back to calls
call-new = New call
call-field-title = Title
call-field-rules = Rules
call-field-opens = First day
call-field-closes = Last day
call-dates = Dates
call-challenges = Challenges of this call
call-publish = Publish the call
call-status-draft = Draft
call-status-published = Published
invalid-budget_range = The lower budget is above the upper one.
invalid-deadline_past = The deadline has passed; choose a day in the future.
invalid-challenge_wrong_state = This step is not possible in the challenge's current status.
invalid-challenge_not_editable = This challenge cannot be edited in its current status.
invalid-challenge_changed_meanwhile = Someone else edited the challenge meanwhile; open it again.
invalid-closes_before_opens = The last day must come after the first.
invalid-call_already_published = This call is already published.
invalid-challenge_still_draft = A draft cannot join a call.
invalid-file_required = Choose a file.
challenge-matches = Matching people and teams
challenge-matches-back = Back to the challenge
challenge-matches-lead = The innovators and organizations that best match this challenge's text, each with why; only those who may take part.
