// Browser test of the challenge loop (issue 10) against a server started with --demo, as
// scripts/test-all runs it (with the SMTP sink, see e2e/lib/mail.mjs):
//   target/debug/halqe serve --demo --listen 127.0.0.1:8080 --data-dir "$(mktemp -d)"
//   HALQE_URL=http://127.0.0.1:8080 MAIL_DIR=… node --test e2e/challenges.mjs
//
// An officer drafts a challenge from the structured template (deadline typed in the Solar Hijri
// calendar with Persian digits), sends it to the center; staff return it once with a reason, the officer
// revises and sends it again, staff approve and publish it; it is then in the public catalogue. The
// officer invites a matched innovator to apply; the innovator sees the challenge on their home page,
// accepts, asks a question that the officer answers publicly, writes a proposal (saved as they type) with
// a team member who accepts, submits it, and receives the receipt with its tracking code by mail from the
// SMTP server. Screenshots in Persian, in English and at 360 px. Each run writes a challenge with a fresh
// title, so the test does not depend on what ran before on the same server.
//
// Environment: as e2e/lib/browser.mjs, plus HALQE_DEMO_PASSWORD (default halqe-demo-1402).

import assert from 'node:assert/strict';
import { DESKTOP, PHONE, browserForFile, hijriDay, shot, signIn, signOut, url } from './lib/browser.mjs';
import { waitForMail } from './lib/mail.mjs';

const OFFICER = 'officer@halqe.demo';
const STAFF = 'staff@halqe.demo';
const INNOVATOR = { email: 'innovator@halqe.demo', name: 'علی حسینی' };
const MEMBER = { email: 'founder@halqe.demo', name: 'نگار صادقی' };
const RUN = Date.now().toString(36);
const TITLE = `صدور مجوز کسب‌وکار بدون مراجعه حضوری ${RUN}`;
const RETURN_REASON = 'شاخص موفقیت را با عدد و بازه زمانی مشخص کنید.';
const QUESTION = `آیا نمونهٔ اولیه باید به درگاه ملی مجوزها (version 2) وصل شود؟ (${RUN})`;
const ANSWER = `بله؛ اتصال آزمایشی به درگاه ملی مجوزها در مرحلهٔ نمونهٔ اولیه فراهم می‌شود. (${RUN})`;
const PROPOSAL_TITLE = `پنجره واحد مجوز با فرم‌های هوشمند ${RUN}`;

let page;
/** The challenge's path, found after it is saved; the proposal's, once written. */
let challenge = '';
let proposal = '';

const step = browserForFile((p) => {
  page = p;
});

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
    'صدور مجوز کسب‌وکار در ادارات کار استان‌ها هنوز به مراجعه حضوری و پرونده کاغذی نیاز دارد و ' +
      'پنجره واحد خدمات الکترونیک با سامانه‌های دستگاه‌ها یکپارچه نیست. <script>alert(1)</script>',
  );
  await form.locator('#f-affected').fill('شهروندان متقاضی مجوز و کارشناسان صدور مجوز در استان‌ها');
  await form.locator('#f-evidence').fill('۸۵٬۰۰۰ درخواست مجوز در سال ۱۴۰۴؛ میانگین سه بار مراجعه حضوری برای هر مجوز.');
  await form.locator('#f-outcome').fill('بازطراحی فرایند صدور مجوز و یکپارچه‌سازی پنجره واحد خدمات تا صفر شدن مراجعه حضوری');
  await form.locator('#f-success_measure').fill('سهم مجوزهای صادرشده بدون مراجعه حضوری بالای ۹۰٪');
  await form.locator('#f-constraints').fill('داده‌های هویتی متقاضیان از سامانه خارج نشود (قانون مدیریت خدمات کشوری).');
  await form.locator('#f-maturity').selectOption({ index: 1 });
  await form.locator('#f-budget_min').fill('۲۰۰۰');
  await form.locator('#f-budget_max').fill('۵۰۰۰');
  await form.locator('input[name=support]').first().check();
  await form.locator('#f-deadline').fill(hijriDay(30));
  await form.locator('label.check', { hasText: 'پنجره واحد خدمات' }).locator('input[name=fields]').check();
  await form.locator('button[type=submit]').first().click();
  await page.waitForURL(/\/challenges\/[0-9a-f-]{36}$/);
  challenge = new URL(page.url()).pathname;
  assert.equal(await status(), 'draft');
  assert.equal(await page.locator('h1').first().innerText().then((t) => t.includes(TITLE)), true);
  assert.equal(await page.locator('script:has-text("alert(1)")').count(), 0, 'script in a field stays inert');
  assert.match(await page.locator('[data-test=deadline]').innerText(), /[۰-۹]/, 'the deadline shows in Persian digits');
  await takeStep('submit');
  assert.equal(await status(), 'submitted');
  await signOut(page);
});

step('b. staff return it once with a reason, which the officer sees', async () => {
  await signIn(page, STAFF);
  await page.goto(url('/challenges/review'), { waitUntil: 'load' });
  await page.locator(`a[href="${challenge}"]`).first().click();
  await page.waitForURL((u) => u.pathname === challenge);
  await takeStep('return', RETURN_REASON);
  assert.equal(await status(), 'returned');
  await signOut(page);

  await signIn(page, OFFICER);
  await page.goto(url(challenge), { waitUntil: 'load' });
  assert.ok(
    (await page.locator('[data-test=reason]').allInnerTexts()).some((t) => t.includes(RETURN_REASON)),
    'the officer reads why it came back',
  );
  await page.locator('a[data-test=edit]').click();
  await page.locator('#f-success_measure').fill('سهم مجوزهای صادرشده بدون مراجعه حضوری بالای ۹۰٪ تا پایان سال ۱۴۰۶');
  await page.locator('form#challenge-form button[type=submit]').first().click();
  await page.waitForURL((u) => u.pathname === challenge);
  await takeStep('submit');
  assert.equal(await status(), 'submitted');
  await signOut(page);
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
  await signOut(page);

  // The catalogue is the node's search index, fed from the database within seconds of the change.
  let found = 0;
  for (let tries = 0; tries < 30 && found === 0; tries++) {
    if (tries > 0) await page.waitForTimeout(500);
    await page.goto(url(`/challenges?q=${encodeURIComponent('مجوز کسب‌وکار')}`), { waitUntil: 'load' });
    found = await page.locator(`a[href="${challenge}"]`).count();
  }
  assert.ok(found >= 1, 'the catalogue finds it by its words');
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

step('d. the officer sees the best-matching people and invites the innovator to apply', async () => {
  await signIn(page, OFFICER);
  await page.goto(url(`${challenge}/matches`), { waitUntil: 'load' });
  const match = page.locator('[data-test=match]').filter({ hasText: INNOVATOR.name });
  assert.equal(await match.count(), 1, `${INNOVATOR.name} is among the matches`);
  await match.locator('input[data-test=select]').check();
  await page.locator('#f-note').fill('این چالش با تجربهٔ شما در پنجره واحد خدمات هم‌خوان است؛ خوشحال می‌شویم طرح بفرستید.');
  await page.locator('button[data-test=invite]').click();
  await page.waitForSelector('[data-test=sent]');
  assert.equal(await page.locator('[data-test=invitation]').filter({ hasText: INNOVATOR.name }).count(), 1);
  await signOut(page);
});

step('e. the innovator sees it on their home page, accepts the invitation and asks a question', async () => {
  await signIn(page, INNOVATOR.email);
  await page.goto(url('/'), { waitUntil: 'load' });
  const suggested = page.locator(`[data-test=suggested-challenges] a[href="${challenge}"]`);
  assert.ok((await suggested.count()) >= 1, 'the new challenge is among the suggestions on the home page');
  await page.evaluate(() => document.fonts.ready);
  await shot(page, 'home-suggested-fa.png');

  await page.goto(url('/introductions'), { waitUntil: 'load' });
  await page.locator('a[href^="/introductions/"]', { hasText: TITLE }).first().click();
  await page.locator('button[data-test=accept]').click();
  await page.waitForSelector('h1 [data-status=accepted]');

  await page.goto(url(challenge), { waitUntil: 'load' });
  await page.locator('#f-question').fill(QUESTION);
  await page.locator('#ask-form button[data-test=ask]').click();
  await page.locator(`li[data-test=question]:has-text("${RUN}")`).waitFor({ state: 'visible' });
  await signOut(page);
});

step('f. the officer answers it; the answer is public', async () => {
  await signIn(page, OFFICER);
  await page.goto(url(challenge), { waitUntil: 'load' });
  const q = page.locator(`li[data-test=question]:has-text("${RUN}")`);
  const id = await q.getAttribute('data-id');
  await page.locator(`#f-answer-${id}`).fill(ANSWER);
  await q.locator('button[data-test=answer-submit]').click();
  await q.locator('[data-test=answer-body]').waitFor({ state: 'visible' });
  await signOut(page);
  await page.goto(url(challenge), { waitUntil: 'load' });
  const pub = page.locator(`li[data-test=question]:has-text("${RUN}") [data-test=answer-body]`);
  assert.ok((await pub.innerText()).includes('درگاه ملی مجوزها'), 'a visitor reads the answer');
});

step('g. the innovator writes a proposal, saved as they type, and invites a team member', async () => {
  // The member is named by their public profile's address, as the editor asks.
  await page.goto(url(`/directory?q=${encodeURIComponent(MEMBER.name)}`), { waitUntil: 'load' });
  const profile = await page.locator('a[href^="/people/"]', { hasText: MEMBER.name }).first().getAttribute('href');
  assert.match(profile, /^\/people\/[0-9a-f-]{36}$/);

  await signIn(page, INNOVATOR.email);
  await page.goto(url(challenge), { waitUntil: 'load' });
  await page.locator('button[data-test=write-proposal]').click();
  await page.waitForSelector('form#proposal-form');
  proposal = new URL(page.url()).pathname.replace(/\/edit$/, '');
  assert.match(proposal, /^\/proposals\/[0-9a-f-]{36}$/);
  const saved = page.locator('[data-test=saved]');
  const before = await saved.innerText();
  await page.locator('#f-title').fill(PROPOSAL_TITLE);
  await page.locator('#f-summary').fill('یک پنجره واحد برای همهٔ مجوزهای کسب‌وکار با فرم‌هایی که مدارک لازم را خودشان می‌پرسند.');
  await page.locator('#f-approach').fill(
    'فرایند صدور مجوز را با کارشناسان سه استان بازطراحی می‌کنیم، فرم‌ها را به درگاه ملی مجوزها (API) ' +
      'وصل می‌کنیم و استعلام‌ها را خودکار می‌کنیم تا متقاضی هیچ‌بار حضوری مراجعه نکند.',
  );
  await page.locator('#f-expected_results').fill('صدور ۹۰٪ مجوزها بدون مراجعه حضوری در استان‌های آزمایشی');
  await page.locator('#f-budget').fill('۴۵۰۰');
  await page.locator('#f-timeline').fill('سه ماه طراحی، سه ماه اجرای آزمایشی در تهران');
  await page.locator('input[name=originality]').check();
  await page.locator('input[name=conflicts]').check();
  await page.waitForFunction((b) => document.querySelector('[data-test=saved]')?.innerText !== b, before);
  await page.reload({ waitUntil: 'load' });
  assert.equal(await page.locator('#f-title').inputValue(), PROPOSAL_TITLE, 'the draft was saved without pressing save');

  await page.locator('#f-member').fill(url(profile));
  await page.locator('button[data-test=invite]').click();
  await page.waitForLoadState('load');
  const member = page.locator('[data-test=member]', { hasText: MEMBER.name });
  assert.equal(await member.getAttribute('data-state'), 'invited');
  await signOut(page);
});

step('h. the team member accepts', async () => {
  await signIn(page, MEMBER.email);
  await page.goto(url('/proposals'), { waitUntil: 'load' });
  await page.locator(`[data-test=proposal] a[href="${proposal}"]`).click();
  await page.locator('button[data-test=accept]').click();
  await page.waitForLoadState('load');
  await signOut(page);
});

step('i. the innovator submits and gets the receipt with its tracking code by page and by mail', async () => {
  await signIn(page, INNOVATOR.email);
  await page.goto(url(`${proposal}/edit`), { waitUntil: 'load' });
  assert.equal(await page.locator('[data-test=member]', { hasText: MEMBER.name }).getAttribute('data-state'), 'accepted');
  await page.locator('button[data-test=submit]').click();
  await page.waitForSelector('[data-test=tracking-code]');
  const shown = (await page.locator('[data-test=tracking-code] bdi').innerText()).trim();
  assert.ok(shown.length >= 6, `a tracking code is shown: ${shown}`);
  await page.evaluate(() => document.fonts.ready);
  await shot(page, 'proposal-receipt-fa.png');
  await page.setViewportSize(PHONE);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal scroll at 360 px (${overflow} px)`);
  await shot(page, 'proposal-receipt-fa-360.png');
  await page.setViewportSize(DESKTOP);
  await page.locator('form.lang-switch button[value=en]').first().click();
  await page.waitForSelector('html[lang="en"][dir="ltr"]', { state: 'attached' });
  const latin = (await page.locator('[data-test=tracking-code] bdi').innerText()).trim();
  await page.evaluate(() => document.fonts.ready);
  await shot(page, 'proposal-receipt-en.png');
  await page.locator('form.lang-switch button[value=fa]').first().click();
  await page.waitForSelector('html[lang="fa"][dir="rtl"]', { state: 'attached' });

  const mail = await waitForMail(INNOVATOR.email, (m) => m.body.includes(proposal) && (m.subject.includes(latin) || m.subject.includes(shown)));
  assert.ok(mail.body.includes(latin) || mail.body.includes(shown), 'the mailed receipt carries the tracking code');
  await signOut(page);
});
