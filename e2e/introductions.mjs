// Browser test of introductions (معرفی) against a server started with --demo, e.g.
//   target/debug/halqe serve --demo --listen 127.0.0.1:8080 --data-dir "$(mktemp -d)"
//   HALQE_URL=http://127.0.0.1:8080 node --test e2e/introductions.mjs
//
// The demo officer types a need in Persian on /match, sees ranked candidates with reasons, and sends an
// introduction to the demo innovator; the innovator signs in and accepts; the officer then sees the
// innovator's contact details, which were hidden before. The innovator hears of it by mail (read back from
// the SMTP server scripts/test-all runs). Each run sends a new need, so the test does not
// depend on what other tests (or earlier runs) did on the same server.
//
// Environment: as e2e/lib/browser.mjs, plus HALQE_DEMO_PASSWORD (default halqe-demo-1402).

import assert from 'node:assert/strict';
import { browserForFile, shot, signIn, signOut, url } from './lib/browser.mjs';
import { waitForMail } from './lib/mail.mjs';

const OFFICER = 'officer@halqe.demo';
const CANDIDATE = { email: 'innovator@halqe.demo', mobile: '09121234501', name: 'علی حسینی' };
const NEED =
  'یکپارچه‌سازی پنجره واحد خدمات الکترونیک وزارتخانه و بازطراحی فرایند صدور مجوزها ' +
  'برای کاهش مراجعه حضوری شهروندان';
const CONTACT_HIDDEN = 'اطلاعات تماس پس از پذیرش درخواست از سوی معرفی‌شده نمایش داده می‌شود.';

let page;
/** The introduction's path, found after it is sent. */
let introduction = '';

const step = browserForFile((p) => {
  page = p;
});

async function expectNoContact() {
  const html = await page.content();
  assert.ok(!html.includes(CANDIDATE.email), 'the email address shows before acceptance');
  assert.ok(!html.includes(CANDIDATE.mobile), 'the mobile number shows before acceptance');
}

step('a. the demo officer types a need in Persian and sees ranked candidates with reasons', async () => {
  await signIn(page, OFFICER);
  await page.goto(url('/match'), { waitUntil: 'load' });
  await page.locator('#f-need').fill(NEED);
  await page.locator('form#match-form button[type=submit]').click();
  await page.waitForSelector('[data-test=match]');
  const results = page.locator('[data-test=match]');
  assert.ok((await results.count()) >= 2, 'several candidates are ranked');
  const candidate = results.filter({ hasText: CANDIDATE.name });
  assert.equal(await candidate.count(), 1, `${CANDIDATE.name} is proposed`);
  const why = candidate.locator('[data-test=why]');
  assert.match(await why.innerText(), /شباهت متن/, 'the result explains its score');
  assert.match(await why.innerText(), /واژه‌های مشترک/, 'and names the matched terms');
  await expectNoContact();
  await page.evaluate(() => document.fonts.ready);
  await shot(page, 'match-fa.png');
});

step('b. the officer selects the innovator and sends an introduction with a note', async () => {
  const candidate = page.locator('[data-test=match]').filter({ hasText: CANDIDATE.name });
  const checkbox = candidate.locator('input[data-test=select]');
  const selected = await checkbox.getAttribute('value');
  await checkbox.check();
  await page.locator('#f-note').fill('برای جلسه آشنایی در وزارتخانه دعوت می‌شوید.');
  await page.locator('button[data-test=introduce]').click();
  await page.waitForURL(/\/match\?saved=/);
  await page.waitForSelector('[data-test=sent]');
  const link = page.locator('#saved-need a[data-test=introduction]').filter({ hasText: CANDIDATE.name });
  introduction = new URL(await link.getAttribute('href'), url('/')).pathname;
  assert.match(introduction, /^\/introductions\/[0-9a-f-]{36}$/);
  assert.equal(await page.locator('#saved-need [data-test=introduction]').count(), 1, 'the saved need lists it');
  const proposed = await page.locator('input[data-test=select]').evaluateAll((els) => els.map((e) => e.value));
  assert.ok(!proposed.includes(selected), 'the introduced candidate is not proposed again for this need');

  await page.goto(url(introduction), { waitUntil: 'load' });
  await page.waitForSelector('[data-status=requested]');
  assert.equal(await page.locator('[data-test=contact-hidden]').innerText(), CONTACT_HIDDEN);
  await expectNoContact();
  await signOut(page);
});

step('b2. the innovator is told by mail, through the SMTP server, with a link to the introduction', async () => {
  const mail = await waitForMail(CANDIDATE.email, (m) => m.body.includes(introduction));
  assert.ok(!mail.body.includes(CANDIDATE.mobile), 'the mail carries no contact details');
});

step('c. the innovator signs in, finds the request and accepts it', async () => {
  await signIn(page, CANDIDATE.email);
  await page.goto(url('/introductions'), { waitUntil: 'load' });
  await page.locator(`a[href="${introduction}"]`).click();
  await page.waitForURL((u) => u.pathname === introduction);
  await page.locator('button[data-test=accept]').click();
  await page.waitForSelector('h1 [data-status=accepted]');
  await signOut(page);
});

step('d. the officer signs in again and now sees the contact details', async () => {
  await signIn(page, OFFICER);
  await page.goto(url(introduction), { waitUntil: 'load' });
  await page.waitForSelector('h1 [data-status=accepted]');
  const contact = await page.locator('[data-test=contact]').innerText();
  assert.ok(contact.includes(CANDIDATE.email), `the email address is shown: ${contact}`);
  assert.ok(contact.includes(CANDIDATE.mobile), `the mobile number is shown: ${contact}`);
  assert.equal(await page.locator('[data-test=event]').count(), 2, 'requested and accepted on the timeline');
  assert.equal(await page.locator('#outcome-form').count(), 1, 'the officer may now record the outcome');
  await page.evaluate(() => document.fonts.ready);
  await shot(page, 'introduction-accepted-fa.png');
});
