// A JSON-RPC proxy in front of anvil: counts the HTTP requests and calls the worker makes, and
// can play a node that is down (503) or unreachable (connection reset), for failure tests and
// the watcher benchmark.
import { createServer } from 'node:http';

/** Starts the proxy for `target` (anvil's URL). Returns { url, stats, down(mode), up(), reset(), stop() }. */
export async function startRpcProxy(target) {
  const stats = { requests: 0, calls: 0 };
  let mode = 'up';
  const server = createServer(async (req, res) => {
    const chunks = [];
    for await (const chunk of req) chunks.push(chunk);
    const body = Buffer.concat(chunks).toString();
    stats.requests += 1;
    try {
      const parsed = JSON.parse(body);
      stats.calls += Array.isArray(parsed) ? parsed.length : 1;
    } catch {
      // Counted as a request; anvil will answer the parse error.
    }
    if (mode === 'reset') return req.socket.destroy();
    if (mode === '503') {
      res.writeHead(503, { 'content-type': 'text/plain' });
      return res.end('node unavailable');
    }
    try {
      const answer = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      res.writeHead(answer.status, { 'content-type': 'application/json' });
      res.end(await answer.text());
    } catch {
      res.writeHead(502);
      res.end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stats,
    down(how = '503') {
      mode = how;
    },
    up() {
      mode = 'up';
    },
    reset() {
      stats.requests = 0;
      stats.calls = 0;
    },
    stop: () => new Promise((resolve) => {
      server.closeAllConnections?.();
      server.close(resolve);
    }),
  };
}
