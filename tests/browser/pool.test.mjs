// The regional facilitator pool (issue 15, C6) in a real Chromium: a facilitator leaves and
// joins the pool (the form with its errors, check your answers, the confirmation), then says they are
// unavailable from today; the lead reads the pool and sees the facilitator's set needs a
// replacement. Every page passes axe and does not scroll sideways on a phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { checkPage as check, day, signedIn, useDemo, USERS } from "./lib.mjs";

const env = useDemo(before, after);
const checkPage = (page, name, heading) => check(page, `pool-${name}`, heading);

test("a facilitator joins the pool and becomes unavailable; the lead sees a replacement is needed", async () => {
  const url = env.server.url;
  const fac = await signedIn(env, USERS.facilitator);
  const page = fac.page;
  await page.goto(`${url}/facilitators/pool`);
  // The demo has Fran in the pool already: she leaves it, then joins again from the start.
  await checkPage(page, "mine", /The facilitator pool/);
  assert.match(await page.locator("main").innerText(), /When you can facilitate/);
  await page.getByRole("button", { name: "Leave the pool" }).click();
  await page.goto(`${url}/facilitators/pool`);
  await checkPage(page, "left", /The facilitator pool/);
  await page.getByRole("link", { name: "Join the pool" }).click();
  await checkPage(page, "form", /Your place in the pool/);

  await page.getByLabel("How many sets and circles can you run at once?").fill("");
  await page.getByRole("button", { name: "Continue" }).click();
  await page.waitForSelector(".error-summary");
  await checkPage(page, "form-errors", /Your place in the pool/);
  assert.match(await page.locator(".error-summary").innerText(), /from 1 to 20/);

  await page.getByLabel("How many sets and circles can you run at once?").fill("2");
  await page.getByLabel("Yes").check();
  await page.getByLabel("Time zone").fill("Europe/London");
  for (const d of [1, 2, 3, 4, 5]) {
    await page.locator(`#d${d}_from`).fill("00:00");
    await page.locator(`#d${d}_to`).fill("23:59");
  }
  await page.getByRole("button", { name: "Continue" }).click();
  await checkPage(page, "check", /Check your answers/);
  assert.match(await page.locator("main").innerText(), /Tuesday 00:00 to 23:59/);
  await page.getByRole("button", { name: "Confirm and join the pool" }).click();
  await checkPage(page, "confirmed", /You are in the pool/);

  // Unavailable from today, with no last day.
  await page.goto(`${url}/facilitators/pool`);
  const [y, m, d] = day(0).split("-");
  await page.getByLabel("First day away").fill(`${Number(d)}/${Number(m)}/${y}`);
  await page.getByRole("button", { name: "Save days away" }).click();
  await checkPage(page, "away", /The facilitator pool/);
  assert.match(await page.locator("main").innerText(), /Unavailable from/);

  // The facilitator's set, for the lead's proposals page.
  await page.goto(`${url}/sets`);
  const href = await page.locator('main a[href^="/sets/"]').first().getAttribute("href");
  const setId = href.split("/")[2];

  const lead = await signedIn(env, USERS.admin);
  await lead.page.goto(`${url}/admin/pool`);
  await checkPage(lead.page, "admin", /The facilitator pool/);
  assert.match(await lead.page.locator("main").innerText(), /Fran Facilitator/);
  assert.match(await lead.page.locator("main").innerText(), /Unavailable from/);

  await lead.page.goto(`${url}/admin/sets/${setId}/facilitator-proposals`);
  await checkPage(lead.page, "replacement", /Facilitators/);
  assert.match(await lead.page.locator("main").innerText(), /needs a replacement/);
  await fac.context.close();
  await lead.context.close();
});
