// Forming sets as a programme lead reads it (issue 11, item 8 and item 4's renaming), in a real
// Chromium at 1280 and 390 pixels: pairs added by name, each set in plain words (no engine
// words), a move that breaks a rule refused with places the person could go instead, a swap,
// facilitators for every set on one page, a set renamed and seen under its new name by its
// facilitator. Every page passes axe with no violations.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { checkPage as check, screenshot, signedIn, useDemo, USERS } from "./lib.mjs";

const env = useDemo(before, after);
const checkPage = (page, name, heading) => check(page, `forming-${name}`, heading);

/** The page at phone width: no sideways scrolling of the page, axe clean, a screenshot. */
async function atPhoneWidth(page, name, heading) {
  await page.setViewportSize({ width: 390, height: 844 });
  await checkPage(page, `${name}-390`, heading);
  const wide = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(wide <= 390, `${name}: the page is ${wide} pixels wide at 390`);
  await page.setViewportSize({ width: 1280, height: 900 });
}

/** Chooses the option whose text starts with `name` in the select. */
async function choose(select, name) {
  const value = await select.locator("option").filter({ hasText: name }).first().getAttribute("value");
  await select.selectOption(value);
}

test("a lead forms sets in plain words, moves, swaps, staffs and renames them", async () => {
  const { context, page } = await signedIn(env, USERS.admin);
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${env.server.url}/admin/programmes`);
  await page.getByRole("link", { name: "Leading Through Change: Action Learning" }).click();
  await page.getByRole("link", { name: "Action learning sets of Autumn 2026" }).click();
  await checkPage(page, "rules", /Sets for Autumn 2026/);
  // The default aim is explained on the form, in words; no rule the lead never set.
  assert.match(await page.locator("main").innerText(), /nobody is the only person from their organisation/);

  // Pairs by name: a refused pair names the person, then two pairs are added.
  await page.getByRole("button", { name: "Add pair" }).click();
  await page.waitForSelector(".error-summary");
  assert.match(await page.locator(".error-summary").innerText(), /Choose the first person of the pair/);
  await checkPage(page, "pair-refused", /Sets for Autumn 2026/);
  await choose(page.getByLabel("First person"), "Jack Turner");
  await choose(page.getByLabel("Second person"), "Kiran Shah");
  await page.getByRole("button", { name: "Add pair" }).click();
  await page.locator("[data-pairs]").waitFor();
  await choose(page.getByLabel("First person"), "Jack Turner");
  await choose(page.getByLabel("Second person"), "Lily Price");
  await page.getByRole("button", { name: "Add pair" }).click();
  await page.waitForSelector(".error-summary");
  assert.match(await page.locator(".error-summary").innerText(), /Jack Turner is already in the pair on line 1/);
  await choose(page.getByLabel("First person"), "Lily Price");
  await choose(page.getByLabel("Second person"), "Mo Ahmed");
  await page.getByRole("button", { name: "Add pair" }).click();
  await page.waitForFunction(() => document.querySelectorAll("[data-pairs] .summary-list__row").length === 2);
  assert.match(await page.getByLabel("People who come as a pair").inputValue(), /jack\.turner@.*kiran\.shah@/);
  await checkPage(page, "pairs-by-name", /Sets for Autumn 2026/);
  await atPhoneWidth(page, "pairs-by-name", /Sets for Autumn 2026/);

  await page.getByLabel("Most people from one organisation in a set").fill("3");
  await page.getByRole("button", { name: "Form sets", exact: true }).click();
  // Forming runs in the background; its page links to the sets when the run is done.
  await page.waitForURL(/\/admin\/formation-runs\//);
  await page.getByRole("link", { name: "See the formed sets" }).click({ timeout: 30000 });
  await page.waitForURL(/notice=formed/);
  await checkPage(page, "drafts", /Sets for Autumn 2026/);
  const main = await page.locator("main").innerText();
  assert.match(main, /6 people from \d organisations/);
  assert.match(main, /No one with their manager/);
  for (const engine of ["Diversity score", "size 5..7", "isolate", "Breaks:"]) {
    assert.ok(!main.includes(engine), `"${engine}" is shown`);
  }
  const setOf = (name) => page.locator(`[data-set]:has([data-member="${name}"])`).getAttribute("data-set");
  assert.equal(await setOf("Jack Turner"), await setOf("Kiran Shah"), "a pair added by name stays together");

  // Femi manages Grace: moving him into her set is refused, with where he could go instead.
  const graceSet = await setOf("Grace Lee");
  await page.getByLabel("Move Femi Adeyemi to").selectOption({ label: graceSet });
  await page.getByRole("button", { name: "Move Femi Adeyemi" }).click();
  await page.waitForSelector(".error-summary");
  assert.match(await page.locator(".error-summary").innerText(), /Femi Adeyemi cannot move to .*one manages the other/);
  const options = page.locator("[data-move-options]");
  await options.waitFor();
  await checkPage(page, "move-refused", /Sets for Autumn 2026/);
  await atPhoneWidth(page, "move-refused", /Sets for Autumn 2026/);
  const suggestion = options.getByRole("button", { name: /^Move Femi Adeyemi to / }).first();
  const target = (await suggestion.innerText()).replace("Move Femi Adeyemi to ", "").trim();
  assert.notEqual(target, graceSet);
  await suggestion.click();
  await page.waitForURL(/notice=moved/);
  assert.equal(await setOf("Femi Adeyemi"), target);

  // A swap: two unpaired people of one organisation in different sets, outside Femi's chain.
  const rows = await page.locator("[data-set] tbody tr").evaluateAll((trs) => trs.map((tr) => ({
    name: tr.dataset.member,
    org: tr.children[1].innerText,
    set: tr.closest("[data-set]").dataset.set,
    paired: tr.innerText.includes("Pair"),
  })));
  const chain = ["Femi Adeyemi", "Grace Lee", "Harry Wood", "Isla Murray"];
  const free = rows.filter((r) => !r.paired && !chain.includes(r.name));
  let pair;
  for (const a of free) {
    const b = free.find((x) => x.org === a.org && x.set !== a.set);
    if (b) { pair = [a, b]; break; }
  }
  assert.ok(pair, "two people to swap");
  await choose(page.getByLabel("Swap", { exact: true }), `${pair[0].name} (`);
  await choose(page.getByLabel("with", { exact: true }), `${pair[1].name} (`);
  await page.getByRole("button", { name: "Swap them" }).click();
  await page.waitForURL(/notice=swapped/);
  assert.equal(await setOf(pair[0].name), pair[1].set);
  assert.equal(await setOf(pair[1].name), pair[0].set);
  await checkPage(page, "swapped", /Sets for Autumn 2026/);

  // Facilitators for every set on one page.
  await page.getByRole("link", { name: "Choose facilitators for every set on one page" }).click();
  await checkPage(page, "facilitators", /Facilitators for the sets of Autumn 2026/);
  await page.getByRole("button", { name: "Save facilitators for every set" }).click();
  await page.waitForSelector(".error-summary");
  assert.match(await page.locator(".error-summary").innerText(), /Choose a facilitator for Set 1/);
  await checkPage(page, "facilitators-refused", /Facilitators for the sets of Autumn 2026/);
  await atPhoneWidth(page, "facilitators-refused", /Facilitators for the sets of Autumn 2026/);
  const firsts = page.locator("[data-set-facilitators] select[name=first]");
  for (let i = 0; i < await firsts.count(); i++) {
    await choose(firsts.nth(i), "Fran Facilitator");
  }
  await page.getByRole("button", { name: "Save facilitators for every set" }).click();
  await page.waitForURL(/notice=facilitators/);
  assert.match(await page.locator("[data-set='Set 4']").innerText(), /Facilitated by Fran Facilitator/);

  // Renaming a set: its name is checked, then shown everywhere.
  await page.getByRole("link", { name: "Change the name of Set 1" }).click();
  await checkPage(page, "rename", /Change the name of Set 1/);
  await page.getByLabel("Name of the set").fill("Set 2");
  await page.getByRole("button", { name: "Save the name" }).click();
  await page.waitForSelector(".error-summary");
  assert.match(await page.locator(".error-summary").innerText(), /Another set of this cohort is called Set 2/);
  await checkPage(page, "rename-refused", /Change the name of Set 1/);
  await atPhoneWidth(page, "rename-refused", /Change the name of Set 1/);
  await page.getByLabel("Name of the set").fill("Harbour Thursday set");
  await page.getByRole("button", { name: "Save the name" }).click();
  await page.waitForURL(/notice=renamed/);
  assert.equal(await page.locator("[data-set='Harbour Thursday set']").count(), 1);
  await page.getByRole("button", { name: "Publish the sets and email everyone" }).click();
  await page.waitForURL(/notice=published/);
  await checkPage(page, "published", /Sets for Autumn 2026/);
  await atPhoneWidth(page, "published", /Sets for Autumn 2026/);
  await context.close();

  // The facilitator sees the set under its new name.
  const fran = await signedIn(env, USERS.facilitator);
  await fran.page.goto(`${env.server.url}/sets`);
  await check(fran.page, "forming-facilitator-sets", /Your action learning sets/);
  assert.match(await fran.page.locator("main").innerText(), /Harbour Thursday set/);
  await screenshot(fran.page, "forming-facilitator-sets-renamed");
  await fran.context.close();
});
