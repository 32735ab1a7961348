// Browser test: a billing contact signs in, reads the billing overview,
// opens the overdue invoice from it, downloads its PDF, accepts a quote
// with a comment, and exports the invoices as CSV; the billing pages
// pass axe-core's WCAG 2.1 A/AA checks, in English and in Persian
// (right to left).  The data is tests/integration/billing-fixture.sh's.
// Prints TAP.  PORTICO_URL, PORTICO_STATE, PORTICO_ROOT as
// ./quickstart test sets them.
import { ok, launch, done } from './lib/tap.mjs';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const url = process.env.PORTICO_URL;
const root = process.env.PORTICO_ROOT;
const shots = process.argv[2] || null;
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

// The fixture, through the integration tests' own shell functions.
function fixture(fn) {
  return execFileSync('bash', ['-c',
    `. tests/lib.sh; . tests/integration/billing-fixture.sh; ${fn}; trap - EXIT; rm -rf "$T"; echo "$ACC_A"`],
    { cwd: root, encoding: 'utf8', env: process.env }).trim();
}

async function axe(page) {
  if (!await page.evaluate(() => typeof window.axe === 'object'))
    await page.evaluate(axeSource);
  return page.evaluate(async (tags) => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
    });
    return r.violations.map((x) => `${x.id}: ${x.help} — ` +
      x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '));
  }, TAGS);
}

const accA = fixture('billing_fixture');
const browser = await launch();
try {
  const context = await browser.newContext({ locale: 'en-US', acceptDownloads: true });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));

  await page.goto(url + '/signin?next=/billing');
  await page.fill('input[name=email]', 't320-billing@t320.example');
  await page.fill('input[name=password]', 't320-password-2026');
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  ok(new URL(page.url()).pathname === '/billing', 'the billing contact signs in to the billing overview');
  const main = await page.textContent('main');
  ok(main.includes('€878.70'), 'the overview shows what is due', main.slice(0, 300));
  ok(main.includes('€1,121.30'), 'and the credit still available');
  let v = await axe(page);
  ok(v.length === 0, 'the overview passes axe (WCAG 2.1 A/AA)', v.join('\n'));
  if (shots) await page.screenshot({ path: join(shots, 'billing.png'), fullPage: true });

  // The overdue invoice, from the overview's "pay invoice" link, then
  // from the list filtered to overdue ones.
  await page.click('main a[href="/billing/invoices"]');
  await page.selectOption('#f-status', 'overdue');
  await Promise.all([page.waitForNavigation(), page.click('form.filters button')]);
  const rows = await page.locator('table.billing-invoices tbody tr').count();
  ok(rows === 1, 'filtered to overdue, the list has the one overdue invoice', `${rows} rows`);
  await Promise.all([page.waitForNavigation(), page.click('text=T320A-INV-3')]);
  ok((await page.textContent('h1')).includes('T320A-INV-3'), 'the overdue invoice opens');
  ok((await page.textContent('main')).includes('€803.20'), 'with its total');
  v = await axe(page);
  ok(v.length === 0, 'the invoice page passes axe', v.join('\n'));
  const pdfHref = await page.getAttribute('a[href$="/pdf"]', 'href');
  const pdf = await context.request.get(url + pdfHref);
  const body = await pdf.body();
  ok(pdf.status() === 200 && pdf.headers()['content-type'] === 'application/pdf' &&
    body.subarray(0, 5).toString() === '%PDF-', 'its PDF downloads', `${pdf.status()} ${pdf.headers()['content-type']}`);
  await page.emulateMedia({ media: 'print' });
  ok(!await page.isVisible('.site-header') && await page.isVisible('.invoice-sheet'),
    'printed, the page is the invoice alone');
  await page.emulateMedia({ media: 'screen' });

  // A quote: accept with a comment.
  await page.goto(url + '/billing/quotes');
  await Promise.all([page.waitForNavigation(), page.click('text=T320A-Q-1')]);
  ok(await page.locator('main textarea').count() === 1, 'the quote has one comment box for either answer');
  ok(await page.locator('label[for="f-quote-decide-comment"]').count() === 1, 'and it is labelled');
  ok(await page.locator('form#form-quote-decide button[formaction$="/decline"]').count() === 1,
    'one form: decline is a second button of it, sending the same comment elsewhere');
  v = await axe(page);
  ok(v.length === 0, 'the quote page passes axe', v.join('\n'));
  await page.fill('#f-quote-decide-comment', 'Go ahead from March');
  await Promise.all([page.waitForNavigation(), page.click('form#form-quote-decide button:not([formaction])')]);
  ok((await page.textContent('.notice')).includes('You accepted the quote'), 'accepting the quote says so');
  ok((await page.textContent('main')).includes('Accepted by Bill Billing'), 'and the quote shows who accepted it');
  ok(await page.locator('form#form-quote-decide').count() === 0, 'and offers no decision any more');

  // Without JavaScript, the same form declines another quote, with its comment.
  execFileSync('mariadb', ['--defaults-extra-file=' + join(process.env.PORTICO_STATE, 'my.cnf'), '-e',
    `INSERT INTO quotes (ext_id, account_id, number, title, issued_on, valid_until, status, currency,
      subtotal_minor, tax_minor, total_minor, version, updated_at) VALUES ('T320A-q9', ${Number(accA)},
      'T320A-Q-9', 'Extra storage', CURDATE(), CURDATE() + INTERVAL 30 DAY, 'sent', 'EUR', 1000, 255, 1255, 1, NOW())`]);
  const nojs = await browser.newContext({ locale: 'en-US', javaScriptEnabled: false,
    storageState: await context.storageState() });
  const np = await nojs.newPage();
  await np.goto(url + '/billing/quotes/T320A-Q-9');
  await np.fill('#f-quote-decide-comment', 'Too dear for now');
  await Promise.all([np.waitForNavigation(), np.click('form#form-quote-decide button[formaction]')]);
  ok((await np.textContent('main')).includes('Too dear for now') && new URL(np.url()).search.includes('quote-declined'),
    'without JavaScript the decline button of the one form declines, with the comment typed', np.url());
  await nojs.close();

  // The CSV of the invoices.
  await page.goto(url + '/billing/invoices');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('a.export')]);
  const csv = readFileSync(await download.path(), 'utf8');
  ok(csv.startsWith('"number","issued_on"') && csv.includes('"T320A-INV-4"'),
    'the CSV export downloads with this year\'s invoices', csv.slice(0, 200));

  // Right to left.
  await page.goto(url + '/billing?lang=fa');
  ok(await page.getAttribute('html', 'dir') === 'rtl', 'in Persian the overview runs right to left');
  ok((await page.textContent('main')).includes('۸۷۸'), 'with Persian digits in the amounts');
  v = await axe(page);
  ok(v.length === 0, 'and passes axe', v.join('\n'));
  if (shots) await page.screenshot({ path: join(shots, 'billing-fa.png'), fullPage: true });
  ok(problems.length === 0, 'no script errors', problems.join('\n'));
} finally {
  await browser.close();
  fixture('billing_cleanup');
}
done();
