// Browser test: what a visitor does, in headless Chromium (Debian's
// chromium, driven by playwright-core).  Prints TAP.
//   PORTICO_URL=http://127.0.0.1:PORT node browser.mjs [SCREENSHOT_DIR]
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

  let res = await page.goto(url + '/');
  ok(res.status() === 200, 'the home page opens');
  ok(await page.getAttribute('html', 'dir') === 'ltr', 'English is left to right');
  ok((await page.title()).includes('Northwind Hosting'), 'the title names the site');
  const bg = await page.$eval('.site-header', (e) => getComputedStyle(e).backgroundColor);
  ok(bg === 'rgb(20, 33, 61)', 'the theme stylesheet is applied', bg);
  if (shots) await page.screenshot({ path: join(shots, 'home-en.png'), fullPage: true });

  // Keyboard users: the skip link is first and leads to the content.
  await page.keyboard.press('Tab');
  ok(await page.evaluate(() => document.activeElement.className) === 'skip',
    'Tab reaches the skip link first');

  await page.click('text=About Northwind Hosting');
  await page.waitForURL('**/p/about');
  ok((await page.textContent('h1')).includes('About Northwind Hosting'),
    'a card leads to its page');

  // Switch to Persian with the language form, no JavaScript involved.
  await page.selectOption('#lang-select', 'fa');
  await Promise.all([page.waitForNavigation(), page.click('.lang-switch button')]);
  ok(new URL(page.url()).pathname === '/p/about', 'the switch comes back to the same page');
  ok(await page.getAttribute('html', 'dir') === 'rtl', 'Persian is right to left');
  ok(await page.getAttribute('html', 'lang') === 'fa', 'the page says it is Persian');
  ok((await page.textContent('h1')).includes('نورث‌ویند'), 'the Persian translation is shown');
  const vw = page.viewportSize().width;
  const brand = await page.$eval('.brand', (e) => e.getBoundingClientRect().x);
  ok(brand > vw / 2, 'the header is mirrored: the site name sits on the right', `x=${brand}`);
  if (shots) await page.screenshot({ path: join(shots, 'about-fa.png'), fullPage: true });

  await page.goto(url + '/p/terms');
  ok((await page.textContent('.notice')).includes('ترجمه نشده'),
    'an untranslated page says so in Persian');
  ok(await page.getAttribute('article', 'lang') === 'en',
    'the English text is marked as English inside the Persian page');

  res = await page.goto(url + '/p/does-not-exist');
  ok(res.status() === 404, 'a missing page is a 404');
  // The browser reports the 404 of the page itself as an error: expected.
  problems.splice(0, problems.length,
    ...problems.filter((p) => !p.includes('status of 404')));
  ok((await page.textContent('h1')).includes('صفحه پیدا نشد'), 'the 404 page is themed and Persian');
  await page.click('text=بازگشت به صفحهٔ اصلی');
  ok(new URL(page.url()).pathname === '/', 'the error page leads home');

  // Back to English; the choice sticks across pages.
  await page.selectOption('#lang-select', 'en');
  await Promise.all([page.waitForNavigation(), page.click('.lang-switch button')]);
  await page.goto(url + '/p/contact');
  ok(await page.getAttribute('html', 'lang') === 'en', 'the language choice is remembered');

  // Small screens: the layout fits without sideways scrolling.
  await page.setViewportSize({ width: 360, height: 740 });
  await page.goto(url + '/');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  ok(overflow <= 0, 'the home page fits a 360 px screen', `overflow ${overflow}px`);
  if (shots) await page.screenshot({ path: join(shots, 'home-mobile.png'), fullPage: true });

  ok(problems.length === 0, 'no script errors and no content-security-policy violations',
    problems.join('\n'));
  await context.close();
} catch (e) {
  ok(false, 'the browser session ran to its end', e.stack);
} finally {
  await browser.close();
}
done();
