# The account page.

account-title = Your account
account-name = Name
account-email = Email address
account-organisation = Organisation
account-roles = Roles
account-no-roles = None yet
account-role-at = at
account-manage-tokens = Manage API tokens
account-language-heading = Your language
account-language-hint = Pages and emails are written in it.
account-language-default = Your organisation's default
account-language-save = Save language
account-language-saved = Your language is saved.
account-timezone-heading = Your time zone
account-timezone-label = Time zone
account-timezone-hint = Meeting times are shown in it, for example Europe/London or America/Toronto. Leave blank to see each set's own.
account-timezone-save = Save time zone
account-timezone-saved = Your time zone is saved. Meeting times are shown in it.
account-password-heading = Change your password
account-password-current = Current password
account-password-new = New password
account-password-hint = At least 10 characters. A few unrelated words is a good choice.
account-password-confirm = Confirm new password
account-password-save = Change password
account-password-changed = Your password has been changed. You have been signed out on other devices.
