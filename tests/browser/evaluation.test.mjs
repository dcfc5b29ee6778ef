// Evaluation (C9) in a real Chromium: the lead's plan page, the wave form with its errors,
// inviting someone by email; that person answers the culture profile on a phone-sized page
// with no account, watching the constant-sum total, saving and coming back, then sending;
// the evaluator reads the results with their charts. Every page passes axe with no
// violations and does not scroll sideways on a phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { checkPage as check, newestEmail, signedIn, useDemo, USERS } from "./lib.mjs";

const env = useDemo(before, after);
const checkPage = (page, name, heading) => check(page, `evaluation-${name}`, heading);

/** Waits for an email to `to` with a questionnaire link; returns the link. */
async function linkFor(to) {
  for (let i = 0; i < 100; i++) {
    const texts = newestEmail(env.server.mailDir) ?? [];
    for (const raw of texts) {
      // Quoted-printable soft line breaks would split the link.
      const text = raw.replace(/=\r?\n/g, "").replace(/=3D/g, "=");
      if (text.includes(`To: ${to}`) || text.includes(`<${to}>`)) {
        // The path only: the email's address names the configured public URL.
        const m = text.match(/\/respond\/[A-Za-z0-9_-]+/);
        if (m) return `${env.server.url}${m[0]}`;
      }
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`no questionnaire email to ${to}`);
}

test("a lead invites, a respondent answers with constant sums, an evaluator reads the results", async () => {
  const url = env.server.url;
  const lead = await signedIn(env, USERS.admin);
  const page = lead.page;
  await page.goto(`${url}/evaluation`);
  await checkPage(page, "programmes", /Evaluation/);
  await page.getByRole("link", { name: /Leading Through Change/ }).click();
  await checkPage(page, "plan", /Evaluation/);
  const planUrl = page.url();
  assert.match(await page.locator("main").innerText(), /Culture profile: board and managers/);

  await page.getByRole("link", { name: "Plan a wave" }).click();
  await page.getByRole("button", { name: "Plan the wave" }).click();
  await page.waitForSelector(".error-summary");
  await checkPage(page, "wave-errors", /Plan a wave/);
  assert.match(await page.locator(".error-summary").innerText(), /Choose a questionnaire/);

  await page.goto(planUrl);
  await page.getByRole("link", { name: "Invite people to answer Culture profile: board and managers" }).click();
  await checkPage(page, "invite", /Invite people to answer/);
  await page.getByLabel(/The cohort's participants/).uncheck().catch(() => {});
  await page.getByLabel("Other people's email addresses").fill("new.board.member@northcoast-ics.example");
  await page.getByLabel("The group they answer as").fill("board");
  await page.getByRole("button", { name: "Send the invitations" }).click();
  await page.waitForSelector(".panel");
  await checkPage(page, "invited", /Invite people to answer/);

  // The respondent: no account, a phone.
  const link = await linkFor("new.board.member@northcoast-ics.example");
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
  const phone = await context.newPage();
  await phone.goto(link);
  await checkPage(phone, "answer", /Culture profile/);
  const first = phone.locator("[data-constant-sum]").first();
  await first.getByLabel(/close community/).fill("60");
  await first.getByLabel(/energetic, inventive/).fill("50");
  assert.match(await first.locator("[data-sum-status]").innerText(), /110 of 100\. 10 too many/);
  await first.getByLabel(/energetic, inventive/).fill("20");
  assert.match(await first.locator("[data-sum-status]").innerText(), /80 of 100\. 20 left to give/);
  await phone.getByRole("button", { name: "Save and come back later" }).click();
  await phone.waitForURL(/notice=saved/);
  await phone.goto(link);
  assert.equal(await phone.locator("[data-constant-sum]").first().getByLabel(/close community/).inputValue(), "60");

  // Sending with a dimension that does not add up: the error summary comes first.
  await phone.getByRole("button", { name: "Send my answers" }).click();
  await phone.waitForSelector(".error-summary");
  await checkPage(phone, "answer-errors", /Culture profile/);
  for (const box of await phone.locator("[data-constant-sum]").all()) {
    const inputs = await box.locator("input").all();
    for (const [i, input] of inputs.entries()) {
      await input.fill(String([40, 20, 20, 20][i]));
    }
    assert.match(await box.locator("[data-sum-status]").innerText(), /That adds up/);
  }
  await phone.getByRole("button", { name: "Send my answers" }).click();
  await phone.waitForSelector(".panel");
  await checkPage(phone, "answered", /your answers are sent/);
  await context.close();

  const eve = await signedIn(env, USERS.evaluator);
  await eve.page.goto(planUrl.replace(/\?.*$/, "") + "/results");
  await checkPage(eve.page, "results", /Evaluation results/);
  assert.ok(await eve.page.locator("figure svg[role=img]").count() >= 3, "the culture profiles are drawn");
  await eve.page.locator("figure details summary").first().click();
  await checkPage(eve.page, "results-table-open", /Evaluation results/);
});
