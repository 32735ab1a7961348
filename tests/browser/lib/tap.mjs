// What the browser tests share: TAP output and Debian's Chromium, started
// headless with the flags this closed network needs.
import { chromium } from 'playwright-core';

let n = 0, failed = 0;

export function ok(cond, what, detail) {
  n++;
  console.log(`${cond ? '' : 'not '}ok ${n} - ${what}`);
  if (!cond) {
    failed++;
    if (detail) console.log(`#   ${String(detail).split('\n').join('\n#   ')}`);
  }
}

export function launch() {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

// The plan line and the exit status; call last.
export function done() {
  console.log(`1..${n}`);
  process.exit(failed ? 1 : 0);
}
