// Reading applications (issue 11, items 2 and 6) in a real Chromium: an applicant checks their
// answers (and changes one) before sending and sees the confirmation panel; their sponsor opens
// the application, must give a reason to decline, and declines it; the lead opens the queue's
// own page, filters it by status, opens the application and reads the answers and the
// sponsor's reason; a participant withdraws through a confirmation page and the cohort's count
// of confirmed places goes down. Every page passes axe, at 1280 and 390 pixels wide.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { checkPage as check, signedIn, useDemo, USERS } from "./lib.mjs";

const env = useDemo(before, after);
const as = (email) => signedIn(env, email);
const CIRCLES = "Leadership Circles Train the Trainer";
const CHANGE = "Leading Through Change: Action Learning";
const ANSWER = "Two years of support circles for ward managers.";
const REASON = "We need you on the ward until the new rota settles.";

/** Checks the page at 1280 and at 390 pixels, where it must not scroll sideways. */
async function checkPage(page, name, heading) {
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    await page.setViewportSize({ width, height });
    await check(page, `applications-${name}-${width}`, heading);
    if (width === 390) {
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(overflow <= 390, `${name}: the page is ${overflow} pixels wide at 390`);
    }
  }
  await page.setViewportSize({ width: 1280, height: 800 });
}

/** "N of M places confirmed" for a cohort on the lead's programme page. */
async function confirmed(page, programme, cohort) {
  await page.goto(`${env.server.url}/admin/programmes`);
  await page.getByRole("link", { name: programme, exact: true }).click();
  const card = page.locator(".card", { has: page.getByRole("heading", { name: cohort }) });
  const m = (await card.innerText()).match(/(\d+) of (\d+) places confirmed/);
  assert.ok(m, `no count for ${cohort}`);
  return Number(m[1]);
}

test("check your answers, a sponsor's decline with a reason, the queue page, withdrawing", async () => {
  const url = env.server.url;

  // Pat applies: errors first, then check the answers, change one, and send.
  const pat = await as(USERS.participant);
  let page = pat.page;
  await page.goto(`${url}/programmes`);
  await page.getByRole("link", { name: CIRCLES }).click();
  await page.getByRole("link", { name: `Apply for ${CIRCLES}` }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForSelector(".error-summary");
  await checkPage(page, "apply-errors", /Apply/);
  await page.getByLabel(/At least 2-3 years/).check();
  await page.getByLabel(/Some confidence/).check();
  await page.getByLabel(/I have discussed this offer/).check();
  await page.getByLabel(/My organisation has nominated me/).check();
  await page.getByLabel("What facilitation have you done in the last two years?").fill("A first try.");
  await page.getByLabel("Choice 1").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Continue" }).click();
  await checkPage(page, "check-answers", /Check your answers/);
  assert.match(await page.locator("[data-check-answers]").innerText(), /A first try\./);
  await page.getByRole("button", { name: /Change your answer to: What facilitation/ }).click();
  const answer = page.getByLabel("What facilitation have you done in the last two years?");
  assert.equal(await answer.inputValue(), "A first try.", "the answer is kept");
  await answer.fill(ANSWER);
  await page.getByRole("button", { name: "Continue" }).click();
  assert.match(await page.locator("[data-check-answers]").innerText(), /support circles for ward managers/);
  await page.getByRole("button", { name: "Send application" }).click();
  await page.waitForURL(/\/sent$/);
  await checkPage(page, "sent", /Application sent/);
  assert.match(await page.locator("main").innerText(), /What happens next/);

  // The sponsor reads it, must give a reason to decline, then declines.
  const sam = await as(USERS.sponsor);
  const s = sam.page;
  await s.goto(`${url}/sponsor/applications`);
  await checkPage(s, "sponsor-list", /Your nominees/);
  await s.getByRole("link", { name: "Read and decide on Pat Participant's application" }).click();
  await checkPage(s, "sponsor-application", /Pat Participant's application/);
  assert.match(await s.locator("[data-answers]").innerText(), /support circles for ward managers/);
  await s.getByLabel("Decline").check();
  await s.getByRole("button", { name: "Save decision" }).click();
  await s.waitForSelector(".error-summary");
  await checkPage(s, "sponsor-decline-errors", /Pat Participant's application/);
  await s.getByLabel("Reason for declining").fill(REASON);
  await s.getByRole("button", { name: "Save decision" }).click();
  await s.waitForURL(/notice=declined/);
  await checkPage(s, "sponsor-declined", /Your nominees/);

  // The lead: the queue's own page, a status tab, the application with the sponsor's reason.
  const lead = await as(USERS.admin);
  const l = lead.page;
  await l.goto(`${url}/admin/programmes`);
  await l.getByRole("link", { name: CIRCLES, exact: true }).click();
  await l.getByRole("link", { name: `Review applications for ${CIRCLES}` }).click();
  await checkPage(l, "queue-waiting", /Applications/);
  assert.match(await l.locator("nav.status-tabs").innerText(), /Not accepted \(1\)/);
  await l.getByRole("link", { name: /Not accepted/ }).click();
  await l.waitForURL(/status=rejected/);
  await checkPage(l, "queue-rejected", /Applications/);
  assert.match(await l.locator("tbody").innerText(), /Declined by sponsor/);
  await l.getByRole("link", { name: "Pat Participant" }).click();
  await checkPage(l, "lead-application", /Pat Participant's application/);
  assert.match(await l.locator("[data-answers]").innerText(), /support circles for ward managers/);
  assert.equal(await l.locator("[data-sponsor-reason]").innerText(), REASON);
  assert.match(await l.locator("[data-history]").innerText(), /Declined Pat Participant's application/);

  // Pat withdraws from the programme they have a place on, through a confirmation page; the
  // cohort's count of confirmed places goes down.
  const before = await confirmed(l, CHANGE, "Spring 2026");
  await page.goto(`${url}/applications`);
  await page.getByRole("link", { name: `Withdraw from ${CHANGE}` }).click();
  await checkPage(page, "withdraw-confirm", /Are you sure you want to withdraw/);
  assert.match(await page.locator("[data-consequence]").innerText(), /give up your confirmed place in Spring 2026/);
  await page.getByRole("button", { name: `Yes, withdraw from ${CHANGE}` }).click();
  await page.waitForURL(/notice=withdrawn/);
  await checkPage(page, "withdrawn", /Your applications/);
  assert.equal(await confirmed(l, CHANGE, "Spring 2026"), before - 1, "one place fewer is confirmed");
  for (const c of [pat, sam, lead]) await c.context.close();
});
