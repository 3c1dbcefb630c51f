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
// as the first focusable element, and zero axe-core violations for WCAG 2.0/2.1 A and AA.

import { describe, test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { accessSync, constants as fsc, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

  /** Status, URL (no redirect to /login), no JS errors, no requests leaving the machine. */
  function checkLoaded(res, label, expectedPath) {
    assert.equal(res.status(), 200, `${label}: HTTP ${res.status()} for ${expectedPath}`);
    const got = pathAndQuery();
    assert.equal(got, expectedPath, `${label}: expected to stay on ${expectedPath}, ended on ${got}`);
    assert.deepEqual(state.pageErrors, [], `${label}: uncaught JavaScript errors`);
    assert.deepEqual(state.foreignRequests, [], `${label}: the page requested resources outside 127.0.0.1`);
  }

  /** Skip link and axe on the loaded page; both run, and all problems are reported together. */
  async function pageChecks(label) {
    const problems = [];
    for (const check of [checkSkipLink, checkAxe]) {
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

  /** First link under <main> whose href starts with prefix + something more. */
  async function firstMainLink(prefix) {
    return await state.page.evaluate((prefix) => {
      for (const a of document.querySelectorAll(`main a[href^="${prefix}"]`)) {
        const href = a.getAttribute('href');
        if (href.length > prefix.length && !href.startsWith(`${prefix}?`)) return href;
      }
      return null;
    }, prefix);
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
      state.page.on('pageerror', (e) => state.pageErrors.push(String(e.message || e)));
      state.page.on('request', (r) => {
        const u = new URL(r.url());
        if (!['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) return;
        if (u.hostname !== '127.0.0.1') state.foreignRequests.push(r.url());
      });
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
    });

    step('page /profile', async () => {
      await visit('/profile');
    });

    for (const p of ['/admin', '/admin/organizations', '/admin/groups', '/admin/users']) {
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
  });
}
