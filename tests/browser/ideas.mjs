// Browser test: suggestions.  A customer starts a new idea: while the
// title is typed the similar-idea hint lists an idea like it; the
// no-script step shows it too; the idea is posted.  Another customer
// votes for it; a staff member (second factor from oathtool) plans it
// with a public comment; the voter gets the mail saying so, with the
// idea's link.  Then the roadmap shows it and the Persian ideas page is
// right to left.  Prints TAP.
//   PORTICO_URL, PORTICO_STATE, PORTICO_ROOT as ./quickstart test sets them.
import { ok, launch, done } from './lib/tap.mjs';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const url = process.env.PORTICO_URL;
const state = process.env.PORTICO_STATE;
const root = process.env.PORTICO_ROOT || '../..';
const shots = process.argv[2] || null;
const PW = 'northwind-demo-2026';
const SPW = 'staff-password-2026';
const SECRET = 'KRUGKIDROVUWG2ZAMJZG653OEBTG66BA';
const STAFF = 'ideas-browser-agent@northwind.example';
const TITLE = `Dark theme for the panel, please ${Date.now() % 100000}`;

function sql(text) {
  return execFileSync('mariadb', [`--defaults-extra-file=${join(state, 'my.cnf')}`, '-N', '-B', '-e', text])
    .toString().trim();
}
function admin(...args) {
  return execFileSync(join(root, 'portico-admin'), ['-c', join(state, 'portico.conf'), ...args],
    { input: args[0] === 'set-password' ? PW + '\n' : undefined });
}
// The newest mail to `to` that holds `text`, once the queue is sent.
function mailWith(to, text) {
  const dir = join(state, 'mail');
  for (let i = 0; i < 50; i++) {
    admin('send-mail', '--once');
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().reverse();
    for (const f of files) {
      const m = readFileSync(join(dir, f), 'utf8');
      if (new RegExp(`^To: .*${to}`, 'mi').test(m) && m.includes(text)) return m;
    }
    execFileSync('sleep', ['0.2']);
  }
  return null;
}
async function signin(page, email, password) {
  await page.goto(url + '/signin');
  await page.fill('#f-signin-email', email);
  await page.fill('#f-signin-password', password);
  await Promise.all([page.waitForNavigation(), page.click('#form-signin button[type="submit"]')]);
}

sql(`DELETE FROM users WHERE email = '${STAFF}'`);
sql(`INSERT INTO users (email, name, status, portal_role, totp_secret, totp_enabled)
     VALUES ('${STAFF}', 'Ilmi Ideas', 'active', 'agent', '${SECRET}', 1)`);
execFileSync(join(root, 'portico-admin'), ['-c', join(state, 'portico.conf'), 'set-password', STAFF],
  { input: SPW + '\n' });
for (const who of ['ben@aurora.example', 'kaisa@baltic.example']) {
  execFileSync(join(root, 'portico-admin'), ['-c', join(state, 'portico.conf'), 'set-password', who],
    { input: PW + '\n' });
}
sql("UPDATE users SET language = 'en' WHERE email = 'kaisa@baltic.example'");

const browser = await launch();
let ideaPath = null;
try {
  const problems = [];
  const watch = (page) => {
    page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
    page.on('pageerror', (e) => problems.push(e.message));
  };

  // Ben starts an idea: the hint lists the demo's dark mode idea.
  const ben = await (await browser.newContext({ locale: 'en-US' })).newPage();
  watch(ben);
  await signin(ben, 'ben@aurora.example', PW);
  await ben.goto(url + '/ideas/new');
  await ben.fill('#f-idea-title-title', 'dark theme');
  await ben.waitForSelector('#f-idea-title-title-suggestions li a', { timeout: 5000 }).catch(() => {});
  const hint = await ben.$$eval('#f-idea-title-title-suggestions li a', (as) => as.map((a) => a.textContent));
  ok(hint.some((t) => t.includes('Dark mode for the control panel')),
    'typing a title, the similar-idea hint lists an idea like it', hint.join(' | '));
  if (shots) await ben.screenshot({ path: join(shots, 'ideas-hint.png'), fullPage: true });
  await ben.fill('#f-idea-title-title', TITLE);
  await Promise.all([ben.waitForNavigation(), ben.click('#form-idea-title button[type="submit"]')]);
  ok(await ben.isVisible('.idea-similar a:has-text("Dark mode for the control panel")'),
    'the next step lists the similar idea too (no script needed)');
  await ben.fill('#f-idea-new-description', 'A *dark* theme that follows the system setting.');
  await Promise.all([ben.waitForNavigation(), ben.click('#form-idea-new button[type="submit"]')]);
  ideaPath = new URL(ben.url()).pathname;
  ok(/^\/ideas\/\d+-dark-theme-for-the-panel/.test(ideaPath), 'posting answers with the idea\'s page', ben.url());
  ok((await ben.textContent('main')).includes('Your idea is posted'), 'the page says it is posted');

  // Kaisa votes for it.
  const kaisa = await (await browser.newContext({ locale: 'en-US' })).newPage();
  watch(kaisa);
  await signin(kaisa, 'kaisa@baltic.example', PW);
  await kaisa.goto(url + ideaPath);
  await Promise.all([kaisa.waitForNavigation(), kaisa.click('#form-idea-vote button[type="submit"]')]);
  ok((await kaisa.textContent('main')).includes('Thank you for your vote'), 'a vote is thanked');
  ok((await kaisa.textContent('.idea-count')).includes('1 vote'), 'the idea has one vote',
    await kaisa.textContent('.idea-count'));
  ok(await kaisa.isVisible('#form-idea-vote button:has-text("Remove my vote")'), 'the voter may take it back');

  // Staff plan it.
  const staff = await (await browser.newContext({ locale: 'en-US' })).newPage();
  watch(staff);
  await signin(staff, STAFF, SPW);
  const code = execFileSync('oathtool', ['--totp', '-b', SECRET]).toString().trim();
  await staff.fill('#f-signin-2fa-code', code);
  await Promise.all([staff.waitForNavigation(), staff.click('#form-signin-2fa button[type="submit"]')]);
  await staff.goto(url + ideaPath);
  await staff.selectOption('#f-idea-status-status', 'planned');
  await staff.fill('#f-idea-status-comment', 'On the plan for the spring release.');
  await Promise.all([staff.waitForNavigation(), staff.click('#form-idea-status button[type="submit"]')]);
  ok((await staff.textContent('.meta .idea-status')).includes('Planned'), 'staff plan it');
  if (shots) await staff.screenshot({ path: join(shots, 'idea-staff.png'), fullPage: true });

  // The voter's mail.
  const mail = mailWith('kaisa@baltic.example', ideaPath);
  ok(mail !== null, 'the voter gets a mail with the idea\'s link');
  ok(mail !== null && mail.includes('Planned') && mail.includes('On the plan for the spring release.'),
    'it says the idea is planned, with the staff\'s comment');

  // Its unsubscribe link works in a browser that is not signed in.
  const link = mail !== null ? (mail.match(/https?:\S+\/ideas\/unsubscribe\?token=[a-z0-9-]+/) || [])[0] : undefined;
  ok(link !== undefined, 'the mail ends with an unsubscribe link');
  const anon = await (await browser.newContext({ locale: 'en-US' })).newPage();
  watch(anon);
  await anon.goto(link || url + '/ideas/unsubscribe');
  ok((await anon.textContent('main')).includes('about this idea'), 'the link asks to confirm, without signing in');
  await Promise.all([anon.waitForNavigation(), anon.click('#form-forum-unsubscribe button[type="submit"]')]);
  ok((await anon.textContent('main')).includes('no more mails'), 'confirming stops the mails');

  await kaisa.goto(url + '/ideas/roadmap');
  ok(await kaisa.isVisible(`section:has(#col-planned) a[href="${ideaPath}"]`), 'the roadmap shows it as planned');

  const fa = await (await browser.newContext({ locale: 'fa-IR' })).newPage();
  watch(fa);
  await fa.goto(url + '/ideas');
  ok(await fa.getAttribute('html', 'dir') === 'rtl', 'the Persian ideas page is right to left');
  if (shots) await fa.screenshot({ path: join(shots, 'ideas-fa.png'), fullPage: true });

  ok(problems.length === 0, 'no script errors or CSP violations', problems.join('\n'));
} catch (e) {
  ok(false, 'the browser test ran to its end', e.stack);
} finally {
  await browser.close();
  if (ideaPath) {
    const id = ideaPath.split('/')[2].split('-')[0];
    sql(`DELETE FROM idea_votes WHERE idea_id = ${id}; DELETE FROM idea_subscriptions WHERE idea_id = ${id};
         DELETE FROM idea_mail_optouts WHERE idea_id = ${id};
         DELETE FROM idea_events WHERE idea_id = ${id}; DELETE FROM search_docs WHERE id = 3000000000 + ${id};
         DELETE FROM ideas WHERE id = ${id}`);
  }
  sql(`DELETE FROM users WHERE email = '${STAFF}'`);
}
done();
