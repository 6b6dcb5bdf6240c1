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
login-throttled = Sign-in to this account is paused after repeated failed attempts. Please try again in fifteen minutes.
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

invalid-required = This field is required.
invalid-too_long = This value is too long.
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
