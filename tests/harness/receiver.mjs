// A webhook receiver on 127.0.0.1 for the tests: records every request and answers each path
// by a plan the test sets ('ok', '500', '503', '410', 'timeout'), then 200.
// verify() checks a received request's Standard Webhooks signature.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

/** Returns { url, received(path), plan(path, steps), stop() }; `received` lists { headers, body, json }. */
export async function startReceiver() {
  const log = new Map();
  const plans = new Map();
  const sockets = new Set();
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString();
    const path = new URL(req.url, 'http://receiver').pathname;
    let json = null;
    try {
      json = JSON.parse(body);
    } catch {
      // Kept as text; the test will say what it expected.
    }
    if (!log.has(path)) log.set(path, []);
    log.get(path).push({ headers: req.headers, body, json, at: Date.now() });
    const step = (plans.get(path) ?? []).shift() ?? 'ok';
    if (step === 'timeout') {
      // Longer than the worker's WEBHOOK_TIMEOUT_SECS in the tests; then a late 200 nobody reads.
      await new Promise((resolve) => setTimeout(resolve, 4000));
    }
    const status = step === 'ok' || step === 'timeout' ? 200 : Number(step);
    if (res.writableEnded || res.destroyed) return;
    res.writeHead(status, { 'content-type': 'text/plain' });
    res.end(status === 200 ? 'thanks' : `failing on purpose with ${status}`);
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    received: (path) => log.get(path) ?? [],
    plan(path, steps) {
      plans.set(path, [...steps]);
    },
    stop: () => new Promise((resolve) => {
      for (const socket of sockets) socket.destroy();
      server.close(resolve);
    }),
  };
}

/** Standard Webhooks verification, written from the specification: HMAC-SHA256 over
 * `${id}.${timestamp}.${body}` with the base64 secret after `whsec_`, any `v1,` entry. */
export function verify(secret, headers, body) {
  const key = Buffer.from(secret.replace(/^whsec_/, ''), 'base64');
  const expected = createHmac('sha256', key)
    .update(`${headers['webhook-id']}.${headers['webhook-timestamp']}.${body}`)
    .digest();
  return headers['webhook-signature'].split(' ').some((entry) => {
    const [version, signature] = entry.split(',');
    const given = Buffer.from(signature ?? '', 'base64');
    return version === 'v1' && given.length === expected.length && timingSafeEqual(given, expected);
  });
}
