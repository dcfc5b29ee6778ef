// Completion and CPD (issue 16, C10) in a real Chromium: the lead opens a cohort's completion
// overview from the programme, filters those at risk, keeps a session's register (a row left
// blank is named in the error summary), records an exception through check your answers, and
// a participant reads their own CPD record. Every page passes axe with no violations and does
// not scroll sideways on a phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { checkPage as check, useDemo, signedIn, USERS } from "./lib.mjs";

const env = useDemo(before, after);
const checkPage = (page, name, heading) => check(page, `completion-${name}`, heading);

test("a lead sees who is at risk, keeps a register and records an exception", async () => {
  const { context, page } = await signedIn(env, USERS.admin);
  await page.goto(`${env.server.url}/admin/programmes`);
  await page.getByRole("link", { name: "Leading Through Change: Action Learning" }).click();
  await page.getByRole("link", { name: "Completion and CPD of Spring 2026" }).click();
  await checkPage(page, "overview", /Completion: Spring 2026/);
  const main = await page.locator("main").innerText();
  assert.match(main, /At least 5 of the 6 sessions/);
  assert.match(main, /Completed \(exception\)/);
  assert.equal(await page.locator('[data-count="at_risk"]').innerText(), "2");

  // Only those at risk.
  await page.getByLabel("Standing", { exact: true }).selectOption({ label: "At risk" });
  await page.getByRole("button", { name: "Filter" }).click();
  await page.waitForURL(/standing=at_risk/);
  await checkPage(page, "at-risk", /Completion: Spring 2026/);
  const table = await page.locator("[data-participants]").innerText();
  assert.match(table, /Bo Participant/);
  assert.match(table, /Chloe Evans/);
  assert.doesNotMatch(table, /Pat Participant/);

  // The register of session 3: one row left blank, then everyone marked.
  await page.getByRole("link", { name: "Attendance register for session 3" }).click();
  await checkPage(page, "register", /Attendance: session 3 of 6/);
  await page.evaluate(() => {
    // Clear Bo's answer, as if the lead had not chosen yet.
    for (const legend of document.querySelectorAll("legend")) {
      if (legend.textContent.includes("Bo Participant")) {
        for (const r of legend.parentElement.querySelectorAll("input[type=radio]")) r.checked = false;
      }
    }
  });
  await page.getByRole("button", { name: "Save attendance" }).click();
  await page.waitForSelector("[data-error-summary]");
  await checkPage(page, "register-error", /Attendance: session 3 of 6/);
  assert.match(await page.locator("[data-error-summary]").innerText(), /Choose present or absent for Bo Participant/);
  await page.getByRole("group", { name: /Bo Participant/ }).getByLabel("Absent").check();
  await page.getByRole("button", { name: "Save attendance" }).click();
  await page.waitForURL(/notice=saved/);
  await checkPage(page, "register-saved", /Attendance: session 3 of 6/);

  // Bo has now missed two: they can no longer complete. The lead records an exception.
  await page.getByRole("link", { name: "Back to completion" }).click();
  await page.getByRole("link", { name: "Record an exception for Bo Participant" }).click();
  await checkPage(page, "exception", /Exception for Bo Participant/);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForSelector("[data-error-summary]");
  await checkPage(page, "exception-error", /Exception for Bo Participant/);
  await page.getByLabel("Reason for the exception").fill("Attended the Bay Council make-up day for sessions 2 and 3");
  await page.getByRole("button", { name: "Continue" }).click();
  await checkPage(page, "exception-check", /Check your answers/);
  assert.match(await page.locator("[data-reason]").innerText(), /Bay Council make-up day/);
  await page.getByRole("button", { name: "Record the exception" }).click();
  await page.waitForURL(/notice=exception/);
  await checkPage(page, "exception-recorded", /Completion: Spring 2026/);
  assert.match(await page.locator("main").innerText(), /Exception recorded/);
  assert.match(await page.locator('[data-count="completed"]').innerText(), /^2/);
  await context.close();
});

test("a participant reads their own CPD record", async () => {
  const { context, page } = await signedIn(env, USERS.participant);
  await page.getByRole("link", { name: "CPD record" }).click();
  await checkPage(page, "mine", /Your CPD record/);
  const main = await page.locator("main").innerText();
  assert.match(main, /Leading Through Change: Action Learning: Spring 2026/);
  assert.match(main, /On track/);
  assert.match(main, /From the cohort's sessions\s+9 hours/);
  assert.match(main, /From set meetings\s+6 hours/);
  assert.doesNotMatch(main, /Bo Participant/);
  await context.close();
});
