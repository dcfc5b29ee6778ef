// Meetings for the people in a set (issue 11, items 6 and 7), in a real Chromium at 1280 and
// 390 pixels: a participant's meeting page says when (in plain words, with the zone), where
// (the join link), offers the meeting as a calendar file, and takes apologies that the
// facilitator sees; the facilitator records "everyone was present" and changes one person;
// cancelling a meeting and "X has left" go through confirmation pages that name who will be
// told, and both can be undone; the counts that included the leaver drop and come back.
// Every page passes axe with no violations.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { checkPage as check, signedIn, useDemo, USERS } from "./lib.mjs";

const env = useDemo(before, after);
const checkPage = (page, name, heading) => check(page, `meetings-${name}`, heading);
const as = (email) => signedIn(env, email);
const JOIN = "https://meet.example/spring-set-1";

/** Checks the page again at phone width: axe, a screenshot, and no sideways scrolling. */
async function onPhone(page, name, heading) {
  await page.setViewportSize({ width: 390, height: 844 });
  await checkPage(page, `${name}-390`, heading);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `${name}: the page is ${wide} px wide at 390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** The demo's spring set, as its facilitator or a member reaches it from "Your sets". */
async function openSpringSet(page) {
  await page.goto(`${env.server.url}/sets`);
  await page.locator("main a[href^='/sets/']").first().click();
  await page.waitForURL(/\/sets\/[0-9a-f-]+$/);
  return page.url();
}

/** Emails the demo wrote to its mail folder so far, as text, waiting for `match` to appear. */
async function emailsMatching(match, count) {
  const dir = env.server.mailDir;
  for (let i = 0; i < 100; i++) {
    let texts = [];
    try {
      texts = readdirSync(dir).filter((f) => f.endsWith(".eml")).map((f) => readFileSync(join(dir, f), "utf8"));
    } catch { /* not made yet */ }
    const found = texts.filter((t) => match.test(t));
    if (found.length >= count) return found;
    await new Promise((r) => setTimeout(r, 200));
  }
  assert.fail(`no ${count} emails matching ${match}`);
}

test("the facilitator says where the set meets; a member sees the meeting, adds it to a calendar and sends apologies the facilitator sees", async () => {
  const fran = await as(USERS.facilitator);
  const setUrl = await openSpringSet(fran.page);
  await fran.page.getByLabel("Meeting link or place").fill(JOIN);
  await fran.page.getByRole("button", { name: "Save how the set works" }).click();
  await fran.page.waitForURL(/notice=/);

  const pat = await as(USERS.participant);
  await pat.page.goto(setUrl);
  await checkPage(pat.page, "participant-set", /Set 1/);
  // The next meeting is marked, and every meeting is a link.
  const next = pat.page.locator("[data-next]");
  assert.equal(await next.count(), 1, "one meeting is marked as the next");
  assert.match(await next.innerText(), /Next meeting/);
  await pat.page.getByRole("link", { name: "Meeting 4", exact: true }).click();
  await checkPage(pat.page, "participant-meeting", /Meeting 4/);
  assert.match(await pat.page.locator("[data-when]").innerText(), /^\w+day \d{1,2} \w+ \d{4}, \d{1,2}:\d\d to \d{1,2}:\d\d \(London time\)$/);
  assert.equal(await pat.page.locator("[data-join]").getAttribute("href"), JOIN);
  assert.match(await pat.page.locator("[data-slot]").innerText(), /Presenting: /);
  // Add to calendar: a file with this one meeting, its link and its UID.
  const ics = await pat.page.request.get(env.server.url + await pat.page.locator("[data-ics]").getAttribute("href"));
  assert.equal(ics.status(), 200);
  const body = await ics.text();
  assert.match(body, /BEGIN:VCALENDAR/);
  assert.equal(body.match(/BEGIN:VEVENT/g).length, 1);
  assert.match(body, new RegExp(`LOCATION:${JOIN.replace(/[.]/g, "\\.")}`));
  const meetingUrl = pat.page.url();

  await pat.page.getByLabel("A short note for your facilitator (optional)").fill("On call in clinic");
  await pat.page.getByRole("button", { name: "Send apologies" }).click();
  await pat.page.waitForURL(/notice=apologies/);
  await checkPage(pat.page, "participant-apologies-sent", /Meeting 4/);
  assert.match(await pat.page.locator("[data-my-apology]").innerText(), /Apologies sent/);
  await onPhone(pat.page, "participant-apologies-sent", /Meeting 4/);

  // The facilitator sees them in the attendance list, pre-marked.
  await fran.page.goto(meetingUrl);
  await checkPage(fran.page, "facilitator-sees-apologies", /Meeting 4/);
  assert.match(await fran.page.locator("[data-apologies]").innerText(), /Pat Participant: “On call in clinic”/);
  await fran.page.getByText("Someone was absent: record each person").click();
  assert.ok(await fran.page.locator('[data-attendance="Pat Participant"]').getByLabel("Sent apologies", { exact: true }).isChecked());

  // Withdrawn: the facilitator no longer sees them.
  await pat.page.getByRole("button", { name: "Withdraw your apologies" }).click();
  await pat.page.waitForURL(/notice=apologies_withdrawn/);
  assert.match(await pat.page.locator("[data-my-apology]").innerText(), /You are expected/);
  await fran.page.goto(meetingUrl);
  assert.equal(await fran.page.locator("[data-apologies]").count(), 0);
  await fran.context.close();
  await pat.context.close();
});

test("the facilitator records everyone as present in one action, then changes one person", async () => {
  const { context, page } = await as(USERS.facilitator);
  const setUrl = await openSpringSet(page);
  await page.goto(setUrl);
  await page.getByRole("link", { name: "Meeting 3", exact: true }).click();
  await checkPage(page, "facilitator-attendance", /Meeting 3/);
  // (The meeting's review of earlier actions has radios of its own; the demo's portfolio gave
  // Pat an action at the first meeting. Attendance has none until asked for.)
  assert.equal(
    await page.locator("[data-attendance] input[type=radio]:visible").count(),
    0,
    "no attendance radios until asked for",
  );
  await page.getByRole("button", { name: "Everyone was present" }).click();
  await page.waitForURL(/notice=attendance/);
  await checkPage(page, "facilitator-attendance-saved", /Meeting 3/);
  const rows = page.locator("[data-attended]");
  assert.equal(await rows.count(), 7);
  for (const text of await rows.allInnerTexts()) assert.match(text, /Present/);
  await onPhone(page, "facilitator-attendance-saved", /Meeting 3/);
  // The exception: Bo was not there after all.
  await page.locator('[data-attended="Bo Participant"]').getByRole("link", { name: /Change/ }).click();
  await page.locator('[data-attendance="Bo Participant"]').getByLabel("Absent", { exact: true }).check();
  await page.getByRole("button", { name: "Save attendance" }).click();
  await page.waitForURL(/notice=attendance/);
  assert.match(await page.locator('[data-attended="Bo Participant"]').innerText(), /Absent/);
  assert.match(await page.locator('[data-attended="Pat Participant"]').innerText(), /Present/);
  await context.close();
});

test("cancelling a meeting is confirmed, tells the people it names, and can be undone", async () => {
  const { context, page } = await as(USERS.facilitator);
  const setUrl = await openSpringSet(page);
  await page.goto(setUrl);
  await page.getByRole("link", { name: "Meeting 5", exact: true }).click();
  const meetingUrl = page.url();
  await page.getByRole("button", { name: "Cancel this meeting" }).click();
  await checkPage(page, "cancel-confirm", /Cancel the meeting on .*\(London time\)\?/);
  const told = await page.locator("[data-told] li").allInnerTexts();
  assert.equal(told.length, 8, "seven members and the facilitator");
  assert.ok(told.includes("Pat Participant") && told.includes("Fran Facilitator"));
  await onPhone(page, "cancel-confirm", /Cancel the meeting/);
  // "No" changes nothing.
  await page.getByRole("link", { name: "No, keep the meeting" }).click();
  assert.equal(page.url(), meetingUrl);
  await page.getByRole("button", { name: "Cancel this meeting" }).click();
  await page.getByRole("button", { name: "Yes, cancel the meeting" }).click();
  await page.waitForURL(/notice=cancelled/);
  await checkPage(page, "cancelled", /Cancelled meeting/);
  await emailsMatching(/is cancelled/, told.length);
  await page.goto(setUrl);
  assert.equal(await page.locator("[data-kind=cancelled]").count(), 1);
  // Undo, from the meeting's page.
  await page.locator("[data-kind=cancelled] a").click();
  await page.getByRole("button", { name: "Undo: the meeting goes ahead" }).click();
  await page.waitForURL(/notice=restored/);
  await checkPage(page, "restored", /Meeting 5/);
  await emailsMatching(/going ahead after all/, told.length);
  await page.goto(setUrl);
  assert.equal(await page.locator("[data-kind=cancelled]").count(), 0);
  await context.close();
});

test("someone who has left is confirmed first, counted out, and can be put back", async () => {
  const lead = await as(USERS.admin);
  const { page } = lead;
  await page.goto(`${env.server.url}/admin/programmes`);
  await page.getByRole("link", { name: "Leading Through Change: Action Learning" }).click();
  await page.getByRole("link", { name: "Action learning sets of Spring 2026" }).click();
  const setsUrl = page.url().split("?")[0];
  const places = async () => Number((await page.locator("main").innerText()).match(/(\d+) people have a confirmed place/)[1]);
  assert.equal(await places(), 7);
  // "has left" on the sets page leads to a confirmation page first, never acting on one click.
  await page.getByRole("link", { name: "Bo Participant has left" }).click();
  await page.waitForURL(/\/sets\/leave\?member=/);
  const member = new URL(page.url()).searchParams.get("member");
  await checkPage(page, "leaver-confirm", /Has Bo Participant left Set 1\?/);
  const told = await page.locator("[data-told] li").allInnerTexts();
  assert.deepEqual(told, ["Bo Participant (the person who left)", "Fran Facilitator (facilitator)"]);
  await onPhone(page, "leaver-confirm", /Has Bo Participant left/);
  await page.getByRole("button", { name: "Yes, Bo Participant has left" }).click();
  await page.waitForURL(/leavers\?member=/);
  await checkPage(page, "leaver-done", /Bo Participant has left Set 1/);
  await emailsMatching(/Bo Participant has left Set 1|You have left Set 1/, 2);
  await page.goto(setsUrl);
  assert.equal(await places(), 6, "the confirmed places drop");
  const fran = await as(USERS.facilitator);
  const setUrl = await openSpringSet(fran.page);
  assert.equal(await fran.page.locator("[data-member]").count(), 6, "the set's members drop");

  // Undo.
  await page.goto(`${setsUrl}/leavers?member=${member}`);
  await page.getByRole("button", { name: "Undo: Bo Participant has not left" }).click();
  await checkPage(page, "leaver-undone", /Bo Participant is back in Set 1/);
  await page.goto(setsUrl);
  assert.equal(await places(), 7);
  await fran.page.goto(setUrl);
  assert.equal(await fran.page.locator("[data-member]").count(), 7);
  await fran.context.close();
  await lead.context.close();
});
