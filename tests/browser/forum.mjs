// Browser test: the community.  A customer asks a question, another
// customer answers it, the asker accepts the answer (shown right under
// the question, and mailed about the reply), and a visitor who is not
// signed in finds the topic by a word of the accepted answer through
// the search box.  Headless Chromium; prints TAP.
//   PORTICO_URL, PORTICO_STATE, PORTICO_ROOT as ./quickstart test sets them.
import { ok, launch, done } from './lib/tap.mjs';
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const url = process.env.PORTICO_URL;
const state = process.env.PORTICO_STATE;
const root = process.env.PORTICO_ROOT;
const shots = process.argv[2] || null;
const pw = 'northwind-demo-2026';

// Has a delivered mail to `to` a subject containing `words`?
function mailed(to, words) {
  const dir = join(state, 'mail');
  for (let tries = 0; tries < 50; tries++) {
    execFileSync(join(root, 'portico-admin'),
      ['-c', join(state, 'portico.conf'), 'send-mail', '--once']);
    for (const f of readdirSync(dir).filter((f) => f.endsWith('.eml'))) {
      const text = readFileSync(join(dir, f), 'utf8');
      if (text.toLowerCase().includes(`to: ${to}`) && text.includes(words)) return true;
    }
    execFileSync('sleep', ['0.2']);
  }
  return false;
}

async function signedIn(browser, email) {
  const context = await browser.newContext({ locale: 'en-US' });
  const page = await context.newPage();
  await page.goto(url + '/signin');
  await page.fill('#f-signin-email', email);
  await page.fill('#f-signin-password', pw);
  await page.click('form#form-signin button');
  await page.waitForURL('**/account');
  return { context, page };
}

// A word no demo text has, so the search can only find it in the answer.
const stamp = Date.now().toString(36);
const word = `zonefix${stamp}`;
const title = `Browser ${stamp}: the mail service asks for a TXT record`;
const browser = await launch();
try {
  const problems = [];
  const watch = (page) => {
    page.on('pageerror', (e) => problems.push(e.message));
    page.on('console', (m) => { if (m.type() === 'error' && !m.text().includes('status of 4')) problems.push(m.text()); });
  };
  const asker = await signedIn(browser, 'olivia@aurora.example');
  watch(asker.page);
  await asker.page.goto(url + '/');
  await asker.page.click('nav.nav a[href="/community"]');
  ok((await asker.page.textContent('h1')).includes('Community'), 'the community opens from the navigation');
  await asker.page.click('a.button[href^="/community/new"]');
  await asker.page.selectOption('#f-forum-new-category', 'domains');
  await asker.page.fill('#f-forum-new-title', title);
  await asker.page.fill('#f-forum-new-body', 'The mail setup page asks me to add a **TXT** record. Where does it go?');
  await asker.page.click('form#form-forum-new button');
  await asker.page.waitForURL('**/community/t/**');
  const topic = asker.page.url().split('#')[0];
  ok((await asker.page.textContent('h1')).includes(title), 'asking a question leads to its page');
  ok(await asker.page.isVisible('article.forum-post strong:text("TXT")'), 'the question is shown with its Markdown');

  const helper = await signedIn(browser, 'ben@aurora.example');
  watch(helper.page);
  await helper.page.goto(url + '/community');
  await helper.page.click(`a:text("${title}")`);
  await helper.page.fill('#f-forum-reply-body', `Add it at the zone apex with the value the page shows; ${word} works within minutes.`);
  await helper.page.click('form#form-forum-reply button');
  await helper.page.waitForURL('**#p2');
  ok((await helper.page.textContent('#p2')).includes(word), 'another customer answers, and the answer is shown');
  if (shots) await helper.page.screenshot({ path: join(shots, 'forum-topic.png'), fullPage: true });
  ok(mailed('olivia@aurora.example', `New reply: ${title}`), 'the asker is mailed about the reply');

  await asker.page.goto(topic);
  await asker.page.click('#p2 form[action$="/accept"] button');
  await asker.page.waitForURL(topic);
  const accepted = await asker.page.textContent('section.forum-accepted');
  ok(accepted.includes(word), 'the asker accepts it: it is shown right under the question');
  ok(await asker.page.isVisible('#p2 .pill-success'), 'and marked accepted in its place');

  const visitor = await browser.newContext({ locale: 'en-US' });
  const vp = await visitor.newPage();
  watch(vp);
  await vp.goto(url + '/');
  await vp.fill('#q-main', word);
  await vp.press('#q-main', 'Enter');
  await vp.waitForURL('**/search?**');
  const hit = vp.locator(`a[href^="${new URL(topic).pathname}"]`).first();
  ok(await hit.count() === 1, 'a visitor finds the topic by a word of the accepted answer');
  await hit.click();
  await vp.waitForURL(topic);
  ok((await vp.textContent('section.forum-accepted')).includes(word), 'and reads the accepted answer without signing in');
  if (shots) await vp.screenshot({ path: join(shots, 'forum-visitor.png'), fullPage: true });

  // The category's feed, announced in its page's head, lists the topic.
  await vp.goto(url + '/community/c/domains');
  const feed = await vp.getAttribute('link[rel="alternate"][type="application/atom+xml"]', 'href');
  ok(feed === '/community/feed/domains', 'the category page announces its Atom feed', String(feed));
  const atom = await (await vp.request.get(url + (feed || '/community/feed/domains'))).text();
  ok(atom.includes('<feed xmlns="http://www.w3.org/2005/Atom">') && atom.includes(title),
    'the feed lists the new topic');

  ok(problems.length === 0, 'no script errors and no content-security-policy violations', problems.join('\n'));
  await asker.context.close();
  await helper.context.close();
  await visitor.close();
} catch (e) {
  ok(false, 'the browser session ran to its end', e.stack);
} finally {
  await browser.close();
}
done();
