// Browser test of the staff bulk import (ورود گروهی) against a server started with --demo, e.g.
//   target/debug/halqe serve --demo --listen 127.0.0.1:8080 --data-dir "$(mktemp -d)"
//   HALQE_URL=http://127.0.0.1:8080 node --test e2e/import.mjs
//
// The demo staff member uploads a people CSV with Persian headers, three good rows and three bad ones (a
// national ID with a wrong check digit, a malformed email, a malformed mobile): first as a dry run, then
// for real. The run page lists each bad row with its row number and the Persian reason, the summary line
// counts them, and the downloadable report lists exactly the bad rows. The staff member fixes the three
// rows and imports the whole file again: the fixed rows are created, the good ones are unchanged, and a
// fixed person turns up in the directory. National IDs, emails and a search token are derived from the
// clock, so the test does not depend on what other tests (or earlier runs) did on the same server.
//
// Environment: as e2e/lib/browser.mjs, plus HALQE_DEMO_PASSWORD (default halqe-demo-1402).

import assert from 'node:assert/strict';
import { browserForFile, shot, signIn, url } from './lib/browser.mjs';

const STAFF = 'staff@halqe.demo';
/** A run of a few rows finishes in well under a second; a busy debug build may take longer. */
const RUN_DONE = 30_000;

const REASON = {
  national_id: 'کد ملی معتبر نیست؛ ۱۰ رقم با رقم کنترل درست وارد کنید.',
  email: 'نشانی ایمیل معتبر نیست.',
  mobile: 'شماره تلفن همراه معتبر نیست؛ مانند ۰۹۱۲۱۲۳۴۵۶۷.',
};

/** A national ID: nine digits and the official check digit (as `NationalId::check_digit_ok`). */
function nationalId(prefix) {
  assert.match(prefix, /^\d{9}$/);
  const sum = [...prefix].reduce((s, d, i) => s + Number(d) * (10 - i), 0);
  const r = sum % 11;
  return prefix + String(r < 2 ? r : 11 - r);
}

/** The same nine digits with a wrong check digit. */
function wrongCheckDigit(prefix) {
  const good = nationalId(prefix);
  return good.slice(0, 9) + String((Number(good[9]) + 1) % 10);
}

const PERSIAN_DIGITS = '۰۱۲۳۴۵۶۷۸۹';
const fa = (n) => String(n).replace(/\d/g, (d) => PERSIAN_DIGITS[Number(d)]);

// Unique per run: the last eight digits of the clock in milliseconds.
const stamp = String(Date.now()).slice(-8);
/** A search term only this run's people carry (in their skills). */
const TOKEN = `e2eimport${stamp}`;
const idOf = (n) => nationalId(`${n}${stamp}`);
const emailOf = (n) => `import-${stamp}-${n}@example.ir`;

const HEADER = ['کد ملی', 'نام', 'نام خانوادگی', 'ایمیل', 'موبایل', 'استان', 'مؤسسه', 'حوزه تخصص', 'مدرک', 'مهارت‌ها'];
/** Where the columns the bad rows get wrong are in HEADER. */
const COLUMN = { national_id: 0, email: 3, mobile: 4 };
const headerIndex = (p) => COLUMN[p.bad.column];

/** The six people of the file; `line` is the row number the report uses (the header is line 1). */
const PEOPLE = [
  {
    line: 2,
    id: idOf(1),
    first: 'نرگس',
    last: 'کاظمی',
    email: emailOf(1),
    mobile: '09121234561',
    province: 'تهران',
    institution: 'دانشگاه تهران',
    field: 'جذب و استخدام',
    degree: 'دکتری',
  },
  {
    line: 3,
    id: idOf(2),
    bad: { column: 'national_id', value: wrongCheckDigit(`2${stamp}`) },
    first: 'کیوان',
    last: 'یزدانی',
    email: emailOf(2),
    mobile: '09121234562',
    province: 'اصفهان',
    institution: 'دانشگاه صنعتی اصفهان',
    field: 'مدیریت عملکرد',
    degree: 'کارشناسی ارشد',
  },
  {
    line: 4,
    id: idOf(3),
    first: 'مریم',
    last: 'حسینی',
    email: emailOf(3),
    mobile: '09121234563',
    province: 'فارس',
    institution: 'دانشگاه شیراز',
    field: 'خدمات دولت الکترونیک',
    degree: 'کارشناسی',
  },
  {
    line: 5,
    id: idOf(4),
    bad: { column: 'email', value: `import-${stamp}-4.example.ir` },
    first: 'بهروز',
    last: 'کرمانی',
    email: emailOf(4),
    mobile: '09121234564',
    province: 'خراسان رضوی',
    institution: 'دانشگاه فردوسی مشهد',
    field: 'تحلیل داده‌های منابع انسانی',
    degree: 'دکتری',
  },
  {
    line: 6,
    id: idOf(5),
    first: 'سارا',
    last: 'محمدی',
    email: emailOf(5),
    mobile: '09121234565',
    province: 'آذربایجان شرقی',
    institution: 'دانشگاه تبریز',
    field: 'طراحی و ساختار سازمانی',
    degree: 'کارشناسی ارشد',
  },
  {
    line: 7,
    id: idOf(6),
    bad: { column: 'mobile', value: '0912 123' },
    first: 'پیمان',
    last: 'یوسفی',
    email: emailOf(6),
    mobile: '09121234566',
    province: 'گیلان',
    institution: 'دانشگاه گیلان',
    field: 'جذب و استخدام',
    degree: 'کارشناسی',
  },
];
const BAD = PEOPLE.filter((p) => p.bad);
const GOOD = PEOPLE.filter((p) => !p.bad);
/** The fixed person looked for in the directory afterwards. */
const FIXED = PEOPLE.find((p) => p.bad?.column === 'email');

function csvCell(s) {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** The file, with the bad values in place unless `fixed`. */
function peopleCsv(fixed) {
  const lines = [HEADER];
  for (const p of PEOPLE) {
    const v = { national_id: p.id, email: p.email, mobile: p.mobile };
    if (p.bad && !fixed) v[p.bad.column] = p.bad.value;
    const skills = `تحلیل داده، بهبود فرایند، ${TOKEN}`;
    const { first, last, province, institution, field, degree } = p;
    lines.push([v.national_id, first, last, v.email, v.mobile, province, institution, field, degree, skills]);
  }
  // Excel's way: a byte-order mark and CRLF.
  return '\uFEFF' + lines.map((l) => l.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A small RFC 4180 reader for the downloaded report (quoted cells may hold commas and line breaks). */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let cell = '';
  let quoted = false;
  text = text.replace(/^\uFEFF/, '');
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
    } else {
      cell += c;
    }
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows.filter((r) => r.some((c) => c !== ''));
}

let page;
/** The path of the real (not dry) run with the bad rows. */
let firstRun = '';

const step = browserForFile((p) => {
  page = p;
});

/** Uploads the file on /imports/new and waits until its run page says the run is done; returns its path. */
async function upload(csv, name, { dryRun }) {
  await page.goto(url('/imports/new'), { waitUntil: 'load' });
  const form = page.locator('form#import-form');
  await form.locator('select[name=kind]').selectOption('people');
  await form.locator('input[name=file]').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const dry = form.locator('input[name=dry_run]');
  if (dryRun) await dry.check();
  else await dry.uncheck();
  await form.locator('button[type=submit]').click();
  await page.waitForURL(/\/imports\/[0-9a-f-]{36}$/);
  const path = new URL(page.url()).pathname;
  // The page refreshes itself (htmx) while the run is going.
  await page.waitForSelector('#run .badge[data-status=done]', { timeout: RUN_DONE });
  assert.equal(await page.locator('#run h1').innerText(), name, 'the run page names the file');
  assert.equal(await page.locator('#run [role=alert]').count(), 0, 'the run did not fail');
  return path;
}

async function summary() {
  return (await page.locator('#summary-line').innerText()).trim();
}

/** The rows of the run page's report table, by row number. */
async function reportRows() {
  return page.locator('#import-rows tbody tr').evaluateAll((trs) =>
    trs.map((tr) => ({
      row: Number(tr.dataset.row),
      cells: [...tr.querySelectorAll('td')].map((td) => td.innerText.trim()),
    })),
  );
}

/** Asserts the run page lists exactly the bad rows, each with its number, name, column and Persian reason. */
async function expectBadRows() {
  const rows = await reportRows();
  assert.deepEqual(
    rows.map((r) => r.row),
    BAD.map((p) => p.line),
    'only the bad rows are listed, in file order',
  );
  for (const p of BAD) {
    const [number, label, status, column, reason] = rows.find((r) => r.row === p.line).cells;
    assert.equal(number, fa(p.line), 'the row number, in Persian digits');
    assert.ok(label.includes(p.first) && label.includes(p.last), `row ${p.line} names the person: ${label}`);
    assert.equal(status, 'رد شد', `row ${p.line} is rejected`);
    assert.equal(column, HEADER[headerIndex(p)], `row ${p.line}: the column`);
    assert.equal(reason, REASON[p.bad.column], `row ${p.line}: the reason in Persian`);
  }
}

async function expectRtl() {
  const attrs = await page.evaluate(() => [document.documentElement.lang, document.documentElement.dir]);
  assert.deepEqual(attrs, ['fa', 'rtl'], 'the page is Persian, right to left');
}

step('a. staff sign in and open the import form', async () => {
  await signIn(page, STAFF);
  await page.goto(url('/imports/new'), { waitUntil: 'load' });
  await expectRtl();
  assert.equal(await page.locator('form#import-form').count(), 1, 'the upload form is shown');
  assert.equal(await page.locator('a[href="/imports/template/people.csv"]').count(), 1, 'with a template');
});

step('b. a dry run of a file with three bad rows reports them and changes nothing', async () => {
  await upload(peopleCsv(false), `people-${stamp}.csv`, { dryRun: true });
  assert.equal(await summary(), 'created=3 updated=0 unchanged=0 rejected=3');
  assert.equal(await page.locator('#run .badge', { hasText: 'آزمایشی' }).count(), 1, 'marked as a dry run');
  assert.match(await page.locator('#run').innerText(), /این اجرای آزمایشی بود و هیچ تغییری ثبت نشد/);
  await expectBadRows();
});

step('c. the real import creates the good rows and reports each bad row with its Persian reason', async () => {
  firstRun = await upload(peopleCsv(false), `people-${stamp}.csv`, { dryRun: false });
  // Created, not unchanged: the dry run wrote nothing.
  assert.equal(await summary(), 'created=3 updated=0 unchanged=0 rejected=3');
  assert.equal(await page.locator('#run .badge', { hasText: 'آزمایشی' }).count(), 0, 'not a dry run');
  await expectBadRows();
  await page.evaluate(() => document.fonts.ready);
  await shot(page, 'import-report.png');
});

step('d. the rejection report lists the three bad rows', async () => {
  const link = page.locator(`a[href="${firstRun}/report.csv"]`);
  assert.equal(await link.count(), 1, 'the CSV report is linked');
  assert.equal(await page.locator(`a[href="${firstRun}/report.xlsx"]`).count(), 1, 'and the XLSX one');
  const res = await page.request.get(url(`${firstRun}/report.csv`));
  assert.equal(res.status(), 200);
  assert.match(res.headers()['content-type'], /^text\/csv/);
  assert.match(res.headers()['content-disposition'] ?? '', /attachment/);
  const [head, ...lines] = parseCsv(await res.text());
  assert.deepEqual(head.slice(0, 4), ['ردیف', 'وضعیت', 'ستون', 'دلیل'], `report header: ${head}`);
  assert.deepEqual(head.slice(4), HEADER, 'then the file’s own headers');
  assert.deepEqual(
    lines.map((l) => Number(l[0])),
    BAD.map((p) => p.line),
    'one line per bad row',
  );
  for (const p of BAD) {
    const line = lines.find((l) => Number(l[0]) === p.line);
    assert.equal(line[3], REASON[p.bad.column], `row ${p.line}: the reason`);
    assert.equal(line[4 + headerIndex(p)], p.bad.value, `row ${p.line}: the original bad cell`);
    assert.equal(line[4 + 1], p.first, `row ${p.line}: the original cells follow`);
  }
  const text = lines.flat().join(' ');
  for (const p of GOOD) assert.ok(!text.includes(p.id), `the good row ${p.line} is not in the report`);
});

step('e. the fixed file imports the three fixed rows and leaves the good ones unchanged', async () => {
  await upload(peopleCsv(true), `people-${stamp}-fixed.csv`, { dryRun: false });
  assert.equal(await summary(), 'created=3 updated=0 unchanged=3 rejected=0');
  assert.equal(await page.locator(`a[href$="/report.csv"]`).count(), 0, 'nothing to report');
  // Nothing rejected or flagged, so the page lists every row.
  const rows = await reportRows();
  assert.deepEqual(
    rows.map((r) => r.row),
    PEOPLE.map((p) => p.line),
    'every row is listed',
  );
  for (const p of PEOPLE) {
    const status = rows.find((r) => r.row === p.line).cells[2];
    assert.equal(status, p.bad ? 'ایجاد شد' : 'بدون تغییر', `row ${p.line}`);
  }
  await page.evaluate(() => document.fonts.ready);
  await shot(page, 'import-fixed.png');
});

step('f. a fixed person is found in the directory and their profile shows the imported values', async () => {
  const name = `${FIXED.first} ${FIXED.last}`;
  // The serve loop feeds the search index every 400 ms.
  const deadline = Date.now() + 5_000;
  let hits;
  for (;;) {
    await page.goto(url(`/directory?q=${encodeURIComponent(TOKEN)}`), { waitUntil: 'load' });
    hits = page.locator('[data-test=hit]');
    if ((await hits.count()) === PEOPLE.length || Date.now() > deadline) break;
    await page.waitForTimeout(400);
  }
  assert.equal(await hits.count(), PEOPLE.length, 'the six people of this run are found by their skill');
  const hit = hits.filter({ hasText: name });
  assert.equal(await hit.count(), 1, `${name} is found`);
  await hit.locator('h2 a').click();
  await page.waitForURL(/\/people\/[0-9a-f-]{36}$/);
  const main = await page.locator('main').innerText();
  assert.ok(main.includes(name), `the profile names ${name}`);
  assert.ok(main.includes(FIXED.institution), `and shows the institution ${FIXED.institution}`);
});
