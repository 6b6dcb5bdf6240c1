// Shared set-up of the browser tests: one headless Chromium per test file, ordered steps that are
// skipped once one fails (which saves a failure-*.png), and screenshots.
//
// Environment:
//   HALQE_URL        base URL (default http://127.0.0.1:8080)
//   CHROMIUM         browser binary (default /usr/bin/chromium)
//   SCREENSHOT_DIR   where PNGs go; relative paths are taken from the repo root (default target/screenshots)

import { after, before, test } from 'node:test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BASE = (process.env.HALQE_URL || 'http://127.0.0.1:8080').replace(/\/+$/, '');
export const EXECUTABLE = process.env.CHROMIUM || '/usr/bin/chromium';
export const SHOTS = path.resolve(REPO_ROOT, process.env.SCREENSHOT_DIR || 'target/screenshots');

export const WAIT = 10_000; // selector / URL waits
export const NAV = 20_000; // full navigations (a debug build can be slow on first hit)
export const DESKTOP = { width: 1280, height: 800 };
export const PHONE = { width: 360, height: 740 };

export const url = (p) => BASE + p;

/** Launches Chromium with its own profile; `close()` ends it and removes the profile. */
export async function openBrowser() {
  fs.mkdirSync(SHOTS, { recursive: true });
  const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'halqe-e2e-'));
  // launch() refuses --user-data-dir in args, so use a persistent context.
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: EXECUTABLE,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport: DESKTOP,
    // Accept-Language: fa.
    locale: 'fa-IR',
  });
  context.setDefaultTimeout(WAIT);
  context.setDefaultNavigationTimeout(NAV);
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close().catch(() => {});
    fs.rmSync(userDataDir, { recursive: true, force: true });
  };
  return { context, page, close };
}

/** The demo accounts' password. */
export const DEMO_PASSWORD = process.env.HALQE_DEMO_PASSWORD || 'halqe-demo-1402';

/** Signs `page` in as the demo account `email` and waits for the user menu. */
export async function signIn(page, email) {
  await page.goto(url('/login'), { waitUntil: 'load' });
  const form = page.locator('form#login-form');
  await form.locator('input[name=email]').fill(email);
  await form.locator('input[name=password]').fill(DEMO_PASSWORD);
  await form.locator('button[type=submit]').click();
  await page.waitForSelector('[data-test=user-menu]', { state: 'visible' });
}

/** Signs `page` out through the menu's form and waits for the sign-in link. */
export async function signOut(page) {
  await page.locator('form#logout-form button[type=submit]').click();
  await page.waitForSelector('a[href="/login"]', { state: 'visible' });
}

/** A day `days` ahead in the Solar Hijri calendar with Persian digits, as an officer types it. */
export function hijriDay(days) {
  const d = new Date(Date.now() + days * 86_400_000);
  const parts = new Intl.DateTimeFormat('fa-IR-u-ca-persian', {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    timeZone: 'Asia/Tehran',
  }).formatToParts(d);
  const part = (t) => parts.find((p) => p.type === t).value;
  return `${part('year')}/${part('month')}/${part('day')}`;
}

/** A full-page screenshot into SHOTS. */
export async function shot(page, name) {
  await page.screenshot({ path: path.join(SHOTS, name), fullPage: true });
}

/**
 * Returns `step(name, fn)`: a test that is skipped once an earlier one of the same file failed,
 * and that screenshots the page (from `getPage()`) when it fails itself.
 */
export function stepper(getPage) {
  let failedStep = null;
  return function step(name, fn) {
    test(name, { timeout: 90_000 }, async (t) => {
      if (failedStep) {
        t.skip(`earlier step failed: ${failedStep}`);
        return;
      }
      try {
        await fn(t);
      } catch (err) {
        failedStep = name;
        const page = getPage();
        const slug = name.replace(/[^a-z0-9]+/gi, '-').replace(/^-|-$/g, '').toLowerCase();
        const file = path.join(SHOTS, `failure-${slug}.png`);
        let where = '';
        try {
          await page.screenshot({ path: file, fullPage: true });
          where = `\n  page: ${page.url()}\n  screenshot: ${file}`;
        } catch {
          where = `\n  page: ${page?.url()}`;
        }
        err.message += where;
        throw err;
      }
    });
  };
}

/**
 * One browser for a whole test file: opened before its first test (handing its page to `onPage`) and
 * closed after its last. Returns the file's `step` (see `stepper`).
 */
export function browserForFile(onPage) {
  let browser;
  before(async () => {
    browser = await openBrowser();
    onPage(browser.page);
  });
  after(async () => {
    await browser?.close();
  });
  return stepper(() => browser?.page);
}
