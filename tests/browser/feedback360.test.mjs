// 360 feedback (issue 14): the lead offers it; the participant starts a round, answers about
// themself, invites raters (a form with errors named by line first), raters answer by their
// emailed links, and the participant reads the report: peers shown at 3 answers, reports
// hidden at 2, the manager alone. axe finds nothing on the offer, the rounds, the raters form
// with its errors, and the report.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkPage, useDemo, USERS, signedIn } from "./lib.mjs";

const env = useDemo(before, after);

const INSTRUMENT = `key = "working_with_others_browser"
version = 1
title = "Working with others"

[[sections]]
key = "how"
title = "How they work"

[[sections.questions]]
key = "listens"
type = "scale"
text = "Listens before deciding."
scale = { min = 1, max = 5, labels = ["Never", "Rarely", "Sometimes", "Often", "Always"] }

[[sections.questions]]
key = "keep_doing"
type = "free_text"
text = "What should they keep doing?"
required = false
`;

/** The token of the emailed /respond/ link to `to`, waiting for the email to be written. */
async function linkFor(to) {
  const dir = env.server.mailDir;
  for (let i = 0; i < 150; i++) {
    let texts = [];
    try {
      texts = readdirSync(dir).filter((f) => f.endsWith(".eml"))
        .map((f) => readFileSync(join(dir, f), "utf8").replace(/=\r?\n/g, ""));
    } catch { /* not made yet */ }
    const mail = texts.find((t) => new RegExp(`^To: .*${to.replace(".", "\\.")}`, "mi").test(t) && t.includes("/respond/"));
    if (mail) return mail.match(/\/respond\/([A-Za-z0-9_-]+)/)[1];
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`no questionnaire email to ${to}`);
}

/** Answers the questionnaire behind `token` as a rater with no account. */
async function answerAs(token, listens, text) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await page.goto(`${env.server.url}/respond/${token}`);
  await page.locator(`input[name="listens"][value="${listens}"]`).check();
  await page.getByLabel(/What should they keep doing/).fill(text);
  await page.getByRole("button", { name: "Send my answers" }).click();
  await page.waitForLoadState("domcontentloaded");
  await context.close();
}

test("a participant's 360 feedback: raters invited with errors named, answers by link, and a report only they read", async () => {
  const url = env.server.url;
  // The lead adds the questionnaire and offers 360 feedback on the participant's programme.
  const lead = await signedIn(env, USERS.admin);
  await lead.page.goto(`${url}/admin/programmes`);
  await lead.page.getByRole("link", { name: "Leading Through Change: Action Learning" }).click();
  await lead.page.waitForURL(/\/admin\/programmes\/[0-9a-f-]+$/);
  const programme = lead.page.url().split("/").pop();
  await lead.page.goto(`${url}/evaluation/programmes/${programme}/instruments/new`);
  await lead.page.getByLabel("The instrument file").fill(INSTRUMENT);
  await lead.page.getByRole("button", { name: "Add the questionnaire" }).click();
  await lead.page.waitForURL(/notice=instrument/);
  await lead.page.goto(`${url}/evaluation/programmes/${programme}/feedback360`);
  await checkPage(lead.page, "feedback360-offer", /Offer 360 feedback/);
  await lead.page.getByLabel(/Working with others/).first().check();
  await lead.page.getByRole("button", { name: "Offer 360 feedback" }).click();
  await lead.page.waitForURL(/notice=offered/);
  assert.match(await lead.page.locator("main").innerText(), /Offered now with Working with others/);

  // The participant starts a round and answers about themself.
  const pat = await signedIn(env, USERS.participant);
  await pat.page.goto(`${url}/feedback`);
  await checkPage(pat.page, "feedback360-home", /360 feedback/);
  await pat.page.getByRole("button", { name: "Start a 360 feedback round" }).click();
  await pat.page.waitForURL(/\/feedback\/[0-9a-f-]+\?notice=started$/);
  const round = new URL(pat.page.url()).pathname;
  await checkPage(pat.page, "feedback360-round", /Your 360 feedback/);
  await pat.page.getByRole("button", { name: "Answer about yourself" }).click();
  await pat.page.waitForURL(/\/respond\//);
  assert.match(await pat.page.locator("main").innerText(), /360 feedback for Pat Participant/);
  await pat.page.locator('input[name="listens"][value="2"]').check();
  await pat.page.getByRole("button", { name: "Send my answers" }).click();
  await pat.page.waitForLoadState("domcontentloaded");

  // The raters form names each bad line, keeps what was typed, and passes axe.
  await pat.page.goto(`${url}${round}/raters`);
  await pat.page.getByLabel("Your manager").fill("boss@harbour-trust.example");
  await pat.page.getByLabel("Peers").fill("p1@peers.example\nnot-an-address\nparticipant@harbour-trust.example");
  await pat.page.getByRole("button", { name: "Send the invitations" }).click();
  await pat.page.waitForLoadState("domcontentloaded");
  const summary = await pat.page.locator(".error-summary").innerText();
  assert.match(summary, /Peers, line 2: "not-an-address" is not an email address/);
  assert.match(summary, /Peers, line 3: participant@harbour-trust\.example is your own address/);
  await checkPage(pat.page, "feedback360-raters-errors", /Invite raters/);
  await pat.page.getByLabel("Peers").fill("p1@peers.example\np2@peers.example\np3@peers.example");
  await pat.page.getByLabel("People who report to you").fill("r1@reports.example\nr2@reports.example");
  await pat.page.getByRole("button", { name: "Send the invitations" }).click();
  await pat.page.waitForURL(/notice=raters/);

  // Raters answer by their links: manager 5; peers 4, 3, 2 (mean 3); reports 1, 2 (hidden).
  const answers = [
    ["boss@harbour-trust.example", 5, "Clear decisions"],
    ["p1@peers.example", 4, "Listening"],
    ["p2@peers.example", 3, "Asking questions"],
    ["p3@peers.example", 2, "Being fair"],
    ["r1@reports.example", 1, "Being there"],
    ["r2@reports.example", 2, "Coffee"],
  ];
  for (const [to, score, text] of answers) await answerAs(await linkFor(to), score, text);

  await pat.page.goto(`${url}${round}`);
  const counts = await pat.page.locator("table").innerText();
  assert.match(counts, /Peers\s+3\s+3/);
  assert.doesNotMatch(counts, /peers\.example/);
  await pat.page.goto(`${url}${round}/report`);
  // While the round is open the raters' figures are held back; the participant closes it.
  await checkPage(pat.page, "feedback360-report-held", /Your 360 feedback report/);
  const held = await pat.page.locator("main").innerText();
  assert.match(held, /Your manager\s+Not shown\s+Shown when the round closes/);
  assert.doesNotMatch(held, /5\.00/);
  await pat.page.getByRole("button", { name: "Close the round and see the report" }).click();
  await pat.page.waitForURL(/\/report$/);
  await checkPage(pat.page, "feedback360-report", /Your 360 feedback report/);
  const report = await pat.page.locator("main").innerText();
  assert.match(report, /You\s+2\.00/);
  assert.match(report, /Your manager\s+5\.00\s+Your manager's answer/);
  assert.match(report, /Peers\s+3\.00\s+The mean of 3 answers/);
  assert.match(report, /People who report to you\s+Not shown\s+Fewer than 3 answers/);
  // All others: the manager and the peers (5 + 4 + 3 + 2) / 4; the hidden reports left out.
  assert.match(report, /All others\s+3\.50/);
  assert.match(report, /Asking questions[\s\S]*Being fair[\s\S]*Listening/);
  assert.doesNotMatch(report, /Being there|Coffee|Clear decisions/);

  // The lead is told the round does not exist.
  const seen = await lead.page.goto(`${url}${round}/report`);
  assert.equal(seen.status(), 404);
  await lead.context.close();
  await pat.context.close();
});
