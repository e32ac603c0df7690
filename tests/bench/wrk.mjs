// Load on loopback with wrk (Debian's package): requests/s and latency percentiles of one
// request shape, sent by 2 threads over 8 connections for a few seconds.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ms = (text) => {
  const [, value, unit] = text.match(/([\d.]+)(us|ms|s)/) ?? [];
  if (!value) return NaN;
  return Number(value) * { us: 0.001, ms: 1, s: 1000 }[unit];
};

/**
 * After a wrk run, wrangler dev's proxy may have dropped this process's idle keep-alive
 * sockets; a few rounds of parallel GETs close the dead ones, so the next request of the
 * benchmark does not land on one.
 */
async function flushIdleSockets(url) {
  const health = new URL('/healthz', url).href;
  await Promise.all(Array.from({ length: 8 }, async () => {
    for (let i = 0; i < 3; i += 1) {
      try {
        await (await fetch(health)).arrayBuffer();
      } catch {
        // A dead pooled socket, now closed: the next try takes another.
      }
    }
  }));
}

/** Runs wrk against `url` with `method`, `headers` and `body`; returns { rps, p50, p99, non2xx }. */
export async function wrk(url, options = {}) {
  const result = run(url, options);
  await flushIdleSockets(url);
  return result;
}

function run(url, { method = 'GET', headers = {}, body, seconds = 5 } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'paylink-wrk-'));
  const script = join(dir, 'request.lua');
  const lines = [`wrk.method = ${JSON.stringify(method)}`];
  for (const [name, value] of Object.entries(headers)) lines.push(`wrk.headers[${JSON.stringify(name)}] = ${JSON.stringify(value)}`);
  if (body !== undefined) lines.push(`wrk.body = ${JSON.stringify(body)}`);
  writeFileSync(script, `${lines.join('\n')}\n`);
  try {
    const out = execFileSync('wrk', ['-t2', '-c8', `-d${seconds}s`, '--latency', '-s', script, url]).toString();
    const rps = Number(out.match(/Requests\/sec:\s+([\d.]+)/)?.[1]);
    const p50 = ms(out.match(/\s50%\s+(\S+)/)?.[1] ?? '');
    const p99 = ms(out.match(/\s99%\s+(\S+)/)?.[1] ?? '');
    const non2xx = Number(out.match(/Non-2xx or 3xx responses:\s+(\d+)/)?.[1] ?? 0);
    return { rps, p50, p99, non2xx };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
