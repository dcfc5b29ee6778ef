// Certificates of completion (issue 16) in a real Chromium: the demo participant lists theirs
// and downloads one; anyone checks a code without signing in (typed into the form, and by the
// link its QR code holds); the programme lead revokes one with a reason on a confirmation
// page, and verification then says it was revoked. Every page passes axe with no violations
// and does not scroll sideways on a phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { checkPage as check, useDemo, signedIn, USERS } from "./lib.mjs";

const env = useDemo(before, after);
const checkPage = (page, name, heading) => check(page, `certificates-${name}`, heading);

test("a participant downloads a certificate that anyone can verify, and a lead revokes one", async () => {
  const url = env.server.url;
  const { context, page } = await signedIn(env, USERS.participant);
  await page.goto(`${url}/certificates`);
  await checkPage(page, "mine", /Your certificates/);
  const row = page.locator("#my-certificates tbody tr").first();
  assert.match(await row.innerText(), /Compassionate Leadership Foundations/);
  const code = (await row.locator("code").innerText()).trim();
  assert.match(code, /^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    row.getByRole("link", { name: /Download PDF/ }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^certificate-.*\.pdf$/);
  await context.close();

  // Anyone, signed out: the form, then the result.
  const visitor = await env.browser.newContext();
  const v = await visitor.newPage();
  await v.goto(`${url}/certificates/verify`);
  await checkPage(v, "verify-form", /Check a certificate/);
  await v.getByRole("button", { name: "Check the certificate" }).click();
  await checkPage(v, "verify-form-error", /Check a certificate/);
  assert.match(await v.locator(".error-summary").innerText(), /Enter the code/);
  await v.getByLabel("Certificate code").fill(code.toLowerCase().replaceAll("-", " "));
  await v.getByRole("button", { name: "Check the certificate" }).click();
  await v.waitForURL(`${url}/certificates/verify/${code}`);
  await checkPage(v, "verified", /This certificate is genuine/);
  assert.match(await v.locator("main").innerText(), /Pat Participant/);

  // The lead revokes Aisha's certificate.
  const lead = await signedIn(env, USERS.admin);
  const cohortUrl = await (async () => {
    await lead.page.goto(`${url}/admin/programmes`);
    await lead.page.getByRole("link", { name: "Compassionate Leadership Foundations" }).click();
    await lead.page.getByRole("link", { name: "Certificates of Winter 2025" }).click();
    return lead.page.url();
  })();
  await checkPage(lead.page, "cohort", /Certificates: Winter 2025/);
  assert.match(await lead.page.locator("#cohort-certificates").innerText(), /Revoked/);
  await lead.page.getByRole("link", { name: "Revoke Aisha Khan's certificate" }).click();
  await checkPage(lead.page, "revoke", /Revoke Aisha Khan's certificate\?/);
  const aishaCode = (await lead.page.locator("dd code").innerText()).trim();
  await lead.page.getByRole("button", { name: "Revoke the certificate" }).click();
  await checkPage(lead.page, "revoke-error", /Revoke Aisha Khan's certificate\?/);
  await lead.page.getByLabel("Why is it being revoked?").fill("Completed under another name; reissued.");
  await lead.page.getByRole("button", { name: "Revoke the certificate" }).click();
  await lead.page.waitForURL(`${cohortUrl}?notice=revoked`);
  await checkPage(lead.page, "cohort-revoked", /Certificates: Winter 2025/);
  await lead.context.close();

  await v.goto(`${url}/certificates/verify/${aishaCode}`);
  await checkPage(v, "revoked", /This certificate was revoked/);
  assert.doesNotMatch(await v.locator("main").innerText(), /another name/);
  await visitor.close();
});
