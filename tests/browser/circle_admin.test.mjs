// Support circles for leads in a real Chromium (issue 15, C7): the lead opens the region's
// circles (the demo's month of them), sends the empty form (error summary first), creates a
// circle with the date boxes and a facilitator from the pool, checks it, publishes it and
// reads the confirmation; the evaluator reads the report with small numbers hidden. Every page
// passes axe with no violations and does not scroll sideways on a phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { checkPage as check, day, fillDate, signedIn, useDemo, USERS } from "./lib.mjs";

const env = useDemo(before, after);
const checkPage = (page, name, heading) => check(page, `circles-${name}`, heading);

test("a lead creates, checks and publishes a circle; an evaluator reads the report", async () => {
  const url = env.server.url;
  const lead = await signedIn(env, USERS.admin);
  const page = lead.page;
  await page.goto(`${url}/admin/circles`);
  await checkPage(page, "list", /Support circles/);
  assert.match(await page.locator("main").innerText(), /Agile working in health and care/);

  await page.getByRole("button", { name: "Create a circle" }).click();
  await checkPage(page, "new", /Create a support circle/);
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForSelector(".error-summary");
  await checkPage(page, "new-errors", /Create a support circle/);
  const summary = await page.locator(".error-summary").innerText();
  assert.match(summary, /Enter a title/);
  assert.match(summary, /Select one or two facilitators/);

  await page.getByLabel("Title").fill("Hybrid working: meetings that include everyone");
  await page.getByLabel("Description").fill("For anyone whose team is split between places.");
  await page.getByLabel("Topics").fill("hybrid working, meetings");
  await page.getByLabel("Organisation that runs it").selectOption({ label: "North Coast ICS" });
  await fillDate(page, "Date of the first session", day(21));
  await page.getByLabel("Starts at").fill("13:00");
  await page.getByLabel("Ends at").fill("14:30");
  await page.getByLabel("Virtual").check();
  await page.getByLabel("Link or place").fill("https://meet.example/hybrid-meetings");
  await page.getByLabel("Fran Facilitator").check();
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForSelector("[data-status]");
  await checkPage(page, "check", /Check the circle before publishing it/);
  assert.match(await page.locator("main").innerText(), /hybrid working, meetings/);

  await page.getByRole("button", { name: "Publish the circle" }).click();
  await page.waitForSelector("[data-panel]");
  await checkPage(page, "published", /Circle published/);
  await lead.context.close();

  const evaluator = await signedIn(env, USERS.evaluator);
  await evaluator.page.goto(`${url}/admin/circles/report`);
  await checkPage(evaluator.page, "report", /Support circles in figures/);
  assert.match(await evaluator.page.locator("main").innerText(), /hybrid working/);
  await evaluator.context.close();
});
