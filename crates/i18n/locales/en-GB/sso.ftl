# Single sign-on with OpenID Connect: the sign-in page's buttons and the refusal page.

sso-sign-in-with = Sign in with { $provider }
sso-or-password = Or sign in with your email address and password
sso-unavailable-heading = Sign-in is not available right now
sso-refused-heading = You have not been signed in
sso-unreachable = We could not reach { $provider } to sign you in. Try again in a few minutes, or sign in another way.
sso-nothing-changed = Nothing has been changed: no account or session was made.
sso-back-to-sign-in = Go back to the sign-in page
sso-privacy-cookie = If you sign in with single sign-on, a third cookie holds the sign-in in progress while you are at your sign-in provider, so only your browser can finish it; it is removed when you come back. Revans keeps which provider account is linked to yours (the provider's identifier for you), not your provider password.
