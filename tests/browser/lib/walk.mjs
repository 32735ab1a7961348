// What the design test and the screenshots share: every page kind's
// address (slugs found on the instance itself), and signed-in browser
// contexts for a customer and for a member of staff.
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';

const url = process.env.PORTICO_URL;
const state = process.env.PORTICO_STATE;
const root = process.env.PORTICO_ROOT;
const PW = 'northwind-demo-2026';
export const CUSTOMER = 'olivia@aurora.example';
const STAFF = 't-design@northwind.example';
const STAFF_PW = 'staff-password-2026';
const STAFF_SECRET = 'KRSXG5CTMVRXEZLUKRSXG5CTMVRXEZLU';

// One SQL statement through the instance's client settings; its rows.
export function db(sql) {
  return execFileSync('mariadb', [`--defaults-extra-file=${join(state, 'my.cnf')}`,
    '-N', '-B', '-e', sql], { encoding: 'utf8' }).trim();
}

function admin(args, input) {
  execFileSync(join(root, 'portico-admin'), ['-c', join(state, 'portico.conf'), ...args],
    { input, stdio: ['pipe', 'ignore', 'inherit'] });
}

// The public page kinds, by name; those found by following a link on
// another page (a topic, a download) are filled in by discover().
export const PUBLIC = {
  home: '/',
  kb: '/kb',
  category: '/kb/billing',
  article: '/a/pay-invoice',
  faq: '/faq',
  'faq-topic': null,
  news: '/news',
  'news-item': '/news/news-php84',
  downloads: '/downloads',
  download: null,
  'search-results': '/search?q=invoice',
  'search-empty': '/search?q=qqxzzyqq',
  'content-page': '/p/about',
  'error-404': '/p/no-such-page',
  ideas: '/ideas',
  idea: '/ideas/1',
  'ideas-roadmap': '/ideas/roadmap',
  'ideas-changelog': '/ideas/changelog',
  community: '/community',
  'community-category': null,
  'community-topic': null,
};
export const SIGNED_OUT = { signin: '/signin', register: '/register', reset: '/reset' };
export const ACCOUNT = {
  account: '/account',
  members: '/account/users',
  profile: '/account/profile',	// the e-mail address and password forms
  company: '/account/company',
  sessions: '/account/sessions',
  activity: '/account/activity',
  'two-factor': '/account/2fa',
  // tickets: customer (the demo's tickets: sql/demo/tickets.sql)
  tickets: '/tickets',
  'ticket-new': '/tickets/new',
  ticket: '/tickets/T-AURW4K7M',
  'ideas-new': '/ideas/new?title=dark+mode',
  'community-new': '/community/new',
  billing: '/billing',
  invoices: '/billing/invoices',
  invoice: null,
  payments: '/billing/payments',
  credits: '/billing/credits',
  services: '/billing/services',
  orders: '/billing/orders',
  quotes: '/billing/quotes',
  quote: null,
};
export const STAFF_PAGES = {
  'staff-content': '/staff/content',
  'staff-editor': null,
  'staff-new': '/staff/content/new',
  'staff-ideas': '/staff/ideas',
  'staff-search': '/staff/search',
  'staff-home': '/staff',
  'staff-tickets': '/staff/tickets',
  'staff-ticket': '/staff/tickets/T-AURW4K7M',
  'staff-held': '/staff/tickets/held',
  'staff-held-mail': null,
  'staff-canned': '/staff/tickets/canned',
  'staff-ticket-reports': '/staff/tickets/reports',
  'staff-community': '/staff/community',
  'staff-community-categories': '/staff/community/categories',
  'staff-billing': null,
};

async function firstLink(page, path, prefix, not) {
  await page.goto(url + path);
  const hrefs = await page.$$eval(`main a[href^="${prefix}"]`, (as) => as.map((a) => a.getAttribute('href')));
  return hrefs.find((h) => h !== prefix && (!not || !not.test(h))) || null;
}

// Fill in the addresses found on the instance: an FAQ topic, a download,
// a staff editor (needs the staff page: call after staffContext).
export async function discover(page, staffPage) {
  PUBLIC['faq-topic'] = await firstLink(page, '/faq', '/faq/');
  PUBLIC.download = await firstLink(page, '/downloads', '/downloads/');
  PUBLIC['community-category'] = await firstLink(page, '/community', '/community/c/');
  PUBLIC['community-topic'] = await firstLink(page, '/community', '/community/t/');
  // The demo account's newest invoice and quote (sql/demo/billing).
  const acct = `(SELECT account_id FROM users WHERE email = '${CUSTOMER}')`;
  const inv = db(`SELECT number FROM invoices WHERE account_id = ${acct} AND status <> 'draft' ORDER BY id DESC LIMIT 1`);
  const quote = db(`SELECT number FROM quotes WHERE account_id = ${acct} AND status <> 'draft' ORDER BY id DESC LIMIT 1`);
  ACCOUNT.invoice = inv ? `/billing/invoices/${inv}` : null;
  ACCOUNT.quote = quote ? `/billing/quotes/${quote}` : null;
  STAFF_PAGES['staff-billing'] = `/staff/accounts/${db(`SELECT ${acct}`)}/billing`;
  if (staffPage)
    STAFF_PAGES['staff-editor'] = await firstLink(staffPage, '/staff/content', '/staff/content/',
      /\/(new|history|compare)|\?/);
  // A held mail, when there is one (the mail-in tests leave some).
  if (staffPage)
    STAFF_PAGES['staff-held-mail'] = await firstLink(staffPage, '/staff/tickets/held', '/staff/tickets/held/');
}

async function signin(page, email, password) {
  await page.goto(url + '/signin');
  await page.fill('input[name=email]', email);
  await page.fill('input[name=password]', password);
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
}

// A context signed in as the demo customer (the account's owner).
export async function customerContext(browser, opts) {
  db('DELETE FROM signin_throttle');
  admin(['set-password', CUSTOMER], PW + '\n');
  const context = await browser.newContext(opts);
  const page = await context.newPage();
  await signin(page, CUSTOMER, PW);
  return { context, page };
}

// A context signed in as an administrator with two-factor sign-in (made
// for this test, as t70-staff.sh makes its own).
export async function staffContext(browser, opts) {
  db(`DELETE FROM signin_throttle; DELETE FROM users WHERE email = '${STAFF}';
    INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled)
    VALUES ('${STAFF}', 'Design Admin', 'active', 'admin', '${STAFF_SECRET}', 1)`);
  admin(['set-password', STAFF], STAFF_PW + '\n');
  const context = await browser.newContext(opts);
  const page = await context.newPage();
  await signin(page, STAFF, STAFF_PW);
  const code = execFileSync('oathtool', ['--totp', '-b', STAFF_SECRET], { encoding: 'utf8' }).trim();
  await page.fill('input[name=code]', code);
  await Promise.all([page.waitForNavigation(), page.click('main form button[type=submit]')]);
  return { context, page };
}

export function dropStaff() {
  db(`DELETE FROM users WHERE email = '${STAFF}'`);
}

// A signed-in user's language is their stored setting (it wins over
// the browser's): set it for the walk, put it back after.
export function userLanguage(email, lang) {
  const was = db(`SELECT language FROM users WHERE email = '${email}'`);
  db(`UPDATE users SET language = '${lang}' WHERE email = '${email}'`);
  return was;
}
export { STAFF };
