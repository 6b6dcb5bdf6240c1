// Browser test of careful evaluation (issue 11) against a server started with --demo, as scripts/test-all
// runs it (with the SMTP sink, see e2e/lib/mail.mjs):
//   target/debug/halqe serve --demo --listen 127.0.0.1:8080 --data-dir "$(mktemp -d)"
//   HALQE_URL=http://127.0.0.1:8080 MAIL_DIR=… node --test e2e/evaluation.mjs
//
// Staff open a call of their own and configure two stages (a double-blind expert review with weighted
// criteria on two scales and a score threshold, then a panel), and its reviewer pool. An officer's
// challenge in that call is published; the innovator writes a proposal with a team member and an
// attachment, and submits it. The challenge closes and staff open its evaluation; on the assignment page
// the reviewer who shares an organization with the applicant shows as conflicted with why; staff set one reviewer
// per proposal, solve, review the proposed pair (with the matcher's words) and apply it; the reviewer is
// mailed a link without the applicant. The reviewer opens the proposal blind (no applicant, organization,
// team member or file name anywhere in the page) and scores each criterion with a comment and a
// confidence. The gate says it does not pass; staff reject it with a written reason; the applicant sees
// the decision and the reason (by page and by mail, never who reviewed or decided) and appeals; the first
// decider cannot answer the appeal, another staff member overturns it; the applicant sees the answer and
// the proposal back in review. Screenshots in Persian and English. Each run makes its own call, challenge
// and proposal, so it depends neither on other files nor on running twice.
//
// Environment: as e2e/lib/browser.mjs, plus HALQE_DEMO_PASSWORD (default halqe-demo-1402).

import assert from 'node:assert/strict';
import { browserForFile, hijriDay, shot, signIn, signOut, url } from './lib/browser.mjs';
import { waitForMail } from './lib/mail.mjs';

const STAFF = { email: 'staff@halqe.demo', name: 'مریم احمدی' };
const STAFF2 = { email: 'staff2@halqe.demo', name: 'سارا موسوی' };
const OFFICER = 'officer@halqe.demo';
const REVIEWER = { email: 'reviewer@halqe.demo', name: 'دکتر زهرا کریمی' };
const INNOVATOR = { email: 'innovator@halqe.demo', name: 'علی حسینی', en: 'Ali Hosseini' };
// On the proposal's team.
const MEMBER = { email: 'founder@halqe.demo', name: 'نگار صادقی' };
// In the pool, and a member of the applicant's organization: conflicted.
const CONFLICTED = { email: 'researcher@halqe.demo', name: 'دکتر امیر جعفری' };
// The applicant's organization in the registry.
const ORGANIZATION = 'گروه پژوهشی حکمرانی دیجیتال';
const RUN = Date.now().toString(36);
const CALL = `فراخوان داوری دقیق ${RUN}`;
const CHALLENGE = `استعلام هم‌زمان مجوزهای سرمایه‌گذاری ${RUN}`;
const PROPOSAL = `پروندهٔ واحد استعلام مجوز با پیگیری برخط ${RUN}`;
const FILE = `رزومه-علی-حسینی-${RUN}.pdf`;
const REASON = `طرح برنامهٔ آزمایش و سنجهٔ زمان صدور مجوز ندارد و اتصال به درگاه ملی مجوزها را نسنجیده است. (${RUN})`;
const APPEAL = `پیوست دوم برنامهٔ آزمایش در دو شهرک صنعتی و سنجهٔ ۴۵ روز را آورده است؛ خواهشمندم بازبینی شود. (${RUN})`;
const ANSWER = `پیوست دوم بررسی شد و برنامهٔ آزمایش را دارد؛ طرح به داوری بازمی‌گردد. (${RUN})`;

let page;
/** Paths found on the way. */
let call = '';
let challenge = '';
let proposal = '';
let stage = '';
let assignmentPage = '';
let gatePage = '';

const step = browserForFile((p) => {
  page = p;
});

async function challengeStep(code) {
  await page.locator(`button[data-test=step-${code}]`).click();
  await page.waitForLoadState('load');
  return page.locator('[data-test=challenge-status]').first().getAttribute('data-status');
}

/** Screenshots the page in Persian, then in English, and switches back to Persian. */
async function bothLanguages(name) {
  await page.waitForSelector('html[lang="fa"][dir="rtl"]', { state: 'attached' });
  await page.evaluate(() => document.fonts.ready);
  await shot(page, `${name}-fa.png`);
  await page.locator('form.lang-switch button[value=en]').first().click();
  await page.waitForSelector('html[lang="en"][dir="ltr"]', { state: 'attached' });
  await page.evaluate(() => document.fonts.ready);
  await shot(page, `${name}-en.png`);
  await page.locator('form.lang-switch button[value=fa]').first().click();
  await page.waitForSelector('html[lang="fa"][dir="rtl"]', { state: 'attached' });
}

step('a. staff open a call and configure two stages with weighted criteria, gates and a reviewer pool', async () => {
  await signIn(page, STAFF.email);
  await page.goto(url('/calls'), { waitUntil: 'load' });
  const form = page.locator('#new-call form');
  await form.locator('#f-title').fill(CALL);
  await form.locator('#f-rules').fill('داوری دومرحله‌ای: داوری تخصصی دوسوکور با آستانهٔ ۶۰ درصد، سپس هیئت داوران.');
  await form.locator('#f-opens').fill(hijriDay(0));
  await form.locator('#f-closes').fill(hijriDay(60));
  await form.locator('button[type=submit]').click();
  await page.waitForURL(/\/calls\/[0-9a-f-]{36}$/);
  call = new URL(page.url()).pathname;
  await page.locator('button[data-test=publish-call]').click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('button[data-test=publish-call]').count(), 0, 'the call is published');

  await page.locator('a[data-test=call-stages]').click();
  await page.waitForURL((u) => u.pathname === `${call}/stages`);
  const addStage = async (name, blind, gate, value) => {
    const f = page.locator('#new-stage form');
    await f.locator('#f-name').fill(name);
    await f.locator('#f-blind').selectOption(blind);
    await f.locator('#f-gate').selectOption(gate);
    await f.locator('#f-gate_value').fill(value);
    await f.locator('button[type=submit]').click();
    await page.waitForLoadState('load');
  };
  const addCriterion = async (index, [name, description, weight, min, max]) => {
    const card = page.locator('[data-test=stage]').nth(index);
    await card.locator('details:has(form[action$="/criteria"]) > summary').click();
    const f = card.locator('form[action$="/criteria"]');
    await f.locator('input[name=name]').fill(name);
    await f.locator('textarea[name=description]').fill(description);
    await f.locator('input[name=weight]').fill(weight);
    await f.locator('input[name=scale_min]').fill(min);
    await f.locator('input[name=scale_max]').fill(max);
    await f.locator('button[type=submit]').click();
    await page.waitForLoadState('load');
  };
  await addStage('داوری تخصصی', 'double', 'threshold', '۶۰');
  await addCriterion(0, ['نوآوری', 'تازگی راه‌حل نسبت به روش‌های موجود', '۴۰', '۱', '۵']);
  await addCriterion(0, ['امکان‌پذیری', 'توان تیم و برنامهٔ آزمایش', '60', '0', '10']);
  await addStage('هیئت داوران', 'single', 'panel', '');
  await addCriterion(1, ['ارائهٔ حضوری', 'پاسخ به پرسش‌های هیئت', '100', '1', '10']);
  const stages = page.locator('[data-test=stage]');
  assert.equal(await stages.count(), 2);
  assert.equal(await stages.nth(0).locator('[data-test=criterion]').count(), 2);
  assert.equal(await stages.nth(1).locator('[data-test=criterion]').count(), 1);
  assert.match(await stages.nth(0).locator('[data-test=stage-gate]').innerText(), /۶۰/);
  assert.match(await stages.nth(0).locator('[data-test=stage-blind]').innerText(), /دوسوناشناس/);
  // A scale from 2 is refused beside its field, and nothing is added.
  await addCriterion(1, ['بودجه', '', '10', '2', '10']);
  assert.equal(await page.locator('[data-test=stage]').nth(1).locator('[data-test=criterion]').count(), 1);
  assert.ok((await page.locator('[data-test=stage]').nth(1).locator('.has-error').count()) >= 1, 'the scale is refused');
  stage = new URL(await stages.nth(0).locator('a[data-test=stage-assignment]').getAttribute('href'), url('/')).pathname
    .split('/')[4];
  assignmentPage = `${call}/stages/${stage}/assignment`;
  gatePage = `${call}/stages/${stage}/decisions`;
  await page.goto(url(`${call}/stages`), { waitUntil: 'load' });
  await bothLanguages('evaluation-stages');

  await page.locator('a[data-test=pool]').click();
  await page.waitForURL((u) => u.pathname === `${call}/reviewers`);
  for (const r of [REVIEWER.email, CONFLICTED.email]) {
    const f = page.locator('#add-reviewer form');
    await f.locator('#f-email').fill(r);
    await f.locator('#f-max_load').fill('۳');
    await f.locator('button[type=submit]').click();
    await page.waitForLoadState('load');
  }
  assert.equal(await page.locator('[data-test=reviewer]').count(), 2, 'two reviewers in the pool');
  await signOut(page);
});

step('b. an officer writes a challenge; staff approve it into the call and publish it', async () => {
  await signIn(page, OFFICER);
  await page.goto(url('/challenges/new'), { waitUntil: 'load' });
  const form = page.locator('form#challenge-form');
  await form.locator('#f-title').fill(CHALLENGE);
  await form.locator('#f-problem').fill(
    'سرمایه‌گذار برای یک طرح صنعتی از چند دستگاه جداگانه استعلام می‌گیرد و هر استعلام کاغذی پیگیری می‌شود.',
  );
  await form.locator('#f-affected').fill('سرمایه‌گذاران و کارشناسان دبیرخانهٔ شورای برنامه‌ریزی');
  await form.locator('#f-evidence').fill('میانگین هفت ماه از درخواست تا موافقت اصولی در سال ۱۴۰۴.');
  await form.locator('#f-outcome').fill('استعلام هم‌زمان و برخط از همهٔ دستگاه‌ها با یک پرونده');
  await form.locator('#f-success_measure').fill('زمان صدور موافقت اصولی زیر ۴۵ روز');
  await form.locator('#f-maturity').selectOption({ index: 1 });
  await form.locator('#f-deadline').fill(hijriDay(30));
  await form.locator('label.check', { hasText: 'پنجره واحد خدمات' }).locator('input[name=fields]').check();
  await form.locator('button[type=submit]').first().click();
  await page.waitForURL(/\/challenges\/[0-9a-f-]{36}$/);
  challenge = new URL(page.url()).pathname;
  assert.equal(await challengeStep('submit'), 'submitted');
  await signOut(page);

  await signIn(page, STAFF.email);
  await page.goto(url(challenge), { waitUntil: 'load' });
  await page.locator('#call select[name=call]').selectOption({ label: CALL });
  await page.locator('#call button[type=submit]').click();
  await page.waitForLoadState('load');
  await page.goto(url(challenge), { waitUntil: 'load' });
  assert.ok((await page.locator(`a[href="${call}"]`).count()) >= 1, 'the challenge is in the call');
  assert.equal(await challengeStep('approve'), 'approved');
  assert.equal(await challengeStep('publish'), 'published');
  await signOut(page);
});

step('c. the innovator writes a proposal with a team member and an attachment, and submits it', async () => {
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
  await page.locator('#f-title').fill(PROPOSAL);
  await page.locator('#f-summary').fill(
    'یک پروندهٔ الکترونیک برای هر طرح سرمایه‌گذاری که استعلام‌های همهٔ دستگاه‌ها را هم‌زمان می‌فرستد و مهلت هر پاسخ را پیگیری می‌کند.',
  );
  await page.locator('#f-approach').fill(
    `${INNOVATOR.name} با هفت سال تجربه در پنجره واحد خدمات، فرایند صدور مجوز را با دبیرخانه بازطراحی می‌کند ` +
      'و پرونده را به درگاه ملی مجوزها و سامانه‌های استعلام دستگاه‌ها وصل می‌کند.',
  );
  await page.locator('#f-expected_results').fill('صدور موافقت اصولی در کمتر از ۴۵ روز');
  await page.locator('#f-budget').fill('۶۰۰۰');
  await page.locator('#f-timeline').fill('سه ماه طراحی و اتصال، شش ماه آزمایش');
  await page.locator('input[name=originality]').check();
  await page.locator('input[name=conflicts]').check();
  await page.waitForFunction((b) => document.querySelector('[data-test=saved]')?.innerText !== b, before);
  await page.reload({ waitUntil: 'load' });
  assert.equal(await page.locator('#f-title').inputValue(), PROPOSAL);

  await page.locator('#f-attachments').setInputFiles({
    name: FILE,
    mimeType: 'application/pdf',
    buffer: Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n'),
  });
  await page.locator('#files form button[type=submit]').click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('[data-test=file]', { hasText: FILE }).count(), 1, 'the file is attached');

  await page.locator('#f-member').fill(url(profile));
  await page.locator('button[data-test=invite]').click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('[data-test=member]', { hasText: MEMBER.name }).getAttribute('data-state'), 'invited');
  await signOut(page);

  await signIn(page, MEMBER.email);
  await page.goto(url(proposal), { waitUntil: 'load' });
  await page.locator('button[data-test=accept]').click();
  await page.waitForLoadState('load');
  await signOut(page);

  await signIn(page, INNOVATOR.email);
  await page.goto(url(`${proposal}/edit`), { waitUntil: 'load' });
  assert.equal(await page.locator('[data-test=member]', { hasText: MEMBER.name }).getAttribute('data-state'), 'accepted');
  await page.locator('button[data-test=submit]').click();
  await page.waitForSelector('[data-test=tracking-code]');
  await signOut(page);
});

step('d. the challenge closes and staff open its evaluation: the proposal enters the first stage', async () => {
  await signIn(page, STAFF.email);
  await page.goto(url(challenge), { waitUntil: 'load' });
  assert.equal(await challengeStep('close'), 'closed');
  assert.equal(await challengeStep('evaluate'), 'in_evaluation');
  await page.goto(url(proposal), { waitUntil: 'load' });
  assert.equal(await page.locator('[data-test=evaluation-state]').getAttribute('data-state'), 'in_review');
});

step('e. staff set one reviewer per proposal, solve, review the proposed pair and apply it', async () => {
  await page.goto(url(`${call}/stages`), { waitUntil: 'load' });
  await page.locator('[data-test=stage]').first().locator('a[data-test=stage-assignment]').click();
  await page.waitForURL((u) => u.pathname === assignmentPage);
  const row = page.locator('[data-test=proposal]', { hasText: PROPOSAL });
  // The reviewer who shares an organization with the applicant is conflicted, and staff see why.
  const conflict = row.locator('[data-test=conflict]', { hasText: CONFLICTED.name });
  assert.equal(await conflict.count(), 1, 'the colleague is conflicted');
  const why = await conflict.innerText();
  assert.ok(why.includes(ORGANIZATION), `the conflict names the shared organization: ${why}`);
  assert.equal(await row.locator('[data-test=conflict]', { hasText: REVIEWER.name }).count(), 0);

  // Three per proposal (the default) cannot be covered by one allowed reviewer: reported, nothing proposed.
  await page.locator('#start button[type=submit]').click();
  await page.waitForSelector('#run[data-state=infeasible]', { timeout: 30_000 });
  assert.ok((await page.locator('[data-test=proposal]', { hasText: PROPOSAL }).locator('[data-test=short]').innerText()).length > 0);

  // Staff set one reviewer per proposal and a due day on the stage, and solve again.
  await page.goto(url(`${call}/stages`), { waitUntil: 'load' });
  const card = page.locator('[data-test=stage]').first();
  assert.equal(await card.locator('[data-test=stage-k]').innerText(), '۳');
  await card.locator('details:has(form[data-test=stage-plan]) > summary').click();
  const plan = card.locator('form[data-test=stage-plan]');
  await plan.locator('input[name=reviewers_per_proposal]').fill('۱');
  await plan.locator('input[name=reviews_due]').fill(hijriDay(14));
  await plan.locator('button[type=submit]').click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('[data-test=stage]').first().locator('[data-test=stage-k]').innerText(), '۱');
  await page.goto(url(assignmentPage), { waitUntil: 'load' });
  await page.locator('#start button[type=submit]').click();
  await page.waitForSelector('#run[data-state=proposed]', { timeout: 30_000 });
  const pair = page.locator('[data-test=proposal]', { hasText: PROPOSAL }).locator('[data-test=pair]');
  assert.equal(await pair.count(), 1, 'one reviewer proposed');
  const proposed = await pair.innerText();
  assert.ok(proposed.includes(REVIEWER.name), `the unconflicted reviewer is proposed: ${proposed}`);
  assert.ok(!proposed.includes(CONFLICTED.name), 'never the conflicted one');
  assert.ok(
    (await pair.locator('.muted').count()) === 1 && (await pair.locator('.muted').innerText()).trim().length > 0,
    'the matcher says which words of her profile match',
  );
  await bothLanguages('evaluation-assignment');
  await page.locator('#run form[action$="/apply"] button').click();
  await page.waitForSelector('#run[data-state=applied]');
  assert.equal(
    await page.locator('[data-test=proposal]', { hasText: PROPOSAL }).locator('[data-test=active]', { hasText: REVIEWER.name }).count(),
    1,
    'the assignment is in force',
  );
  await signOut(page);

  // The assignment mail says what the reviewer's page says of the proposal (its title, the stage, the due
  // day and a link), and nothing that names its applicants.
  const mail = await waitForMail(REVIEWER.email, (m) => m.subject.includes(PROPOSAL));
  assert.match(mail.body, /\/reviews\/[0-9a-f-]{36}/, 'the mail links the review');
  for (const hidden of [INNOVATOR.name, INNOVATOR.en, MEMBER.name, ORGANIZATION, FILE]) {
    assert.ok(!mail.body.includes(hidden) && !mail.subject.includes(hidden), `the mail does not name ${hidden}`);
  }
});

step('f. the reviewer opens the proposal blind and scores each criterion with comments and confidence', async () => {
  await signIn(page, REVIEWER.email);
  await page.goto(url('/reviews'), { waitUntil: 'load' });
  const mine = page.locator('[data-test=assignment]', { hasText: PROPOSAL });
  assert.equal(await mine.count(), 1, 'the assignment is listed');
  await mine.locator('a').click();
  await page.waitForURL(/\/reviews\/[0-9a-f-]{36}$/);
  assert.equal(await page.locator('[data-test=blind]').getAttribute('data-blind'), 'double');
  assert.equal(await page.locator('[data-test=applicant]').count(), 0, 'no applicant section');
  const html = await page.content();
  assert.ok(html.includes(PROPOSAL), 'the proposal itself is shown');
  for (const hidden of [INNOVATOR.name, INNOVATOR.en, MEMBER.name, ORGANIZATION, FILE, 'رزومه']) {
    assert.ok(!html.includes(hidden), `the blind page never contains «${hidden}»`);
  }
  assert.equal(await page.locator('[data-test=file]').count(), 0, 'no file listed');
  assert.equal(await page.locator('[data-test=withheld]').count(), 1, 'the reviewer is told a file is withheld');
  await bothLanguages('evaluation-review-blind');

  const criteria = page.locator('[data-test=criterion]');
  assert.equal(await criteria.count(), 2);
  await criteria.nth(0).locator('input[name^=score_]').fill('۲');
  await criteria.nth(0).locator('textarea[name^=comment_]').fill('راه‌حل شناخته‌شده است؛ نوآوری اندکی دارد.');
  await criteria.nth(1).locator('input[name^=score_]').fill('11');
  await criteria.nth(1).locator('textarea[name^=comment_]').fill('برنامهٔ آزمایش و سنجهٔ زمان ندارد.');
  await page.locator('#f-comment').fill('طرح برای این مرحله آماده نیست.');
  await page.locator('#f-confidence').fill('۴');
  await page.locator('#review form button[formaction$="/submit"]').click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('[data-test=submitted]').count(), 0, 'a score outside the scale is not submitted');
  assert.equal(await criteria.nth(1).locator('input[name^=score_]').getAttribute('aria-invalid'), 'true');
  await criteria.nth(1).locator('input[name^=score_]').fill('۴');
  await page.locator('#review form button[formaction$="/submit"]').click();
  await page.waitForSelector('[data-test=submitted]');
  assert.equal(await page.locator('#review fieldset').getAttribute('disabled'), '', 'a submitted review is final');
  await signOut(page);
});

step('g. the gate says it does not pass; staff reject it with a written reason', async () => {
  await signIn(page, STAFF.email);
  await page.goto(url(gatePage), { waitUntil: 'load' });
  const row = page.locator('[data-test=gate-row]', { hasText: PROPOSAL });
  assert.equal(await row.getAttribute('data-proposed'), 'below', 'under the 60% threshold');
  await bothLanguages('evaluation-gate');
  await row.locator('a').first().click();
  await page.waitForURL((u) => u.pathname === proposal);
  // Without a reason (the browser's own check turned off) the server refuses it beside the field.
  const form = page.locator('form[data-test=decision-form]');
  await form.evaluate((f) => {
    f.noValidate = true;
  });
  await form.locator('#f-outcome').selectOption('reject');
  await form.locator('button[type=submit]').click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('[data-test=decision]').count(), 0, 'no decision without a reason');
  assert.equal(await page.locator('#e-reason').count(), 1, 'the reason is asked for');
  await page.locator('form[data-test=decision-form] #f-outcome').selectOption('reject');
  await page.locator('form[data-test=decision-form] #f-reason').fill(REASON);
  await page.locator('form[data-test=decision-form] button[type=submit]').click();
  await page.waitForLoadState('load');
  const decision = page.locator('[data-test=decision][data-outcome=reject]');
  assert.equal(await decision.count(), 1);
  assert.equal((await decision.locator('[data-test=decision-reason]').innerText()).trim(), REASON);
  assert.equal(await page.locator('[data-test=evaluation-state]').getAttribute('data-state'), 'rejected');
  await signOut(page);
});

step('h. the applicant sees the decision and its reason, never who reviewed or decided, and appeals', async () => {
  const mail = await waitForMail(INNOVATOR.email, (m) => m.body.includes(REASON));
  for (const hidden of [STAFF.name, REVIEWER.name, 'کریمی']) {
    assert.ok(!mail.body.includes(hidden), `the decision mail does not name ${hidden}`);
  }
  await signIn(page, INNOVATOR.email);
  await page.goto(url(proposal), { waitUntil: 'load' });
  const decision = page.locator('[data-test=decision][data-outcome=reject]');
  assert.equal(await decision.count(), 1);
  assert.equal((await decision.locator('[data-test=decision-reason]').innerText()).trim(), REASON);
  const html = await page.content();
  for (const hidden of [STAFF.name, REVIEWER.name, 'کریمی', 'احمدی']) {
    assert.ok(!html.includes(hidden), `the applicant's page never names ${hidden}`);
  }
  assert.equal(await page.locator(`a[href^="/decisions/"]`).count(), 0, 'no link to the staff decision page');
  await bothLanguages('evaluation-decision-applicant');
  await page.locator('form[data-test=appeal-form] #f-appeal').fill(APPEAL);
  await page.locator('form[data-test=appeal-form] button[type=submit]').click();
  await page.waitForLoadState('load');
  assert.equal(await page.locator('[data-test=appeal]').getAttribute('data-state'), 'pending');
  assert.equal(await page.locator('form[data-test=appeal-form]').count(), 0, 'one appeal only');
  await signOut(page);
});

step('i. the first decider cannot answer the appeal; another staff member overturns it', async () => {
  await signIn(page, STAFF.email);
  await page.goto(url(proposal), { waitUntil: 'load' });
  assert.equal(await page.locator('[data-test=appeal][data-state=pending]').count(), 1);
  assert.equal(await page.locator('form[data-test=appeal-decision-form]').count(), 0, 'not by the first decider');
  await signOut(page);

  await signIn(page, STAFF2.email);
  await page.goto(url(proposal), { waitUntil: 'load' });
  const form = page.locator('form[data-test=appeal-decision-form]');
  await form.locator('#f-verdict').selectOption('overturned');
  await form.locator('#f-response').fill(ANSWER);
  await form.locator('button[type=submit]').click();
  // The answer is a decision of its own, on the record: its page links its audit entries.
  await page.waitForURL(/\/decisions\/[0-9a-f-]{36}$/);
  assert.equal((await page.locator('[data-test=decision-reason]').innerText()).trim(), ANSWER);
  assert.ok((await page.locator('[data-test=audit-entry]').count()) >= 1, 'linked to its audit entries');
  await bothLanguages('evaluation-appeal-decision');
  await page.goto(url(proposal), { waitUntil: 'load' });
  assert.equal(await page.locator('[data-test=appeal]').getAttribute('data-state'), 'overturned');
  assert.equal(await page.locator('[data-test=evaluation-state]').getAttribute('data-state'), 'in_review');
  await signOut(page);
});

step('j. the applicant sees the appeal overturned with its answer, and the proposal back in review', async () => {
  await signIn(page, INNOVATOR.email);
  await page.goto(url(proposal), { waitUntil: 'load' });
  const appeal = page.locator('[data-test=appeal]');
  assert.equal(await appeal.getAttribute('data-state'), 'overturned');
  assert.ok((await appeal.locator('[data-test=appeal-answer]').innerText()).includes(ANSWER));
  assert.equal(await page.locator('[data-test=evaluation-state]').getAttribute('data-state'), 'in_review');
  assert.ok(!(await page.content()).includes(STAFF2.name), 'nor who answered the appeal');
  await bothLanguages('evaluation-appeal-answered');
  await signOut(page);
});
