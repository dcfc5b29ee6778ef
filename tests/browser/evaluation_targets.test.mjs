// Evaluation targets in a real Chromium (issue 14): the lead opens a programme's targets,
// sends the empty form (error summary first), adds a target with the date boxes, records the
// measured value and sees it met; the evaluator reads the same page without Change links.
// Every page passes axe with no violations and does not scroll sideways on a phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { checkPage as check, day, fillDate, signedIn, useDemo, USERS } from "./lib.mjs";

const env = useDemo(before, after);
const checkPage = (page, name, heading) => check(page, `targets-${name}`, heading);

test("a lead adds and measures a target; an evaluator reads it", async () => {
  const url = env.server.url;
  const lead = await signedIn(env, USERS.admin);
  const page = lead.page;
  await page.goto(`${url}/admin/programmes`);
  await page.locator("main table a").first().click();
  await page.getByRole("link", { name: "Evaluation targets" }).click();
  await checkPage(page, "lead-list-empty", /Evaluation targets/);
  const listUrl = page.url();

  await page.getByRole("button", { name: "Add a target" }).click();
  await page.getByRole("button", { name: "Add the target" }).click();
  await page.waitForSelector(".error-summary");
  await checkPage(page, "lead-form-errors", /Add a target/);
  const summary = await page.locator(".error-summary").innerText();
  assert.match(summary, /Enter the measure/);
  assert.match(summary, /Enter the date the target should be met by/);

  await page.getByLabel("Measure").fill("Staff retention at 12 months");
  await page.getByLabel("Unit (optional)").fill("%");
  await page.getByLabel("Baseline").fill("85.5");
  await page.getByLabel("Target value").fill("90");
  await fillDate(page, "Date to reach it by", day(400));
  await page.getByRole("button", { name: "Add the target" }).click();
  await page.waitForURL(/notice=added/);
  await checkPage(page, "lead-list-added", /Evaluation targets/);
  assert.match(await page.locator("main").innerText(), /Increase to 90%/);

  // The demo's own targets come first (by date); ours is due last.
  await page.getByRole("link", { name: "Record the measured value" }).last().click();
  await checkPage(page, "lead-measure", /Record the measured value/);
  await page.getByLabel("Measured value").fill("91");
  await fillDate(page, "Date it was measured", day(-1));
  await page.getByRole("button", { name: "Save the measured value" }).click();
  await page.waitForURL(/notice=measured/);
  await checkPage(page, "lead-list-measured", /Evaluation targets/);
  assert.match(await page.locator("[data-target] .tag").last().innerText(), /^Met$/);

  const eve = await signedIn(env, USERS.evaluator);
  await eve.page.goto(listUrl.split("?")[0]);
  await checkPage(eve.page, "evaluator-list", /Evaluation targets/);
  assert.match(await eve.page.locator("main").innerText(), /Staff retention at 12 months/);
  assert.equal(await eve.page.getByRole("link", { name: /^Change/ }).count(), 0);
});
