// Browser smoke test for Halqe.
//
// Runs against a server that is already up with demo data, e.g.
//   target/debug/halqe serve --demo --listen 127.0.0.1:8080 --data-dir "$(mktemp -d)"
//   HALQE_URL=http://127.0.0.1:8080 node --test e2e/smoke.mjs
//
// Environment:
//   HALQE_URL             base URL (default http://127.0.0.1:8080)
//   HALQE_ADMIN_EMAIL     demo admin e-mail (default admin@halqe.demo)
//   HALQE_ADMIN_PASSWORD  demo admin password (default halqe-demo-1402)
//   CHROMIUM              browser binary (default /usr/bin/chromium)
//   SCREENSHOT_DIR        where PNGs go; relative paths are taken from the repo root
//                         (default target/screenshots)
//
// The steps share one browser session and run in order; once a step fails the
// later ones are reported as skipped, and a failure-*.png screenshot is saved.

import { before, after } from 'node:test';
import assert from 'node:assert/strict';
import { BASE, DESKTOP, PHONE, WAIT, openBrowser, shot as shotOf, stepper, url } from './lib/browser.mjs';

const ADMIN_EMAIL = process.env.HALQE_ADMIN_EMAIL || 'admin@halqe.demo';
const ADMIN_PASSWORD = process.env.HALQE_ADMIN_PASSWORD || 'halqe-demo-1402';

let browser;
let page;
/** same-origin requests for /static/ that failed or returned >= 400 */
const badStatic = [];
const pageErrors = [];

before(async () => {
  // Accept-Language: fa. Step d then shows the saved choice beats the header.
  browser = await openBrowser();
  page = browser.page;

  page.on('pageerror', (err) => pageErrors.push(String(err)));
  page.on('requestfailed', (req) => {
    if (isOwnStatic(req.url())) badStatic.push(`${req.url()} (${req.failure()?.errorText})`);
  });
  page.on('response', (res) => {
    if (isOwnStatic(res.url()) && res.status() >= 400) badStatic.push(`${res.url()} (HTTP ${res.status()})`);
  });
});

after(async () => {
  await browser?.close();
});

function isOwnStatic(u) {
  return u.startsWith(BASE + '/static/');
}

const step = stepper(() => page);

async function htmlAttrs() {
  return page.evaluate(() => ({
    lang: document.documentElement.getAttribute('lang'),
    dir: document.documentElement.getAttribute('dir'),
  }));
}

async function expectLang(lang, dir) {
  try {
    await page.waitForSelector(`html[lang="${lang}"][dir="${dir}"]`, { state: 'attached', timeout: WAIT });
  } catch {
    assert.deepEqual(await htmlAttrs(), { lang, dir }, `expected <html lang="${lang}" dir="${dir}">`);
  }
}

async function shot(name) {
  await shotOf(page, name);
}

step('a. home page is Persian, RTL, and uses the Vazirmatn font', async () => {
  const res = await page.goto(url('/'), { waitUntil: 'load' });
  assert.ok(res, 'no response for /');
  assert.equal(res.status(), 200, `GET / returned HTTP ${res.status()}`);
  await expectLang('fa', 'rtl');

  const family = await page.evaluate(() => getComputedStyle(document.body).fontFamily);
  assert.match(family, /Vazirmatn/, `body font-family is "${family}"`);

  // The face must really load (CSS served, font file served and valid),
  // not merely be named in the stylesheet.
  let loaded = false;
  try {
    await page.waitForFunction(
      async () => {
        await document.fonts.ready;
        const face = [...document.fonts].find(
          (f) => f.family.replace(/["']/g, '') === 'Vazirmatn' && f.status === 'loaded',
        );
        return Boolean(face) && document.fonts.check('16px Vazirmatn');
      },
      null,
      { timeout: WAIT, polling: 250 },
    );
    loaded = true;
  } catch {
    loaded = false;
  }
  const faces = await page.evaluate(() =>
    [...document.fonts].map((f) => `${f.family}:${f.weight}:${f.status}`).join(', '),
  );
  assert.ok(loaded, `Vazirmatn did not load (font faces: ${faces || 'none'}; bad /static/ requests: ${badStatic.join('; ') || 'none'})`);

  assert.deepEqual(badStatic, [], 'requests for /static/ failed');
  assert.deepEqual(pageErrors, [], 'JavaScript errors on the page');

  await shot('home-fa.png');

  await page.setViewportSize(PHONE);
  await page.reload({ waitUntil: 'load' });
  await page.evaluate(() => document.fonts.ready);
  await shot('home-fa-360.png');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  assert.ok(overflow <= 1, `page scrolls sideways by ${overflow}px at 360px width`);
  await page.setViewportSize(DESKTOP);
});

step('b. demo admin can log in', async () => {
  await page.goto(url('/login'), { waitUntil: 'load' });
  const form = page.locator('form#login-form');
  await form.waitFor({ state: 'visible', timeout: WAIT });
  await form.locator('input[name=email]').fill(ADMIN_EMAIL);
  await form.locator('input[name=password]').fill(ADMIN_PASSWORD);
  await form.locator('button[type=submit]').click();
  try {
    await page.waitForSelector('[data-test=user-menu]', { state: 'visible', timeout: WAIT });
  } catch (err) {
    const alert = await page
      .locator('.alert, .flash.error, .field .error')
      .allInnerTexts()
      .catch(() => []);
    throw new Error(
      `no visible [data-test=user-menu] after logging in as ${ADMIN_EMAIL}` +
        (alert.length ? `; page says: ${alert.join(' | ')}` : '') +
        `\n  ${err.message.split('\n')[0]}`,
    );
  }
  assert.ok(!new URL(page.url()).pathname.startsWith('/login'), `still on ${page.url()} after login`);
});

step('c. switching to English gives an LTR page', async () => {
  await page.locator('form.lang-switch button[value=en]').first().click();
  await expectLang('en', 'ltr');
  await page.goto(url('/'), { waitUntil: 'load' });
  await expectLang('en', 'ltr');
  await page.evaluate(() => document.fonts.ready);
  await shot('home-en.png');
});

step('d. the language choice sticks, and switching back to Persian works', async () => {
  await page.reload({ waitUntil: 'load' });
  await expectLang('en', 'ltr');
  await page.waitForSelector('[data-test=user-menu]', { state: 'visible', timeout: WAIT });

  await page.locator('form.lang-switch button[value=fa]').first().click();
  await expectLang('fa', 'rtl');
  await page.goto(url('/'), { waitUntil: 'load' });
  await expectLang('fa', 'rtl');
});

step('e. logging out shows the login link again', async () => {
  await page.locator('form#logout-form button[type=submit]').click();
  await page.waitForSelector('a[href="/login"]', { state: 'visible', timeout: WAIT });
  assert.equal(await page.locator('[data-test=user-menu]').isVisible(), false, 'user menu still visible after logout');
});
