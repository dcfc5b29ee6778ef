// The CPD portfolio (issue 16) in a real Chromium: the demo participant's portfolio shows the
// evidence the demo tagged, grouped by dimension; they add evidence (errors first, then check
// your answers, then the confirmation on the portfolio), download the PDF and remove evidence;
// the lead adds a framework of their own (a broken file names its line) and removes it. Every
// page passes axe with no violations and does not scroll sideways on a phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { checkPage as check, useDemo, signedIn, USERS } from "./lib.mjs";

const env = useDemo(before, after);
const checkPage = (page, name, heading) => check(page, `portfolio-${name}`, heading);

test("a participant reads their portfolio, adds evidence after checking it, downloads it and removes it", async () => {
  const { context, page } = await signedIn(env, USERS.participant);
  await page.goto(`${env.server.url}/portfolio`);
  await checkPage(page, "mine", /Your CPD portfolio/);
  const main = await page.locator("main").innerText();
  assert.match(main, /Leading with care/);
  assert.match(main, /Run a ten-minute huddle on handovers/);

  // Continue with nothing chosen: the error summary names both answers.
  await page.getByRole("link", { name: "Add evidence" }).click();
  await checkPage(page, "new", /Add evidence/);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForSelector(".error-summary");
  await checkPage(page, "new-errors", /Add evidence/);
  const summary = await page.locator(".error-summary").innerText();
  assert.match(summary, /Choose the entry, action or session/);
  assert.match(summary, /Choose at least one dimension/);

  // Choose the demo's second entry, two dimensions, a note; check; save.
  await page.getByLabel(/I shared the handover data with the matron/).check();
  await page.getByLabel("Sharing the vision").check();
  await page.getByLabel("Influencing for results").check();
  await page.getByLabel("A short note (optional)").fill("Data first, then the proposal");
  await page.getByRole("button", { name: "Continue" }).click();
  await checkPage(page, "check", /Check your answers/);
  const answers = await page.locator("main").innerText();
  assert.match(answers, /Sharing the vision/);
  assert.match(answers, /Data first, then the proposal/);
  await page.getByRole("button", { name: "Add to your portfolio" }).click();
  await page.waitForURL(/notice=added/);
  await checkPage(page, "added", /Your CPD portfolio/);
  assert.match(await page.locator("main").innerText(), /Evidence added to your portfolio/);
  assert.match(await page.locator("main").innerText(), /Influencing for results/);

  // The PDF downloads.
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: /Download your portfolio/ }).click(),
  ]);
  assert.match(download.suggestedFilename(), /^cpd-portfolio-.*\.pdf$/);

  // Removing evidence keeps the entry but takes it out of the portfolio.
  const before = await page.locator("[data-evidence]").count();
  await page.getByRole("button", { name: /Remove/ }).first().click();
  await page.waitForURL(/notice=removed/);
  await checkPage(page, "removed", /Your CPD portfolio/);
  assert.ok((await page.locator("[data-evidence]").count()) < before);
  await context.close();
});

test("a lead adds a framework of their own, a broken file naming its line, and removes it", async () => {
  const { context, page } = await signedIn(env, USERS.admin);
  await page.goto(`${env.server.url}/admin/frameworks`);
  await checkPage(page, "admin", /Professional frameworks/);
  assert.match(await page.locator("main").innerText(), /NHS Healthcare Leadership Model/);
  const file = [
    'id = "hcpc-standards"',
    'name = "HCPC standards of proficiency"',
    'source = "Health and Care Professions Council"',
    "",
    "[[dimensions]]",
    'key = "Reflect Now"',
    'name = "Reflective practice"',
    'description = "Learning from experience"',
  ].join("\n");
  await page.getByLabel("Framework file").fill(file);
  await page.getByRole("button", { name: "Add the framework" }).click();
  await page.waitForSelector(".error-summary");
  await checkPage(page, "admin-errors", /Professional frameworks/);
  assert.match(await page.locator(".error-summary").innerText(), /Line 6, dimensions\[1\]\.key/);
  await page.getByLabel("Framework file").fill(file.replace("Reflect Now", "reflect"));
  await page.getByRole("button", { name: "Add the framework" }).click();
  await page.waitForURL(/notice=added/);
  await checkPage(page, "admin-added", /Professional frameworks/);
  assert.match(await page.locator("main").innerText(), /HCPC standards of proficiency/);
  await page.getByRole("button", { name: /Remove HCPC standards/ }).click();
  await page.waitForURL(/notice=removed/);
  assert.doesNotMatch(await page.locator("main").innerText(), /HCPC standards of proficiency/);
  await context.close();
});
