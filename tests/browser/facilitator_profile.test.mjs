// Facilitator records in a real Chromium (issue 15): the demo facilitator opens their profile
// (background, qualifications, sets run, supervised hours), sends an empty qualification form
// (error summary first), adds one with the date boxes, logs a supervision session and sees the
// hours grow; the lead of the region reads the profile without Change links and downloads the
// region's supervised hours. Every page passes axe with no violations and does not scroll
// sideways on a phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { checkPage as check, day, fillDate, signedIn, useDemo, USERS } from "./lib.mjs";

const env = useDemo(before, after);
const checkPage = (page, name, heading) => check(page, `facilitator-${name}`, heading);

test("a facilitator keeps their profile and logs supervision; the lead reads both", async () => {
  const url = env.server.url;
  const fran = await signedIn(env, USERS.facilitator);
  const page = fran.page;
  await page.goto(`${url}/`);
  await page.getByRole("link", { name: "Your facilitator profile" }).click();
  await checkPage(page, "profile", /Your facilitator profile/);
  const main = await page.locator("main").innerText();
  assert.match(main, /Leadership Support Circles Facilitator/);
  assert.match(main, /Awarded for completing/);
  assert.equal(await page.locator("[data-supervised-hours]").innerText(), "4.5");

  await page.getByRole("button", { name: "Add a qualification" }).click();
  await page.getByRole("button", { name: "Add the qualification" }).click();
  await page.waitForSelector(".error-summary");
  await checkPage(page, "qualification-errors", /Add a qualification/);
  const summary = await page.locator(".error-summary").innerText();
  assert.match(summary, /Enter the qualification's name/);

  await page.getByLabel("Name of the qualification").fill("Coaching Supervision");
  await page.getByLabel("Level").fill("Level 7");
  await fillDate(page, "Date awarded", day(-30));
  await page.getByRole("button", { name: "Add the qualification" }).click();
  await page.waitForURL(/notice=added/);
  await checkPage(page, "profile-added", /Your facilitator profile/);
  assert.match(await page.locator("main").innerText(), /Coaching Supervision/);

  await page.getByRole("link", { name: "Change years facilitating groups" }).click();
  await checkPage(page, "background", /Your background/);
  await page.getByLabel("Years facilitating groups").fill("7");
  await page.getByRole("button", { name: "Save your background" }).click();
  await page.waitForURL(/notice=background/);
  assert.equal(await page.locator("[data-years]").innerText(), "7");

  await page.getByRole("link", { name: /Log supervision/ }).click();
  await checkPage(page, "supervision", /Your supervision/);
  await page.getByRole("button", { name: "Log the session" }).click();
  await page.waitForSelector(".error-summary");
  await checkPage(page, "supervision-errors", /Your supervision/);
  await fillDate(page, "Date of the session", day(-2));
  // The region's facilitators and leads can be named; Fran's supervisor is Priya Lead.
  await page.getByLabel("Supervisor").selectOption({ label: "Priya Lead" });
  await page.getByLabel("Hours").fill("1.5");
  await page.getByLabel("One-to-one").check();
  await page.getByRole("button", { name: "Log the session" }).click();
  await page.waitForURL(/notice=logged/);
  await checkPage(page, "supervision-logged", /Your supervision/);
  assert.equal(await page.locator("[data-supervised-hours]").innerText(), "6");
  assert.equal(await page.locator("[data-session]").count(), 4);

  const lead = await signedIn(env, USERS.admin);
  const lp = lead.page;
  // The lead finds Fran among the region's people; her profile is under her id.
  await lp.goto(`${url}/admin/people`);
  await lp.getByRole("link", { name: "Fran Facilitator" }).first().click();
  const franId = lp.url().split("/").pop().split("?")[0];
  await lp.goto(`${url}/admin/facilitators/${franId}`);
  await checkPage(lp, "lead-profile", /Fran Facilitator: facilitator profile/);
  assert.match(await lp.locator("main").innerText(), /Coaching Supervision/);
  assert.equal(await lp.getByRole("link", { name: /^Change/ }).count(), 0);
  const csv = await lp.request.get(`${url}/admin/supervision/hours.csv`);
  assert.equal(csv.status(), 200);
  assert.match(await csv.text(), /facilitator@northcoast-ics\.example.*"6"/);
});
