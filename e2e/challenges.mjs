// Browser test of the challenge loop (issue 10) against a server started with --demo, as
// scripts/test-all runs it (with the SMTP sink, see e2e/lib/mail.mjs):
//   target/debug/halqe serve --demo --listen 127.0.0.1:8080 --data-dir "$(mktemp -d)"
//   HALQE_URL=http://127.0.0.1:8080 MAIL_DIR=… node --test e2e/challenges.mjs
//
// An officer drafts a challenge from the structured template (deadline typed in the Solar Hijri
// calendar with Persian digits), sends it to the center; staff return it once with a reason, the officer
// revises and sends it again, staff approve and publish it; it is then in the public catalogue and
// readable anonymously, in Persian, in English and at 360 px. Each run writes a challenge with a fresh
// title, so the test does not depend on what ran before on the same server.
//
// Environment: as e2e/lib/browser.mjs, plus HALQE_DEMO_PASSWORD (default halqe-demo-1402).

import assert from 'node:assert/strict';
import { DESKTOP, PHONE, browserForFile, shot, signIn, url } from './lib/browser.mjs';

const OFFICER = 'officer@halqe.demo';
const STAFF = 'staff@halqe.demo';
const RUN = Date.now().toString(36);
const TITLE = `کاهش زمان رسیدگی به شکایت‌های استخدامی ${RUN}`;
const RETURN_REASON = 'شاخص موفقیت را با عدد و بازه زمانی مشخص کنید.';

let page;
/** The challenge's path, found after it is saved. */
let challenge = '';

const step = browserForFile((p) => {
  page = p;
});

/** A day `days` ahead in the Solar Hijri calendar with Persian digits, as an officer types it. */
function hijriDay(days) {
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

async function signOut() {
  await page.locator('form#logout-form button[type=submit]').click();
  await page.waitForSelector('a[href="/login"]', { state: 'visible' });
}

async function status() {
  return page.locator('h1 [data-test=challenge-status], [data-test=challenge-status]').first().getAttribute('data-status');
}

async function takeStep(code, reason = '') {
  const form = page.locator(`form.step-form:has(button[data-test=step-${code}])`);
  if (reason) await form.locator('textarea[name=reason]').fill(reason);
  await form.locator(`button[data-test=step-${code}]`).click();
  await page.waitForLoadState('load');
}

step('a. the officer drafts a challenge from the template, deadline in Persian digits', async () => {
  await signIn(page, OFFICER);
  await page.goto(url('/challenges/new'), { waitUntil: 'load' });
  const form = page.locator('form#challenge-form');
  await form.locator('#f-title').fill(TITLE);
  await form.locator('#f-problem').fill(
    'رسیدگی به شکایت‌های داوطلبان آزمون‌های استخدامی به‌طور میانگین ۴۵ روز طول می‌کشد و ' +
      'پرونده‌ها میان استان‌ها دست‌به‌دست می‌شوند. <script>alert(1)</script>',
  );
  await form.locator('#f-affected').fill('داوطلبان آزمون‌های استخدامی و کارشناسان رسیدگی در استان‌ها');
  await form.locator('#f-evidence').fill('۱۲٬۰۰۰ شکایت در سال ۱۴۰۴؛ ۳۸٪ بیش از دو ماه در جریان بوده است.');
  await form.locator('#f-outcome').fill('رسیدگی یکپارچه و شفاف با اطلاع‌رسانی خودکار به داوطلب');
  await form.locator('#f-success_measure').fill('میانگین زمان رسیدگی کمتر از ۱۰ روز');
  await form.locator('#f-constraints').fill('داده‌های شخصی داوطلبان از سامانه خارج نشود (قانون مدیریت خدمات کشوری).');
  await form.locator('#f-maturity').selectOption({ index: 1 });
  await form.locator('#f-budget_min').fill('۲۰۰۰');
  await form.locator('#f-budget_max').fill('۵۰۰۰');
  await form.locator('input[name=support]').first().check();
  await form.locator('#f-deadline').fill(hijriDay(30));
  await form.locator('input[name=fields]').first().check();
  await form.locator('button[type=submit]').first().click();
  await page.waitForURL(/\/challenges\/[0-9a-f-]{36}$/);
  challenge = new URL(page.url()).pathname;
  assert.equal(await status(), 'draft');
  assert.equal(await page.locator('h1').first().innerText().then((t) => t.includes(TITLE)), true);
  assert.equal(await page.locator('script:has-text("alert(1)")').count(), 0, 'script in a field stays inert');
  assert.match(await page.locator('[data-test=deadline]').innerText(), /[۰-۹]/, 'the deadline shows in Persian digits');
  await takeStep('submit');
  assert.equal(await status(), 'submitted');
  await signOut();
});

step('b. staff return it once with a reason, which the officer sees', async () => {
  await signIn(page, STAFF);
  await page.goto(url('/challenges/review'), { waitUntil: 'load' });
  await page.locator(`a[href="${challenge}"]`).first().click();
  await page.waitForURL((u) => u.pathname === challenge);
  await takeStep('return', RETURN_REASON);
  assert.equal(await status(), 'returned');
  await signOut();

  await signIn(page, OFFICER);
  await page.goto(url(challenge), { waitUntil: 'load' });
  assert.ok(
    (await page.locator('[data-test=reason]').allInnerTexts()).some((t) => t.includes(RETURN_REASON)),
    'the officer reads why it came back',
  );
  await page.locator('a[data-test=edit]').click();
  await page.locator('#f-success_measure').fill('میانگین زمان رسیدگی کمتر از ۱۰ روز تا پایان سال ۱۴۰۶');
  await page.locator('form#challenge-form button[type=submit]').first().click();
  await page.waitForURL((u) => u.pathname === challenge);
  await takeStep('submit');
  assert.equal(await status(), 'submitted');
  await signOut();
});

step('c. staff approve and publish it; it is in the public catalogue', async () => {
  await signIn(page, STAFF);
  await page.goto(url(challenge), { waitUntil: 'load' });
  await takeStep('approve');
  assert.equal(await status(), 'approved');
  await takeStep('publish');
  assert.equal(await status(), 'published');
  const events = await page.locator('[data-test=event]').evaluateAll((els) => els.map((e) => e.dataset.kind));
  assert.ok(events.length >= 6, `every step is on the timeline: ${events}`);
  await signOut();

  await page.goto(url(`/challenges?q=${encodeURIComponent('شکایت‌های استخدامی')}`), { waitUntil: 'load' });
  assert.ok((await page.locator(`a[href="${challenge}"]`).count()) >= 1, 'the catalogue finds it by its words');
  await page.goto(url(challenge), { waitUntil: 'load' });
  assert.equal(await status(), 'published');
  await page.evaluate(() => document.fonts.ready);
  await shot(page, 'challenge-published-fa.png');
  await page.setViewportSize(PHONE);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal scroll at 360 px (${overflow} px)`);
  await shot(page, 'challenge-published-fa-360.png');
  await page.setViewportSize(DESKTOP);
  await page.locator('form.lang-switch button[value=en]').first().click();
  await page.waitForSelector('html[lang="en"][dir="ltr"]', { state: 'attached' });
  await page.evaluate(() => document.fonts.ready);
  await shot(page, 'challenge-published-en.png');
  await page.locator('form.lang-switch button[value=fa]').first().click();
  await page.waitForSelector('html[lang="fa"][dir="rtl"]', { state: 'attached' });
});
