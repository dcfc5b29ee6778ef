// Every page of every role in a real Chromium: it renders, passes axe with no violations,
// and leaves a screenshot under target/screenshots/.
import { test, before, after } from "node:test";
import assert from "node:assert/strict";
import { checkPage, signIn, startServer, useDemo, USERS, PASSWORD } from "./lib.mjs";

const env = useDemo(before, after);

test("signed-out pages", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const url = env.server.url;
  await page.goto(`${url}/sign-in`);
  await checkPage(page, "anon-sign-in", /Sign in/);
  // The sign-in form with its errors: summary at the top, links to the fields.
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForSelector(".error-summary");
  assert.equal(await page.evaluate(() => document.activeElement?.className), "error-summary", "focus moves to the error summary");
  assert.match(await page.title(), /^Error: /);
  await checkPage(page, "anon-sign-in-errors", /Sign in/);
  await page.goto(`${url}/password-reset`);
  await checkPage(page, "anon-password-reset", /Reset your password/);
  await page.getByLabel("Email address").fill(USERS.participant);
  await page.getByRole("button", { name: "Send link" }).click();
  await checkPage(page, "anon-password-reset-sent", /Check your email/);
  await page.goto(`${url}/password-reset/not-a-real-token`);
  await checkPage(page, "anon-link-problem", /This link cannot be used/);
  await page.goto(`${url}/no-such-page`);
  await checkPage(page, "anon-404", /Page not found/);
  // The footer leads to the service's own pages, from any page.
  await page.getByRole("contentinfo").getByRole("link", { name: "Accessibility statement" }).click();
  await checkPage(page, "anon-accessibility", /Accessibility statement/);
  await page.getByRole("contentinfo").getByRole("link", { name: "Privacy notice" }).click();
  await checkPage(page, "anon-privacy", /Privacy notice/);
  await page.goto(`${url}/help`);
  await checkPage(page, "anon-help", /Help and the words we use/);
  await context.close();
});

test("signed out, the home page explains the service, and Apply comes back after signing in", async () => {
  const url = env.server.url;
  for (const [width, height] of [[1280, 800], [390, 844]]) {
    const context = await env.browser.newContext({ viewport: { width, height } });
    const page = await context.newPage();
    await page.goto(`${url}/`);
    await checkPage(page, `anon-landing-${width}`, /Revans|Academy|Leadership/);
    assert.ok(await page.getByRole("heading", { name: "How to get an account" }).isVisible());
    await page.getByRole("link", { name: "See the programmes" }).click();
    await page.waitForURL(`${url}/programmes`);
    await page.locator("main a[href^='/programmes/']").first().click();
    const programme = page.url();
    await page.locator("a.button", { hasText: /^Apply for/ }).first().click();
    await page.waitForURL(/\/sign-in\?next=/);
    await page.getByLabel("Email address").fill(USERS.participant);
    await page.getByLabel("Password", { exact: true }).fill(PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL(`${programme}/apply`);
    await context.close();
  }
});

test("on a phone a lead's navigation folds into a menu and no page is wider than the screen", async () => {
  const url = env.server.url;
  const context = await env.browser.newContext({ viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await signIn(page, url, USERS.admin);
  for (const path of ["/", "/admin/programmes", "/admin/people", "/admin/audit", "/admin/jobs/failed", "/reports/sets", "/programmes"]) {
    await page.goto(`${url}${path}`);
    const [scroll, inner] = await page.evaluate(() => [document.documentElement.scrollWidth, window.innerWidth]);
    assert.ok(scroll <= inner, `${path} is ${scroll} pixels wide on a ${inner}-pixel screen`);
    await checkPage(page, `phone-admin${path === "/" ? "-home" : path}`);
  }
  await page.goto(`${url}/`);
  const bar = page.locator("nav .navigation__bar");
  assert.equal(await bar.isVisible(), false, "the bar of links is folded away");
  const menu = page.getByText("Menu", { exact: true });
  assert.ok(await menu.isVisible());
  const navHeight = await page.locator("nav.navigation").evaluate((n) => n.getBoundingClientRect().height);
  assert.ok(navHeight < 60, `the folded navigation is one line, not ${navHeight} pixels`);
  await menu.click();
  await page.locator("nav .navigation__menu").getByRole("link", { name: "People" }).click();
  await page.waitForURL(`${url}/admin/people`);
  await context.close();
});

const COMMON = [
  ["/", /Welcome/],
  ["/account", /Your account/],
  ["/account/tokens", /API tokens/],
];

for (const role of ["participant", "sponsor", "facilitator", "evaluator"]) {
  test(`${role} pages`, async () => {
    const context = await env.browser.newContext();
    const page = await context.newPage();
    await signIn(page, env.server.url, USERS[role]);
    for (const [path, heading] of COMMON) {
      await page.goto(`${env.server.url}${path}`);
      await checkPage(page, `${role}${path === "/" ? "-home" : path}`, heading);
    }
    // Back links lead up from a detail page (issue 11, item 12).
    await page.goto(`${env.server.url}/account/tokens`);
    await page.locator("main a.back-link", { hasText: "Your account" }).click();
    await page.waitForURL(`${env.server.url}/account`);
    // Programme lead pages are refused, politely.
    const res = await page.goto(`${env.server.url}/admin/people`);
    assert.equal(res.status(), 403);
    await checkPage(page, `${role}-403`, /You do not have permission/);
    await context.close();
  });
}

test("programme lead pages, and inviting someone", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  const url = env.server.url;
  await signIn(page, url, USERS.admin);
  for (const [path, heading] of [...COMMON, ["/admin/people", /People/], ["/admin/people/new", /Invite someone/], ["/admin/organisations", /Organisations/], ["/admin/audit", /Audit log/], ["/admin/jobs/failed", /Failed emails/]]) {
    await page.goto(`${url}${path}`);
    await checkPage(page, `admin${path === "/" ? "-home" : path}`, heading);
  }
  // The invitation form with errors.
  await page.goto(`${url}/admin/people/new`);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await page.waitForSelector(".error-summary");
  await checkPage(page, "admin-invite-errors", /Invite someone/);
  // A good invitation.
  await page.getByLabel("Full name").fill("Ada Browser");
  await page.getByLabel("Email address").fill("ada@cliffside.example");
  await page.getByLabel("Organisation").selectOption({ label: "Cliffside Community Care" });
  await page.getByLabel("Participant").check();
  await page.getByRole("button", { name: "Send invitation" }).click();
  await page.waitForURL(/notice=invited/);
  await checkPage(page, "admin-people-invited", /People/);
  await page.getByRole("link", { name: "Ada Browser" }).click();
  await checkPage(page, "admin-person", /Ada Browser/);
  // Creating an API token shows it once.
  await page.goto(`${url}/account/tokens`);
  await page.getByLabel("Token name").fill("Browser test");
  await page.getByRole("button", { name: "Create token" }).click();
  assert.match(await page.locator("[data-new-token]").innerText(), /^rvn_/);
  await checkPage(page, "admin-token-created", /API tokens/);
  await context.close();
});

test("signing out from the header", async () => {
  const context = await env.browser.newContext();
  const page = await context.newPage();
  await signIn(page, env.server.url, USERS.facilitator);
  await page.getByRole("button", { name: "Sign out" }).click();
  await page.waitForURL(/sign-in\?notice=signed-out/);
  assert.match(await page.locator(".notice").innerText(), /You have signed out/);
  await page.goto(`${env.server.url}/account`);
  assert.match(page.url(), /\/sign-in\?next=%2Faccount$/);
  await context.close();
});

test("the people page turns a page at a time, Next and Previous, and passes on a phone", async () => {
  // A server of its own showing 10 rows a page, so the demo's people fill several pages.
  const server = await startServer({ REVANS_PAGE_SIZE: "10" });
  const context = await env.browser.newContext();
  try {
    const page = await context.newPage();
    await signIn(page, server.url, USERS.admin);
    await page.goto(`${server.url}/admin/people`);
    await checkPage(page, "lead-people-page-1", /People/);
    const nav = page.getByRole("navigation", { name: "Pagination" });
    assert.equal(await nav.getByRole("link", { name: "Previous page" }).count(), 0, "no Previous on the first page");
    const rows = () => page.locator("main tbody tr").allInnerTexts();
    const seen = [];
    let pages = 0;
    for (;;) {
      const here = await rows();
      assert.ok(here.length <= 10, `page ${pages + 1} has ${here.length} rows`);
      seen.push(...here);
      pages += 1;
      const next = nav.getByRole("link", { name: "Next page" });
      if ((await next.count()) === 0) break;
      await next.click();
      await page.waitForLoadState("domcontentloaded");
      if (pages === 1) await checkPage(page, "lead-people-page-2", /People/);
    }
    assert.ok(pages >= 3, `only ${pages} pages`);
    assert.equal(new Set(seen).size, seen.length, "someone appears on two pages");
    // Previous from the last page shows the page before it again.
    const lastPage = await rows();
    await nav.getByRole("link", { name: "Previous page" }).click();
    await page.waitForLoadState("domcontentloaded");
    const before = await rows();
    assert.equal(before.length, 10);
    assert.deepEqual(before, seen.slice(seen.length - lastPage.length - 10, seen.length - lastPage.length));
    await checkPage(page, "lead-people-page-previous", /People/);
  } finally {
    await context.close();
    await server.stop();
  }
});
