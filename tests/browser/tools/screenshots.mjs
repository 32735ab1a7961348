// Screenshots of the main pages (make screenshots): home, the knowledge
// base, an article, the FAQ, search, sign-in and the account's
// dashboard, in English, Persian and Chinese, at 390 and 1280 px, as
// PNG files NAME-LANG-WIDTH.png in the folder given.  To look at, not a
// test.
//   PORTICO_URL, PORTICO_STATE, PORTICO_ROOT set; node tools/screenshots.mjs DIR
import { launch } from '../lib/tap.mjs';
import { PUBLIC, CUSTOMER, discover, customerContext, userLanguage } from '../lib/walk.mjs';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';

const url = process.env.PORTICO_URL;
const dir = process.argv[2];
if (!url || !dir) {
  console.error('usage: PORTICO_URL=... PORTICO_STATE=... PORTICO_ROOT=... node tools/screenshots.mjs DIR');
  process.exit(2);
}
mkdirSync(dir, { recursive: true });
const LANGS = { en: 'en-US', fa: 'fa-IR', zh: 'zh-CN' };
const PAGES = ['home', 'kb', 'category', 'article', 'faq', 'search-results', 'error-404'];
const WIDTHS = [390, 1280];
let n = 0;

async function shoot(page, name, lang, path) {
  for (const w of WIDTHS) {
    await page.setViewportSize({ width: w, height: w < 600 ? 844 : 900 });
    await page.goto(url + path);
    await page.screenshot({ path: join(dir, `${name}-${lang}-${w}.png`), fullPage: true });
    n++;
  }
}

const browser = await launch();
try {
  for (const [lang, locale] of Object.entries(LANGS)) {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    await discover(page);
    for (const name of PAGES) await shoot(page, name, lang, PUBLIC[name]);
    await shoot(page, 'signin', lang, '/signin');
    await context.close();
  }
  const { context, page } = await customerContext(browser, { locale: 'en-US' });
  const was = userLanguage(CUSTOMER, 'en');
  for (const lang of Object.keys(LANGS)) {
    userLanguage(CUSTOMER, lang);
    await shoot(page, 'account', lang, '/account');
    await shoot(page, 'members', lang, '/account/users');
  }
  userLanguage(CUSTOMER, was);
  await context.close();
} finally {
  await browser.close();
}
console.log(`${n} screenshots in ${dir}`);
