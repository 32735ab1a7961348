// Browser test: a customer whose question search does not answer.
// Search, then "open a support ticket" from the results; the subject
// suggests articles as it is typed (the deflection, recorded); the
// ticket goes with an attachment; the acknowledgement shows the
// reference and the expected first response; an agent (second factor
// from oathtool) finds it in the queue and answers with a canned reply;
// the customer gets the answer by mail and replies to that mail
// (portico-admin mail-in, with a mail built from the notification);
// staff resolve it (tests/integration/ticket_act) and the customer
// rates the answer, once.  Prints TAP.
//   PORTICO_URL, PORTICO_STATE, PORTICO_ROOT as ./quickstart test sets them.
import { ok, launch, done } from './lib/tap.mjs';
import { customerContext, staffContext, dropStaff, db, CUSTOMER } from './lib/walk.mjs';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const url = process.env.PORTICO_URL;
const root = process.env.PORTICO_ROOT;
const state = process.env.PORTICO_STATE;
const shots = process.argv[2] || null;
const dir = mkdtempSync(join(tmpdir(), 'portico-tickets-'));
let ref = null;

function act(...args) {
  return execFileSync(join(root, 'tests/integration/ticket_act'),
    ['-c', join(state, 'portico.conf'), ref, ...args], { encoding: 'utf8' });
}
function admin(args, input) {
  return execFileSync(join(root, 'portico-admin'), ['-c', join(state, 'portico.conf'), ...args],
    { input, encoding: 'utf8', stdio: ['pipe', 'pipe', 'ignore'] });
}
// The newest delivered mail to the customer that holds text (the
// sender is run until it is there).
async function mailWith(text) {
  const box = join(state, 'mail');
  for (let i = 0; i < 50; i++) {
    admin(['send-mail', '--once']);
    const hit = readdirSync(box).filter((f) => f.endsWith('.eml')).sort().reverse()
      .map((f) => readFileSync(join(box, f), 'utf8'))
      .find((m) => m.includes(text) && /^To: .*olivia@aurora\.example/mi.test(m));
    if (hit) return hit;
    await new Promise((r) => setTimeout(r, 200));
  }
  return null;
}
const header = (mail, name) => {
  const head = mail.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, ' ');
  const m = head.match(new RegExp('^' + name + ':\\s*(.*)$', 'mi'));
  return m ? m[1].trim() : null;
};
let canned = null;
const deflections = (outcome) => Number(db(`SELECT COUNT(*) FROM ticket_deflections d
  JOIN users u ON u.id = d.user_id WHERE u.email = '${CUSTOMER}' AND d.outcome = '${outcome}'`));

const browser = await launch();
try {
  const { context, page } = await customerContext(browser, { locale: 'en-US' });
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  const suggested0 = deflections('suggested');

  // Search first; nothing answers, so: open a ticket from the results.
  await page.goto(url + '/search?q=' + encodeURIComponent('server does not boot'));
  await Promise.all([page.waitForNavigation(), page.click('.search-ask a')]);
  ok(new URL(page.url()).pathname === '/tickets/new', 'the search page leads to the ticket form', page.url());
  ok(await page.inputValue('#f-ticket-new-subject') === 'server does not boot',
    'the subject starts as what was searched for');

  // The subject suggests articles as it is typed.
  await page.fill('#f-ticket-new-subject', '');
  await page.type('#f-ticket-new-subject', 'How do I pay an invoice', { delay: 20 });
  // (The list follows the typing: wait for the whole subject's answer.)
  await page.waitForSelector('#f-ticket-new-subject-suggestions li a:has-text("Paying an invoice")',
    { timeout: 5000 }).catch(() => {});
  const sugg = await page.$$eval('#f-ticket-new-subject-suggestions li a',
    (as) => as.map((a) => [a.textContent, a.getAttribute('href')]));
  ok(sugg.some(([t]) => t === 'Paying an invoice'), 'an article is suggested as the subject is typed',
    JSON.stringify(sugg));
  ok(sugg.every(([, h]) => h.startsWith('/tickets/deflect?')), 'each suggestion counts when opened');
  ok(deflections('suggested') > suggested0, 'the suggestion is recorded for the analytics');
  ok(await page.inputValue('input[name=checked]') === '1',
    'with JavaScript the form needs no separate check step');
  if (shots) await page.screenshot({ path: join(shots, 'ticket-new.png'), fullPage: true });

  // Not answered after all: the ticket, with a file.
  writeFileSync(join(dir, 'invoice-question.txt'), 'Invoice NW-2026-1042: the total looks wrong.\n');
  await page.selectOption('#f-ticket-new-department', 'billing');
  await page.fill('#f-ticket-new-body', 'The **November** invoice is twice the usual amount.');
  await page.setInputFiles('#f-ticket-new-attachment', join(dir, 'invoice-question.txt'));
  await Promise.all([page.waitForNavigation(), page.click('#form-ticket-new button[type=submit]')]);
  const at = new URL(page.url());
  ref = at.pathname.split('/')[2];
  ok(/^T-[0-9A-Z]{8}$/.test(ref) && at.searchParams.get('done') === 'ticket-created',
    'sending opens the new ticket', page.url());

  // The acknowledgement: reference and expected first response.
  const ack = await page.textContent('.ack');
  ok(ack.includes('We have received your question') && ack.includes(ref), 'the acknowledgement names the reference', ack);
  ok(/Expect our first answer by \S+day, \d+ \S+ at \d\d:\d\d/.test(ack), 'it says when the first answer comes', ack);
  ok(ack.includes('within 8 business hours'), '... within N business hours', ack);
  ok(await page.isVisible('.attachments a:has-text("invoice-question.txt")'), 'the attachment is listed');
  const file = await page.request.get(url + await page.getAttribute('.attachments a', 'href'));
  ok(file.status() === 200 && (await file.text()).includes('NW-2026-1042'), 'and downloads');
  if (shots) await page.screenshot({ path: join(shots, 'ticket-ack.png'), fullPage: true });

  // An agent answers from the queue with a canned reply.
  db(`DELETE FROM canned_replies WHERE title = 'Browser: invoice corrected'`);
  db(`INSERT INTO canned_replies (lang, title, body) VALUES ('en', 'Browser: invoice corrected',
    'Hello {name}, about {ref}: the invoice held two months, the corrected one is on its way.')`);
  canned = db(`SELECT id FROM canned_replies WHERE title = 'Browser: invoice corrected'`);
  const staff = await staffContext(browser, { locale: 'en-US' });
  const sp = staff.page;
  sp.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  sp.on('pageerror', (e) => problems.push(e.message));
  await sp.goto(url + '/staff/tickets?department=' + db(`SELECT department_id FROM tickets WHERE ref = '${ref}'`));
  ok(await sp.isVisible(`a[href="/staff/tickets/${ref}"]`), 'the new ticket is in the staff queue');
  await Promise.all([sp.waitForNavigation(), sp.click(`a[href="/staff/tickets/${ref}"]`)]);
  await sp.selectOption('#canned-pick', canned);
  const filled = await sp.inputValue('#f-ticket-reply-body');
  ok(filled.includes('Hello Olivia') && filled.includes(ref), 'choosing a canned reply fills the reply box for this ticket', filled);
  if (shots) await sp.screenshot({ path: join(shots, 'ticket-staff-canned.png'), fullPage: true });
  await Promise.all([sp.waitForNavigation(), sp.click('#form-ticket-reply button[type=submit]')]);
  ok((await sp.textContent('main')).includes('the corrected one is on its way'), 'the agent sends it: the thread shows it');
  await staff.context.close();
  dropStaff();

  // The customer gets the answer by mail, and replies to that mail.
  const mail = await mailWith('the corrected one is on its way');
  ok(mail !== null, 'the customer is mailed the answer');
  const replyTo = mail && header(mail, 'Reply-To');
  const msgId = mail && header(mail, 'Message-ID');
  ok(mail && mail.includes(ref) && /^support\+[0-9a-f]+@/.test(replyTo || ''), 'the mail names the ticket and a reply address', replyTo);
  const answer = [
    'From: Olivia Laine <olivia@aurora.example>',
    `To: ${replyTo}`,
    `Subject: Re: [${ref}] ${header(mail || '', 'Subject') || ''}`,
    `Message-ID: <browser-reply.${Date.now()}@aurora.example>`,
    `In-Reply-To: ${msgId}`,
    `References: ${msgId}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Thanks, the corrected invoice arrived and the total is right now.',
    '',
    `On Tuesday support wrote:`,
    '> the corrected one is on its way',
    '',
  ].join('\r\n');
  let rc = 0;
  try { admin(['mail-in'], answer); } catch (e) { rc = e.status; }
  ok(rc === 0, 'mail-in takes the reply', String(rc));
  await page.goto(url + '/tickets/' + ref);
  const thread = await page.textContent('.messages');
  ok(thread.includes('the corrected one is on its way'), 'the staff answer shows on the ticket');
  ok(thread.includes('the corrected invoice arrived'), 'the reply by mail shows on the ticket', thread);

  // Staff resolve it; the customer rates the answer once.
  act('status', 'resolved');
  await page.goto(url + '/tickets/' + ref);
  ok(await page.isVisible('#form-ticket-rate'), 'resolved: the rating form shows');
  await page.selectOption('#f-ticket-rate-rating', '5');
  await page.fill('#f-ticket-rate-comment', 'Clear answer, thank you.');
  await Promise.all([page.waitForNavigation(), page.click('#form-ticket-rate button[type=submit]')]);
  ok((await page.textContent('main')).includes('You rated this answer 5 of 5'), 'the rating is thanked');
  ok(!await page.isVisible('#form-ticket-rate'), 'and asked no more');
  ok(db(`SELECT rating FROM tickets WHERE ref = '${ref}'`) === '5', 'the rating is stored');

  // The same ticket in Persian: right to left, the Persian calendar.
  await page.goto(url + '/tickets/' + ref + '?lang=fa');
  ok(await page.getAttribute('html', 'dir') === 'rtl', 'in Persian the ticket is right to left');
  if (shots) await page.screenshot({ path: join(shots, 'ticket-fa.png'), fullPage: true });

  ok(problems.length === 0, 'no script errors or CSP violations', problems.join('\n'));
  await context.close();
} catch (e) {
  ok(false, 'the browser test ran to its end', e.stack);
} finally {
  if (ref) db(`DELETE FROM tickets WHERE ref = '${ref}'`);
  if (canned) db(`DELETE FROM canned_replies WHERE id = ${canned}`);
  rmSync(dir, { recursive: true, force: true });
  await browser.close();
}
done();
