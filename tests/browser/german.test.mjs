// Every page in German: each role's pages, reached by following the links a person can follow
// from the home page, are visited in a Chromium that prefers German. Each must say
// <html lang="de"> and show no sentence of the English catalogue that German translates
// differently, and axe must find nothing. The list of leftovers names page, id and text.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { ROOT, PASSWORD, USERS, axeViolations, useDemo } from "./lib.mjs";

const env = useDemo(before, after);

/** The messages of one locale's catalogue: id -> value (placeables kept as written). */
function catalogue(tag) {
  const dir = join(ROOT, "crates", "i18n", "locales", tag);
  const messages = new Map();
  for (const file of readdirSync(dir).filter((f) => f.endsWith(".ftl"))) {
    let id = null;
    for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
      const m = line.match(/^([a-zA-Z][\w-]*)\s*=\s?(.*)$/);
      if (m) {
        id = m[1];
        messages.set(id, m[2]);
      } else if (id && /^\s+\S/.test(line) && !line.trim().startsWith("#")) {
        messages.set(id, `${messages.get(id)} ${line.trim()}`);
      } else {
        id = null;
      }
    }
  }
  return messages;
}

/** English text that would betray an untranslated page: the literal parts of each English
 * message (between its placeholders) of two words or more, where German says otherwise. */
function englishLeftovers() {
  const english = catalogue("en-GB");
  const german = catalogue("de");
  const fragments = [];
  for (const [id, value] of english) {
    const de = german.get(id) ?? "";
    if (de === value) continue;
    for (const part of value.split(/\{[^}]*\}|[*[\]]/)) {
      const text = part.trim().replace(/\s+/g, " ");
      if (text.split(" ").length >= 2 && text.length >= 8 && !de.includes(text)) {
        fragments.push({ id, text });
      }
    }
  }
  return fragments;
}

const FRAGMENTS = englishLeftovers();
/** Text that is not the interface's, so it is taken out of a page's text before looking for
 * the catalogue's English: what people wrote in the demo (a name, an eligibility statement, a
 * facilitator's own account of their training), and the examples of the set-forming rules,
 * whose words ("at most 2 per department") are the rule language in every locale. */
const NOT_INTERFACE = [
  "Programme lead (admin)",
  "At least 2-3 years' experience",
  "Action learning set adviser programme",
  "similar timezone, at most 2 per department, at least 1 Director per grade",
];
const SKIP = /\.(pdf|zip|ics|csv|json|png|svg)(\?|$)|^\/(api|assets|sign-out|calendar\/feed)|\/export|download/;

async function germanContext() {
  return env.browser.newContext({ locale: "de-DE", extraHTTPHeaders: { "Accept-Language": "de-DE,de;q=0.9" } });
}

async function signInGerman(page, email) {
  await page.goto(`${env.server.url}/sign-in`);
  await page.locator("input[name=email]").fill(email);
  await page.locator("input[name=password]").fill(PASSWORD);
  await page.locator("main form button[type=submit]").first().click();
  await page.waitForURL(`${env.server.url}/`);
}

/** Visits pages breadth-first from `start`, following this site's links, up to `limit`. */
async function crawl(page, start, limit, problems) {
  const seen = new Set();
  const queue = [...start];
  let visited = 0;
  while (queue.length > 0 && visited < limit) {
    const path = queue.shift();
    if (seen.has(path)) continue;
    seen.add(path);
    const response = await page.goto(`${env.server.url}${path}`);
    if (!response || !(response.headers()["content-type"] ?? "").includes("text/html")) continue;
    visited += 1;
    const lang = await page.evaluate(() => document.documentElement.lang);
    if (lang !== "de") problems.push(`${path}: <html lang="${lang}">`);
    let text = `${await page.title()}\n${await page.evaluate(() => document.body.innerText)}`;
    for (const data of NOT_INTERFACE) text = text.replaceAll(data, "");
    for (const { id, text: english } of FRAGMENTS) {
      if (text.includes(english)) problems.push(`${path}: "${english}" (${id})`);
    }
    for (const v of await axeViolations(page)) problems.push(`${path}: axe ${v}`);
    const links = await page.evaluate(() =>
      [...document.querySelectorAll("a[href^='/']")]
        .filter((a) => !a.hasAttribute("download"))
        .map((a) => a.getAttribute("href").split("#")[0]));
    for (const link of links) {
      if (!SKIP.test(link) && !seen.has(link)) queue.push(link);
    }
  }
  return visited;
}

test("the English catalogue has sentences to look for", () => {
  assert.ok(FRAGMENTS.length > 200, `only ${FRAGMENTS.length} English sentences found`);
});

test("signed out, every page is in German", async () => {
  const context = await germanContext();
  const page = await context.newPage();
  const problems = [];
  const visited = await crawl(page, ["/", "/sign-in", "/password-reset", "/programmes", "/help", "/privacy", "/accessibility", "/certificates/verify", "/no-such-page"], 40, problems);
  await context.close();
  assert.ok(visited >= 8, `only ${visited} pages visited`);
  assert.deepEqual(problems, [], `English left on German pages:\n${problems.join("\n")}`);
});

for (const [role, email] of Object.entries(USERS)) {
  test(`as the demo ${role}, every page reached from home is in German`, async () => {
    const context = await germanContext();
    const page = await context.newPage();
    await signInGerman(page, email);
    const problems = [];
    const visited = await crawl(page, ["/"], 80, problems);
    await context.close();
    assert.ok(visited >= 5, `only ${visited} pages visited`);
    assert.deepEqual(problems, [], `English left on German pages:\n${problems.join("\n")}`);
  });
}

test("a person's own choice of English wins over a German browser", async () => {
  const context = await germanContext();
  const page = await context.newPage();
  await signInGerman(page, USERS.participant);
  await page.goto(`${env.server.url}/account`);
  await page.locator("select[name=locale]").selectOption("en-GB");
  await page.locator("form[action='/account/language'] button").click();
  await page.waitForURL(/\/account\?notice=language/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "en-GB");
  assert.ok(await page.getByRole("heading", { name: "Your account" }).isVisible());
  // Put it back for the other tests in this file.
  await page.locator("select[name=locale]").selectOption("");
  await page.locator("form[action='/account/language'] button").click();
  await page.waitForURL(/\/account\?notice=language/);
  assert.equal(await page.evaluate(() => document.documentElement.lang), "de");
  await context.close();
});
