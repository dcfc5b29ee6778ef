// A real OpenID Provider (the `oidc-provider` package) on loopback, for the single sign-on
// tests only. Its built-in development login page accepts any password: the login typed is
// the account's id (one of USERS). Usage:
//   node server.mjs REDIRECT_URI [REDIRECT_URI...]
// Prints "oidc-provider ready at http://127.0.0.1:PORT" once listening (port from OIDC_PORT,
// or any free one). Stops on SIGTERM.
import http from "node:http";
import Provider from "oidc-provider";

export const CLIENT_ID = "revans-test";
export const CLIENT_SECRET = "revans-test-secret-not-for-production";

/** Test people with verified email addresses (and one outside the allowed domains). */
const USERS = {
  pat: { email: "participant@harbour-trust.example", email_verified: true, name: "Pat Participant" },
  newcomer: { email: "newcomer@harbour-trust.example", email_verified: true, name: "Nia Newcomer" },
  outsider: { email: "someone@elsewhere.test", email_verified: true, name: "Sam Outsider" },
};

const redirectUris = process.argv.slice(2);
if (redirectUris.length === 0) {
  console.error("usage: node server.mjs REDIRECT_URI [REDIRECT_URI...]");
  process.exit(2);
}

const server = http.createServer();
await new Promise((ready) => server.listen(Number(process.env.OIDC_PORT || 0), "127.0.0.1", ready));
const issuer = `http://127.0.0.1:${server.address().port}`;

const provider = new Provider(issuer, {
  clients: [{
    client_id: CLIENT_ID,
    client_secret: CLIENT_SECRET,
    redirect_uris: redirectUris,
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_basic",
  }],
  claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
  // The email in the ID token itself (Entra ID and Google put it there too), not only at
  // the userinfo endpoint.
  conformIdTokenClaims: false,
  // The development login page submits the typed login ("pat") as the account id, which is
  // also the subject (sub) of its tokens.
  findAccount: async (_ctx, id) => {
    const user = USERS[id];
    return user && { accountId: id, claims: async () => ({ sub: id, ...user }) };
  },
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ["revans-test-only-cookie-key"] },
  pkce: { required: () => true },
});
// Say why a request failed (the tests show this output when they fail).
provider.on("server_error", (_ctx, err) => console.error("oidc-provider server_error:", err));
server.on("request", provider.callback());
console.log(`oidc-provider ready at ${issuer}`);
process.on("SIGTERM", () => server.close(() => process.exit(0)));
