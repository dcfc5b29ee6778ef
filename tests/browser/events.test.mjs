// Events with choices (issue 18) in a real Chromium, on the demo's immersion event: Pat ranks
// the hosts with select boxes (a mistake first, named next to the host), the lead checks the
// task list, fixes a plan and a host with mistakes, runs the allocation (proven optimal) and
// publishes it; Pat reads the itinerary and downloads it; Fran, a host's contact, reads only
// her own visitors. Every page passes axe and does not scroll sideways on a phone.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { checkPage as check, useDemo, signedIn, fillDate, day, USERS } from "./lib.mjs";

const env = useDemo(before, after);
const checkPage = (page, name, heading) => check(page, `events-${name}`, heading);
const EVENT = "System Leadership Immersion Week";

test("a participant ranks the hosts by keyboard-friendly select boxes", async () => {
  const { context, page } = await signedIn(env, USERS.participant);
  await page.getByRole("link", { name: "Events", exact: true }).first().click();
  await checkPage(page, "mine", /Your events/);
  await page.getByRole("link", { name: EVENT }).click();
  await checkPage(page, "event-unranked", new RegExp(EVENT));
  assert.match(await page.locator("[data-not-ranked]").innerText(), /not ranked/);
  await page.getByRole("link", { name: "Rank the hosts" }).click();
  await checkPage(page, "form", /Rank the hosts/);

  // Two hosts ranked 1 and only two ranked: both problems named, nothing saved.
  await page.getByLabel("Harbour emergency department").selectOption({ label: "Choice 1" });
  await page.getByLabel("Hospice at home").selectOption({ label: "Choice 1" });
  await page.getByRole("button", { name: "Save your choices" }).click();
  await checkPage(page, "form-error", /Rank the hosts/);
  const summary = await page.locator(".error-summary").innerText();
  assert.match(summary, /both ranked 1|ranked 1/, summary);
  // The summary's links land on a host's select box.
  const href = await page.locator(".error-summary a").first().getAttribute("href");
  assert.match(href, /^#rank-/);
  assert.equal(await page.locator(href).evaluate((e) => e.tagName), "SELECT");

  // Fixed by keyboard: focus the select and type the option.
  await page.getByLabel("Hospice at home").selectOption({ label: "Choice 2" });
  await page.getByLabel("Bay Council reablement team").focus();
  await page.keyboard.press("ArrowDown"); // "Choice 1"
  await page.keyboard.press("ArrowDown"); // "Choice 2"
  await page.keyboard.press("ArrowDown"); // "Choice 3"
  await page.getByLabel("Anything your hosts should know").fill("Hearing loop, please");
  await page.getByRole("button", { name: "Save your choices" }).click();
  await page.waitForURL(/notice=saved/);
  await checkPage(page, "saved", new RegExp(EVENT));
  const choices = await page.locator("[data-choices]").innerText();
  assert.match(choices, /Choice 1\s+Harbour emergency department/);
  assert.match(choices, /Choice 2\s+Hospice at home/);
  assert.match(choices, /Choice 3\s+Bay Council reablement team/);
  assert.match(choices, /Hearing loop, please/);
  await context.close();
});

test("the lead sets up, runs and publishes the allocation", async () => {
  const { context, page } = await signedIn(env, USERS.admin);
  await page.goto(`${env.server.url}/admin/programmes`);
  await page.getByRole("link", { name: EVENT }).click();
  await page.getByRole("link", { name: "Set up host visits and allocate places" }).click();
  await checkPage(page, "tasks", new RegExp(EVENT));
  assert.match(await page.locator("[data-task=rankings]").innerText(), /60 of 60 participants have ranked/);

  // The plan: a mistake, then the same slots and a new last day.
  await page.getByRole("link", { name: "Set the visit slots and closing date" }).click();
  await page.getByLabel("How many visit slots?").fill("");
  await page.getByRole("button", { name: "Save and continue" }).click();
  await checkPage(page, "plan-error", /Visit slots and closing date/);
  assert.match(await page.locator(".error-summary").innerText(), /Enter the number of time slots/);
  await page.getByLabel("How many visit slots?").fill("3");
  await fillDate(page, "Last day for rankings", day(10));
  await page.getByRole("button", { name: "Save and continue" }).click();
  await page.waitForURL(/notice=plan/);

  // A host: minimum above maximum is named; then it is added.
  await page.getByRole("link", { name: "Add host organisations" }).click();
  await checkPage(page, "host-form", /Add a host organisation/);
  await page.getByLabel("Name of the host").fill("Harbour pharmacy");
  await page.getByLabel("Address", { exact: true }).fill("Quay Road");
  await page.getByLabel("Fewest visitors per slot").fill("6");
  await page.getByLabel("Most visitors per slot").fill("2");
  await page.getByRole("button", { name: "Add host" }).click();
  await checkPage(page, "host-error", /Add a host organisation/);
  assert.match(await page.locator(".error-summary").innerText(), /at least the fewest/);
  await page.getByLabel("Fewest visitors per slot").fill("0");
  await page.getByLabel("Most visitors per slot").fill("4");
  await page.getByRole("button", { name: "Add host" }).click();
  await page.waitForURL(/notice=host/);
  assert.match(await page.locator("[data-hosts]").innerText(), /Harbour pharmacy/);

  // The cafe: the demo's six guests and rota; a blank guest is named; the rota's repeats are
  // stated against the lower bound.
  await page.getByRole("link", { name: "Plan the cafe conversations" }).click();
  await checkPage(page, "cafe", /Cafe conversations/);
  assert.equal(await page.locator("[data-guests] .summary-list__row").count(), 6);
  assert.equal(await page.locator("table[data-round]").count(), 3);
  await page.getByRole("button", { name: "Add guest" }).click();
  await checkPage(page, "cafe-error", /Cafe conversations/);
  assert.match(await page.locator(".error-summary").innerText(), /Enter the guest's name/);
  await page.getByRole("button", { name: "Make the rota again" }).click();
  await page.waitForURL(/notice=rota/);
  const summary = page.locator("[data-repeats]");
  assert.ok(Number(await summary.getAttribute("data-repeats")) >= Number(await summary.getAttribute("data-bound")));
  await page.getByRole("link", { name: "Back" }).first().click();

  await page.getByRole("link", { name: "Allocate and publish the visits" }).click();
  await checkPage(page, "allocation-empty", /Allocate the visits/);
  await page.getByRole("button", { name: "Run the allocation" }).click();
  await page.waitForURL(/notice=run/);
  await checkPage(page, "allocation", /Allocate the visits/);
  assert.equal(await page.locator("[data-proven]").getAttribute("data-proven"), "true");
  const pat = await page.locator("[data-person='Pat Participant']").innerText();
  assert.match(pat, /Visit 1: .*Visit 2: .*Visit 3: /s);

  // A change that breaks a rule is refused by name: Pat did not rank the GP federation.
  const adjust = page.locator("form[data-adjust]");
  await adjust.getByLabel("Person").selectOption({ label: "Pat Participant" });
  await adjust.getByLabel("Visit", { exact: true }).selectOption({ label: "Visit 1" });
  await adjust.getByLabel("New host").selectOption({ label: "Harbour GP federation" });
  await adjust.getByRole("button", { name: "Change the visit" }).click();
  await checkPage(page, "adjust-error", /Allocate the visits/);
  assert.match(await page.locator(".error-summary").innerText(), /Pat Participant did not rank Harbour GP federation/);
  assert.equal(await page.locator("#person_id").inputValue(), await page.locator("#person_id option", { hasText: "Pat Participant" }).getAttribute("value"));

  await page.getByRole("button", { name: "Publish the visits" }).click();
  await page.waitForURL(/notice=published/);
  await checkPage(page, "published", /Allocate the visits/);
  assert.equal(await page.getByRole("button", { name: "Publish the visits" }).count(), 0);
  await context.close();
});

test("the participant reads and downloads their itinerary; the host contact sees only her visitors", async () => {
  const { context, page } = await signedIn(env, USERS.participant);
  await page.goto(`${env.server.url}/events`);
  await page.getByRole("link", { name: EVENT }).click();
  await checkPage(page, "itinerary", new RegExp(EVENT));
  const visits = await page.locator("[data-itinerary]").innerText();
  assert.match(visits, /Visit 1[\s\S]*Visit 2[\s\S]*Visit 3/);
  // Three cafe rounds, each with one of the guests.
  assert.equal(await page.locator("[data-cafe] .summary-list__row").count(), 3);
  // Choices can no longer change.
  assert.equal(await page.getByRole("link", { name: /Change/ }).count(), 0);
  const pdf = await page.request.get(await page.locator("[data-itinerary-pdf]").evaluate((a) => a.href));
  assert.equal(pdf.headers()["content-type"], "application/pdf");
  assert.equal((await pdf.body()).subarray(0, 5).toString(), "%PDF-");
  const csv = await page.request.get(await page.locator("[data-itinerary-csv]").evaluate((a) => a.href));
  const lines = (await csv.text()).trim().split("\r\n");
  assert.equal(lines.length, 4, lines.join("\n"));
  assert.match(lines[0], /^Visit,Host,Address,Your choice$/);
  await context.close();

  const fran = await signedIn(env, USERS.facilitator);
  await fran.page.goto(`${env.server.url}/events`);
  await checkPage(fran.page, "hosting", /Your events/);
  await fran.page.getByRole("link", { name: "Harbour emergency department" }).click();
  await checkPage(fran.page, "visitors", /Visitors to Harbour emergency department/);
  const tables = await fran.page.locator("table[data-slot]").count();
  assert.ok(tables >= 1 && tables <= 3);
  // Between the host's minimum (4) and maximum (9) in every slot it is open.
  for (const t of await fran.page.locator("table[data-slot] tbody").all()) {
    const rows = await t.locator("tr").count();
    assert.ok(rows >= 4 && rows <= 9, `${rows} visitors`);
  }
  await fran.context.close();
});
