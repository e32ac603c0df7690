// Child processes for the local stack: spawned in their own process group, logged to a file,
// and killed with their children (wrangler starts workerd) when the stack stops or node exits.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname } from 'node:path';

const running = new Set();

function killGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

process.on('exit', () => {
  for (const child of running) killGroup(child, 'SIGKILL');
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => process.exit(130));
}

/** A TCP port on 127.0.0.1 that was free a moment ago. */
export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts `command` with `args`, appending its output to `logFile`.
 * Returns { child, output(), stop() }; `output()` is everything it printed so far.
 */
export function start(command, args, { env = {}, logFile, cwd } = {}) {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(command, args, {
    cwd,
    env: { ...process.env, ...env },
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let text = '';
  const collect = (chunk) => {
    text += chunk;
    log.write(chunk);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => {
    running.delete(child);
    resolve({ code, signal });
  }));
  return {
    child,
    exited,
    output: () => text,
    async stop() {
      if (!running.has(child)) return;
      killGroup(child, 'SIGTERM');
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 5000);
      await exited;
      clearTimeout(timer);
      await new Promise((resolve) => log.end(resolve));
    },
  };
}

/** Runs `command` to completion; rejects with its output if it fails. */
export async function runToEnd(command, args, options) {
  const proc = start(command, args, options);
  const { code, signal } = await proc.exited;
  if (code !== 0) {
    throw new Error(`${command} ${args.join(' ')} exited ${code ?? signal}:\n${proc.output()}`);
  }
  return proc.output();
}

/** Polls `probe` until it resolves truthy, or fails after `timeoutMs` naming `what`. */
export async function waitFor(what, probe, { timeoutMs = 60000, intervalMs = 200, alive } = {}) {
  const deadline = Date.now() + timeoutMs;
  let lastError;
  while (Date.now() < deadline) {
    if (alive && !alive()) throw new Error(`${what}: the process exited while starting`);
    try {
      if (await probe()) return;
    } catch (error) {
      lastError = error;
    }
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
  throw new Error(`${what} did not come up in ${timeoutMs} ms${lastError ? `: ${lastError.message}` : ''}`);
}
