# Public pages: landing, sign in, password reset, links, errors, tokens.

pub-sign-in = Sign in
pub-email-address = Email address
pub-password = Password
pub-forgotten-password = Forgotten your password?
pub-no-account-heading = No account yet?
pub-no-account-before = You do not need one to
pub-no-account-link = look at the programmes
pub-no-account-after = . Accounts are made by invitation: your programme lead or your organisation's sponsor invites you by email when you apply or are nominated.

pub-reset-sent-title = Check your email
pub-reset-sent-body = If { $email } has an account, we have sent it a link to reset the password. The link works once and expires in an hour.
pub-reset-sent-before = If no email arrives within a few minutes, check your junk folder, or
pub-reset-sent-link = ask for another link
pub-reset-title = Reset your password
pub-reset-intro = Enter the email address you use to sign in. We will email you a link to choose a new password.
pub-reset-send = Send link
pub-back-to-sign-in = Back to sign in

pub-new-password = New password
pub-new-password-hint = At least 10 characters. A few unrelated words is a good choice.
pub-confirm-password = Confirm new password

pub-link-problem-title = This link cannot be used
pub-go-to-sign-in = Go to sign in

pub-error-reference = If you contact support, quote this reference:
pub-go-home = Go to the home page

pub-landing-lede = Leadership development programmes and action learning sets: apply for a place, meet with your set, keep a private learning diary.
pub-landing-see-programmes = See the programmes
pub-landing-have-account = Already have an account?
pub-landing-sign-in-after = to see your applications, your sets and their meetings, and your diary.
pub-landing-how-heading = How to get an account
pub-landing-how-body = You do not need an account to look at the programmes. Accounts are made by invitation: your programme lead invites you, or your organisation's sponsor nominates you for a programme, and you get an email with a link to choose your password.
pub-landing-what-heading = What happens here
pub-landing-programmes = Programmes
pub-landing-programmes-body = have cohorts that meet on set dates; you apply for a place, sometimes with your sponsor's approval.
pub-landing-sets = Action learning sets
pub-landing-sets-body = are small groups of people from different organisations who meet regularly to work on real problems, with a facilitator.
pub-landing-diary = Your diary
pub-landing-diary-body = is private to you unless you choose to share an entry.

pub-tokens-back = Your account
pub-tokens-title = API tokens
pub-tokens-intro-before = A personal access token lets a program use the Revans API as you. Send it in an
pub-tokens-intro-after = header. Anyone with the token can act as you, so keep it secret and revoke it when you no longer need it.
pub-tokens-expiry = Each token stops working on its expiry date, and all your tokens stop working if your password is changed or reset. A token cannot create or revoke tokens: do that here.
pub-tokens-new = Your new token
pub-tokens-copy = Copy it now. You will not be able to see it again.
pub-tokens-caption = Your tokens
pub-tokens-name = Name
pub-tokens-created = Created
pub-tokens-last-used = Last used
pub-tokens-expires = Expires
pub-tokens-revoked = Revoked
pub-tokens-expired = Expired
pub-tokens-revoke = Revoke
pub-tokens-none = You have no tokens.
pub-tokens-create-heading = Create a token
pub-tokens-name-label = Token name
pub-tokens-name-hint = So you know which program uses it, for example "Monthly report script".
pub-tokens-days-label = Days until it expires
pub-tokens-days-hint = From 1 to 366 days.
pub-tokens-create = Create token

pub-signed-out = You have signed out.
pub-password-changed-notice = Your password has been changed. Sign in with your new password.
pub-a11y-title = Accessibility statement
pub-privacy-title = Privacy notice
pub-help-title = Help and the words we use
pub-reset-next = Ask for a new link from the "Forgotten your password?" page.
pub-choose-title = Choose a new password
pub-choose-intro = Choose a password of at least 10 characters. You will be signed out everywhere and can then sign in with it.
pub-choose-save = Save password
pub-invitation-next = Ask your programme lead to send you a new invitation.
pub-invitation-title = Accept your invitation
pub-invitation-intro = Choose a password of at least 10 characters to finish setting up your { $tenant } account.
pub-invitation-accept = Accept and sign in
pub-tokens-never = Never

pub-error-not-found = Page not found
pub-error-forbidden = You do not have permission to see this page
pub-error-internal = Sorry, there is a problem with the service
pub-error-unavailable = Sorry, the service is unavailable
pub-error-too-many = Too many attempts
pub-error-problem = There is a problem
pub-error-not-found-body = If you typed the web address, check it is correct. If you pasted it, check you copied the whole address.
pub-error-forbidden-body = Your roles do not include access to this page. If you think they should, contact your programme lead.
