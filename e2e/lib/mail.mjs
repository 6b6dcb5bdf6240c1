// Mail as the demo server delivered it: scripts/test-all runs a real SMTP server
// (crates/testing/smtp_sink.py, aiosmtpd) and points the server at it; the sink stores each message it
// accepts as <n>.json in MAIL_DIR, which the tests read back.
//
// Environment:
//   MAIL_DIR   the sink's directory; unset when no sink runs (mailbox() then throws, so a test that
//              needs mail fails instead of passing without it)

import fs from 'node:fs';
import path from 'node:path';

const POLL_MS = 200;

/** The sink's directory, or an error naming what is missing. */
function dir() {
  const d = process.env.MAIL_DIR;
  if (!d) throw new Error('MAIL_DIR is not set: run the browser tests through scripts/test-all (it starts the SMTP sink)');
  return d;
}

/** Every message delivered so far, oldest first. */
export function delivered() {
  const d = dir();
  return fs
    .readdirSync(d)
    .filter((f) => /^\d+\.json$/.test(f))
    .sort((a, b) => parseInt(a, 10) - parseInt(b, 10))
    .map((f) => JSON.parse(fs.readFileSync(path.join(d, f), 'utf8')));
}

/**
 * Waits until a message to `to` whose subject or body satisfies `matches` arrives, and returns it. The
 * outbox worker delivers within seconds; `timeoutMs` bounds the wait.
 */
export async function waitForMail(to, matches, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = delivered().find((m) => m.rcpt_tos.includes(to) && matches(m));
    if (found) return found;
    if (Date.now() > deadline) {
      const seen = delivered().map((m) => `${m.rcpt_tos.join(',')}: ${m.subject}`);
      throw new Error(`no matching mail to ${to} within ${timeoutMs} ms; delivered: ${JSON.stringify(seen)}`);
    }
    await new Promise((r) => setTimeout(r, POLL_MS));
  }
}
