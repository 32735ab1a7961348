// Browser test: a visitor looking for help.  Type-ahead in the home
// page's search box, the search page with highlighted results, an article,
// "Was this helpful?", the FAQ, and a Persian article laid out right to
// left.  Prints TAP.
//   PORTICO_URL=http://127.0.0.1:PORT node kb.mjs [SCREENSHOT_DIR]
import { ok, launch, done } from './lib/tap.mjs';
import { join } from 'node:path';

const url = process.env.PORTICO_URL;
const shots = process.argv[2] || null;

const browser = await launch();
try {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));

  await page.goto(url + '/');
  ok(await page.isVisible('.banner-notice'), 'an active service notice shows as a banner');

  // Type-ahead: the script asks /search/suggest and lists titles (the
  // home page's one search box).
  await page.fill('#q-main', 'passw');
  await page.waitForSelector('#q-main-suggestions li a', { timeout: 5000 }).catch(() => {});
  const sugg = await page.$$eval('#q-main-suggestions li a', (as) => as.map((a) => a.textContent));
  ok(sugg.some((t) => t.includes('Resetting your password')), 'type-ahead suggests an article', sugg.join(' | '));

  // The search page itself works as a plain form.
  await Promise.all([page.waitForNavigation(), page.press('#q-main', 'Enter')]);
  ok(new URL(page.url()).pathname === '/search', 'Enter searches');
  await page.goto(url + '/search?q=invoice');
  const marks = await page.$$eval('.hits mark', (ms) => ms.length);
  ok(marks > 0, 'results highlight the words found', String(marks));
  if (shots) await page.screenshot({ path: join(shots, 'search.png'), fullPage: true });
  await Promise.all([page.waitForNavigation(), page.click('.hits li:first-child a')]);
  ok(new URL(page.url()).pathname.startsWith('/a/'), 'a result opens its article', page.url());

  // Feedback, as an anonymous visitor.
  await page.goto(url + '/a/dns-records');
  await page.fill('#fb-comment', 'Could mention CAA records.');
  await Promise.all([page.waitForNavigation(), page.click('.feedback button[value="yes"]')]);
  ok((await page.textContent('main')).includes('Thank you for your feedback'), 'a vote is thanked');
  ok((await page.textContent('.feedback')).includes('You found this helpful'), 'the page remembers the vote');

  await page.goto(url + '/faq');
  await page.click('summary:has-text("How long does a domain transfer take?")');
  ok(await page.isVisible('text=Most transfers finish within five days'), 'an FAQ answer opens');

  const fa = await browser.newContext({ locale: 'fa-IR' });
  const p2 = await fa.newPage();
  await p2.goto(url + '/a/fa-reset-password');
  ok(await p2.getAttribute('html', 'dir') === 'rtl', 'a Persian article is right to left');
  const align = await p2.$eval('article h1', (e) => getComputedStyle(e).direction);
  ok(align === 'rtl', 'its heading runs right to left', align);
  if (shots) await p2.screenshot({ path: join(shots, 'article-fa.png'), fullPage: true });

  ok(problems.length === 0, 'no script errors or CSP violations', problems.join('\n'));
} catch (e) {
  ok(false, 'the browser test ran to its end', e.stack);
} finally {
  await browser.close();
}
done();
