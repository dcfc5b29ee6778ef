// Shared harness for the browser tests: starts `revans demo` on a free port with a fresh
// data folder, launches Debian's Chromium through playwright-core, checks pages with axe-core
// and keeps a screenshot of each page under target/screenshots/.
import { spawn } from "node:child_process";
import { mkdtempSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import assert from "node:assert/strict";
import { chromium } from "playwright-core";
import AxeBuilder from "@axe-core/playwright";

export const ROOT = resolve(import.meta.dirname, "..", "..");
export const SCREENSHOTS = join(ROOT, "target", "screenshots");
export const PASSWORD = "demo-password-2026";
export const USERS = {
  admin: "lead@northcoast-ics.example",
  sponsor: "sponsor@harbour-trust.example",
  facilitator: "facilitator@northcoast-ics.example",
  participant: "participant@harbour-trust.example",
  evaluator: "evaluator@northcoast-ics.example",
};

/** The environment for `revans demo`: ours without REVANS_* variables, because Revans
 * refuses settings it does not know and REVANS_BIN (which binary to test) is not one. */
function serverEnv() {
  return Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("REVANS_")));
}

/** Starts the demo server, with `settings` as extra environment (`REVANS_PAGE_SIZE`...);
 * `options.listen` picks the address (default any free port on loopback) and
 * `options.toml` is written as the server's revans.toml; resolves with
 * { url, dataDir, mailDir, stop }. */
export async function startServer(settings = {}, options = {}) {
  const binary = process.env.REVANS_BIN || join(ROOT, "target", "debug", "revans");
  const dataDir = mkdtempSync(join(tmpdir(), "revans-browser-"));
  if (options.toml) writeFileSync(join(dataDir, "revans.toml"), options.toml);
  const child = spawn(binary, ["demo", "--listen", options.listen || "127.0.0.1:0", "--data", dataDir], {
    cwd: dataDir,
    env: { ...serverEnv(), REVANS_LOG: "warn", ...settings },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => { stderr += d; });
  const url = await new Promise((resolveUrl, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`revans demo did not start in 60 s:\n${out}\n${stderr}`)), 60_000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/running at (http:\/\/[^\s]+)/);
      if (m) { clearTimeout(timer); resolveUrl(m[1]); }
    });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`revans demo exited (${code}):\n${out}\n${stderr}`)); });
  });
  return {
    url,
    dataDir,
    mailDir: join(dataDir, "mail"),
    stop: () => new Promise((done) => { child.once("exit", done); child.kill("SIGTERM"); }),
  };
}

/** Launches Chromium as this machine allows: headless, no sandbox (root), no network chatter.
 * Playwright gives each launch a fresh, empty user-data-dir of its own (it refuses the flag). */
export async function launchBrowser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: [
      "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
      "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ],
  });
}

/** Runs axe on the page; returns a readable list of violations (empty when clean). */
export async function axeViolations(page) {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) =>
    `${v.id} (${v.impact}): ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join("; ")}`);
}

/** Screenshot named after the role and page, for people to look at after a run. */
export async function screenshot(page, name) {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name.replace(/[^a-z0-9-]+/gi, "-")}.png`), fullPage: true });
}

export async function signIn(page, url, email) {
  await page.goto(`${url}/sign-in`);
  await page.getByLabel("Email address").fill(email);
  await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`${url}/`);
}

/** The newest email written to the demo mail folder (.eml files), as text. */
export function newestEmail(mailDir) {
  const files = readdirSync(mailDir).filter((f) => f.endsWith(".eml"));
  if (files.length === 0) return null;
  const texts = files.map((f) => readFileSync(join(mailDir, f), "utf8"));
  return texts;
}

/**
 * One server and one browser for a test file: `const env = useDemo(before, after)`; then
 * `env.server` and `env.browser` are set once `before` has run.
 */
export function useDemo(before, after) {
  const env = { server: null, browser: null };
  before(async () => {
    env.server = await startServer();
    env.browser = await launchBrowser();
  });
  after(async () => {
    await env.browser?.close();
    await env.server?.stop();
  });
  return env;
}

/** Checks a page: its heading (when given), axe with no violations, and a screenshot. */
export async function checkPage(page, name, expectHeading) {
  await page.waitForLoadState("domcontentloaded");
  if (expectHeading) {
    assert.match(await page.locator("h1").first().innerText(), expectHeading, `${name}: heading`);
  }
  const violations = await axeViolations(page);
  await screenshot(page, name);
  assert.deepEqual(violations, [], `${name}: axe violations`);
  await checkAtPhoneWidth(page, name);
}

/** At 390 pixels (a phone) the page must not scroll sideways; keeps a screenshot too. */
async function checkAtPhoneWidth(page, name) {
  const wide = page.viewportSize();
  await page.setViewportSize({ width: 390, height: 844 });
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  // What sticks out, to say in the failure which element to fix.
  const culprits = width <= 390 ? [] : await page.evaluate(() => [...document.querySelectorAll("body *")]
    .filter((e) => e.getBoundingClientRect().right > 391 && !e.parentElement.closest(".table-wrap"))
    .slice(-3)
    .map((e) => `<${e.tagName.toLowerCase()} class="${e.className}"> ${e.textContent.trim().slice(0, 40)}`));
  await screenshot(page, `${name}-390`);
  await page.setViewportSize(wide);
  assert.ok(width <= 390, `${name}: at 390 pixels the page is ${width} pixels wide: ${culprits.join("; ")}`);
}

/** A fresh browser context signed in as `email`. */
export async function signedIn(env, email) {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await signIn(page, env.server.url, email);
  return { context, page };
}

/** A date `offset` days from today, as YYYY-MM-DD. */
export function day(offset) {
  return new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
}

/** Fills a GOV.UK date input (day, month, year boxes) named by its legend with a YYYY-MM-DD date. */
export async function fillDate(page, legend, isoDate) {
  const [year, month, dayOfMonth] = isoDate.split("-");
  const group = page.getByRole("group", { name: legend });
  await group.getByLabel("Day").fill(String(Number(dayOfMonth)));
  await group.getByLabel("Month").fill(String(Number(month)));
  await group.getByLabel("Year").fill(year);
}

/** A date `offset` days from today in the UK's day-first form, like 5/3/2027. */
export function ukDay(offset) {
  const [y, m, d] = day(offset).split("-");
  return `${Number(d)}/${Number(m)}/${y}`;
}

/** A TCP port free on loopback now (for a server whose address must be known before it starts). */
export function freePort() {
  return new Promise((done, fail) => {
    const probe = createServer();
    probe.once("error", fail);
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/** Starts the real OpenID provider of tests/oidc (oidc-provider, `npm ci` there first) with a
 * client whose redirect URIs are `redirectUris`; resolves with { issuer, stop }. */
export async function startOidcProvider(redirectUris) {
  const dir = join(ROOT, "tests", "oidc");
  const child = spawn(process.execPath, ["server.mjs", ...redirectUris], {
    cwd: dir, stdio: ["ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr.on("data", (d) => { stderr += d; });
  const issuer = await new Promise((resolveIssuer, reject) => {
    let out = "";
    const timer = setTimeout(() => reject(new Error(`oidc-provider did not start in 30 s:\n${out}\n${stderr}`)), 30_000);
    child.stdout.on("data", (d) => {
      out += d;
      const m = out.match(/oidc-provider ready at (http:\/\/[^\s]+)/);
      if (m) { clearTimeout(timer); resolveIssuer(m[1]); }
    });
    child.on("exit", (code) => { clearTimeout(timer); reject(new Error(`oidc-provider exited (${code}):\n${out}\n${stderr}`)); });
  });
  return { issuer, stop: () => new Promise((done) => { child.once("exit", done); child.kill("SIGTERM"); }) };
}
