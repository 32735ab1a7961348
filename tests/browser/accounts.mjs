// Browser test: a new customer registers, confirms the e-mail address
// from the mail the portal sent, signs in, edits the profile and signs
// out, in headless Chromium.  Prints TAP.
//   PORTICO_URL, PORTICO_STATE, PORTICO_ROOT as ./quickstart test sets them.
import { ok, launch, done } from './lib/tap.mjs';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const url = process.env.PORTICO_URL;
const state = process.env.PORTICO_STATE;
const root = process.env.PORTICO_ROOT;
const shots = process.argv[2] || null;

// The newest link of this kind in mail to this address.  The instance's
// mail sender may be delivering it at this moment (the row taken, the
// file not yet written), so look again for up to ten seconds.
function mailedLink(to, path) {
  const dir = join(state, 'mail');
  for (let tries = 0; tries < 50; tries++) {
    execFileSync(join(root, 'portico-admin'),
      ['-c', join(state, 'portico.conf'), 'send-mail', '--once']);
    const files = readdirSync(dir).filter((f) => f.endsWith('.eml')).sort().reverse();
    for (const f of files) {
      const text = readFileSync(join(dir, f), 'utf8');
      if (!text.toLowerCase().includes(`to: ${to}`)) continue;
      const m = text.match(new RegExp(`${url}${path}\\?token=[0-9a-f]{64}`));
      if (m) return m[0];
    }
    execFileSync('sleep', ['0.2']);
  }
  return null;
}

const email = `tester-${Date.now()}@example.org`;
const browser = await launch();
try {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (e) => problems.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('status of 4')) problems.push(m.text()); });

  await page.goto(url + '/');
  await page.click('text=Sign in');
  await page.click('text=Create an account');
  ok((await page.textContent('h1')).includes('Create an account'), 'the registration page opens from the header');

  await page.fill('#f-register-name', 'Tessa Tester');
  await page.fill('#f-register-company', 'Tester & Co');
  await page.fill('#f-register-email', email);
  await page.fill('#f-register-password', 'short');
  await page.click('form#form-register button');
  ok((await page.textContent('#f-register-password-error')).includes('at least 10'),
    'a short password is explained next to its field');
  ok(await page.inputValue('#f-register-company') === 'Tester & Co', 'what was typed is kept');
  await page.fill('#f-register-password', 'tessa-tester-2026');
  await page.click('form#form-register button');
  ok((await page.textContent('h1')).includes('Check your e-mail'), 'registration asks to check the mail');

  const link = mailedLink(email, '/verify');
  ok(link !== null, 'the verification mail arrived with a link');
  await page.goto(link);
  await page.click('form#form-verify button');
  ok((await page.textContent('.notice')).includes('confirmed'), 'confirming the address leads to sign-in with a notice');

  await page.fill('#f-signin-email', email);
  await page.fill('#f-signin-password', 'tessa-tester-2026');
  await page.click('form#form-signin button');
  await page.waitForURL('**/account');
  ok((await page.textContent('.account-number')).match(/NW-\d{6}/) !== null, 'signed in, the dashboard shows the account number');
  ok((await page.textContent('main')).includes('Tester & Co'), 'and the company');
  if (shots) await page.screenshot({ path: join(shots, 'account.png'), fullPage: true });

  await page.click('text=Edit your profile and password');
  await page.fill('#f-profile-phone', 'not a phone');
  await page.click('form#form-profile button');
  ok(await page.getAttribute('#f-profile-phone', 'aria-invalid') === 'true', 'a bad phone number is marked invalid');
  await page.fill('#f-profile-phone', '+372 5555 0000');
  await page.selectOption('#f-profile-language', 'fa');
  await page.click('form#form-profile button');
  ok(await page.getAttribute('html', 'dir') === 'rtl', 'choosing Persian in the profile turns the portal right to left');
  ok((await page.textContent('.notice')).includes('ذخیره شد'), 'the saved notice is in Persian');
  if (shots) await page.screenshot({ path: join(shots, 'profile-fa.png'), fullPage: true });

  // The new owner invites a colleague, in Persian still.
  await page.goto(url + '/account/users');
  const colleague = `colleague-${Date.now()}@example.org`;
  await page.fill('#f-invite-name', 'Kalle Kollega');
  await page.fill('#f-invite-email', colleague);
  await page.selectOption('#f-invite-role', 'technical');
  await page.click('form#form-invite button');
  ok((await page.textContent('main')).includes(colleague), 'the invited colleague is listed');
  const invite = mailedLink(colleague, '/invite');
  ok(invite !== null, 'the invitation mail arrived with a link');

  await page.click('.user-menu button');
  await page.waitForURL(url + '/');
  ok(await page.isVisible('.user-menu a[href="/signin"]'), 'signing out leaves a sign-in link');
  await page.goto(url + '/account');
  ok(new URL(page.url()).pathname === '/signin', 'after sign-out the account asks to sign in again');
  // The colleague accepts in a browser of their own and signs in.
  const other = await browser.newContext({ locale: 'en-US' });
  const p2 = await other.newPage();
  await p2.goto(invite);
  await p2.fill('#f-invite-accept-new_password', 'kalle-kollega-2026');
  await p2.click('form#form-invite-accept button');
  await p2.fill('#f-signin-email', colleague);
  await p2.fill('#f-signin-password', 'kalle-kollega-2026');
  await p2.click('form#form-signin button');
  await p2.waitForURL('**/account');
  ok((await p2.textContent('main')).includes('Tester & Co'), 'the colleague signs in to the same account');
  await other.close();

  ok(problems.length === 0, 'no script errors and no content-security-policy violations', problems.join('\n'));
  await context.close();
} catch (e) {
  ok(false, 'the browser session ran to its end', e.stack);
} finally {
  await browser.close();
}
done();
