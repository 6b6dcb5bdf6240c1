// Browser test of a challenge's public questions (issue 10 item 5) against a server started with --demo, as
// scripts/test-all runs it:
//   target/debug/halqe serve --demo --listen 127.0.0.1:8080 --data-dir "$(mktemp -d)"
//   HALQE_URL=http://127.0.0.1:8080 node --test e2e/questions.mjs
//
// An innovator asks a question on a published demo challenge through the htmx form (the section is swapped,
// the page is not reloaded) and sees it waiting for an answer, which no one else does; the agency's officer
// finds it in the unanswered queue and answers it; a visitor then reads the question and its answer, in
// Persian, in English and at 360 px; the innovator is notified. Each run asks a fresh question.
//
// Environment: as e2e/lib/browser.mjs, plus HALQE_DEMO_PASSWORD (default halqe-demo-1402).

import assert from 'node:assert/strict';
import { DESKTOP, PHONE, browserForFile, shot, signIn, signOut, url } from './lib/browser.mjs';

const INNOVATOR = 'innovator@halqe.demo';
const OFFICER = 'officer@halqe.demo';
const RUN = Date.now().toString(36);
const QUESTION = `آیا نمونهٔ اولیه باید با نسخهٔ فعلی سامانهٔ روابط کار (v3.2) یکپارچه شود؟ (${RUN})`;
const ANSWER = `خیر؛ در مرحلهٔ نمونهٔ اولیه خروجی CSV کافی است و یکپارچگی در اجرای آزمایشی بررسی می‌شود. (${RUN})`;

let page;
/** The challenge's path and the question's id. */
let challenge = '';
let question = '';

const step = browserForFile((p) => {
  page = p;
});

/** The question of this run on the page, as a locator. */
const mine = () => page.locator(`li[data-test=question]:has-text("${RUN}")`);

step('a. an innovator asks on a published challenge; htmx swaps the Q&A without reloading', async () => {
  await page.goto(url(`/challenges?q=${encodeURIComponent('شکایت‌های کارگری')}`), { waitUntil: 'load' });
  challenge = await page.locator('[data-test=challenge-result] a[href^="/challenges/"]').first().getAttribute('href');
  assert.match(challenge, /^\/challenges\/[0-9a-f-]{36}$/);
  await page.goto(url(challenge), { waitUntil: 'load' });
  assert.ok((await page.locator('[data-test=answer-body]').count()) >= 2, 'the demo answers are public');
  assert.equal(await page.locator('#ask-form').count(), 0, 'a visitor is asked to sign in first');

  await signIn(page, INNOVATOR);
  await page.goto(url(challenge), { waitUntil: 'load' });
  await page.evaluate(() => {
    window.notReloaded = true;
  });
  await page.locator('#f-question').fill(QUESTION);
  await page.locator('#ask-form button[data-test=ask]').click();
  await mine().waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => window.notReloaded), true, 'the section was swapped in place');
  assert.equal(await mine().getAttribute('data-state'), 'unanswered');
  question = await mine().getAttribute('data-id');
  assert.equal(await mine().locator('[data-test=question-body]').getAttribute('dir'), 'auto');

  // An empty question is refused beside the field, still without a reload.
  await page.locator('#ask-form button[data-test=ask]').click();
  await page.locator('#e-question').waitFor({ state: 'visible' });
  assert.equal(await page.evaluate(() => window.notReloaded), true);
  await signOut(page);

  await page.goto(url(challenge), { waitUntil: 'load' });
  assert.equal(await mine().count(), 0, 'unanswered, it is not public');
});

step('b. the officer finds it in the unanswered queue and answers it', async () => {
  await signIn(page, OFFICER);
  await page.goto(url('/questions'), { waitUntil: 'load' });
  const waiting = page.locator(`[data-test=waiting][data-id="${question}"]`);
  assert.equal(await waiting.count(), 1, 'in the queue of its agency');
  await waiting.locator('a').first().click();
  await page.waitForURL((u) => u.pathname === challenge);
  await page.locator(`#f-answer-${question}`).fill(ANSWER);
  await mine().locator('button[data-test=answer-submit]').click();
  await mine().locator('[data-test=answer-body]').waitFor({ state: 'visible' });
  assert.equal(await mine().getAttribute('data-state'), 'answered');
  await signOut(page);
});

step('c. everyone reads the answer, in Persian, in English and at 360 px; the asker is told', async () => {
  await page.goto(url(challenge), { waitUntil: 'load' });
  assert.ok((await mine().locator('[data-test=answer-body]').innerText()).includes(RUN));
  assert.ok((await mine().innerText()).includes('پاسخ دستگاه'));
  await mine().scrollIntoViewIfNeeded();
  await page.evaluate(() => document.fonts.ready);
  await shot(page, 'questions-fa.png');
  await page.setViewportSize(PHONE);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no horizontal scroll at 360 px (${overflow} px)`);
  await shot(page, 'questions-fa-360.png');
  await page.setViewportSize(DESKTOP);
  await page.locator('form.lang-switch button[value=en]').first().click();
  await page.waitForSelector('html[lang="en"][dir="ltr"]', { state: 'attached' });
  assert.ok((await page.locator('#questions h2').innerText()).includes('Questions and answers'));
  await page.evaluate(() => document.fonts.ready);
  await shot(page, 'questions-en.png');
  await page.locator('form.lang-switch button[value=fa]').first().click();
  await page.waitForSelector('html[lang="fa"][dir="rtl"]', { state: 'attached' });

  await signIn(page, INNOVATOR);
  await page.goto(url('/notifications'), { waitUntil: 'load' });
  const told = await page.locator('main').innerText();
  assert.ok(told.includes('به پرسش شما'), 'the asker is notified of the answer');
  await signOut(page);
});
