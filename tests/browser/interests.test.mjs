// Masterclasses from interests (issue 16) in a real Chromium: a set member follows the link on
// their set's page, asks for a topic in their own words and withdraws it; the lead reads the
// figures (a shown and a hidden topic), checks their answers and makes a draft masterclass.
// Every page passes axe with no violations and does not scroll sideways on a phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { checkPage as check, useDemo, signedIn, USERS } from "./lib.mjs";

const env = useDemo(before, after);
const checkPage = (page, name, heading) => check(page, `interests-${name}`, heading);

test("a member asks for a topic and withdraws it", async () => {
  const { context, page } = await signedIn(env, USERS.participant);
  await page.goto(`${env.server.url}/sets`);
  await page.getByRole("link", { name: "Set 1" }).first().click();
  await page.getByRole("link", { name: "Suggest a masterclass topic" }).click();
  await page.waitForURL(/\/interests$/);
  await checkPage(page, "mine", /Masterclass topics/);

  // Nothing chosen: the error summary first, naming the topic.
  await page.getByRole("button", { name: "Ask for this topic" }).click();
  await checkPage(page, "error", /Masterclass topics/);
  assert.match(await page.locator(".error-summary").innerText(), /Choose a topic or write one/);

  await page.getByLabel("Or, in your own words").fill("  Leading   through CHANGE ");
  await page.getByRole("button", { name: "Ask for this topic" }).click();
  await page.waitForURL(/notice=recorded/);
  await checkPage(page, "recorded", /Masterclass topics/);
  assert.match(await page.locator("[data-interests]").innerText(), /Leading through change/);

  await page.getByRole("button", { name: /Withdraw Leading through change/ }).click();
  await page.waitForURL(/notice=withdrawn/);
  await checkPage(page, "withdrawn", /Masterclass topics/);
  assert.doesNotMatch(await page.locator("main").innerText(), /Leading through change/);
  await context.close();
});

test("the lead reads the figures and makes a masterclass from a shown topic", async () => {
  const { context, page } = await signedIn(env, USERS.admin);
  await page.goto(`${env.server.url}/admin/interests`);
  await checkPage(page, "figures", /Masterclass interests/);
  const table = await page.locator("[data-interest-topics]").innerText();
  assert.match(table, /Managing change\s+10/);
  assert.match(table, /Coaching conversations\s+Fewer than 8/);

  await page.getByRole("link", { name: "Create a masterclass on Managing change" }).click();
  await checkPage(page, "check", /Check your answers/);
  assert.match(await page.locator("[data-people]").innerText(), /10/);
  await page.getByRole("button", { name: "Create the draft masterclass" }).click();
  await page.waitForURL(/masterclass\/made/);
  await checkPage(page, "made", /Masterclass made/);
  assert.match(await page.locator("[data-panel]").innerText(), /Managing change/);

  await page.goto(`${env.server.url}/admin/interests`);
  assert.match(await page.locator("[data-interest-topics]").innerText(), /Masterclass made/);
  await context.close();
});
