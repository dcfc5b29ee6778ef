// Single sign-on (issue 17): Chromium signs in through a real OpenID provider (oidc-provider
// from tests/oidc, on loopback) and lands signed in; the sign-in page and a refusal pass axe.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { checkPage, freePort, launchBrowser, startOidcProvider, startServer } from "./lib.mjs";

let provider, server, browser;

before(async () => {
  // Revans's address must be known before the provider starts: it is the client's redirect URI.
  const port = await freePort();
  provider = await startOidcProvider([`http://127.0.0.1:${port}/sign-in/sso/test-id/callback`]);
  const toml = `
[[oidc_providers]]
id = "test-id"
label = "Test ID"
issuer = "${provider.issuer}"
client_id = "revans-test"
client_secret = "revans-test-secret-not-for-production"
allowed_domains = ["harbour-trust.example"]
`;
  server = await startServer({}, { listen: `127.0.0.1:${port}`, toml });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.stop();
  await provider?.stop();
});

/** At the provider's development pages: log in as `login` (any password), then agree. */
async function atProvider(page, login) {
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill("any password");
  await page.getByRole("button", { name: "Sign-in" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
}

test("a participant signs in with the provider and lands signed in", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/sign-in`);
  await checkPage(page, "sso-sign-in", /Sign in/);
  await page.getByRole("button", { name: "Sign in with Test ID" }).click();
  await page.waitForURL(`${provider.issuer}/**`);
  await atProvider(page, "pat");
  await page.waitForURL(`${server.url}/`);
  assert.match(await page.locator(".header__user").innerText(), /Signed in as Pat/);
  await context.close();
});

test("someone outside the allowed domains sees a clear refusal and is not signed in", async () => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${server.url}/sign-in`);
  await page.getByRole("button", { name: "Sign in with Test ID" }).click();
  await page.waitForURL(`${provider.issuer}/**`);
  await atProvider(page, "outsider");
  await page.waitForURL(`${server.url}/sign-in/sso/test-id/callback**`);
  await checkPage(page, "sso-refused", /You have not been signed in/);
  assert.match(await page.locator("main").innerText(), /only for email addresses ending in @harbour-trust\.example/);
  assert.equal(await page.locator(".header__user").count(), 0);
  await context.close();
});
