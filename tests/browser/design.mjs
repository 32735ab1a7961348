// Browser test: the default theme's design on every page kind, signed
// out, as a customer and as staff, in English, Persian and Chinese:
//  - axe-core finds no WCAG 2.1 A/AA violation at 1280 and 390 px, in
//    the light colour scheme, and in the dark one at 1280 px;
//  - at 360 px no page scrolls sideways and the header takes under a
//    quarter of an 844 px tall screen;
//  - the phone's menu button opens the menu with JavaScript off;
//  - the Nu HTML checker (vnu-jar) finds no error in any page as the
//    server sent it.
// Prints TAP.
//   PORTICO_URL, PORTICO_STATE, PORTICO_ROOT as ./quickstart test sets them.
import { ok, launch, done } from './lib/tap.mjs';
import {
  PUBLIC, SIGNED_OUT, ACCOUNT, STAFF_PAGES, CUSTOMER, STAFF,
  discover, customerContext, staffContext, dropStaff, userLanguage,
} from './lib/walk.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const vnuJar = require('vnu-jar');
const url = process.env.PORTICO_URL;
const LANGS = ['en', 'fa', 'zh'];
const LOCALE = { en: 'en-US', fa: 'fa-IR', zh: 'zh-CN' };
const TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];
const html = mkdtempSync(join(tmpdir(), 'portico-html-'));
const started = Date.now();

// axe-core in the page (evaluated through the browser's protocol, so
// the site's Content-Security-Policy, which forbids inline script,
// stays as it is); the violations, one line each.
async function axe(page) {
  if (!await page.evaluate(() => typeof window.axe === 'object'))
    await page.evaluate(axeSource);
  const v = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, {
      runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'],
    });
    return r.violations.map((x) => `${x.id} (${x.impact}): ${x.help} — ` +
      x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', '));
  }, TAGS);
  return v;
}

// At 360 px: sideways overflow (px) and the header's share of the screen.
async function phoneLayout(page) {
  await page.setViewportSize({ width: 360, height: 844 });
  return page.evaluate(() => ({
    overflow: document.documentElement.scrollWidth - window.innerWidth,
    header: document.querySelector('.site-header').getBoundingClientRect().height / window.innerHeight,
  }));
}

// Walk pages (name → path) in one page of a context: each at 1280 px and
// at 390 px through axe, then at 360 px for the layout; the answer's
// HTML is kept for the validator.  who: anonymous, customer, staff.
async function walk(page, who, lang, pages) {
  for (const [name, path] of Object.entries(pages)) {
    if (!path) {
      // The demo content has no download; an instance with one walks it.
      if (name === 'download')
        ok(true, `${who} ${lang} ${name} # SKIP no download is published`);
      else
        ok(false, `${who} ${lang} ${name}: its address was found`);
      continue;
    }
    const problems = [];
    await page.setViewportSize({ width: 1280, height: 900 });
    const res = await page.goto(url + path);
    const want = name === 'error-404' ? 404 : 200;
    if (res.status() !== want)
      problems.push(`status ${res.status()}, not ${want}`);
    if (await page.getAttribute('html', 'lang') !== lang)
      problems.push(`lang is ${await page.getAttribute('html', 'lang')}`);
    writeFileSync(join(html, `${who}-${lang}-${name}.html`), await res.text());
    for (const v of await axe(page)) problems.push(`1280 px: ${v}`);
    await page.setViewportSize({ width: 390, height: 844 });
    for (const v of await axe(page)) problems.push(`390 px: ${v}`);
    ok(problems.length === 0, `${who} ${lang} ${name} (${path}): no WCAG 2.1 A/AA violation at 1280 and 390 px`,
      problems.join('\n'));
    const l = await phoneLayout(page);
    ok(l.overflow <= 0 && l.header < 0.25,
      `${who} ${lang} ${name}: fits 360 px without sideways scrolling, header under 25% of the screen`,
      `overflow ${l.overflow}px, header ${(l.header * 100).toFixed(1)}%`);
  }
}

// The dark colour scheme at 1280 px, English: contrast holds there too.
async function walkDark(page, who, pages) {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.setViewportSize({ width: 1280, height: 900 });
  for (const [name, path] of Object.entries(pages)) {
    if (!path) continue;
    await page.goto(url + path);
    const v = await axe(page);
    ok(v.length === 0, `${who} dark scheme ${name}: no WCAG 2.1 A/AA violation`, v.join('\n'));
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

const browser = await launch();
const restore = [];
try {
  // Signed out: the browser's language chooses.
  for (const lang of LANGS) {
    const context = await browser.newContext({ locale: LOCALE[lang] });
    const page = await context.newPage();
    if (lang === 'en') await discover(page);
    await walk(page, 'anonymous', lang, { ...PUBLIC, ...SIGNED_OUT });
    if (lang === 'en') await walkDark(page, 'anonymous', { ...PUBLIC, ...SIGNED_OUT });
    await context.close();
  }

  // The phone's menu without JavaScript: closed, then opened by its button.
  {
    const context = await browser.newContext({ javaScriptEnabled: false,
      viewport: { width: 390, height: 844 } });
    const page = await context.newPage();
    await page.goto(url + '/kb');
    const before = await page.isVisible('.nav');
    await page.click('.menu-button');
    const after = await page.isVisible('.nav') && await page.isVisible('.lang-switch');
    ok(!before && after, 'without JavaScript the menu button opens the phone menu',
      `visible before: ${before}, after: ${after}`);
    const wide = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const p2 = await wide.newPage();
    await p2.goto(url + '/kb');
    ok(await p2.isVisible('.nav') && !await p2.isVisible('.menu-button'),
      'at 1280 px the navigation shows and the menu button does not');
    const h = await p2.$eval('.site-header', (e) => e.getBoundingClientRect().height);
    ok(h <= 140, 'at 1280 px the header is compact (two rows at most)', `${h}px`);
    await context.close();
    await wide.close();
  }

  // A customer: the public pages again, signed in, and the account's.
  {
    const { context, page } = await customerContext(browser, { locale: 'en-US' });
    restore.push([CUSTOMER, userLanguage(CUSTOMER, 'en')]);
    for (const lang of LANGS) {
      userLanguage(CUSTOMER, lang);
      await walk(page, 'customer', lang, { ...PUBLIC, ...ACCOUNT });
    }
    userLanguage(CUSTOMER, 'en');
    await walkDark(page, 'customer', ACCOUNT);
    await context.close();
  }

  // Staff: the content list and editor, search analytics.
  {
    const { context, page } = await staffContext(browser, { locale: 'en-US' });
    await discover(page, page);
    for (const lang of LANGS) {
      userLanguage(STAFF, lang);
      await walk(page, 'staff', lang, STAFF_PAGES);
    }
    await context.close();
  }

  // Every page as the server sent it, through the Nu HTML checker.
  const out = (() => {
    try {
      return execFileSync('java', ['-jar', vnuJar, '--errors-only', '--format', 'json', html],
        { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (e) {
      return e.stderr || e.stdout || '';
    }
  })();
  let messages = [];
  try {
    messages = JSON.parse(out.trim() || '{"messages":[]}').messages;
  } catch (e) {
    ok(false, 'the HTML checker ran', out.slice(0, 2000));
  }
  const files = execFileSync('ls', [html], { encoding: 'utf8' }).trim().split('\n');
  for (const f of files) {
    const errs = messages.filter((m) => m.url && m.url.endsWith('/' + f));
    ok(errs.length === 0, `valid HTML: ${f.replace(/\.html$/, '')}`,
      errs.slice(0, 5).map((m) => `line ${m.lastLine}: ${m.message}`).join('\n'));
  }
  const stray = messages.filter((m) => !m.url || !files.some((f) => m.url.endsWith('/' + f)));
  ok(stray.length === 0, 'the HTML checker reported nothing else', stray.map((m) => m.message).join('\n'));
} catch (e) {
  ok(false, 'the design test ran to its end', e.stack);
} finally {
  for (const [who, lang] of restore) userLanguage(who, lang);
  dropStaff();
  rmSync(html, { recursive: true, force: true });
  await browser.close();
  console.log(`# took ${Math.round((Date.now() - started) / 1000)} s`);
}
done();
