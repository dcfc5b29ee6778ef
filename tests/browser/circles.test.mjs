// Support circles (C7) in a real Chromium: the public calendar by month and as a list on a
// phone-sized page, filtered by topic; a visitor signs in to book and comes back to the
// circle; one click books a place; My circles lists it and cancels it. Every page passes axe
// with no violations and does not scroll sideways on a phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { checkPage as check, useDemo, USERS, PASSWORD } from "./lib.mjs";

const env = useDemo(before, after);
const checkPage = (page, name, heading) => check(page, `circles-${name}`, heading);

test("a visitor finds a circle on a phone, signs in to book it, and cancels it from My circles", async () => {
  const url = env.server.url;
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(`${url}/circles`);
  // With more than one region, a visitor picks theirs first.
  if (await page.getByLabel("Which region do you work in?").count()) {
    await checkPage(page, "region", /Support circles/);
    await page.getByLabel("Which region do you work in?").selectOption({ label: "North Coast ICS" });
    await page.getByRole("button", { name: "Show circles" }).click();
  }
  await page.waitForSelector("text=Burnout: noticing it early");
  await checkPage(page, "month", /Support circles/);
  const month = await page.locator("main").innerText();
  assert.match(month, /Hybrid working: keeping a team together/);
  assert.match(month, /12 of 12 places left/);

  // A filter: only hybrid working.
  await page.getByText("Filter circles").click();
  await page.getByLabel("Topic").selectOption({ label: "Hybrid working" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await page.waitForURL(/topic=hybrid-working/);
  await checkPage(page, "filtered", /Support circles/);
  const filtered = await page.locator("main").innerText();
  assert.match(filtered, /Hybrid working: keeping a team together/);
  assert.doesNotMatch(filtered, /Burnout: noticing it early/);

  // As a list, every topic again.
  await page.goto(`${page.url().replace(/topic=[^&]*/, "topic=").replace(/view=[^&]*/, "view=list")}`);
  await page.waitForSelector("#circle-list");
  await checkPage(page, "list", /Support circles/);
  assert.match(await page.locator("#circle-list").innerText(), /Burnout: noticing it early/);

  // Booking asks a visitor to sign in, then brings them back to the circle.
  await page.getByRole("link", { name: "Burnout: noticing it early" }).click();
  await checkPage(page, "circle-signed-out", /Burnout: noticing it early/);
  const circleUrl = page.url();
  await page.getByRole("link", { name: "Sign in to book" }).click();
  await page.getByLabel("Email address").fill(USERS.participant);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(circleUrl);
  await page.getByRole("button", { name: "Book a place" }).click();
  await page.waitForURL(/notice=booked/);
  await checkPage(page, "booked", /Burnout: noticing it early/);
  assert.match(await page.locator("main").innerText(), /You have a place on this circle/);
  assert.match(await page.locator("#places-left").innerText(), /11 of 12 places left/);

  // My circles: the booking, cancelled from there.
  await page.goto(`${url}/circles/mine`);
  await checkPage(page, "mine", /My circles/);
  assert.match(await page.locator("main").innerText(), /Burnout: noticing it early/);
  await page.getByRole("button", { name: /Cancel/ }).first().click();
  await page.waitForURL(/notice=cancelled/);
  await checkPage(page, "mine-cancelled", /My circles/);
  assert.match(await page.locator("main").innerText(), /You have no circles booked/);
  await context.close();
});
