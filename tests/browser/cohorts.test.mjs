// The programme journey in a real Chromium (issue 4): a programme lead publishes a programme
// with a one-place cohort; two people apply; the sponsor sees their own nominee; the lead
// approves both and allocates; the first accepts, then withdraws; the place is offered to the
// next in line. Every page passes axe with no violations.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { checkPage as check, day, fillDate, signedIn, ukDay, useDemo, USERS } from "./lib.mjs";

const BO = "participant@bay-council.example";
const env = useDemo(before, after);
const checkPage = (page, name, heading) => check(page, `cohorts-${name}`, heading);
const as = (email) => signedIn(env, email);

async function apply(page, name) {
  await page.goto(`${env.server.url}/programmes`);
  await checkPage(page, `${name}-catalogue`, /Programmes/);
  await page.getByRole("link", { name: "Browser Circles" }).click();
  await checkPage(page, `${name}-programme`, /Browser Circles/);
  await page.getByRole("link", { name: "Apply for Browser Circles" }).click();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForSelector(".error-summary");
  await checkPage(page, `${name}-apply-errors`, /Apply/);
  await page.getByLabel("Two years of group facilitation").check();
  await page.getByLabel("I have discussed this with my OD lead").check();
  await page.getByLabel("Why now?").fill("Our region needs more circles.");
  await page.getByLabel("Choice 1").selectOption({ index: 1 });
  await page.getByRole("button", { name: "Continue" }).click();
  await page.getByRole("button", { name: "Send application" }).click();
  await page.waitForURL(/\/sent$/);
  await page.goto(`${env.server.url}/applications`);
  await checkPage(page, `${name}-applications`, /Your applications/);
}

test("publish, apply, nominate, review, allocate, accept, withdraw, next offered", async () => {
  const url = env.server.url;
  const lead = await as(USERS.admin);
  let page = lead.page;
  await page.goto(`${url}/admin/programmes`);
  await checkPage(page, "lead-programmes", /Programmes/);
  await page.getByRole("link", { name: "Create a programme" }).click();
  await page.getByRole("button", { name: "Create programme" }).click();
  await page.waitForSelector(".error-summary");
  await checkPage(page, "lead-new-errors", /New programme/);
  await page.getByLabel("Title").fill("Browser Circles");
  await page.getByLabel("Summary").fill("Two half days of facilitator training.");
  await page.getByLabel("Kind of programme").selectOption("train_the_trainer");
  await page.getByLabel("Meeting link or place").fill("https://meet.example/circles");
  await page.getByLabel("Eligibility statements").fill("Two years of group facilitation");
  await page.getByLabel("Confirmations").fill("I have discussed this with my OD lead");
  await page.getByLabel("Questions for applicants").fill("Why now?");
  await page.getByRole("button", { name: "Create programme" }).click();
  await page.waitForURL(/notice=created/);
  await checkPage(page, "lead-programme-draft", /Browser Circles/);
  // A cohort with one place, then publish.
  await page.getByLabel("Cohort name").fill("Cohort 1");
  await page.getByLabel("Places", { exact: true }).fill("1");
  await fillDate(page, "Applications open", day(-1));
  await fillDate(page, "Last day to apply", day(20));
  // Sessions typed the UK way, day first.
  await page.getByLabel("Sessions", { exact: true }).fill(`${ukDay(40)} 09:30-13:00\n${ukDay(41)} 09:30-13:00`);
  await page.getByRole("button", { name: "Add cohort" }).click();
  await page.waitForURL(/notice=cohort/);
  await page.getByRole("button", { name: "Publish" }).click();
  await page.waitForURL(/notice=published/);
  await checkPage(page, "lead-programme-published", /Browser Circles/);
  // The last day reads as a day, in words, never as a UTC time (issue 11, item 5).
  const published = await page.locator("main").innerText();
  assert.match(published, /The last day to apply is \d{1,2} [A-Z][a-z]+ \d{4}/);
  assert.doesNotMatch(published, /UTC|\d{4}-\d{2}-\d{2}/);

  const pat = await as(USERS.participant);
  await apply(pat.page, "pat");
  const bo = await as(BO);
  await apply(bo.page, "bo");

  // The sponsor sees their own organisation's nominee only.
  const sam = await as(USERS.sponsor);
  await sam.page.goto(`${url}/sponsor/applications`);
  await checkPage(sam.page, "sponsor-nominees", /Your nominees/);
  const nominees = await sam.page.locator("main").innerText();
  assert.match(nominees, /Pat Participant/);
  assert.doesNotMatch(nominees, /Bo Participant/);
  await sam.context.close();

  // The lead approves both, then allocates the one place.
  await page.goto(`${url}/admin/programmes`);
  await page.getByRole("link", { name: "Browser Circles" }).click();
  await page.getByRole("link", { name: "Review applications for Browser Circles" }).click();
  await page.getByLabel("Select Pat Participant").check();
  await page.getByLabel("Select Bo Participant").check();
  await page.getByLabel("Approve").check();
  await page.getByRole("button", { name: "Save decisions" }).click();
  await page.waitForURL(/notice=decided/);
  await page.goto(`${url}/admin/programmes`);
  await page.getByRole("link", { name: "Browser Circles" }).click();
  await page.getByRole("button", { name: "Allocate places" }).click();
  await page.waitForURL(/notice=allocated/);
  await checkPage(page, "lead-allocated", /Browser Circles/);

  // Pat accepts, then withdraws; Bo, waiting, is offered the place.
  await pat.page.goto(`${url}/applications`);
  await checkPage(pat.page, "pat-offered", /Your applications/);
  await pat.page.getByRole("button", { name: "Accept the place on Browser Circles" }).click();
  await pat.page.waitForURL(/notice=accepted/);
  await checkPage(pat.page, "pat-accepted", /Your applications/);
  await bo.page.goto(`${url}/applications`);
  assert.match(await bo.page.locator("main").innerText(), /number 1 on the waiting list/);
  await pat.page.getByRole("link", { name: "Withdraw from Browser Circles" }).click();
  await pat.page.getByRole("button", { name: "Yes, withdraw from Browser Circles" }).click();
  await pat.page.waitForURL(/notice=withdrawn/);
  await bo.page.goto(`${url}/applications`);
  assert.match(await bo.page.locator("main").innerText(), /Offered a place/);
  await checkPage(bo.page, "bo-offered", /Your applications/);

  // The lead renames the cohort on its own page; a bad value is refused first.
  await page.goto(`${url}/admin/programmes`);
  await page.getByRole("link", { name: "Browser Circles" }).click();
  await page.getByRole("link", { name: "Change the details of Cohort 1" }).click();
  await checkPage(page, "lead-cohort-edit", /Change Cohort 1/);
  await page.getByLabel("Places", { exact: true }).fill("");
  await page.getByLabel("Cohort name").fill("Cohort One");
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForSelector(".error-summary");
  await checkPage(page, "lead-cohort-edit-errors", /Change Cohort 1/);
  await page.getByLabel("Places", { exact: true }).fill("1");
  await page.getByRole("button", { name: "Save changes" }).click();
  await page.waitForURL(/notice=cohort-changed/);
  assert.match(await page.locator("main").innerText(), /Cohort One/);

  // The private calendar feed page.
  await bo.page.goto(`${url}/account/calendar`);
  await checkPage(bo.page, "bo-calendar", /Calendar feed/);
  for (const c of [lead, pat, bo]) await c.context.close();
});
