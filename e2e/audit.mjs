// Browser test of the audit record (سابقه رویدادها) against a server started with --demo, e.g.
//   target/debug/halqe serve --demo --listen 127.0.0.1:8080 --data-dir "$(mktemp -d)"
//   HALQE_URL=http://127.0.0.1:8080 node --test e2e/audit.mjs
//
// The demo admin opens /admin/audit: the newest entries, the demo's signed checkpoint (نقطهٔ وارسی) and
// this node's public key; "verify now" walks the chain and the page then shows it intact; the checkpoints
// download as JSON lines. Verifying again on the same server changes nothing, so runs do not interfere.
//
// Environment: as e2e/lib/browser.mjs, plus HALQE_DEMO_PASSWORD (default halqe-demo-1402).

import assert from 'node:assert/strict';
import { PHONE, browserForFile, shot, signIn, url } from './lib/browser.mjs';

let page;

const step = browserForFile((p) => {
  page = p;
});

step('a. the admin sees the newest entries, the signed checkpoint and the signing key', async () => {
  await signIn(page, 'admin@halqe.demo');
  // The serve loop signs the first checkpoint right after start; give it a moment on a slow machine.
  for (let i = 0; i < 20; i++) {
    await page.goto(url('/admin/audit'), { waitUntil: 'load' });
    if ((await page.locator('[data-test=audit-checkpoint-newest]').count()) > 0) break;
    await page.waitForTimeout(500);
  }
  await page.waitForSelector('[data-test=audit-checkpoint-newest]');
  assert.match(await page.locator('[data-test=audit-signing-key]').innerText(), /^[0-9a-f]{64}$/);
  const seqs = await page.locator('td[data-seq]').evaluateAll((cells) => cells.map((c) => Number(c.dataset.seq)));
  assert.ok(seqs.length >= 1 && seqs.length <= 50, `one page of entries: ${seqs.length}`);
  assert.deepEqual(seqs, [...seqs].sort((x, y) => y - x), 'newest first');
});

step('b. verify now walks the chain and records it intact', async () => {
  await page.locator('[data-test=audit-verify]').click();
  await page.waitForSelector('[data-test=audit-intact]');
  assert.equal(await page.locator('[data-test=audit-broken]').count(), 0);
  await shot(page, 'audit-desktop.png');
  await page.setViewportSize(PHONE);
  await shot(page, 'audit-phone.png');
});

step('c. the checkpoints download as signed JSON lines', async () => {
  const r = await page.request.get(url('/admin/audit/checkpoints.jsonl'));
  assert.equal(r.status(), 200);
  assert.match(r.headers()['content-disposition'], /^attachment/);
  const lines = (await r.text()).trim().split('\n').map((l) => JSON.parse(l));
  assert.ok(lines.length >= 1, 'at least the demo checkpoint');
  for (const c of lines) {
    assert.deepEqual(Object.keys(c), ['seq', 'hash', 'at', 'public_key', 'signature']);
    assert.match(c.signature, /^[0-9a-f]{128}$/);
  }
});
