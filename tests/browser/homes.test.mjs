// The task home (issue 11, items 1 and 11): each demo role signs in and finds what needs
// doing, with counts that match the pages they link to; axe finds nothing; at 1280 and
// 390 pixels no home is wider than the screen.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { checkPage, useDemo, USERS, signIn } from "./lib.mjs";

const env = useDemo(before, after);
const WIDTHS = [[1280, 800], [390, 844]];

/** A fresh context of the given size, signed in as `email`, on the home page. */
async function homeAs(email, width, height) {
  const context = await env.browser.newContext({ viewport: { width, height } });
  const page = await context.newPage();
  await signIn(page, env.server.url, email);
  return { context, page };
}

async function noOverflow(page, width, name) {
  const scroll = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(scroll <= width, `${name}: page is ${scroll} px wide on a ${width} px screen`);
}

/** The task line of a kind in a section: its count and link. */
async function taskLine(page, section, kind) {
  const line = page.locator(`[data-home="${section}"] [data-task="${kind}"]`);
  assert.equal(await line.count(), 1, `${section} has one ${kind} line`);
  return { count: Number(await line.getAttribute("data-count")), link: line.locator("a") };
}

for (const [width, height] of WIDTHS) {
  test(`a programme lead's home lists the work waiting, at ${width} px`, async () => {
    const { context, page } = await homeAs(USERS.admin, width, height);
    await checkPage(page, `admin-home-${width}`, /Welcome, Priya Lead/);
    await noOverflow(page, width, "lead home");
    assert.ok(await page.getByRole("heading", { name: "Programmes you run" }).isVisible());
    const waiting = await taskLine(page, "lead", "waiting_for_sets");
    assert.match(await waiting.link.innerText(), new RegExp(`^${waiting.count} people with a confirmed place are waiting for a set$`));
    // The demo has made no sets for the autumn cohort: everyone with a place is waiting.
    await waiting.link.click();
    await page.waitForURL(/\/admin\/cohorts\/[^/]+\/sets$/);
    const placed = await page.locator("main p", { hasText: "have a confirmed place" }).first().innerText();
    assert.equal(Number(placed.match(/^(\d+) people/)[1]), waiting.count, "the count matches the sets page");
    // The admin links are still there, as secondary cards.
    await page.goto(`${env.server.url}/`);
    for (const name of ["People", "Organisations", "Audit log"]) {
      assert.ok(await page.locator("[data-home=lead] .card").getByRole("link", { name, exact: true }).isVisible(), name);
    }
    await context.close();
  });

  test(`a sponsor's home shows their nominees by state, at ${width} px`, async () => {
    const { context, page } = await homeAs(USERS.sponsor, width, height);
    await checkPage(page, `sponsor-home-${width}`, /Welcome, Sam Sponsor/);
    await noOverflow(page, width, "sponsor home");
    const confirmedRow = page.locator("[data-nominee-states] .summary-list__row", { hasText: "Place confirmed" });
    const confirmed = Number(await confirmedRow.locator("dd").innerText());
    assert.ok(confirmed > 0, "the demo's people from the trust have places");
    assert.ok(await page.locator("[data-home=sponsor] [data-nothing]").isVisible(), "no approval waits in the demo");
    await page.getByRole("link", { name: /See your nominees/ }).click();
    await page.waitForURL(/\/sponsor\/applications$/);
    const rows = await page.locator("table tbody tr", { hasText: "Place confirmed" }).count();
    assert.equal(rows, confirmed, "the count matches the nominees page");
    await context.close();
  });

  test(`a participant's home shows today's meeting and their set by programme, at ${width} px`, async () => {
    const { context, page } = await homeAs(USERS.participant, width, height);
    await checkPage(page, `participant-home-${width}`, /Welcome, Pat Participant/);
    await noOverflow(page, width, "participant home");
    const next = page.locator("[data-next-meeting]");
    assert.ok(await next.isVisible());
    // The demo's third meeting starts as the demo is made: today, in London time.
    assert.ok(await next.locator(".tag", { hasText: "Today" }).isVisible());
    assert.match(await next.innerText(), /Today, \d\d:\d\d to \d\d:\d\d \(London time\)/);
    assert.match(await next.innerText(), /Set 1 \(Leading Through Change: Action Learning: Spring 2026\)/);
    const mySet = page.locator("[data-my-sets] li");
    assert.equal(await mySet.count(), 1);
    assert.match(await mySet.innerText(), /Leading Through Change: Action Learning: Spring 2026/);
    await next.getByRole("link", { name: /Go to the meeting/ }).click();
    await page.waitForURL(/\/meetings\/[^/]+$/);
    await page.goto(`${env.server.url}/`);
    await page.locator("[data-my-sets]").getByRole("link", { name: "Set 1" }).click();
    await page.waitForURL(/\/sets\/[^/]+$/);
    await context.close();
  });

  test(`a facilitator's home lists their sets with the next meeting, at ${width} px`, async () => {
    const { context, page } = await homeAs(USERS.facilitator, width, height);
    await checkPage(page, `facilitator-home-${width}`, /Welcome, Fran Facilitator/);
    await noOverflow(page, width, "facilitator home");
    const sets = page.locator("[data-facilitated-sets] li");
    assert.equal(await sets.count(), 1);
    assert.match(await sets.innerText(), /Set 1[\s\S]*Spring 2026[\s\S]*Next: Today/);
    // Both meetings held so far have attendance recorded in the demo.
    assert.match(await page.locator("[data-home=facilitator] [data-nothing]").innerText(), /Attendance is recorded/);
    // Fran is also a participant, in no set yet: that section says so.
    assert.ok(await page.locator("[data-no-sets]").isVisible());
    await context.close();
  });

  test(`an evaluator's home says what they can see and the CSVs hide small numbers, at ${width} px`, async () => {
    const { context, page } = await homeAs(USERS.evaluator, width, height);
    await checkPage(page, `evaluator-home-${width}`, /Welcome, Eve Evaluator/);
    await noOverflow(page, width, "evaluator home");
    assert.match(await page.locator("[data-home=evaluator]").innerText(), /shown as "Fewer than 8"/);
    const links = page.locator("[data-reports] a");
    assert.equal(await links.count(), 5);
    assert.equal(await page.getByRole("link", { name: "Evaluation of each programme" }).count(), 1);
    for (const name of ["Sets overview (CSV)", "Attendance by set (CSV)"]) {
      const href = await page.getByRole("link", { name }).getAttribute("href");
      const r = await context.request.get(`${env.server.url}${href}`);
      assert.equal(r.status(), 200, name);
      assert.match(r.headers()["content-type"], /^text\/csv/);
      const text = await r.text();
      // Spring 2026's set has 7 members: too few to show.
      assert.match(text, /"Spring 2026",[^\r\n]*"Fewer than 8"/, name);
      assert.doesNotMatch(text, /Pat Participant|Bo Participant/, name);
    }
    await page.getByRole("link", { name: "How the sets are going" }).click();
    await checkPage(page, `evaluator-sets-overview-${width}`, /How the sets are going/);
    await context.close();
  });
}

test("a participant cannot download the evaluator's CSVs", async () => {
  const { context } = await homeAs(USERS.participant, 1280, 800);
  for (const path of ["/reports/sets.csv", "/reports/attendance.csv"]) {
    const r = await context.request.get(`${env.server.url}${path}`);
    assert.equal(r.status(), 403, path);
  }
  await context.close();
});
