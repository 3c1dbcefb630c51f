// End-to-end walk of Idéspor in headless Chromium, with axe-core accessibility checks.
//
// Run: node --test tests/browser/          (from the repository root)
//
// Environment:
//   IDESPOR_BIN          the idespor binary (default: <repo>/target/debug/idespor)
//   CHROMIUM             the Chromium executable (default: /usr/bin/chromium)
//   IDESPOR_REQUIRE_ALL  "1": a missing binary, Chromium or npm package fails instead of skipping
//   IDESPOR_STARTUP_TIMEOUT_S  how long to wait for GET /healthz (default 90)
//   IDESPOR_WALK_ARTIFACTS     folder for screenshots/HTML of failing pages (default: a temp folder)
//
// The walk starts `idespor serve --demo` on a free loopback port with a fresh data directory,
// drives Debian's Chromium through playwright-core (no browser download), and checks every page
// of the contract: HTTP status, no redirect to the sign-in page, <main id="main">, the skip link
// as the first focusable element, zero axe-core violations for WCAG 2.0/2.1 A and AA, and no
// id used twice.
// Then it walks the idea pages as admin and one idea's whole journey (draft, submit, forward,
// prioritize, send to product, plan, start, deliver), each actor signed in through /login in a
// fresh browser context of a second, non-persistent Chromium. The way back: the meeting and
// decision pages as a tovholder and as a plain member, and one tovholdergruppe decision's journey
// (plan a tovholdermøde, record a decision there that prioritizes an idea, see it reach an
// erfagruppe's page and its next agenda, mark it presented), and the meeting form's errors.
// Last, the prioritization rounds: the list, the new-round form (and its refusal for a plain
// member), the closed round's result and published ballots, the open round as a non-voter and as
// a tovholder, a tovholder's ballot refused, saved and changed, and the round form's errors.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { accessSync, constants as fsc, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { createRequire } from 'node:module';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setTimeout as sleep } from 'node:timers/promises';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const REPO = path.resolve(HERE, '..', '..');
const BIN = process.env.IDESPOR_BIN || path.join(REPO, 'target', 'debug', 'idespor');
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const REQUIRE_ALL = process.env.IDESPOR_REQUIRE_ALL === '1';
const STARTUP_TIMEOUT_MS = 1000 * Number(process.env.IDESPOR_STARTUP_TIMEOUT_S || 90);

const ADMIN_EMAIL = 'admin@idespor.test';
const DEMO_PASSWORD = 'idespor-demo';
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const CHROMIUM_ARGS = [
  '--headless=new',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

// ---------------------------------------------------------------------------------------------
// Prerequisites: skip loudly, or fail under IDESPOR_REQUIRE_ALL=1.

const missing = [];
const isExecutable = (p) => {
  try {
    accessSync(p, fsc.X_OK);
    return true;
  } catch {
    return false;
  }
};
if (!isExecutable(BIN)) missing.push(`idespor binary not found or not executable at ${BIN} (build it: cargo build --bin idespor, or set IDESPOR_BIN)`);
if (!isExecutable(CHROMIUM)) missing.push(`Chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM)`);

const require = createRequire(import.meta.url);
let chromium = null;
let AXE_PATH = null;
const nodeMajor = Number(process.versions.node.split('.')[0]);
if (nodeMajor < 20) {
  // playwright-core exits the process on import under older Node.js, so don't import it.
  missing.push(`Node.js ${process.version} is too old: playwright-core needs Node.js >= 20`);
} else {
  try {
    ({ chromium } = await import('playwright-core'));
    AXE_PATH = require.resolve('axe-core/axe.min.js');
  } catch (e) {
    missing.push(`npm packages missing (run: npm ci in tests/browser): ${e.message.split('\n')[0]}`);
  }
}

if (missing.length > 0) {
  if (REQUIRE_ALL) {
    const reason = `FAILED: browser walk cannot run and IDESPOR_REQUIRE_ALL=1 is set: ${missing.join('; ')}`;
    console.log(`\n${reason}\n`);
    test('browser walk prerequisites (IDESPOR_REQUIRE_ALL=1)', () => {
      assert.fail(reason);
    });
  } else {
    const reason = `SKIPPED: browser walk: ${missing.join('; ')}`;
    // Printed on its own line so it stands out in any reporter's output.
    console.log(`\n${reason}\n`);
    test('browser walk', { skip: reason }, () => {});
  }
} else {
  defineWalk();
}

// ---------------------------------------------------------------------------------------------
// Helpers

async function freePort() {
  return await new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

function startServer(port, dataDir) {
  // A clean SQLite setup: no config file from the current folder, no database URL from the caller.
  const env = { ...process.env };
  for (const k of ['IDESPOR_CONFIG', 'IDESPOR_DATABASE_URL', 'IDESPOR_DATA_DIR', 'IDESPOR_BIND']) delete env[k];
  const proc = spawn(BIN, ['serve', '--demo', '--bind', `127.0.0.1:${port}`, '--data-dir', dataDir], {
    cwd: dataDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env,
  });
  const log = [];
  let logBytes = 0;
  const keep = (stream) => (chunk) => {
    const text = chunk.toString('utf8');
    log.push(`[${stream}] ${text}`);
    logBytes += text.length;
    while (logBytes > 200_000 && log.length > 1) logBytes -= log.shift().length;
  };
  proc.stdout.on('data', keep('stdout'));
  proc.stderr.on('data', keep('stderr'));
  const exited = new Promise((resolve) => proc.on('exit', (code, signal) => resolve({ code, signal })));
  proc.on('error', (e) => log.push(`[spawn error] ${e.message}\n`));
  return { proc, log, exited };
}

function logTail(server, lines = 80) {
  return server.log.join('').split('\n').slice(-lines).join('\n');
}

async function waitForHealthz(server, baseURL) {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  let last = 'no answer yet';
  while (Date.now() < deadline) {
    if (server.proc.exitCode !== null || server.proc.signalCode !== null) {
      throw new Error(`idespor exited before /healthz answered (code ${server.proc.exitCode}, signal ${server.proc.signalCode}).\n--- server output ---\n${logTail(server)}`);
    }
    try {
      const res = await fetch(`${baseURL}/healthz`, { signal: AbortSignal.timeout(3000), redirect: 'manual' });
      if (res.status === 200) return;
      last = `HTTP ${res.status}`;
    } catch (e) {
      last = e.cause?.code || e.message;
    }
    await sleep(250);
  }
  throw new Error(`GET /healthz did not answer 200 within ${STARTUP_TIMEOUT_MS / 1000} s (last: ${last}).\n--- server output ---\n${logTail(server)}`);
}

async function stopServer(server) {
  if (!server || server.proc.exitCode !== null || server.proc.signalCode !== null) return;
  server.proc.kill('SIGTERM');
  const done = await Promise.race([server.exited, sleep(5000).then(() => null)]);
  if (done === null) {
    server.proc.kill('SIGKILL');
    await Promise.race([server.exited, sleep(2000)]);
  }
}

/** Values of a form's named, user-editable controls (runs in the page). */
function snapshotForm(f) {
  const out = {};
  for (const el of f.elements) {
    if (!el.name) continue;
    const type = (el.type || '').toLowerCase();
    if (['hidden', 'password', 'file', 'submit', 'button', 'reset', 'image'].includes(type)) continue;
    if (type === 'checkbox' || type === 'radio') out[`${el.name}=${el.value}`] = el.checked;
    else if (el.tagName === 'SELECT' && el.multiple) out[el.name] = [...el.selectedOptions].map((o) => o.value);
    else out[el.name] = el.value;
  }
  return out;
}

function formatViolations(label, violations) {
  const out = [`axe-core: ${violations.length} violation(s) on ${label}:`];
  for (const v of violations) {
    out.push(`  [${v.impact ?? 'n/a'}] ${v.id}: ${v.help} (${v.helpUrl})`);
    for (const n of v.nodes) {
      out.push(`      target: ${JSON.stringify(n.target)}`);
      out.push(`      html:   ${n.html.replace(/\s+/g, ' ').slice(0, 300)}`);
      if (n.summary) out.push(`      why:    ${n.summary.replace(/\s*\n\s*/g, ' | ').slice(0, 600)}`);
    }
  }
  return out.join('\n');
}

// ---------------------------------------------------------------------------------------------
// The walk

function defineWalk() {
  const state = {
    server: null,
    baseURL: null,
    dataDir: null,
    profileDir: null,
    context: null,
    page: null,
    signedIn: false,
    failed: false,
    pageErrors: [],
    foreignRequests: [],
    artifacts: null,
    // The idea journey: a second (non-persistent) Chromium, one fresh context per actor.
    browser: null,
    actor: null, // { email, context }
    idea: null, // { id, title, path } of the idea created by the journey
  };

  // Kill the server even if the runner is torn down abruptly.
  process.on('exit', () => {
    try {
      if (state.server && state.server.proc.exitCode === null) state.server.proc.kill('SIGKILL');
    } catch {}
  });

  async function saveArtifacts(name) {
    try {
      if (!state.page) return;
      state.artifacts ??= process.env.IDESPOR_WALK_ARTIFACTS || mkdtempSync(path.join(os.tmpdir(), 'idespor-walk-artifacts-'));
      mkdirSync(state.artifacts, { recursive: true });
      const base = path.join(state.artifacts, name.replace(/[^a-z0-9]+/gi, '_'));
      await state.page.screenshot({ path: `${base}.png`, fullPage: true, timeout: 10_000 });
      writeFileSync(`${base}.html`, await state.page.content());
      console.log(`failing page saved: ${base}.png / .html (url ${state.page.url()})`);
    } catch (e) {
      console.log(`could not save artifacts for ${name}: ${e.message}`);
    }
  }

  /** A subtest that records failures (to print the server log and save the page). */
  function step(name, fn, opts = {}) {
    test(name, { timeout: 90_000, ...opts }, async (t) => {
      try {
        await fn(t);
      } catch (e) {
        state.failed = true;
        await saveArtifacts(name);
        throw e;
      }
    });
  }

  const url = (p) => new URL(p, state.baseURL).href;

  async function goto(p) {
    state.pageErrors.length = 0;
    state.foreignRequests.length = 0;
    const res = await state.page.goto(url(p), { waitUntil: 'load' });
    assert.ok(res, `no response for ${p}`);
    return res;
  }

  function pathAndQuery() {
    const u = new URL(state.page.url());
    return u.pathname + u.search;
  }

  function requireSignedIn() {
    if (!state.signedIn) assert.fail('not signed in: the sign-in subtest failed, so this page cannot be checked');
  }

  /** Inject axe-core from node_modules and assert zero WCAG 2.0/2.1 A/AA violations. */
  async function checkAxe(label) {
    await state.page.addScriptTag({ path: AXE_PATH });
    const violations = await state.page.evaluate(async (tags) => {
      const r = await window.axe.run(document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return r.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        helpUrl: v.helpUrl,
        nodes: v.nodes.map((n) => ({ target: n.target, html: n.html, summary: n.failureSummary })),
      }));
    }, AXE_TAGS);
    if (violations.length > 0) {
      const report = formatViolations(label, violations);
      assert.fail(`${violations.length} axe violation(s) on ${label}: ${violations.map((v) => `${v.id} (${v.nodes.length} node(s))`).join(', ')}\n${report}`);
    }
  }

  /** Pressing Tab once on a freshly loaded page must focus the skip link to #main. */
  async function checkSkipLink(label) {
    const main = await state.page.evaluate(() => {
      const m = document.getElementById('main');
      return m ? m.tagName : null;
    });
    assert.equal(main, 'MAIN', `${label}: expected <main id="main">, found ${main === null ? 'no element with id="main"' : `<${main.toLowerCase()} id="main">`}`);
    // A form that came back with errors gives its error summary the focus (app.js): from the
    // top of the page means from the start of the document again.
    await state.page.evaluate(() => {
      if (document.activeElement?.classList.contains('error-summary')) {
        document.body.setAttribute('tabindex', '-1');
        document.body.focus();
        document.body.removeAttribute('tabindex');
      }
    });
    await state.page.keyboard.press('Tab');
    const focused = await state.page.evaluate(() => {
      const a = document.activeElement;
      if (!a || a === document.body) return { html: '(nothing: document.body)' };
      return {
        tag: a.tagName,
        skip: a.classList.contains('skip-link'),
        href: a.getAttribute('href'),
        text: (a.textContent || '').trim(),
        html: a.outerHTML.slice(0, 200),
      };
    });
    assert.ok(
      focused.tag === 'A' && focused.skip && focused.href === '#main',
      `${label}: Tab from the top of the page should focus <a class="skip-link" href="#main">, but focused ${focused.html}`,
    );
    assert.ok(focused.text.length > 0, `${label}: the skip link has no text`);
  }

  /**
   * Every id in the document names one element. axe-core 4.14 reports a duplicated id that a
   * <label for> or an aria-* attribute points at only as "needs review" (duplicate-id-aria,
   * form-field-multiple-labels), but a browser then labels the first element twice and the
   * second not at all, and an error summary's link goes to the wrong field: so it fails here.
   */
  async function checkUniqueIds(label) {
    const dups = await state.page.evaluate(() => {
      const byId = new Map();
      for (const el of document.querySelectorAll('[id]')) {
        if (!byId.has(el.id)) byId.set(el.id, []);
        byId.get(el.id).push(el);
      }
      return [...byId]
        .filter(([, els]) => els.length > 1)
        .map(([id, els]) => ({
          id,
          labels: [...document.querySelectorAll('label[for]')].filter((l) => l.htmlFor === id).map((l) => l.textContent.replace(/\s+/g, ' ').trim()),
          elements: els.map((e) => {
            const form = e.closest('form');
            return `${form ? `in form[action="${form.getAttribute('action')}"]: ` : ''}${e.outerHTML.replace(/\s+/g, ' ').slice(0, 200)}`;
          }),
        }));
    });
    if (dups.length > 0) {
      const lines = dups.map((d) => `  id="${d.id}" on ${d.elements.length} elements (labels for it: ${JSON.stringify(d.labels)}):\n${d.elements.map((e) => `      ${e}`).join('\n')}`);
      assert.fail(`${label}: ${dups.length} duplicated id(s): ${dups.map((d) => d.id).join(', ')}\n${lines.join('\n')}`);
    }
  }

  /** Status, URL (no redirect to /login), no JS errors, no requests leaving the machine. */
  function checkLoaded(res, label, expectedPath) {
    assert.equal(res.status(), 200, `${label}: HTTP ${res.status()} for ${expectedPath}`);
    const got = pathAndQuery();
    assert.equal(got, expectedPath, `${label}: expected to stay on ${expectedPath}, ended on ${got}`);
    assert.deepEqual(state.pageErrors, [], `${label}: uncaught JavaScript errors`);
    assert.deepEqual(state.foreignRequests, [], `${label}: the page requested resources outside 127.0.0.1`);
  }

  /**
   * Reflow (WCAG 1.4.10): at 320 CSS pixels wide the page scrolls only up and down. A wide data
   * table may scroll sideways inside its own box (the exception the criterion makes), the page
   * itself may not.
   */
  async function checkReflow(label) {
    const page = state.page;
    const before = page.viewportSize();
    await page.setViewportSize({ width: 320, height: 800 });
    try {
      const wide = await page.evaluate(() => {
        const doc = document.documentElement;
        if (doc.scrollWidth <= window.innerWidth) return null;
        // What sticks out, for the message.
        const culprits = [...document.querySelectorAll('body *')]
          .filter((el) => el.getBoundingClientRect().right > window.innerWidth + 1)
          // The outermost ones: what sticks out although its parent does not (a table inside
          // its scrolling box does not count).
          .filter((el) => !el.closest('.table-scroll') || el.classList.contains('table-scroll'))
          .filter((el) => !el.parentElement || el.parentElement.getBoundingClientRect().right <= window.innerWidth + 1 || el.parentElement === document.body)
          .slice(0, 5)
          .map((el) => `<${el.tagName.toLowerCase()}${el.id ? ` id="${el.id}"` : ''}${el.className ? ` class="${el.className}"` : ''}> ${Math.round(el.getBoundingClientRect().right)}px`);
        return { width: doc.scrollWidth, culprits };
      });
      assert.ok(wide === null, `${label}: at 320 px the page is ${wide?.width} px wide (scrolls sideways): ${wide?.culprits.join(', ')}`);
    } finally {
      await page.setViewportSize(before);
    }
  }

  /** Skip link, axe, unique ids and reflow on the loaded page; all run, and all problems are reported together. */
  async function pageChecks(label) {
    const problems = [];
    for (const check of [checkSkipLink, checkAxe, checkUniqueIds, checkReflow]) {
      try {
        await check(label);
      } catch (e) {
        problems.push(e.message);
      }
    }
    if (problems.length > 0) assert.fail(problems.join('\n\n'));
  }

  /** The standard checks for one signed-in page. */
  async function visit(p, label = p) {
    requireSignedIn();
    const res = await goto(p);
    checkLoaded(res, label, p);
    await pageChecks(label);
  }

  /** First link under <main> whose href starts with prefix + something more (and is not in `except`). */
  async function firstMainLink(prefix, except = []) {
    return await state.page.evaluate(([prefix, except]) => {
      for (const a of document.querySelectorAll(`main a[href^="${prefix}"]`)) {
        const href = a.getAttribute('href');
        if (href.length > prefix.length && !href.startsWith(`${prefix}?`) && !except.includes(href)) return href;
      }
      return null;
    }, [prefix, except]);
  }

  /** Record uncaught errors and requests leaving the machine for one page. */
  function watchPage(page) {
    page.on('pageerror', (e) => state.pageErrors.push(String(e.message || e)));
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) return;
      if (u.hostname !== '127.0.0.1') state.foreignRequests.push(r.url());
    });
  }

  /**
   * Close the previous actor's browser context, open a fresh one (no cookies) and sign in as
   * `email` through the /login form. The helpers above (goto, visit, checkAxe, saveArtifacts)
   * then work on this actor's page.
   */
  async function signInFresh(email) {
    state.signedIn = false;
    if (state.actor) {
      const old = state.actor;
      state.actor = null;
      await old.context.close().catch((e) => console.log(`closing the context of ${old.email}: ${e.message}`));
    }
    state.browser ??= await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60_000 });
    const context = await state.browser.newContext({
      bypassCSP: true,
      locale: 'da-DK',
      viewport: { width: 1280, height: 900 },
    });
    context.setDefaultTimeout(20_000);
    context.setDefaultNavigationTimeout(45_000);
    state.actor = { email, context };
    state.page = await context.newPage();
    watchPage(state.page);

    const page = state.page;
    checkLoaded(await goto('/login'), '/login', '/login');
    await page.locator('#email').fill(email);
    await page.locator('#password').fill(DEMO_PASSWORD);
    const [res] = await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      page.locator('form:has(#email) button[type="submit"]').first().click(),
    ]);
    const where = pathAndQuery();
    if (where !== '/') {
      const msg = await page.locator('main').innerText().catch(() => '(no main)');
      assert.fail(`sign-in as ${email} should redirect to /, ended on ${where} (HTTP ${res?.status()}); page says: ${msg.slice(0, 300)}`);
    }
    state.signedIn = true;
  }

  function requireIdea(needs = 'the idea') {
    if (!state.idea) assert.fail(`no journey idea: an earlier journey subtest failed, so ${needs} cannot be checked`);
    return state.idea;
  }

  /** The status label of the idea page that is loaded. */
  async function ideaStatus() {
    return (await state.page.locator('main .status-line .status').first().innerText()).trim();
  }

  /** Kinds of the move forms on the loaded idea page. */
  async function moveKinds() {
    return await state.page.locator('form.move-form input[name="kind"]').evaluateAll((els) => els.map((e) => e.value));
  }

  /**
   * Make one move on the loaded idea page: the form.move-form with input[name=kind][value=kind],
   * `fill` prepares its fields, its submit button sends it. Expects the redirect to
   * /ideas/{id}?notice=moved and the new status label.
   */
  async function move(kind, expectedStatus, fill = async () => {}) {
    const idea = requireIdea(`the move ${kind}`);
    const page = state.page;
    const form = page.locator('form.move-form', { has: page.locator(`input[name="kind"][value="${kind}"]`) });
    const n = await form.count();
    if (n !== 1) {
      assert.fail(`${state.actor?.email}: expected one move form for kind=${kind} on ${pathAndQuery()} (status "${await ideaStatus().catch(() => '?')}"), found ${n}; the move forms offered: ${JSON.stringify(await moveKinds())}`);
    }
    await fill(form);
    state.pageErrors.length = 0;
    state.foreignRequests.length = 0;
    const [res] = await Promise.all([
      page.waitForNavigation({ waitUntil: 'load' }),
      form.locator('button[type="submit"]').click(),
    ]);
    const where = pathAndQuery();
    if (where !== `${idea.path}?notice=moved`) {
      const problem = await page.locator('main .error-summary, main [role="alert"]').allInnerTexts().catch(() => []);
      assert.fail(`move ${kind} by ${state.actor?.email}: expected a redirect to ${idea.path}?notice=moved, ended on ${where} (HTTP ${res?.status()}); errors shown: ${JSON.stringify(problem)}`);
    }
    checkLoaded(res, `${idea.path} after the move ${kind}`, `${idea.path}?notice=moved`);
    assert.equal(await ideaStatus(), expectedStatus, `after the move ${kind} by ${state.actor?.email}`);
    console.log(`move ${kind} by ${state.actor?.email}: ${expectedStatus}`);
  }

  /**
   * On the loaded /profile: the notification preferences (one fieldset per kind, exactly one
   * choice made in each) and the private calendar feed, whose address answers with iCalendar.
   */
  async function checkProfileMail() {
    const page = state.page;
    const prefs = page.locator('main form[action="/profile/notifications"]');
    assert.equal(await prefs.count(), 1, 'no notification preferences form (form[action="/profile/notifications"]) on /profile');
    const kinds = await prefs.locator('fieldset').evaluateAll((fs) => fs.map((f) => ({
      legend: (f.querySelector('legend')?.textContent || '').trim(),
      radios: f.querySelectorAll('input[type="radio"]').length,
      checked: f.querySelectorAll('input[type="radio"]:checked').length,
    })));
    assert.ok(kinds.length > 0, 'the notification preferences form has no fieldset per kind');
    for (const k of kinds) {
      assert.ok(k.legend.length > 0 && k.radios >= 2 && k.checked === 1, `notification preference ${JSON.stringify(k)}: expected a legend, at least two choices and exactly one chosen`);
    }
    assert.equal(await page.locator('main form[action="/profile/feeds"] button[type="submit"]').count(), 1, 'no button to renew the feed addresses (form[action="/profile/feeds"] button[type="submit"])');
    const ics = await page.locator('main input#feed-ics').inputValue();
    const m = /\/feeds\/\d+\/[^/\s]+\/meetings\.ics$/.exec(ics);
    assert.ok(m, `#feed-ics should hold the private calendar address .../feeds/{user}/{token}/meetings.ics, holds ${JSON.stringify(ics)}`);
    // The feed answers without a session (the token in its address is the key). Fetched from this
    // server, whatever base_url the address starts with.
    const res = await fetch(url(m[0]), { redirect: 'manual', signal: AbortSignal.timeout(10_000) });
    const body = await res.text();
    assert.equal(res.status, 200, `GET ${m[0]} (the calendar feed from /profile): HTTP ${res.status}`);
    assert.match(res.headers.get('content-type') || '', /^text\/calendar\b/, 'the Content-Type of the calendar feed');
    assert.match(body, /^BEGIN:VCALENDAR\r?\n/, 'the calendar feed does not start with BEGIN:VCALENDAR');
  }

  /** The path of the group called `name`, from the links on /groups. */
  async function groupPath(name) {
    checkLoaded(await goto('/groups'), '/groups', '/groups');
    const link = state.page.locator('main a[href^="/groups/"]', { hasText: new RegExp(`^\\s*${name}\\s*$`) });
    assert.ok((await link.count()) >= 1, `no link to ${name} on /groups`);
    const href = await link.first().getAttribute('href');
    assert.match(href, /^\/groups\/\d+$/, `the link to ${name} on /groups`);
    return href;
  }

  /**
   * The meeting links on the loaded group page, from its section "Møder": the list after the
   * first sub-heading (upcoming) and after the second (held).
   */
  async function groupMeetingLinks() {
    const lists = await state.page.evaluate(() => {
      const section = document.querySelector('main section[aria-labelledby="meetings"]');
      if (!section) return null;
      return [...section.querySelectorAll('h3')].map((h) => {
        const next = h.nextElementSibling;
        return next && next.matches('ul.meetings') ? [...next.querySelectorAll('a[href^="/meetings/"]')].map((a) => a.getAttribute('href')) : [];
      });
    });
    assert.ok(lists, `no section[aria-labelledby="meetings"] on ${pathAndQuery()}`);
    assert.equal(lists.length, 2, `the meetings section on ${pathAndQuery()} should have two sub-headings (upcoming, held), has ${lists.length}`);
    return { upcoming: lists[0], past: lists[1] };
  }

  /** Today plus `days`, as YYYY-MM-DD in Copenhagen (the form's date field). */
  function copenhagenDate(days) {
    return new Date(Date.now() + days * 86_400_000).toLocaleDateString('sv-SE', { timeZone: 'Europe/Copenhagen' });
  }

  /** Submit `form` (a locator) with its submit button and wait for the next page. */
  async function submitForm(form, button = form.locator('button[type="submit"]').first()) {
    state.pageErrors.length = 0;
    state.foreignRequests.length = 0;
    const [res] = await Promise.all([state.page.waitForNavigation({ waitUntil: 'load' }), button.click()]);
    return res;
  }

  /** The error texts shown on the loaded page (for failure messages). */
  async function shownErrors() {
    return await state.page.locator('main .error-summary, main [role="alert"], main .field-error').allInnerTexts().catch(() => []);
  }

  describe('browser walk', { timeout: 15 * 60_000 }, () => {
    before(async () => {
      const port = await freePort();
      state.baseURL = `http://127.0.0.1:${port}`;
      state.dataDir = mkdtempSync(path.join(os.tmpdir(), 'idespor-walk-data-'));
      state.profileDir = mkdtempSync(path.join(os.tmpdir(), 'idespor-walk-chromium-'));
      console.log(`starting ${BIN} serve --demo --bind 127.0.0.1:${port} --data-dir ${state.dataDir}`);
      state.server = startServer(port, state.dataDir);
      const t0 = Date.now();
      await waitForHealthz(state.server, state.baseURL);
      console.log(`/healthz answered 200 after ${((Date.now() - t0) / 1000).toFixed(1)} s`);

      state.context = await chromium.launchPersistentContext(state.profileDir, {
        executablePath: CHROMIUM,
        headless: true,
        args: CHROMIUM_ARGS,
        // axe-core is injected as an inline script; the app's Content-Security-Policy must not block it.
        bypassCSP: true,
        locale: 'da-DK',
        viewport: { width: 1280, height: 900 },
        timeout: 60_000,
      });
      state.context.setDefaultTimeout(20_000);
      state.context.setDefaultNavigationTimeout(45_000);
      state.page = state.context.pages()[0] ?? (await state.context.newPage());
      watchPage(state.page);
    }, { timeout: STARTUP_TIMEOUT_MS + 90_000 });

    after(async () => {
      if (state.failed && state.server) {
        console.log(`--- last lines of the idespor server output ---\n${logTail(state.server, 60)}\n--- end of server output ---`);
      }
      try {
        await state.context?.close();
      } catch (e) {
        console.log(`closing Chromium: ${e.message}`);
      }
      try {
        await state.actor?.context.close();
        await state.browser?.close();
      } catch (e) {
        console.log(`closing the second Chromium: ${e.message}`);
      }
      await stopServer(state.server);
      for (const d of [state.dataDir, state.profileDir]) {
        if (d) rmSync(d, { recursive: true, force: true });
      }
    }, { timeout: 30_000 });

    // (a) the anonymous sign-in page ------------------------------------------------------------
    step('anonymous: / redirects to /login', async () => {
      const res = await goto('/');
      assert.equal(new URL(state.page.url()).pathname, '/login', `anonymous GET / ended on ${state.page.url()} (HTTP ${res.status()})`);
    });

    step('anonymous: /login page', async () => {
      const res = await goto('/login');
      checkLoaded(res, '/login', '/login');
      const lang = await state.page.evaluate(() => document.documentElement.lang);
      assert.match(lang, /^da\b/i, `<html lang> should be Danish, is ${JSON.stringify(lang)}`);
      assert.equal(await state.page.locator('#email[name="email"]').count(), 1, 'no <input id="email" name="email">');
      assert.equal(await state.page.locator('#password[name="password"][type="password"]').count(), 1, 'no <input id="password" name="password" type="password">');
      assert.ok((await state.page.locator('form:has(#email) button[type="submit"]').count()) >= 1, 'no <button type="submit"> in the sign-in form');
      await pageChecks('/login');
    });

    // (b) sign in by keyboard --------------------------------------------------------------------
    step('sign in as admin by keyboard', async () => {
      await goto('/login');
      const page = state.page;
      await page.locator('#email').focus();
      await page.keyboard.type(ADMIN_EMAIL);
      await page.locator('#password').focus();
      await page.keyboard.type(DEMO_PASSWORD);
      const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
      const where = pathAndQuery();
      if (where !== '/') {
        const msg = await page.locator('main').innerText().catch(() => '(no main)');
        assert.fail(`sign-in should redirect to /, ended on ${where} (HTTP ${res?.status()}); page says: ${msg.slice(0, 300)}`);
      }
      const text = await page.locator('body').innerText();
      assert.match(text, /Mit overblik/i, 'the page after sign-in does not say "Mit overblik"');
      state.signedIn = true;
    });

    // (c)-(e) every page: status, skip link, axe -------------------------------------------------
    step('page /', async () => {
      await visit('/');
      // Following the skip link moves the keyboard past the navigation into <main>.
      await state.page.keyboard.press('Enter');
      await state.page.keyboard.press('Tab');
      const inMainOrAfter = await state.page.evaluate(() => {
        const m = document.getElementById('main');
        const a = document.activeElement;
        if (!a || a === document.body) return false;
        return m.contains(a) || Boolean(m.compareDocumentPosition(a) & Node.DOCUMENT_POSITION_FOLLOWING);
      });
      assert.ok(inMainOrAfter, 'after following the skip link, Tab should land inside <main>, not back in the header/navigation');
    });

    step('page /organizations', async () => {
      await visit('/organizations');
    });

    step('page /organizations?kind=municipality', async () => {
      await visit('/organizations?kind=municipality');
    });

    step('page /organizations?region=<id> (from the region filter)', async () => {
      requireSignedIn();
      await goto('/organizations');
      const select = state.page.locator('main select[name="region"]');
      assert.ok((await select.count()) >= 1, 'no <select name="region"> region filter on /organizations');
      const values = await select.first().locator('option').evaluateAll((os) => os.map((o) => o.value).filter((v) => v !== ''));
      assert.ok(values.length > 0, 'the region filter has no regions to choose');
      await visit(`/organizations?region=${encodeURIComponent(values[0])}`, `/organizations?region=${values[0]}`);
    });

    step('page /organizations/<first organization>', async () => {
      requireSignedIn();
      await goto('/organizations');
      const href = await firstMainLink('/organizations/');
      assert.ok(href, 'no link main a[href^="/organizations/"] on /organizations');
      await visit(href, `organization page ${href}`);
    });

    step('page /groups', async () => {
      await visit('/groups');
    });

    step('page /groups/<first group>', async () => {
      requireSignedIn();
      await goto('/groups');
      const href = await firstMainLink('/groups/');
      assert.ok(href, 'no link main a[href^="/groups/"] on /groups');
      await visit(href, `group page ${href}`);
      await visit(`${href}/members`, `the group's members ${href}/members`);
    });

    step('page /profile (with notification preferences and feed links)', async () => {
      await visit('/profile');
      await checkProfileMail();
    });

    step('page /profile: "Dine data" gathers a copy in the background and offers it for one download', async () => {
      requireSignedIn();
      const page = state.page;
      checkLoaded(await goto('/profile'), '/profile', '/profile');
      const ask = page.locator('main form[action="/profile/export"] button[type="submit"]');
      assert.equal(await ask.count(), 1, 'no "Bestil en kopi af dine data" button in a form[action="/profile/export"] on /profile');
      await Promise.all([page.waitForURL(/\/profile\?notice=export_requested/), ask.click()]);
      assert.match(await page.locator('main').innerText(), /Vi samler en kopi af dine data/, 'no notice after asking for a copy');
      let links = 0;
      for (let i = 0; i < 30 && links === 0; i++) {
        await page.waitForTimeout(1000);
        checkLoaded(await goto('/profile'), '/profile (waiting for the copy)', '/profile');
        links = await page.locator('main a[href^="/profile/export/"]').count();
      }
      assert.equal(links, 1, 'the copy never became ready on /profile (the housekeeping task gathers it within seconds)');
      await pageChecks('/profile (with the copy of the data ready)');
    });

    for (const p of ['/admin', '/admin/organizations', '/admin/groups', '/admin/users', '/admin/product-areas', '/admin/outbox', '/admin/privacy', '/privacy', '/notifications', '/moderation']) {
      step(`page ${p}`, async () => {
        await visit(p);
      });
    }

    // (f) a form with an error keeps the user's input -------------------------------------------
    step('profile form: empty name shows an error and keeps the other fields', async () => {
      requireSignedIn();
      const page = state.page;
      checkLoaded(await goto('/profile'), '/profile', '/profile');
      // Inside a form: the name field (the contract does not fix its id; these are the usual ones).
      const nameSel = 'input:is(#name, [name="name"], #display_name, [name="display_name"], [name="full_name"])';
      const form = page.locator('main form', { has: page.locator(nameSel) }).first();
      assert.ok((await form.count()) === 1, `no form with a name field in <main> on /profile (looked for ${nameSel})`);
      const name = form.locator(nameSel).first();

      // Change the other fields, so the re-rendered form must keep the user's input rather than
      // the stored values: free text gets Danish letters and markup (kept exactly, so escaped),
      // an e-mail field another valid address, a select another option, a checkbox the other state.
      const controls = form.locator('input, textarea, select');
      const n = await controls.count();
      const nameHandle = await name.elementHandle();
      const changed = [];
      for (let i = 0; i < n; i++) {
        const c = controls.nth(i);
        const info = await c.evaluate((el, nameEl) => ({
          isName: el === nameEl,
          tag: el.tagName,
          type: (el.getAttribute('type') || '').toLowerCase(),
          name: el.name,
          disabled: el.disabled || el.readOnly,
          visible: el.getClientRects().length > 0,
          multiple: Boolean(el.multiple),
          options: el.tagName === 'SELECT' ? [...el.options].filter((o) => !o.selected && !o.disabled && o.value !== '').map((o) => o.value) : [],
        }), nameHandle);
        if (info.isName || info.disabled || !info.visible || !info.name) continue;
        if (info.tag === 'TEXTAREA' || (info.tag === 'INPUT' && ['', 'text', 'search'].includes(info.type))) {
          await c.fill(`Ændret æøå ${i} <b>&amp;</b>`);
        } else if (info.tag === 'INPUT' && info.type === 'email') {
          await c.fill(`walk-${i}@idespor.test`);
        } else if (info.tag === 'INPUT' && info.type === 'checkbox') {
          await c.setChecked(!(await c.isChecked()));
        } else if (info.tag === 'SELECT' && !info.multiple && info.options.length > 0) {
          await c.selectOption(info.options[0]);
        } else {
          continue;
        }
        changed.push(info.name);
      }
      await name.fill('');

      const before = await form.evaluate(snapshotForm);
      const nameField = await name.getAttribute('name');

      // Test the server's validation, not the browser's: turn off constraint validation
      // (a `required` attribute would otherwise stop the empty name in the browser).
      await form.evaluate((f) => {
        f.noValidate = true;
      });
      const submit = form.locator('button[type="submit"], button:not([type]), input[type="submit"]').first();
      assert.ok((await submit.count()) === 1, 'the profile form has no submit button');
      await submit.focus();
      const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
      console.log(`profile form with empty name: HTTP ${res?.status()}, now on ${pathAndQuery()}; other fields changed before submitting: ${changed.join(', ') || 'none'}`);

      // An error message is shown.
      const errors = await page.evaluate(() => {
        const sel = '[role="alert"], .error, .errors, .field-error, .form-error, .invalid-feedback, [id$="-error"], [id$="_error"], .alert-error, .message-error';
        return [...document.querySelectorAll(sel)]
          .filter((e) => e.offsetParent !== null || e.getClientRects().length > 0)
          .map((e) => (e.textContent || '').trim())
          .filter((t) => t.length > 0);
      });
      if (errors.length === 0) {
        const text = await page.locator('main').innerText().catch(() => '(no main)');
        assert.fail(`no visible error message after submitting an empty name (looked for role=alert, .error, .field-error, [id$=-error], ...). <main> says: ${text.slice(0, 400)}`);
      }
      console.log(`error message(s): ${JSON.stringify(errors)}`);

      // The form is re-rendered with the user's input.
      const form2 = page.locator('main form', { has: page.locator(nameSel) }).first();
      assert.ok((await form2.count()) === 1, 'the profile form is not shown again after the error');
      const after = await form2.evaluate(snapshotForm);
      assert.deepEqual(after, before, 'the re-rendered profile form does not keep the submitted values');
      assert.equal(after[nameField], '', 'the name field should stay empty');

      // The error is tied to the field for assistive technology (reported, not asserted).
      const aria = await form2.locator(nameSel).first().evaluate((el) => ({
        invalid: el.getAttribute('aria-invalid'),
        describedby: el.getAttribute('aria-describedby'),
      }));
      if (aria.invalid !== 'true' || !aria.describedby) {
        console.log(`note: the name field has aria-invalid=${aria.invalid} aria-describedby=${aria.describedby}; consider aria-invalid="true" and aria-describedby pointing at the message`);
      }
      await checkAxe('/profile (form with error)');
    });

    // (g) sign out ------------------------------------------------------------------------------
    step('sign out, then / redirects to /login', async () => {
      requireSignedIn();
      const page = state.page;
      await goto('/');
      const button = page.locator('form[action="/logout"] button[type="submit"], form[action="/logout"] input[type="submit"], form[action="/logout"] button:not([type])').first();
      assert.ok((await button.count()) === 1, 'no submit button inside <form action="/logout"> on /');
      await button.focus();
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), page.keyboard.press('Enter')]);
      state.signedIn = false;
      const res = await goto('/');
      assert.equal(new URL(page.url()).pathname, '/login', `after signing out, GET / ended on ${page.url()} (HTTP ${res.status()})`);
      const res2 = await goto('/admin');
      const stillAdmin = new URL(page.url()).pathname === '/admin' && res2.status() === 200;
      assert.ok(!stillAdmin, 'after signing out, /admin is still shown with HTTP 200');
    });

    // (h) the idea pages, as admin in a fresh browser context -----------------------------------
    step('ideas: sign in as admin in a fresh browser context', async () => {
      await signInFresh(ADMIN_EMAIL);
    });

    step('page /ideas (list with filters)', async () => {
      await visit('/ideas');
      const page = state.page;
      assert.equal(await page.locator('main form.filters[method="get"]').count(), 1, 'no filter form (form.filters, method=get) on /ideas');
      for (const id of ['status', 'group', 'area', 'organization', 'sort', 'mine']) {
        assert.equal(await page.locator(`main form.filters #${id}`).count(), 1, `the filter form on /ideas has no #${id}`);
      }
      assert.ok((await page.locator('main ol.idea-list > li').count()) > 0, 'the demo has ideas, but /ideas lists none');
    });

    step('page /ideas?status=open&sort=most_supported', async () => {
      await visit('/ideas?status=open&sort=most_supported');
      const page = state.page;
      assert.equal(await page.locator('main #status').inputValue(), 'open', 'the status filter does not show the chosen "open"');
      assert.equal(await page.locator('main #sort').inputValue(), 'most_supported', 'the sort does not show the chosen "most_supported"');
    });

    step('page /ideas?mine=1', async () => {
      await visit('/ideas?mine=1');
      assert.ok(await state.page.locator('main #mine').isChecked(), 'the "mine" filter is not checked on /ideas?mine=1');
    });

    step('page /releases', async () => {
      await visit('/releases');
    });

    step('page /ideas?q=borgere (Danish search with marked snippets)', async () => {
      await visit('/ideas?q=borgere');
      const marks = await state.page.locator('main .snippet mark').count();
      assert.ok(marks > 0, 'no marked matches in the search results for "borgere"');
    });

    step('page /releases/<first release>', async () => {
      requireSignedIn();
      await goto('/releases');
      const href = await firstMainLink('/releases/');
      assert.ok(href, 'no link main a[href^="/releases/"] on /releases');
      await visit(href, `release page ${href}`);
    });

    step('page /ideas/<first idea>', async () => {
      requireSignedIn();
      await goto('/ideas');
      const href = await firstMainLink('/ideas/', ['/ideas/new']);
      assert.ok(href, 'no link main a[href^="/ideas/"] (other than /ideas/new) on /ideas');
      await visit(href, `idea page ${href}`);
    });

    // (i) the idea journey: each actor in a fresh browser context -------------------------------
    const MAJA = 'maja.winther@idespor.test'; // municipal employee, member of Erfagruppe Syd
    const HANNE = 'hanne.bro@idespor.test'; // tovholder of Erfagruppe Syd
    const HENRIK = 'henrik.dam@idespor.test'; // member of the steering group (tovholdergruppen)
    const LONE = 'lone.kjaergaard@idespor.test'; // product manager
    const ERFA_GROUP = 'Erfagruppe Syd';
    const RELEASE = '2027.1';

    /** Run the standard page checks, but keep going: the problem is reported when the step ends. */
    async function softPageChecks(label, problems) {
      try {
        await pageChecks(label);
      } catch (e) {
        problems.push(e.message);
      }
    }
    const failIfProblems = (problems) => {
      if (problems.length > 0) assert.fail(problems.join('\n\n'));
    };

    step('journey: maja opens /ideas/new and sees the citizen-data warning', async () => {
      await signInFresh(MAJA);
      const res = await goto('/ideas/new');
      checkLoaded(res, '/ideas/new', '/ideas/new');
      const warning = state.page.locator('main .warning');
      assert.ok((await warning.count()) >= 1, 'no .warning (citizen-data warning) on /ideas/new');
      assert.ok(await warning.first().isVisible(), 'the citizen-data warning on /ideas/new is not visible');
      const text = (await warning.first().innerText()).trim();
      assert.ok(text.length > 0, 'the citizen-data warning on /ideas/new is empty');
      console.log(`citizen-data warning: ${JSON.stringify(text.slice(0, 200))}`);
      await pageChecks('/ideas/new');
    });

    step('journey: maja saves a new idea as a draft', async () => {
      if (state.actor?.email !== MAJA || !state.signedIn) await signInFresh(MAJA);
      const page = state.page;
      checkLoaded(await goto('/ideas/new'), '/ideas/new', '/ideas/new');
      const title = `Walk-idé ${new Date().toISOString()}: fælles overblik over hjælpemidler`;
      await page.locator('#title').fill(title);
      await page.locator('#role').fill('Visitator i hjemmeplejen');
      await page.locator('#situation').fill('Når en borger flytter mellem to distrikter, skal jeg slå hjælpemidlerne op i to systemer.');
      await page.locator('#need').fill('Jeg har brug for én liste over en borgers hjælpemidler, uanset distrikt.');
      await page.locator('#effect').fill('Vi sparer omkring ti minutter pr. flytning og undgår dobbeltbestillinger.');
      const areas = await page.locator('#product_area_id option').evaluateAll((os) => os.filter((o) => o.value !== '' && !o.disabled).map((o) => ({ value: o.value, label: o.textContent.trim() })));
      assert.ok(areas.length > 0, '#product_area_id has no product area to choose');
      await page.locator('#product_area_id').selectOption(areas[0].value);
      const form = page.locator('main form', { has: page.locator('#title') });
      const submit = form.locator('button[type="submit"]');
      assert.equal(await submit.count(), 1, 'the new-idea form should have one submit button');
      assert.match((await submit.innerText()).trim(), /Gem som kladde/, 'the new-idea submit button should say "Gem som kladde"');
      const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), submit.click()]);
      const where = pathAndQuery();
      const m = /^\/ideas\/(\d+)\?notice=draft_saved$/.exec(where);
      if (!m) {
        const problem = await page.locator('main .error-summary, main [role="alert"]').allInnerTexts().catch(() => []);
        assert.fail(`saving the draft should redirect to /ideas/{id}?notice=draft_saved, ended on ${where} (HTTP ${res?.status()}); errors shown: ${JSON.stringify(problem)}`);
      }
      state.idea = { id: m[1], title, path: `/ideas/${m[1]}` };
      console.log(`draft saved: ${state.idea.path} "${title}" (product area ${areas[0].label})`);
      checkLoaded(res, 'the draft page', where);
      assert.equal(await ideaStatus(), 'Kladde', 'the new draft');
      assert.match(await page.locator('main h1').innerText(), new RegExp(title.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), 'the draft page does not show the title');
      await pageChecks(`draft page ${where}`);
    });

    step('journey: maja submits the draft to Erfagruppe Syd', async () => {
      const idea = requireIdea('submitting');
      if (state.actor?.email !== MAJA || !state.signedIn) await signInFresh(MAJA);
      checkLoaded(await goto(idea.path), idea.path, idea.path);
      await move('submit', 'Indsendt til erfagruppe', async (form) => {
        const select = form.locator('select#group_id');
        assert.equal(await select.count(), 1, 'the submit form has no select#group_id');
        const labels = await select.locator('option').allInnerTexts();
        assert.ok(labels.map((l) => l.trim()).includes(ERFA_GROUP), `#group_id does not offer ${ERFA_GROUP}; it offers ${JSON.stringify(labels)}`);
        await select.selectOption({ label: ERFA_GROUP });
      });
      assert.match(await state.page.locator('main .status-line').innerText(), new RegExp(ERFA_GROUP), `the status line does not name ${ERFA_GROUP} as holder`);
      await pageChecks(`${idea.path} after submit`);
    });

    step('journey: hanne finds the idea under "Venter på os" on the Erfagruppe Syd page', async () => {
      const idea = requireIdea('the group queue');
      await signInFresh(HANNE);
      const page = state.page;
      checkLoaded(await goto('/groups'), '/groups', '/groups');
      const link = page.locator('main a[href^="/groups/"]', { hasText: new RegExp(`^\\s*${ERFA_GROUP}\\s*$`) });
      assert.ok((await link.count()) >= 1, `no link to ${ERFA_GROUP} on /groups`);
      const href = await link.first().getAttribute('href');
      const problems = [];
      checkLoaded(await goto(href), `group page ${href}`, href);
      await softPageChecks(`group page ${href} (${ERFA_GROUP}, as tovholder)`, problems);
      const queue = page.locator('main section', { has: page.locator('h2', { hasText: 'Venter på os' }) });
      assert.equal(await queue.count(), 1, `no section headed "Venter på os" on ${href}`);
      const item = queue.locator(`a[href="${idea.path}"]`);
      if ((await item.count()) === 0) {
        const listed = await queue.locator('a[href^="/ideas/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
        assert.fail(`the new idea ${idea.path} is not in "Venter på os" on ${href}; the section links ${JSON.stringify(listed)}`);
      }
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), item.first().click()]);
      assert.equal(pathAndQuery(), idea.path, 'following the queue link');
      assert.equal(await ideaStatus(), 'Indsendt til erfagruppe');
      failIfProblems(problems);
    });

    step('journey: hanne forwards the idea to the steering group', async () => {
      const idea = requireIdea('forwarding');
      if (state.actor?.email !== HANNE || !state.signedIn) await signInFresh(HANNE);
      checkLoaded(await goto(idea.path), idea.path, idea.path);
      await move('forward', 'Videresendt til tovholdergruppen');
      await pageChecks(`${idea.path} after forward (as hanne)`);
    });

    step('journey: maja, in a second browser context, has no moves on the forwarded idea', async () => {
      const idea = requireIdea('the refusal');
      await signInFresh(MAJA);
      checkLoaded(await goto(idea.path), idea.path, idea.path);
      assert.equal(await ideaStatus(), 'Videresendt til tovholdergruppen', 'the idea seen by maja');
      const kinds = await moveKinds();
      assert.equal(await state.page.locator('form.move-form').count(), 0, `maja (author, not in the steering group) should have no move forms on the forwarded idea, but is offered ${JSON.stringify(kinds)}`);
    });

    step('journey: henrik prioritizes the idea (rank 1) and sends it to product management', async () => {
      const idea = requireIdea('prioritizing');
      await signInFresh(HENRIK);
      checkLoaded(await goto(idea.path), idea.path, idea.path);
      await move('prioritize', 'Prioriteret', async (form) => {
        await form.locator('#rank').fill('1');
      });
      await move('send_to_product', 'Til vurdering hos produktledelsen');
      await pageChecks(`${idea.path} after send_to_product (as henrik)`);
    });

    step(`journey: lone plans the idea in ${RELEASE}, starts it and delivers it`, async () => {
      const idea = requireIdea('planning');
      await signInFresh(LONE);
      checkLoaded(await goto(idea.path), idea.path, idea.path);
      await move('plan', 'Planlagt', async (form) => {
        const select = form.locator('select#release-plan');
        assert.equal(await select.count(), 1, 'the plan form has no select#release-plan');
        const labels = (await select.locator('option').allInnerTexts()).map((l) => l.trim());
        assert.ok(labels.includes(RELEASE), `#release-plan does not offer ${RELEASE}; it offers ${JSON.stringify(labels)}`);
        await select.selectOption({ label: RELEASE });
      });
      assert.match(await state.page.locator('main .status-line').innerText(), new RegExp(RELEASE.replace('.', '\\.')), `the status line does not name the release ${RELEASE}`);
      await move('start', 'Under udvikling');
      // A delivery is in a release that is out: the deliver form offers none that is not, so
      // lone first marks the release out on its page (today, Copenhagen time), as she would.
      const page = state.page;
      const offered = await page.locator('form.move-form select#release-deliver option').allInnerTexts();
      assert.ok(!offered.map((l) => l.trim()).includes(RELEASE), `the deliver form offers ${RELEASE} before it is out: ${JSON.stringify(offered)}`);
      checkLoaded(await goto('/releases'), '/releases', '/releases');
      const releaseHref = await page.locator('main a', { hasText: RELEASE }).first().getAttribute('href');
      checkLoaded(await goto(releaseHref), releaseHref, releaseHref);
      const today = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Europe/Copenhagen' }).format(new Date());
      await page.locator('#released_date').fill(today);
      await Promise.all([
        page.waitForNavigation({ waitUntil: 'load' }),
        page.locator('main form', { has: page.locator('#released_date') }).locator('button[type="submit"]').click(),
      ]);
      assert.equal(pathAndQuery(), releaseHref, `saving the release date did not return to ${releaseHref}`);
      checkLoaded(await goto(idea.path), idea.path, idea.path);
      await move('deliver', 'Leveret', async (form) => {
        const select = form.locator('select#release-deliver');
        assert.equal(await select.count(), 1, 'the deliver form has no select#release-deliver');
        const chosen = await select.evaluate((s) => s.selectedOptions[0]?.textContent.trim() ?? null);
        assert.equal(chosen, RELEASE, `the deliver form should preselect the planned release ${RELEASE}`);
      });
      await pageChecks(`${idea.path} after deliver (as lone)`);
    });

    step('journey: maja sees the whole journey on her idea', async () => {
      const idea = requireIdea('the timeline');
      await signInFresh(MAJA);
      await visit(idea.path, `${idea.path} (delivered, as maja)`);
      const page = state.page;
      assert.equal(await ideaStatus(), 'Leveret', 'the idea seen by maja');
      const entries = (await page.locator('main ol.timeline > li').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
      console.log(`timeline:\n  ${entries.join('\n  ')}`);
      assert.equal(entries.length, 7, `the timeline should have 7 entries (submit, forward, prioritize, send_to_product, plan, start, deliver), has ${entries.length}`);
      const events = (await page.locator('main ol.timeline > li strong').allInnerTexts()).map((t) => t.trim());
      const expected = ['Indsendt', 'Videresendt', 'Prioriteret', 'Sendt til produktledelsen', 'Planlagt', 'Udvikling startet', 'Leveret'];
      assert.ok(
        JSON.stringify(events) === JSON.stringify(expected) || JSON.stringify(events) === JSON.stringify([...expected].reverse()),
        `the timeline events should be ${JSON.stringify(expected)} (oldest first or newest first), are ${JSON.stringify(events)}`,
      );
      const all = entries.join('\n');
      for (const name of ['Maja Winther', 'Hanne Bro', 'Henrik Dam', 'Lone Kjærgaard']) {
        assert.ok(all.includes(name), `the timeline does not name ${name}`);
      }
    });

    // (j) the new-idea form with an error keeps the user's input ---------------------------------
    step('new-idea form: empty title shows an error summary and keeps the other fields', async () => {
      if (state.actor?.email !== MAJA || !state.signedIn) await signInFresh(MAJA);
      const page = state.page;
      checkLoaded(await goto('/ideas/new'), '/ideas/new', '/ideas/new');
      const form = page.locator('main form', { has: page.locator('#title') });
      await page.locator('#title').fill('');
      await page.locator('#role').fill('Sagsbehandler æøå <b>&amp;</b>');
      await page.locator('#situation').fill('Situation med "citater" & <i>markup</i>\nog en ny linje.');
      await page.locator('#need').fill('Behov: Ændret æøå <script>x</script>');
      await page.locator('#effect').fill('Effekt ÆØÅ');
      const areas = await page.locator('#product_area_id option').evaluateAll((os) => os.filter((o) => o.value !== '').map((o) => o.value));
      assert.ok(areas.length > 0, '#product_area_id has no product area to choose');
      await page.locator('#product_area_id').selectOption(areas[areas.length - 1]);
      const before = await form.evaluate(snapshotForm);
      // Test the server's validation: `required` on #title would otherwise stop the browser.
      await form.evaluate((f) => {
        f.noValidate = true;
      });
      const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), form.locator('button[type="submit"]').click()]);
      const where = pathAndQuery();
      console.log(`new-idea form with empty title: HTTP ${res?.status()}, now on ${where}`);
      assert.ok(!/^\/ideas\/\d+/.test(where), `an idea without a title was saved: redirected to ${where}`);
      const summary = page.locator('main .error-summary');
      assert.ok((await summary.count()) >= 1 && (await summary.first().isVisible()), 'no visible .error-summary after submitting an empty title');
      const summaryText = (await summary.first().innerText()).trim();
      console.log(`error summary: ${JSON.stringify(summaryText)}`);
      assert.ok(summaryText.length > 0, 'the error summary is empty');
      assert.ok((await summary.first().locator('a[href="#title"]').count()) >= 1, 'the error summary does not link to #title');
      // The summary has the focus, so keyboard and screen reader users start there.
      const focused = await page.evaluate(() => document.activeElement?.classList.contains('error-summary') ?? false);
      assert.ok(focused, 'the error summary does not get the focus after a form comes back with errors');
      const form2 = page.locator('main form', { has: page.locator('#title') });
      assert.equal(await form2.count(), 1, 'the new-idea form is not shown again after the error');
      const after = await form2.evaluate(snapshotForm);
      assert.deepEqual(after, before, 'the re-rendered new-idea form does not keep the submitted values');
      assert.equal(after.title, '', 'the title should stay empty');
      const aria = await page.locator('#title').evaluate((el) => ({ invalid: el.getAttribute('aria-invalid'), describedby: el.getAttribute('aria-describedby') }));
      assert.equal(aria.invalid, 'true', '#title should have aria-invalid="true"');
      assert.ok(aria.describedby && (await page.locator(`#${aria.describedby.split(/\s+/)[0]}`).count()) === 1, `#title aria-describedby=${aria.describedby} should point at the error message`);
      await checkAxe('/ideas/new (form with error)');
    });

    // (k) the way back: meetings, decisions and their presentations ------------------------------
    const PERNILLE = 'pernille.frost@idespor.test'; // member (not tovholder) of the steering group
    const STEERING_GROUP = 'Tovholdergruppen';
    const way = {
      syd: null, // path of Erfagruppe Syd's page
      steering: null, // path of Tovholdergruppen's page
      heldMeeting: null, // a held Syd meeting with minutes and decisions
      meeting: null, // { id, path, title } of the tovholdermøde planned by the walk
      decision: null, // { id, path, title } of the decision recorded there
      idea: null, // { id, path, title } of the idea that decision prioritized
    };
    const requireWay = (key, needs) => {
      if (!way[key]) assert.fail(`no ${key}: an earlier subtest failed, so ${needs} cannot be checked`);
      return way[key];
    };
    const escapeRe = (t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

    step('page /meetings (as hanne, tovholder of Erfagruppe Syd)', async () => {
      await signInFresh(HANNE);
      await visit('/meetings');
      const page = state.page;
      for (const id of ['upcoming', 'past']) {
        const n = await page.locator(`main section[aria-labelledby="${id}"] a[href^="/meetings/"]`).count();
        assert.ok(n > 0, `hanne has meetings in the demo, but section[aria-labelledby="${id}"] on /meetings links none`);
      }
      const feed = await page.locator('main input#feed-url').inputValue();
      assert.match(feed, /\/feeds\/\d+\/[^/\s]+\/meetings\.ics$/, '#feed-url on /meetings should hold the private calendar address');
    });

    step('page /meetings/<held Syd meeting with minutes and decisions> (as its tovholder: management forms)', async () => {
      if (state.actor?.email !== HANNE || !state.signedIn) await signInFresh(HANNE);
      const page = state.page;
      way.syd = await groupPath(ERFA_GROUP);
      checkLoaded(await goto(way.syd), way.syd, way.syd);
      const { past } = await groupMeetingLinks();
      assert.ok(past.length > 0, `${ERFA_GROUP} has held meetings in the demo, but ${way.syd} lists none`);
      const seen = [];
      for (const href of past) {
        checkLoaded(await goto(href), `meeting page ${href}`, href);
        const minutes = await page.locator('main section[aria-labelledby="minutes"] .markdown').count();
        const decisions = await page.locator('main section[aria-labelledby="decisions"] ol.decisions > li').count();
        seen.push({ href, minutes, decisions });
        if (minutes > 0 && decisions > 0) {
          way.heldMeeting = href;
          break;
        }
      }
      if (!way.heldMeeting) assert.fail(`no held meeting of ${ERFA_GROUP} with both minutes and decisions: ${JSON.stringify(seen)}`);
      console.log(`held meeting with minutes and decisions: ${way.heldMeeting}`);
      const expected = ['edit', 'agenda', 'guests', 'attendance', 'minutes', 'decisions'].map((a) => `${way.heldMeeting}/${a}`);
      for (const action of expected) {
        const n = action.endsWith('/edit') ? await page.locator(`main a[href="${action}"]`).count() : await page.locator(`main form[action="${action}"]`).count();
        assert.equal(n, 1, `hanne, tovholder of ${ERFA_GROUP}, should be offered ${action} (a link for /edit, a form otherwise) on ${way.heldMeeting}`);
      }
      await pageChecks(`meeting page ${way.heldMeeting} (as tovholder)`);
    });

    step('page /meetings/<id>/edit (as tovholder)', async () => {
      const held = requireWay('heldMeeting', 'the edit form');
      if (state.actor?.email !== HANNE || !state.signedIn) await signInFresh(HANNE);
      await visit(`${held}/edit`);
      const form = state.page.locator(`main form[action="${held}/edit"]`);
      assert.equal(await form.count(), 1, `no form[action="${held}/edit"] on ${held}/edit`);
      assert.ok((await form.locator('#title').inputValue()).trim().length > 0, 'the edit form does not show the meeting\'s title');
      assert.match(await form.locator('#date').inputValue(), /^\d{4}-\d{2}-\d{2}$/, 'the edit form does not show the meeting\'s date');
    });

    step('page /groups/<Erfagruppe Syd>/meetings/new (as tovholder)', async () => {
      const syd = requireWay('syd', 'the new-meeting form');
      if (state.actor?.email !== HANNE || !state.signedIn) await signInFresh(HANNE);
      await visit(`${syd}/meetings/new`);
      const form = state.page.locator(`main form[action="${syd}/meetings"]`);
      assert.equal(await form.count(), 1, `no form[action="${syd}/meetings"] on ${syd}/meetings/new`);
      for (const name of ['kind', 'title', 'date', 'start_time', 'end_time', 'end_date', 'place', 'online_url', 'description']) {
        assert.equal(await form.locator(`[name="${name}"]`).count(), 1, `the new-meeting form has no field named ${name}`);
      }
      assert.equal(await form.locator('#kind').inputValue(), 'erfa', 'a new meeting of an erfagruppe should default to kind "erfa"');
    });

    step('page /meetings/<held Syd meeting> as maja (plain member): no management forms', async () => {
      const held = requireWay('heldMeeting', 'the meeting as a member');
      await signInFresh(MAJA);
      await visit(held, `meeting page ${held} (as member)`);
      const page = state.page;
      const forms = await page.locator('main form').evaluateAll((fs) => fs.map((f) => f.getAttribute('action')));
      assert.deepEqual(forms, [], `maja (member of ${ERFA_GROUP}, not tovholder) should have no forms on ${held}`);
      assert.equal(await page.locator(`main a[href="${held}/edit"]`).count(), 0, `maja should not be offered ${held}/edit`);
      assert.ok((await page.locator('main section[aria-labelledby="minutes"] .markdown').count()) > 0, `maja does not see the minutes on ${held}`);
      assert.ok((await page.locator('main section[aria-labelledby="decisions"] ol.decisions > li').count()) > 0, `maja does not see the decisions on ${held}`);
      const res = await goto(`${held}/edit`);
      assert.equal(res.status(), 403, `maja (not tovholder) opening ${held}/edit: expected HTTP 403, got ${res.status()}`);
      assert.equal(await page.locator(`main form[action="${held}/edit"]`).count(), 0, `${held}/edit shows the form to maja`);
    });

    step('page /decisions (the decision log, filtered to tovholdergrupper)', async () => {
      if (state.actor?.email !== MAJA || !state.signedIn) await signInFresh(MAJA);
      await visit('/decisions');
      const page = state.page;
      assert.equal(await page.locator('main form.filters[method="get"][action="/decisions"]').count(), 1, 'no filter form on /decisions');
      const all = await page.locator('main ol.decisions > li').count();
      assert.ok(all > 0, 'the demo has decisions, but /decisions lists none');
      await visit('/decisions?kind=steering');
      assert.equal(await page.locator('main #kind').inputValue(), 'steering', 'the group-kind filter does not show the chosen "steering"');
      const steering = await page.locator('main ol.decisions > li').count();
      assert.ok(steering > 0 && steering < all, `/decisions?kind=steering should list some but not all of the ${all} decisions, lists ${steering}`);
    });

    step('page /decisions/<steering decision with presentations> (as maja)', async () => {
      if (state.actor?.email !== MAJA || !state.signedIn) await signInFresh(MAJA);
      await goto('/decisions?kind=steering');
      const href = await firstMainLink('/decisions/');
      assert.ok(href, 'no link main a[href^="/decisions/"] on /decisions?kind=steering');
      await visit(href, `decision page ${href}`);
      const rows = state.page.locator('main section[aria-labelledby="presented"] tbody tr');
      const groups = await rows.locator('a[href^="/groups/"]').allInnerTexts();
      assert.ok(groups.map((g) => g.trim()).includes(ERFA_GROUP), `the presentations on ${href} should list every erfagruppe, list ${JSON.stringify(groups)}`);
      assert.equal(await state.page.locator('main form').count(), 0, `maja (no tovholder) should have no "mark presented" button on ${href}`);
    });

    step('page /figures: influence figures with the chart and its table (as maja)', async () => {
      if (state.actor?.email !== MAJA || !state.signedIn) await signInFresh(MAJA);
      await visit('/figures');
      assert.equal(await state.page.locator('main svg[role="img"] title').count(), 1, 'the chart has a title');
      assert.ok((await state.page.locator('main table').count()) >= 3, 'the figures are also tables');
    });

    step('page /exports: downloads of ideas, moves, decisions and closed rounds\' ballots (as maja)', async () => {
      if (state.actor?.email !== MAJA || !state.signedIn) await signInFresh(MAJA);
      await visit('/exports');
      assert.ok((await state.page.locator('main a[href$=".xlsx"]').count()) >= 4, '/exports offers the spreadsheets');
    });

    step('page /roadmap: releases with their ideas and what did not come from customers (as maja)', async () => {
      if (state.actor?.email !== MAJA || !state.signedIn) await signInFresh(MAJA);
      await visit('/roadmap');
      assert.ok((await state.page.locator('main ul.roadmap > li').count()) > 0, '/roadmap lists no ideas');
      assert.ok((await state.page.locator('main', { hasText: 'Ikke fra kunderne' }).count()) > 0, '/roadmap shows no items from outside the customers');
    });

    step('page /groups/<erfagruppe>/outcomes: what became of the group\'s ideas (as maja)', async () => {
      if (state.actor?.email !== MAJA || !state.signedIn) await signInFresh(MAJA);
      await goto('/');
      // The group's own page (the start page also links its "Hvad blev der af" page directly).
      const href = await state.page.locator('main a[href^="/groups/"]:not([href$="/outcomes"])', { hasText: ERFA_GROUP }).first().getAttribute('href');
      assert.ok(href, `no link to ${ERFA_GROUP} on the overview`);
      await goto(href);
      const outcomes = await state.page.locator('main a[href$="/outcomes"]').first().getAttribute('href');
      assert.ok(outcomes, `no "Hvad blev der af" link on ${href}`);
      await visit(outcomes, `outcomes ${outcomes}`);
      assert.ok((await state.page.locator('main section ul.outcomes > li').count()) > 0, `${outcomes} lists no ideas`);
    });

    step('page /profile as maja: she chooses mail "Med det samme" for decisions', async () => {
      if (state.actor?.email !== MAJA || !state.signedIn) await signInFresh(MAJA);
      await visit('/profile', '/profile (as maja)');
      await checkProfileMail();
      const page = state.page;
      const form = page.locator('main form[action="/profile/notifications"]');
      const radio = form.locator('input[type="radio"][name="decision"][value="immediate"]');
      assert.equal(await radio.count(), 1, 'the notification preferences offer no input[name="decision"][value="immediate"]');
      const label = await page.locator(`label[for="${await radio.getAttribute('id')}"]`).innerText();
      assert.equal(label.trim(), 'Med det samme', 'the label of the "immediate" choice for decisions');
      await radio.check();
      const before = await form.evaluate(snapshotForm);
      const res = await submitForm(form);
      assert.equal(pathAndQuery(), '/profile?notice=preferences_saved', `saving the preferences should redirect to /profile?notice=preferences_saved#notifications, ended on ${page.url()} (HTTP ${res?.status()}); errors shown: ${JSON.stringify(await shownErrors())}`);
      checkLoaded(res, '/profile after saving the preferences', '/profile?notice=preferences_saved');
      const after = await page.locator('main form[action="/profile/notifications"]').evaluate(snapshotForm);
      assert.deepEqual(after, before, 'the saved notification preferences are not the ones chosen');
    });

    // The unsubscribe page (/unsubscribe/{user}/{kind}/{token}) needs a token signed by the server,
    // which only a mail carries: no page shows one, so the walk does not visit it (Rust tests do).

    // (l) a tovholdergruppe decision travels to the erfagrupper ----------------------------------
    step('decision journey: pernille plans a tovholdermøde from the Tovholdergruppen page ("Planlæg møde")', async () => {
      await signInFresh(PERNILLE);
      const page = state.page;
      way.steering = await groupPath(STEERING_GROUP);
      checkLoaded(await goto(way.steering), way.steering, way.steering);
      const plan = page.locator(`main a[href="${way.steering}/meetings/new"]`);
      assert.equal(await plan.count(), 1, `pernille (member of ${STEERING_GROUP}) is not offered a[href="${way.steering}/meetings/new"] on ${way.steering}`);
      await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), plan.click()]);
      const newPath = `${way.steering}/meetings/new`;
      assert.equal(pathAndQuery(), newPath, 'following "Planlæg møde"');
      const problems = [];
      await softPageChecks(`${newPath} (as pernille)`, problems);
      const form = page.locator(`main form[action="${way.steering}/meetings"]`);
      assert.equal(await form.count(), 1, `no form[action="${way.steering}/meetings"] on ${newPath}`);
      assert.equal(await form.locator('#kind').inputValue(), 'steering', `a new meeting of ${STEERING_GROUP} should default to kind "steering" (Tovholdermøde)`);
      const title = `Walk-tovholdermøde ${new Date().toISOString()}`;
      await form.locator('#title').fill(title);
      await form.locator('#date').fill(copenhagenDate(7));
      await form.locator('#start_time').fill('10.00');
      await form.locator('#end_time').fill('12.30');
      await form.locator('#place').fill('Mødelokale 2, Rådhuset');
      await form.locator('#description').fill('Dagsorden: prioritering af idéer, som erfagrupperne har sendt videre.');
      const res = await submitForm(form);
      const where = pathAndQuery();
      const m = /^\/meetings\/(\d+)$/.exec(where);
      if (!m) assert.fail(`planning the meeting should redirect to /meetings/{id}, ended on ${where} (HTTP ${res?.status()}); errors shown: ${JSON.stringify(await shownErrors())}`);
      way.meeting = { id: m[1], path: where, title };
      console.log(`meeting planned: ${where} "${title}"`);
      checkLoaded(res, 'the new meeting', where);
      assert.equal((await page.locator('main h1').innerText()).trim(), title, 'the new meeting\'s page does not show its title');
      await softPageChecks(`${where} (new tovholdermøde, as pernille)`, problems);
      failIfProblems(problems);
    });

    step('decision journey: pernille records a decision at the meeting that prioritizes an idea the group holds', async () => {
      const meeting = requireWay('meeting', 'recording a decision');
      if (state.actor?.email !== PERNILLE || !state.signedIn) await signInFresh(PERNILLE);
      const page = state.page;
      checkLoaded(await goto(meeting.path), meeting.path, meeting.path);
      const form = page.locator(`main form[action="${meeting.path}/decisions"]`);
      assert.equal(await form.count(), 1, `pernille is not offered form[action="${meeting.path}/decisions"] ("Notér en beslutning") on ${meeting.path}`);
      // The table of held ideas: pick one forwarded to the steering group (not the walk's own idea).
      const rows = await form.locator('#decision-moves tbody tr').evaluateAll((trs) => trs.map((tr) => ({
        select: tr.querySelector('select[name^="move_"]')?.getAttribute('name') ?? null,
        href: tr.querySelector('a[href^="/ideas/"]')?.getAttribute('href') ?? null,
        title: (tr.querySelector('a[href^="/ideas/"]')?.textContent || '').trim(),
        status: (tr.querySelector('.meta')?.textContent || '').trim(),
      })));
      const row = rows.find((r) => r.select && r.status === 'Videresendt til tovholdergruppen' && r.href !== state.idea?.path);
      if (!row) assert.fail(`no idea with status "Videresendt til tovholdergruppen" in the held-ideas table (#decision-moves) of the decision form; rows: ${JSON.stringify(rows)}`);
      const ideaId = row.select.slice('move_'.length);
      assert.equal(row.href, `/ideas/${ideaId}`, 'the row\'s idea link and its move select name different ideas');
      way.idea = { id: ideaId, path: row.href, title: row.title.replace(/^#\d+\s+/, '') };
      const select = form.locator(`select#move_${ideaId}`);
      const option = await select.locator('option[value="prioritize"]').evaluate((o) => o.textContent.trim()).catch(() => null);
      assert.equal(option, 'Prioritér', `select#move_${ideaId} should offer value "prioritize" labelled "Prioritér"`);
      await select.selectOption('prioritize');
      await form.locator(`input#rank_${ideaId}`).fill('2');
      const title = `Walk-beslutning: #${ideaId} prioriteres ${new Date().toISOString()}`;
      await form.locator('[name="title"]').fill(title);
      await form.locator('[name="body"]').fill('Tovholdergruppen prioriterer idéen som nummer 2 i denne runde.');
      await form.locator('[name="reason"]').fill('Mange kommuner har samme behov.');
      const res = await submitForm(form);
      const where = pathAndQuery();
      const m = /^\/decisions\/(\d+)\?notice=decided$/.exec(where);
      if (!m) assert.fail(`recording the decision should redirect to /decisions/{id}?notice=decided, ended on ${where} (HTTP ${res?.status()}); errors shown: ${JSON.stringify(await shownErrors())}`);
      way.decision = { id: m[1], path: `/decisions/${m[1]}`, title };
      console.log(`decision recorded: ${way.decision.path} "${title}", prioritizing ${way.idea.path} "${way.idea.title}"`);
      checkLoaded(res, 'the new decision', where);
      const problems = [];
      await softPageChecks(`${where} (as pernille)`, problems);
      assert.equal((await page.locator('main h1').innerText()).trim(), title, 'the decision page does not show its title');
      assert.ok((await page.locator('main p.notice[role="status"]').count()) === 1, 'no notice (p.notice[role=status]) after recording the decision');
      assert.equal(await page.locator(`main a[href="${meeting.path}"]`).count(), 1, `the decision page does not link its meeting ${meeting.path}`);
      const ideaItem = page.locator('main li', { has: page.locator(`a[href="${way.idea.path}"]`) });
      assert.equal(await ideaItem.count(), 1, `the decision page does not list the moved idea ${way.idea.path}`);
      assert.match(await ideaItem.innerText(), /Prioriteret/, 'the decision page does not say what happened to the idea (Prioriteret)');
      const syd = page.locator('main section[aria-labelledby="presented"] tbody tr', { has: page.locator('a', { hasText: new RegExp(`^${ERFA_GROUP}$`) }) });
      assert.equal(await syd.count(), 1, `the new steering decision is not published to ${ERFA_GROUP} (no row in its presentations table)`);
      assert.match(await syd.innerText(), /Ikke fremlagt endnu/, `${ERFA_GROUP} should not have presented the new decision yet`);
      // The meeting lists its decision.
      checkLoaded(await goto(meeting.path), meeting.path, meeting.path);
      assert.equal(await page.locator(`main section[aria-labelledby="decisions"] a[href="${way.decision.path}"]`).count(), 1, `${meeting.path} does not list the decision under its decisions`);
      failIfProblems(problems);
    });

    step('decision journey: the prioritized idea shows "Besluttet:" with a link to the decision', async () => {
      const [idea, decision] = [requireWay('idea', 'the idea page'), requireWay('decision', 'the idea page')];
      if (!state.signedIn) await signInFresh(PERNILLE);
      await visit(idea.path, `${idea.path} (prioritized by decision)`);
      const page = state.page;
      assert.equal(await ideaStatus(), 'Prioriteret', `${idea.path} after the decision`);
      const entry = page.locator('main ol.timeline > li', { has: page.locator(`a[href="${decision.path}"]`) });
      assert.equal(await entry.count(), 1, `the timeline of ${idea.path} has no entry linking the decision ${decision.path}`);
      const text = (await entry.innerText()).replace(/\s+/g, ' ');
      assert.match(text, new RegExp(`Besluttet: ${escapeRe(decision.title)}`), `the timeline entry should say "Besluttet: <decision title>", says ${JSON.stringify(text)}`);
      assert.match(text, /Prioriteret/, 'the timeline entry of the decision does not name the new status');
    });

    step('decision journey: maja sees the decision on Erfagruppe Syd\'s page and on the agenda of its next meeting', async () => {
      const [syd, decision] = [requireWay('syd', 'the Syd page'), requireWay('decision', 'the Syd page')];
      await signInFresh(MAJA);
      const page = state.page;
      await visit(syd, `group page ${syd} (as maja, after the decision)`);
      assert.equal(await page.locator(`main section[aria-labelledby="decision-feed"] a[href="${decision.path}"]`).count(), 1, `the decision ${decision.path} is not in ${ERFA_GROUP}'s decision feed (section[aria-labelledby="decision-feed"])`);
      assert.equal(await page.locator(`main section[aria-labelledby="to-present"] a[href="${decision.path}"]`).count(), 1, `the decision ${decision.path} is not under "At fremlægge" (section[aria-labelledby="to-present"]) on ${syd}`);
      // The group's Atom feed carries it too.
      const atom = await page.locator('main section[aria-labelledby="decision-feed"] a[href$="/decisions.atom"]').getAttribute('href');
      const atomPath = new URL(atom, state.baseURL).pathname;
      const feed = await fetch(url(atomPath), { signal: AbortSignal.timeout(10_000) });
      const xml = await feed.text();
      assert.equal(feed.status, 200, `GET ${atomPath}: HTTP ${feed.status}`);
      assert.ok(xml.includes(decision.title), `the Atom feed ${atomPath} does not carry the decision "${decision.title}"`);
      const { upcoming } = await groupMeetingLinks();
      if (upcoming.length === 0) {
        console.log(`${ERFA_GROUP} has no upcoming meeting: the agenda check is skipped`);
        return;
      }
      const next = upcoming[0]; // the soonest: upcoming meetings are listed in date order
      await visit(next, `meeting page ${next} (next ${ERFA_GROUP} meeting, as maja)`);
      const item = page.locator('main section[aria-labelledby="agenda"] ol.agenda > li', { has: page.locator(`a[href="${decision.path}"]`) });
      assert.equal(await item.count(), 1, `the decision ${decision.path} is not on the agenda of ${ERFA_GROUP}'s next meeting ${next}`);
      assert.match(await item.innerText(), /Ikke fremlagt endnu/, `the agenda item on ${next} should say the decision is not presented yet`);
    });

    step('decision journey: hanne marks the decision presented for Erfagruppe Syd', async () => {
      const [syd, decision] = [requireWay('syd', 'presenting'), requireWay('decision', 'presenting')];
      await signInFresh(HANNE);
      const page = state.page;
      checkLoaded(await goto(decision.path), decision.path, decision.path);
      const sydId = syd.split('/').pop();
      const row = () => page.locator('main section[aria-labelledby="presented"] tbody tr', { has: page.locator(`a[href="${syd}"]`) });
      assert.equal(await row().count(), 1, `no row for ${ERFA_GROUP} in the presentations of ${decision.path}`);
      const form = row().locator(`form[action="${decision.path}/presented"]`, { has: page.locator(`input[name="group_id"][value="${sydId}"]`) });
      assert.equal(await form.count(), 1, `hanne (tovholder of ${ERFA_GROUP}) is not offered a "mark presented" form for ${ERFA_GROUP} on ${decision.path}`);
      const others = await page.locator(`main form[action="${decision.path}/presented"] input[name="group_id"]`).evaluateAll((is) => is.map((i) => i.value));
      assert.deepEqual(others, [sydId], `hanne should be offered "mark presented" only for ${ERFA_GROUP} (group ${sydId})`);
      const button = form.locator('button[type="submit"]');
      assert.equal((await button.innerText()).trim(), `Markér som fremlagt i ${ERFA_GROUP}`, 'the "mark presented" button should name the group');
      const problems = [];
      await softPageChecks(`${decision.path} (as hanne, before presenting)`, problems);
      const res = await submitForm(form, button);
      const where = pathAndQuery();
      if (where !== `${decision.path}?notice=presented`) {
        assert.fail(`marking presented should redirect to ${decision.path}?notice=presented, ended on ${where} (HTTP ${res?.status()}); errors shown: ${JSON.stringify(await shownErrors())}`);
      }
      checkLoaded(res, `${decision.path} after presenting`, where);
      await softPageChecks(`${where} (as hanne)`, problems);
      const text = (await row().innerText()).replace(/\s+/g, ' ');
      assert.match(text, /Fremlagt \d/, `the row for ${ERFA_GROUP} should say "Fremlagt <date>", says ${JSON.stringify(text)}`);
      assert.match(text, /Hanne Bro/, `the row for ${ERFA_GROUP} should name who presented it`);
      assert.equal(await page.locator(`main form[action="${decision.path}/presented"]`).count(), 0, 'the "mark presented" form is still shown after presenting');
      // No longer waiting on the group page.
      checkLoaded(await goto(syd), syd, syd);
      assert.equal(await page.locator(`main section[aria-labelledby="to-present"] a[href="${decision.path}"]`).count(), 0, `the decision is still under "At fremlægge" on ${syd} after being presented`);
      failIfProblems(problems);
    });

    step('page /admin/outbox after the decision: maja\'s mail waits there (no mail server in the walk)', async () => {
      const decision = requireWay('decision', 'the outbox');
      await signInFresh(ADMIN_EMAIL);
      const page = state.page;
      await visit('/admin/outbox?status=queued', '/admin/outbox?status=queued (after the decision)');
      const rows = page.locator('main table tbody tr', { hasText: MAJA });
      const n = await rows.count();
      if (n === 0) {
        const listed = await page.locator('main table tbody tr').allInnerTexts().catch(() => []);
        assert.fail(`maja chose mail "immediately" for decisions, but no queued mail to ${MAJA} is in /admin/outbox?status=queued after ${decision.path}; listed: ${JSON.stringify(listed.map((t) => t.replace(/\s+/g, ' ')).slice(0, 10))}`);
      }
      const row = rows.last();
      assert.equal(await row.locator('form[action^="/admin/outbox/"][action$="/retry"] button[type="submit"]').count(), 1, 'a queued mail in the outbox has no "send again now" button');
    });

    // (m) the meeting form with an error keeps the user's input ----------------------------------
    step('meeting form: ending before it starts shows a Danish error at the end time and keeps the title', async () => {
      const steering = requireWay('steering', 'the meeting form');
      await signInFresh(PERNILLE);
      const page = state.page;
      const newPath = `${steering}/meetings/new`;
      checkLoaded(await goto(newPath), newPath, newPath);
      const form = page.locator(`main form[action="${steering}/meetings"]`);
      const title = `Walk: mødet slutter før det begynder æøå ${Date.now()}`;
      await form.locator('#title').fill(title);
      await form.locator('#date').fill(copenhagenDate(9));
      await form.locator('#start_time').fill('14.00');
      await form.locator('#end_time').fill('13.00');
      const res = await submitForm(form);
      const where = pathAndQuery();
      console.log(`meeting form ending before it starts: HTTP ${res?.status()}, now on ${where}`);
      assert.ok(!/^\/meetings\/\d+/.test(where), `a meeting that ends before it starts was saved: redirected to ${where}`);
      assert.equal(res?.status(), 422, 'the refused meeting form should answer HTTP 422');
      const form2 = page.locator(`main form[action="${steering}/meetings"]`);
      assert.equal(await form2.count(), 1, 'the meeting form is not shown again after the error');
      assert.equal(await form2.locator('#title').inputValue(), title, 'the re-rendered form does not keep the typed title');
      assert.equal(await form2.locator('#start_time').inputValue(), '14.00', 'the re-rendered form does not keep the start time');
      assert.equal(await form2.locator('#end_time').inputValue(), '13.00', 'the re-rendered form does not keep the end time');
      const aria = await form2.locator('#end_time').evaluate((el) => ({ invalid: el.getAttribute('aria-invalid'), describedby: el.getAttribute('aria-describedby') }));
      assert.equal(aria.invalid, 'true', '#end_time should have aria-invalid="true"');
      assert.ok(aria.describedby, '#end_time should have aria-describedby pointing at its error');
      const message = page.locator(`#${aria.describedby.split(/\s+/)[0]}`);
      assert.equal(await message.count(), 1, `#end_time aria-describedby=${aria.describedby} points at nothing`);
      const text = (await message.innerText()).trim();
      console.log(`end time error: ${JSON.stringify(text)}`);
      assert.match(text, /slutte efter/, `the error at the end time should be Danish ("Mødet skal slutte efter, det begynder."), is ${JSON.stringify(text)}`);
      const inField = await message.evaluate((el) => Boolean(el.closest('.field')?.querySelector('#end_time')));
      assert.ok(inField, 'the end-time error is not shown next to the end time field (in its .field)');
      assert.equal(await page.locator('main .error-summary a[href="#end_time"]').count(), 1, 'the error summary does not link to #end_time');
      assert.equal(await page.locator('#title').getAttribute('aria-invalid'), null, '#title should not be marked invalid');
      await pageChecks(`${where} (meeting form with error)`);
      // Nothing was saved.
      checkLoaded(await goto(steering), steering, steering);
      assert.equal(await page.locator('main a', { hasText: title }).count(), 0, `the refused meeting "${title}" is listed on ${steering}`);
    });

    // (n) prioritization rounds: the pages, a ballot's errors and changes, the round form's error --
    const ROUND_CLOSED = 'Prioritering af videresendte idéer, efteråret'; // points, closed, published
    const ROUND_OPEN = 'Prioritering før kundekonferencen'; // ranking, open, erfagrupper vote by their tovholder
    const rounds = {
      closed: null, // path of the closed round
      open: null, // path of the open round
      openIdeas: null, // the number of ideas on the open round, from /rounds
      ballot: null, // { names: [input names on hanne's ballot, in order], initial: { name: value } }
    };
    const requireRound = (key, needs) => {
      if (!rounds[key]) assert.fail(`no ${key} round data: an earlier round subtest failed, so ${needs} cannot be checked`);
      return rounds[key];
    };
    /** The ballot form of the open round on the loaded page. */
    const ballotForm = () => state.page.locator(`main form[action="${rounds.open}/ballot"]`);
    /** The values in the ballot form's inputs, by name. */
    const ballotValues = async () => await ballotForm().locator('input[name^="value_"]').evaluateAll((is) => Object.fromEntries(is.map((i) => [i.name, i.value])));
    /** Fill every input of the ballot form (by name; '' clears it). */
    async function fillBallot(values) {
      for (const [name, value] of Object.entries(values)) await ballotForm().locator(`input[name="${name}"]`).fill(value);
    }

    step('page /rounds (as maja): both demo rounds, and no "Ny prioriteringsrunde" for a plain member', async () => {
      await signInFresh(MAJA);
      await visit('/rounds', '/rounds (as maja)');
      const page = state.page;
      const rows = await page.locator('main table').first().evaluate((t) => {
        const heads = [...t.querySelectorAll('thead th')].map((th) => th.textContent.trim());
        const col = (name) => heads.indexOf(name);
        return [...t.querySelectorAll('tbody tr')].map((tr) => {
          const a = tr.querySelector('a[href^="/rounds/"]');
          const cells = [...tr.children].map((c) => c.textContent.trim());
          return { href: a?.getAttribute('href') ?? null, title: (a?.textContent || '').trim(), phase: cells[col('Status')] ?? null, ideas: cells[col('Idéer')] ?? null };
        });
      });
      const closed = rows.find((r) => r.title === ROUND_CLOSED);
      const open = rows.find((r) => r.title === ROUND_OPEN);
      if (!closed || !open) assert.fail(`/rounds should list the demo rounds "${ROUND_CLOSED}" and "${ROUND_OPEN}"; lists ${JSON.stringify(rows)}`);
      for (const r of [closed, open]) assert.match(r.href ?? '', /^\/rounds\/\d+$/, `the link to "${r.title}" on /rounds`);
      assert.equal(closed.phase, 'Afsluttet', `the phase of "${ROUND_CLOSED}" on /rounds`);
      assert.equal(open.phase, 'Åben for afstemning', `the phase of "${ROUND_OPEN}" on /rounds`);
      assert.match(open.ideas ?? '', /^[1-9]\d*$/, `the number of ideas of "${ROUND_OPEN}" on /rounds`);
      rounds.closed = closed.href;
      rounds.open = open.href;
      rounds.openIdeas = Number(open.ideas);
      console.log(`rounds: closed ${closed.href}, open ${open.href} (${open.ideas} ideas)`);
      assert.equal(await page.locator('main a[href="/rounds/new"]').count(), 0, 'maja (not in Tovholdergruppen) is offered a[href="/rounds/new"] on /rounds');
      assert.equal(await page.locator('nav a[href="/rounds"][aria-current="page"]').count(), 1, 'the navigation does not mark "Prioritering" (a[href="/rounds"]) as the current page on /rounds');
    });

    step('page /rounds/new as maja (plain member): HTTP 403 and no form', async () => {
      if (state.actor?.email !== MAJA || !state.signedIn) await signInFresh(MAJA);
      const res = await goto('/rounds/new');
      assert.equal(res.status(), 403, `maja (not in Tovholdergruppen) opening /rounds/new: expected HTTP 403, got ${res.status()}`);
      assert.equal(await state.page.locator('main form[action="/rounds"]').count(), 0, '/rounds/new shows the round form to maja');
    });

    step('page /rounds/<closed round> (as maja): result, published ballots that add up, "Stemte ikke", link to the decision', async () => {
      const closed = requireRound('closed', 'the closed round');
      if (state.actor?.email !== MAJA || !state.signedIn) await signInFresh(MAJA);
      const problems = [];
      requireSignedIn();
      checkLoaded(await goto(closed), `closed round ${closed}`, closed);
      await softPageChecks(`closed round ${closed} (as maja)`, problems);
      const page = state.page;
      assert.equal((await page.locator('main h1').innerText()).trim(), ROUND_CLOSED, `the h1 of ${closed}`);
      const forms = await page.locator('main form').evaluateAll((fs) => fs.map((f) => f.getAttribute('action')));
      assert.deepEqual(forms, [], `the closed, published round should offer maja no forms (no ballot, no publish) on ${closed}`);
      // The result, in order of points; ties go to the lower idea number.
      const result = page.locator('main section[aria-labelledby="result"]');
      assert.equal(await result.count(), 1, `no section[aria-labelledby="result"] on ${closed}`);
      const standings = await result.locator('table tbody tr').evaluateAll((trs) => trs.map((tr) => {
        const td = tr.querySelectorAll('td');
        return { position: Number(td[0]?.textContent.trim()), href: tr.querySelector('a[href^="/ideas/"]')?.getAttribute('href') ?? null, score: Number(td[2]?.textContent.trim()) };
      }));
      assert.equal(standings.length, 4, `the result table on ${closed} should rank the round's 4 ideas: ${JSON.stringify(standings)}`);
      assert.deepEqual(standings.map((s) => s.position), [1, 2, 3, 4], 'the positions in the result table');
      for (const [i, s] of standings.entries()) {
        assert.match(s.href ?? '', /^\/ideas\/\d+$/, `result row ${i + 1} does not link its idea`);
        assert.ok(Number.isInteger(s.score), `result row ${i + 1} has no whole score: ${JSON.stringify(s)}`);
        if (i > 0) {
          const p = standings[i - 1];
          const idNum = (h) => Number(h.split('/').pop());
          assert.ok(p.score > s.score || (p.score === s.score && idNum(p.href) < idNum(s.href)), `the result is not ordered by points (ties: lower idea number first): ${JSON.stringify(standings)}`);
        }
      }
      // Published as the tovholdergruppe's decision.
      const decisionLink = result.locator('a[href^="/decisions/"]');
      assert.equal(await decisionLink.count(), 1, `the result on ${closed} does not link the decision it was published as`);
      const decision = await decisionLink.getAttribute('href');
      assert.match(decision, /^\/decisions\/\d+$/, 'the link to the decision');
      assert.match((await result.locator('p', { has: page.locator('a[href^="/decisions/"]') }).innerText()).replace(/\s+/g, ' '), /Resultatet er offentliggjort som tovholdergruppens beslutning/, 'the sentence with the decision link');
      // Every ballot is published, and the ballots add up to the result.
      const ballots = page.locator('main section[aria-labelledby="ballots"]');
      assert.equal(await ballots.count(), 1, `no section[aria-labelledby="ballots"] on ${closed}`);
      assert.equal((await ballots.locator('h2').innerText()).trim(), '4 stemmesedler', 'the heading of the published ballots');
      const table = await ballots.locator('table').evaluate((t) => ({
        ideas: [...t.querySelectorAll('thead th a[href^="/ideas/"]')].map((a) => a.getAttribute('href')),
        rows: [...t.querySelectorAll('tbody tr')].map((tr) => ({
          voter: (tr.querySelector('th[scope="row"]')?.textContent || '').replace(/\s+/g, ' ').trim(),
          cells: [...tr.querySelectorAll('td')].map((td) => td.textContent.trim()),
        })),
      }));
      assert.equal(table.rows.length, 4, `the published ballots table should have 4 rows, has ${JSON.stringify(table.rows)}`);
      assert.deepEqual([...table.ideas].sort(), standings.map((s) => s.href).sort(), 'the ballots table\'s idea columns and the result\'s ideas differ');
      const sums = Object.fromEntries(table.ideas.map((h) => [h, 0]));
      for (const row of table.rows) {
        assert.ok(row.voter.length > 0, `a published ballot has no voter (th scope=row): ${JSON.stringify(row)}`);
        assert.equal(row.cells.length, table.ideas.length, `a published ballot row has ${row.cells.length} cells for ${table.ideas.length} ideas: ${JSON.stringify(row)}`);
        const points = row.cells.map((c) => (c === '' ? 0 : Number(c)));
        assert.ok(points.every((p) => Number.isInteger(p) && p >= 0), `a published ballot has a cell that is not a whole number: ${JSON.stringify(row)}`);
        assert.ok(points.reduce((a, b) => a + b, 0) <= 10, `a published ballot spends more than the 10 points: ${JSON.stringify(row)}`);
        points.forEach((p, i) => { sums[table.ideas[i]] += p; });
      }
      for (const s of standings) assert.equal(sums[s.href], s.score, `the published ballots give ${s.href} ${sums[s.href]} points, the result says ${s.score}`);
      // Those who did not vote.
      const nonVoters = await ballots.locator('h3').evaluateAll((hs) => {
        const h = hs.find((x) => x.textContent.trim() === 'Stemte ikke');
        if (!h) return null;
        const list = h.nextElementSibling;
        return list && list.tagName === 'UL' ? [...list.querySelectorAll('li')].map((li) => li.textContent.trim()) : [];
      });
      assert.ok(nonVoters, `no sub-heading "Stemte ikke" in the ballots section on ${closed}`);
      assert.equal(nonVoters.length, 1, `one erfagruppe did not vote in the demo; "Stemte ikke" lists ${JSON.stringify(nonVoters)}`);
      assert.ok(!table.rows.some((r) => r.voter.startsWith(nonVoters[0])), `${nonVoters[0]} is listed under "Stemte ikke" and has a ballot`);
      // The decision it became.
      checkLoaded(await goto(decision), `decision ${decision} (from the closed round)`, decision);
      await softPageChecks(`decision ${decision} (the closed round's result, as maja)`, problems);
      assert.equal((await page.locator('main h1').innerText()).trim(), ROUND_CLOSED, `the h1 of the decision ${decision} the closed round was published as`);
      const origin = page.locator('main section[aria-labelledby="round-result"]');
      assert.match(await origin.innerText(), /Beslutningen offentliggør resultatet af prioriteringsrunden/, `decision ${decision} does not say it publishes a round's result`);
      assert.equal(await origin.locator(`a[href="${closed}"]`).count(), 1, `decision ${decision} does not link its round ${closed}`);
      failIfProblems(problems);
    });

    step('page /rounds/<open round> as maja: no ballot form, "Du stemmer ikke i denne runde"', async () => {
      const open = requireRound('open', 'the open round as maja');
      if (state.actor?.email !== MAJA || !state.signedIn) await signInFresh(MAJA);
      await visit(open, `open round ${open} (as maja)`);
      const page = state.page;
      assert.equal((await page.locator('main h1').innerText()).trim(), ROUND_OPEN, `the h1 of ${open}`);
      const vote = page.locator('main section[aria-labelledby="vote"]');
      assert.equal(await vote.count(), 1, `no section[aria-labelledby="vote"] on ${open}`);
      assert.match(await vote.innerText(), /Du stemmer ikke i denne runde/, `maja (not tovholder) should be told "Du stemmer ikke i denne runde" on ${open}`);
      assert.equal(await page.locator(`main form[action="${open}/ballot"]`).count(), 0, `maja is offered the ballot form on ${open}`);
      assert.equal(await page.locator('main input[type="number"]').count(), 0, `maja sees number inputs on ${open}`);
      assert.equal(await page.locator('main section:is([aria-labelledby="result"], [aria-labelledby="ballots"])').count(), 0, `the open round ${open} already shows a result or the ballots`);
    });

    step('page /rounds/new (as pernille, member of Tovholdergruppen, from "Ny prioriteringsrunde")', async () => {
      await signInFresh(PERNILLE);
      const page = state.page;
      checkLoaded(await goto('/rounds'), '/rounds (as pernille)', '/rounds');
      const link = page.locator('main a[href="/rounds/new"]');
      assert.equal(await link.count(), 1, 'pernille (member of Tovholdergruppen) is not offered a[href="/rounds/new"] on /rounds');
      assert.equal((await link.innerText()).trim(), 'Ny prioriteringsrunde', 'the text of the link to /rounds/new');
      const [res] = await Promise.all([page.waitForNavigation({ waitUntil: 'load' }), link.click()]);
      checkLoaded(res, '/rounds/new (as pernille)', '/rounds/new');
      await pageChecks('/rounds/new (as pernille)');
      const form = page.locator('main form[action="/rounds"][method="post"]');
      assert.equal(await form.count(), 1, 'no form[action="/rounds"][method="post"] on /rounds/new');
      for (const name of ['title', 'description', 'budget', 'opens_date', 'opens_time', 'closes_date', 'closes_time']) {
        assert.equal(await form.locator(`[name="${name}"]`).count(), 1, `the round form has no field named ${name}`);
      }
      const choices = await form.locator('input[type="radio"], input[type="checkbox"]').evaluateAll((is) => is.map((i) => ({
        name: i.name,
        value: i.value,
        checked: i.checked,
        label: [...i.labels].map((l) => l.textContent.replace(/\s+/g, ' ').trim()).join(' '),
        legend: (i.closest('fieldset')?.querySelector('legend')?.textContent || '').trim(),
      })));
      const of = (name) => choices.filter((c) => c.name === name);
      assert.deepEqual(of('method').map((c) => c.value), ['points', 'ranking'], 'the method radios');
      assert.deepEqual(of('voters').map((c) => c.value), ['erfagrupper', 'municipalities'], 'the voters radios');
      assert.ok(of('ideas').length > 0, 'the round form offers no ideas (input[name="ideas"]) for the ballot');
      for (const c of choices) assert.ok(c.label.length > 0 && c.legend.length > 0, `choice ${c.name}=${c.value} should have a label and sit in a fieldset with a legend: ${JSON.stringify(c)}`);
      assert.equal(of('method').filter((c) => c.checked).length, 1, 'exactly one method should be chosen by default');
      assert.equal(of('voters').filter((c) => c.checked).length, 1, 'exactly one voters choice should be made by default');
      assert.ok(of('ideas').every((c) => c.checked), 'every forwarded idea should be on the ballot by default');
    });

    step('round form: closing before it opens answers 422 with a Danish error at the closing date and keeps the input', async () => {
      if (state.actor?.email !== PERNILLE || !state.signedIn) await signInFresh(PERNILLE);
      const page = state.page;
      checkLoaded(await goto('/rounds/new'), '/rounds/new', '/rounds/new');
      const form = page.locator('main form[action="/rounds"]');
      const title = `Walk-runde: lukker før den åbner æøå ${Date.now()}`;
      await form.locator('[name="title"]').fill(title);
      await form.locator('[name="description"]').fill('Runden lukker, før den åbner: det skal formularen sige fra over for.');
      await form.locator('input[name="method"][value="ranking"]').check();
      await form.locator('input[name="voters"][value="municipalities"]').check();
      await form.locator('[name="opens_date"]').fill(copenhagenDate(10));
      await form.locator('[name="opens_time"]').fill('09.00');
      await form.locator('[name="closes_date"]').fill(copenhagenDate(5));
      await form.locator('[name="closes_time"]').fill('15.30');
      const boxes = form.locator('input[type="checkbox"][name="ideas"]');
      if ((await boxes.count()) >= 2) await boxes.last().uncheck();
      const before = await form.evaluate(snapshotForm);
      const res = await submitForm(form);
      const where = pathAndQuery();
      console.log(`round form closing before it opens: HTTP ${res?.status()}, now on ${where}`);
      assert.ok(!/^\/rounds\/\d+/.test(where), `a round that closes before it opens was saved: redirected to ${where}`);
      assert.equal(res?.status(), 422, `the refused round form should answer HTTP 422; errors shown: ${JSON.stringify(await shownErrors())}`);
      const form2 = page.locator('main form[action="/rounds"]');
      assert.equal(await form2.count(), 1, 'the round form is not shown again after the error');
      assert.equal(await form2.locator('[name="title"]').inputValue(), title, 'the re-rendered round form does not keep the typed title');
      assert.deepEqual(await form2.evaluate(snapshotForm), before, 'the re-rendered round form does not keep what was typed and chosen');
      const aria = await form2.locator('[name="closes_date"]').evaluate((el) => ({ id: el.id, invalid: el.getAttribute('aria-invalid'), describedby: el.getAttribute('aria-describedby') }));
      assert.equal(aria.invalid, 'true', 'the closing date should have aria-invalid="true"');
      assert.ok(aria.describedby, 'the closing date should have aria-describedby pointing at its error');
      const message = page.locator(`[id="${aria.describedby.split(/\s+/)[0]}"]`);
      assert.equal(await message.count(), 1, `the closing date's aria-describedby=${aria.describedby} points at nothing`);
      const text = (await message.innerText()).trim();
      console.log(`closing date error: ${JSON.stringify(text)}`);
      assert.equal(text, 'Runden skal lukke efter, den åbner.', 'the error at the closing date');
      const beside = await message.evaluate((el, id) => Boolean(el.closest('.field')?.querySelector(`[id="${id}"]`)), aria.id);
      assert.ok(beside, 'the closing-date error is not shown beside the closing date field (in its .field)');
      assert.equal(await page.locator(`main .error-summary a[href="#${aria.id}"]`).count(), 1, `the error summary does not link to #${aria.id}`);
      assert.equal(await form2.locator('[name="title"]').getAttribute('aria-invalid'), null, 'the title should not be marked invalid');
      await pageChecks(`${where} (round form with error)`);
      checkLoaded(await goto('/rounds'), '/rounds', '/rounds');
      assert.equal(await page.locator('main a', { hasText: title }).count(), 0, `the refused round "${title}" is listed on /rounds`);
    });

    step('page /rounds/<open round> as hanne (tovholder of Erfagruppe Syd): a ballot form with one number input per idea', async () => {
      const open = requireRound('open', 'the ballot form');
      await signInFresh(HANNE);
      await visit(open, `open round ${open} (as hanne)`);
      const page = state.page;
      const form = ballotForm();
      assert.equal(await form.count(), 1, `hanne, tovholder of ${ERFA_GROUP}, is not offered form[action="${open}/ballot"] on ${open}`);
      assert.match(await form.locator('input[type="hidden"][name="voter"]').inputValue(), /^group:\d+$/, 'the ballot form\'s voter');
      assert.equal((await form.locator('h3').innerText()).trim(), `Stemmeseddel for ${ERFA_GROUP}`, 'the heading of hanne\'s ballot');
      const rows = await form.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => {
        const a = tr.querySelector('a[href^="/ideas/"]');
        return {
          href: a?.getAttribute('href') ?? null,
          title: (a?.textContent || '').trim().replace(/^#\d+\s+/, ''),
          inputs: [...tr.querySelectorAll('input, select, textarea')].map((i) => ({
            type: i.type,
            name: i.name,
            labels: [...i.labels].map((l) => l.textContent.trim()),
          })),
        };
      }));
      assert.equal(rows.length, rounds.openIdeas, `the ballot should list the round's ${rounds.openIdeas} ideas (the count on /rounds), lists ${rows.length}`);
      for (const r of rows) {
        const id = (r.href ?? '').split('/').pop();
        assert.match(r.href ?? '', /^\/ideas\/\d+$/, `a ballot row does not link its idea: ${JSON.stringify(r)}`);
        assert.equal(r.inputs.length, 1, `the ballot row of ${r.href} should have exactly one input: ${JSON.stringify(r.inputs)}`);
        const [input] = r.inputs;
        assert.equal(input.type, 'number', `the input for ${r.href} should be type=number`);
        assert.equal(input.name, `value_${id}`, `the input for ${r.href} should be named value_${id}`);
        assert.deepEqual(input.labels, [`Stemme for »${r.title}«`], `the input for ${r.href} should have one label naming the idea`);
      }
      const names = rows.map((r) => r.inputs[0].name);
      assert.equal(new Set(names).size, names.length, `the ballot's input names repeat: ${JSON.stringify(names)}`);
      assert.ok(names.length >= 3, `the voting journey needs at least 3 ideas on the ballot, has ${names.length}`);
      assert.equal((await form.locator('button[type="submit"]').innerText()).trim(), 'Afgiv stemmesedlen', 'the ballot\'s submit button');
      rounds.ballot = { names, initial: await ballotValues() };
      console.log(`hanne's ballot before voting: ${JSON.stringify(rounds.ballot.initial)}`);
    });

    step('voting journey: hanne gives two ideas the same place: HTTP 422, her values kept, "To idéer har samme plads."', async () => {
      const [open, ballot] = [requireRound('open', 'voting'), requireRound('ballot', 'voting')];
      if (state.actor?.email !== HANNE || !state.signedIn) await signInFresh(HANNE);
      const page = state.page;
      checkLoaded(await goto(open), open, open);
      const typed = Object.fromEntries(ballot.names.map((n) => [n, '']));
      typed[ballot.names[0]] = '1';
      typed[ballot.names[1]] = '1';
      await fillBallot(typed);
      const res = await submitForm(ballotForm());
      const where = pathAndQuery();
      console.log(`ballot with two ideas in place 1: HTTP ${res?.status()}, now on ${where}`);
      assert.notEqual(where, `${open}?notice=ballot_saved`, 'a ballot with two ideas in the same place was saved');
      assert.equal(res?.status(), 422, `the refused ballot should answer HTTP 422; errors shown: ${JSON.stringify(await shownErrors())}`);
      assert.equal(where, `${open}/ballot`, 'the refused ballot should be shown again at the form\'s address');
      assert.deepEqual(state.pageErrors, [], 'uncaught JavaScript errors on the refused ballot');
      const problems = [];
      await softPageChecks(`${where} (ballot with an error, as hanne)`, problems);
      const summary = page.locator('main .error-summary[role="alert"]');
      assert.equal(await summary.count(), 1, 'no error summary (.error-summary[role="alert"]) on the refused ballot');
      const summaryText = (await summary.innerText()).replace(/\s+/g, ' ');
      assert.match(summaryText, /To idéer har samme plads\./, `the error summary should say "To idéer har samme plads.", says ${JSON.stringify(summaryText)}`);
      const target = await summary.locator('a[href^="#"]').first().getAttribute('href');
      assert.equal(await page.locator(`[id="${target.slice(1)}"]`).count(), 1, `the error summary's link ${target} points at nothing`);
      assert.equal(await ballotForm().count(), 1, 'the ballot form is not shown again after the error');
      assert.deepEqual(await ballotValues(), typed, 'the re-rendered ballot does not keep hanne\'s typed values');
      assert.equal(await page.locator('main p.notice[role="status"]').count(), 0, 'the refused ballot shows a "saved" notice');
      // Nothing was saved.
      checkLoaded(await goto(open), open, open);
      assert.deepEqual(await ballotValues(), ballot.initial, 'after the refused ballot, the round page should still show the ballot from before');
      failIfProblems(problems);
    });

    step('voting journey: hanne ranks three ideas 1, 2, 3: "Din stemmeseddel er gemt." and her values shown', async () => {
      const [open, ballot] = [requireRound('open', 'voting'), requireRound('ballot', 'voting')];
      if (state.actor?.email !== HANNE || !state.signedIn) await signInFresh(HANNE);
      const page = state.page;
      checkLoaded(await goto(open), open, open);
      const typed = Object.fromEntries(ballot.names.map((n) => [n, '']));
      ['1', '2', '3'].forEach((v, i) => { typed[ballot.names[i]] = v; });
      await fillBallot(typed);
      const res = await submitForm(ballotForm());
      const where = pathAndQuery();
      if (where !== `${open}?notice=ballot_saved`) {
        assert.fail(`a valid ballot should redirect to ${open}?notice=ballot_saved, ended on ${where} (HTTP ${res?.status()}); errors shown: ${JSON.stringify(await shownErrors())}`);
      }
      checkLoaded(res, `${open} after the ballot`, where);
      const problems = [];
      await softPageChecks(`${where} (as hanne)`, problems);
      const notice = page.locator('main p.notice[role="status"]');
      assert.equal(await notice.count(), 1, 'no notice (p.notice[role=status]) after saving the ballot');
      assert.equal((await notice.innerText()).trim(), 'Din stemmeseddel er gemt.', 'the notice after saving the ballot');
      assert.deepEqual(await ballotValues(), typed, 'the ballot form does not show the ranking hanne saved');
      assert.match(await ballotForm().innerText(), /Stemmesedlen er afgivet/, 'the ballot form should say the ballot is cast ("Stemmesedlen er afgivet")');
      ballot.saved = typed;
      failIfProblems(problems);
    });

    step('voting journey: hanne changes her ballot (swaps places 1 and 3) and sees the new values', async () => {
      const [open, ballot] = [requireRound('open', 'changing the ballot'), requireRound('ballot', 'changing the ballot')];
      if (!ballot.saved) assert.fail('no saved ballot: the previous voting subtest failed');
      if (state.actor?.email !== HANNE || !state.signedIn) await signInFresh(HANNE);
      const page = state.page;
      checkLoaded(await goto(open), open, open);
      assert.deepEqual(await ballotValues(), ballot.saved, 'the round page does not show hanne\'s saved ballot');
      const typed = { ...ballot.saved, [ballot.names[0]]: ballot.saved[ballot.names[2]], [ballot.names[2]]: ballot.saved[ballot.names[0]] };
      await fillBallot(typed);
      const res = await submitForm(ballotForm());
      const where = pathAndQuery();
      if (where !== `${open}?notice=ballot_saved`) {
        assert.fail(`changing the ballot should redirect to ${open}?notice=ballot_saved, ended on ${where} (HTTP ${res?.status()}); errors shown: ${JSON.stringify(await shownErrors())}`);
      }
      checkLoaded(res, `${open} after changing the ballot`, where);
      assert.equal((await page.locator('main p.notice[role="status"]').innerText()).trim(), 'Din stemmeseddel er gemt.', 'the notice after changing the ballot');
      assert.deepEqual(await ballotValues(), typed, 'the ballot form does not show the changed ranking');
      // Kept: a fresh load shows the new values.
      checkLoaded(await goto(open), open, open);
      assert.deepEqual(await ballotValues(), typed, 'after reloading, the round page does not show the changed ranking');
      assert.equal(await page.locator('main p.notice[role="status"]').count(), 0, 'a notice is shown without ?notice=');
      console.log(`hanne's ballot: ${JSON.stringify(Object.fromEntries(Object.entries(typed).filter(([, v]) => v !== '')))}`);
    });

    // (i) moderation and erasure ------------------------------------------------------------------
    const JONAS = 'jonas.bech@idespor.test'; // community manager and moderator
    const RASMUS = 'rasmus.skov@idespor.test'; // erases his own account at the end
    const moderation = {};

    step('moderation: jonas (moderator) finds "Moderér" beside a comment and opens its moderation page', async () => {
      await signInFresh(JONAS);
      const page = state.page;
      assert.equal(await page.locator('header a[href="/moderation"]').count(), 1, 'no "Moderation" in the menu for a moderator');
      await visit('/moderation', '/moderation (the moderation log)');
      checkLoaded(await goto('/ideas'), '/ideas', '/ideas');
      const ideas = (await page.locator('main a[href^="/ideas/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href'))))
        .filter((h) => /^\/ideas\/\d+$/.test(h));
      for (const href of ideas.slice(0, 25)) {
        checkLoaded(await goto(href), href, href);
        const link = page.locator('main a[href^="/moderation/comment/"]').first();
        if ((await link.count()) === 1) {
          moderation.comment = await link.getAttribute('href');
          moderation.idea = href;
          break;
        }
      }
      assert.ok(moderation.comment, 'no "Moderér" link beside any comment on the first 25 idea pages');
      await visit(moderation.comment, `moderation page ${moderation.comment}`);
    });

    step('moderation: a passage not in the text answers 422 with "Passagen står ikke i teksten." and keeps the input', async () => {
      if (!moderation.comment) assert.fail('no comment to moderate: the previous subtest failed');
      const page = state.page;
      checkLoaded(await goto(moderation.comment), moderation.comment, moderation.comment);
      const form = page.locator(`main form[action="${moderation.comment}/redact"]`);
      await form.locator('#passage').fill('Denne tekst står der ikke');
      await form.locator('#reason').fill('Borgers navn');
      const res = await submitForm(form);
      assert.equal(res?.status(), 422, `a passage not in the text should answer 422, got ${res?.status()}`);
      assert.match((await shownErrors()).join(' '), /Passagen står ikke i teksten/, 'no Danish error beside the passage');
      assert.equal(await page.locator('#passage').inputValue(), 'Denne tekst står der ikke', 'the passage typed was not kept');
      assert.equal(await page.locator('#reason').inputValue(), 'Borgers navn', 'the reason typed was not kept');
      await pageChecks('moderation page with an error');
    });

    step('moderation: jonas removes a passage of the comment: "[fjernet af moderator]" stands in its place', async () => {
      if (!moderation.comment) assert.fail('no comment to moderate: an earlier subtest failed');
      const page = state.page;
      checkLoaded(await goto(moderation.comment), moderation.comment, moderation.comment);
      const text = (await page.locator('main dl.moderated-texts dd').first().innerText()).trim();
      const passage = text.split(/\s+/).slice(0, 3).join(' ');
      assert.ok(passage.length >= 3, `the comment's text is too short to take a passage from: ${JSON.stringify(text)}`);
      const form = page.locator(`main form[action="${moderation.comment}/redact"]`);
      await form.locator('#passage').fill(passage);
      await form.locator('#reason').fill('Borgers navn');
      const res = await submitForm(form);
      const where = pathAndQuery();
      if (where !== `${moderation.comment}?notice=redacted`) {
        assert.fail(`removing a passage should redirect to ${moderation.comment}?notice=redacted, ended on ${where} (HTTP ${res?.status()}); errors: ${JSON.stringify(await shownErrors())}`);
      }
      assert.match(await page.locator('main dl.moderated-texts dd').first().innerText(), /\[fjernet af moderator\]/, 'the marker is not in the text');
      checkLoaded(await goto(moderation.idea), moderation.idea, moderation.idea);
      assert.match(await page.locator('main').innerText(), /\[fjernet af moderator\]/, 'the idea page does not show the marker');
    });

    step('moderation: jonas hides the comment (with a reason) and shows it again', async () => {
      if (!moderation.comment) assert.fail('no comment to moderate: an earlier subtest failed');
      const page = state.page;
      checkLoaded(await goto(moderation.comment), moderation.comment, moderation.comment);
      let form = page.locator(`main form[action="${moderation.comment}/hide"]`);
      assert.equal(await form.count(), 1, 'no hide form on the comment\'s moderation page');
      // The reason is required (the browser says so first; the app tests the server's answer).
      assert.equal(await form.locator('#hide-reason[required]').count(), 1, 'the reason is not marked required');
      await form.locator('#hide-reason').fill('Hele kommentaren handler om en borger');
      let res = await submitForm(form);
      assert.equal(pathAndQuery(), `${moderation.comment}?notice=comment_hidden`, `after hiding: HTTP ${res?.status()}`);
      checkLoaded(await goto(moderation.idea), moderation.idea, moderation.idea);
      assert.match(await page.locator('main').innerText(), /Kommentaren er skjult af en moderator\./, 'the idea page does not say the comment is hidden');
      await pageChecks('idea page with a hidden comment');
      checkLoaded(await goto(moderation.comment), moderation.comment, moderation.comment);
      form = page.locator(`main form[action="${moderation.comment}/show"]`);
      await form.locator('#hide-reason').fill('Skjult ved en fejl');
      res = await submitForm(form);
      assert.equal(pathAndQuery(), `${moderation.comment}?notice=comment_shown`, `after showing: HTTP ${res?.status()}`);
      await visit('/moderation', '/moderation with three entries');
      assert.equal(await page.locator('main table tbody tr').count(), 3, 'the log shows the redaction, the hiding and the showing');
    });

    /** RFC 6238 (SHA-1, 6 digits, 30 s): the code an authenticator app shows for a base32 secret. */
    function totp(base32, at = Date.now()) {
      const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
      let bits = '';
      for (const ch of base32.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
      const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
      const counter = Buffer.alloc(8);
      counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / 30)));
      const mac = createHmac('sha1', key).update(counter).digest();
      const offset = mac[mac.length - 1] & 0xf;
      return String((mac.readUInt32BE(offset) & 0x7fffffff) % 1_000_000).padStart(6, '0');
    }
    const LOUISE = 'louise.krogh@idespor.test'; // turns on two-step sign-in
    const twoStep = {};

    step('password recovery: "Glemt adgangskode?" on /login leads to a form that answers the same for any address', async () => {
      // A browser of its own, signed out (its cookies cleared).
      await signInFresh(LOUISE);
      await state.actor.context.clearCookies();
      state.signedIn = false;
      const page = state.page;
      checkLoaded(await goto('/login'), '/login', '/login');
      await Promise.all([page.waitForURL(/\/password\/forgot$/), page.locator('main a[href="/password/forgot"]').click()]);
      await pageChecks('/password/forgot');
      await page.locator('#email').fill('ingen.her@idespor.test');
      await submitForm(page.locator('main form[action="/password/forgot"]'));
      assert.equal(pathAndQuery(), '/password/forgot?notice=reset_sent', 'the form should answer with its notice');
      assert.match(await page.locator('main p.notice').innerText(), /Hvis adressen hører til en konto her/, 'no answer after asking for a link');
      await pageChecks('/password/forgot after asking');
    });

    step('people import: the administrator previews a file (one line refused, beside its column) and imports the fixed file', async () => {
      await signInFresh(ADMIN_EMAIL);
      const page = state.page;
      checkLoaded(await goto('/admin/users'), '/admin/users', '/admin/users');
      await Promise.all([page.waitForURL(/\/admin\/people\/import$/), page.locator('main a[href="/admin/people/import"]').click()]);
      await pageChecks('/admin/people/import');
      const good = 'navn;email;organisation;grupper\nGry Walk;gry.walk@varde.dk;573;Erfagruppe Syd\n';
      await page.locator('#csv').fill(`${good}Ingen Sted;ingen@sted.dk;999;\n`);
      await submitForm(page.locator('main form[action="/admin/people/import/preview"]'));
      assert.match(await page.locator('main table').innerText(), /Organisation: Ingen organisation/, 'the refused line says why');
      assert.equal(await page.locator('main form[action="/admin/people/import"]').count(), 0, 'no import while a line is refused');
      await pageChecks('/admin/people/import preview with a refused line');
      await page.locator('#csv').fill(good);
      await submitForm(page.locator('main form[action="/admin/people/import/preview"]'));
      await submitForm(page.locator('main form[action="/admin/people/import"]'));
      assert.match(await page.locator('main p.notice').innerText(), /Importeret: 1 oprettet/);
      await pageChecks('/admin/people/import done');
    });

    step('public face: the administrator opens the roadmap and the decision log; a visitor reads them without a name, the figures stay closed', async () => {
      await signInFresh(ADMIN_EMAIL);
      const page = state.page;
      checkLoaded(await goto('/admin'), '/admin', '/admin');
      const form = page.locator('main form[action="/admin/public-pages"]');
      await form.locator('#public-roadmap').check();
      await form.locator('#public-decisions').check();
      await submitForm(form);
      assert.equal(pathAndQuery(), '/admin?notice=saved', 'saving should come back to the administration');
      assert.ok(await page.locator('#public-roadmap').isChecked(), 'the roadmap should show as open');
      await pageChecks('/admin with public pages open');
      await state.actor.context.clearCookies();
      state.signedIn = false;
      checkLoaded(await goto('/roadmap'), '/roadmap as a visitor', '/roadmap');
      assert.match(await page.locator('main p.notice').innerText(), /offentlig side/, 'the visitor is told the page is public');
      assert.equal(await page.locator('main a[href^="/ideas/"]').count(), 0, 'a visitor gets no links to idea pages');
      await pageChecks('/roadmap as a visitor');
      await Promise.all([page.waitForURL(/\/decisions$/), page.locator('header nav a[href="/decisions"]').click()]);
      await pageChecks('/decisions as a visitor');
      const decision = await firstMainLink('/decisions/');
      assert.ok(decision, 'the public decision log lists decisions');
      checkLoaded(await goto(decision), `${decision} as a visitor`, decision);
      await pageChecks(`${decision} as a visitor`);
      await goto('/figures');
      assert.equal(new URL(state.page.url()).pathname, '/login', 'the closed figures send a visitor to the sign-in page');
    });

    step('single sign-on in the administration: the form for a provider answers mistakes beside each field and keeps the input', async () => {
      await signInFresh(ADMIN_EMAIL);
      const page = state.page;
      checkLoaded(await goto('/admin'), '/admin', '/admin');
      await Promise.all([page.waitForURL(/\/admin\/sso\/new$/), page.locator('main a[href="/admin/sso/new"]').click()]);
      await pageChecks('/admin/sso/new');
      const form = page.locator('main form[action="/admin/sso"]');
      await form.locator('#provider_id').fill('Mægler!');
      await form.locator('#name').fill('MitID Erhverv');
      await form.locator('#issuer').fill('http://broker.example.org');
      await form.locator('#client_id').fill('idespor');
      const res = await submitForm(form);
      assert.equal(res?.status(), 422, `mistakes should answer 422, got ${res?.status()}`);
      const errors = (await shownErrors()).join(' ');
      assert.match(errors, /Brug 1–40 tegn af a–z, 0–9 og -\./);
      assert.match(errors, /Adressen skal begynde med https:\/\/\./);
      assert.equal(await page.locator('#name').inputValue(), 'MitID Erhverv', 'the input is kept');
      await pageChecks('/admin/sso with mistakes');
    });

    step('single sign-on: an answer no sign-in began gets a Danish page with the way back to /login', async () => {
      await state.actor.context.clearCookies();
      state.signedIn = false;
      const page = state.page;
      const res = await goto('/login/sso/mitid-erhverv/callback?code=x&state=ikke-startet');
      assert.equal(res.status(), 400, 'an unknown state should be refused');
      assert.match(await page.locator('main h1').innerText(), /Du blev ikke logget ind/);
      assert.match(await page.locator('main [role="alert"]').innerText(), /allerede brugt eller er udløbet/);
      assert.equal(await page.locator('main a[href="/login"]').count(), 1, 'no way back to the sign-in page');
      await pageChecks('/login/sso/…/callback refused');
    });

    step('two-step sign-in: louise turns it on (QR code, key, first code) and gets ten recovery codes', async () => {
      await signInFresh(LOUISE);
      const page = state.page;
      checkLoaded(await goto('/profile'), '/profile', '/profile');
      await submitForm(page.locator('main form[action="/profile/two-factor"]'));
      assert.equal(pathAndQuery(), '/profile/two-factor', 'turning it on should lead to the setup page');
      assert.equal(await page.locator('main figure.qr svg').count(), 1, 'no QR code on the setup page');
      await pageChecks('/profile/two-factor (setup)');
      twoStep.secret = (await page.locator('main code.secret').innerText()).replace(/\s/g, '');
      await page.locator('#code').fill(totp(twoStep.secret));
      const res = await submitForm(page.locator('main form[action="/profile/two-factor/confirm"]'));
      assert.equal(res?.status(), 200, `confirming with the app's code: HTTP ${res?.status()}; errors: ${JSON.stringify(await shownErrors())}`);
      twoStep.recovery = await page.locator('main ul.recovery-codes code').allInnerTexts();
      assert.equal(twoStep.recovery.length, 10, 'ten recovery codes should be shown');
      await pageChecks('/profile/two-factor (recovery codes)');
    });

    step('two-step sign-in: louise signs in again; after the password comes the code page, and a recovery code lets her in', async () => {
      if (!twoStep.recovery) assert.fail('two-step sign-in is not on: the previous subtest failed');
      await state.actor.context.clearCookies();
      const page = state.page;
      checkLoaded(await goto('/login'), '/login', '/login');
      await page.locator('#email').fill(LOUISE);
      await page.locator('#password').fill(DEMO_PASSWORD);
      await submitForm(page.locator('form:has(#email)').first());
      assert.equal(pathAndQuery(), '/login/code?next=%2F', 'after the password, the code page');
      await pageChecks('/login/code');
      await page.locator('#code').fill('000000' === totp(twoStep.secret) ? '111111' : '000000');
      let res = await submitForm(page.locator('main form[action="/login/code"]'));
      assert.equal(res?.status(), 422, `a wrong code should answer 422, got ${res?.status()}`);
      assert.match((await shownErrors()).join(' '), /Koden passer ikke/, 'no Danish error for a wrong code');
      await pageChecks('/login/code with a wrong code');
      await page.locator('#code').fill(twoStep.recovery[0]);
      res = await submitForm(page.locator('main form[action="/login/code"]'));
      assert.equal(pathAndQuery(), '/', `a recovery code should sign in (HTTP ${res?.status()})`);
      checkLoaded(await goto('/profile'), '/profile', '/profile');
      assert.match(await page.locator('main').innerText(), /Du har 9 gendannelseskoder tilbage/, 'one recovery code used');
    });

    step('erasure: rasmus erases his own account on /profile (wrong password first) and cannot sign in again', async () => {
      await signInFresh(RASMUS);
      const page = state.page;
      checkLoaded(await goto('/profile'), '/profile', '/profile');
      let form = page.locator('main form[action="/profile/erase"]');
      await form.locator('#erase-current_password').fill('forkert kodeord');
      let res = await submitForm(form);
      assert.equal(res?.status(), 422, `a wrong password should answer 422, got ${res?.status()}`);
      await pageChecks('/profile with a wrong password for erasure');
      form = page.locator('main form[action="/profile/erase"]');
      await form.locator('#erase-current_password').fill(DEMO_PASSWORD);
      res = await submitForm(form);
      assert.equal(pathAndQuery(), '/login?notice=erased', `erasing should end on /login?notice=erased (HTTP ${res?.status()})`);
      assert.match(await page.locator('main').innerText(), /Din konto er slettet/, 'no notice after the erasure');
      await pageChecks('/login after the erasure');
      await page.locator('#email').fill(RASMUS);
      await page.locator('#password').fill(DEMO_PASSWORD);
      await submitForm(page.locator('form:has(#email)').first());
      assert.notEqual(pathAndQuery(), '/', 'the erased account could still sign in');
      state.signedIn = false;
    });
  });
}
