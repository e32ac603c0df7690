// Stub exchange APIs on 127.0.0.1, answering in Coinbase's and Kraken's real response formats
// (as recorded from their public endpoints), with prices and failures set by the test.
import { createServer } from 'node:http';

/** Kraken names pairs its own way in answers (XETHZUSD); anything else gets the plain pair. */
const KRAKEN_NAMES = { ETHUSD: 'XETHZUSD', ETHEUR: 'XETHZEUR' };

/**
 * Starts both stubs on one port. `prices` maps 'ETH-USD' to a decimal string per source:
 * `stub.set('coinbase', 'ETH-USD', '3000.00')`; `stub.down('kraken')` makes it answer 503.
 * Returns { url, set, down, up, hits, stop }.
 */
export async function startPriceStub() {
  const prices = { coinbase: new Map(), kraken: new Map() };
  const broken = new Set();
  const hits = { coinbase: 0, kraken: 0 };
  const server = createServer((req, res) => {
    const url = new URL(req.url, 'http://stub');
    const send = (status, body) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const coinbase = url.pathname.match(/^\/v2\/prices\/([A-Z]+)-([A-Z]+)\/spot$/);
    if (coinbase) {
      hits.coinbase += 1;
      if (broken.has('coinbase')) return send(503, { message: 'Service Unavailable' });
      const [, base, currency] = coinbase;
      const amount = prices.coinbase.get(`${base}-${currency}`);
      if (!amount) return send(404, { errors: [{ id: 'not_found', message: 'Invalid currency' }] });
      return send(200, { data: { amount, base, currency } });
    }
    if (url.pathname === '/0/public/Ticker') {
      hits.kraken += 1;
      if (broken.has('kraken')) return send(503, { error: ['EService:Unavailable'] });
      const pair = url.searchParams.get('pair') ?? '';
      const last = prices.kraken.get(`${pair.slice(0, -3)}-${pair.slice(-3)}`);
      if (!last) return send(200, { error: ['EQuery:Unknown asset pair'] });
      const ticker = {
        a: [last, '1', '1.000'],
        b: [last, '2', '2.000'],
        c: [last, '0.00500000'],
        v: ['1520.1', '3410.2'],
        p: [last, last],
        t: [5120, 11003],
        l: [last, last],
        h: [last, last],
        o: last,
      };
      return send(200, { error: [], result: { [KRAKEN_NAMES[pair] ?? pair]: ticker } });
    }
    return send(404, { error: ['not a stubbed route'] });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${server.address().port}`;
  return {
    url,
    hits,
    set(source, pair, price) {
      prices[source].set(pair, price);
    },
    down(source) {
      broken.add(source);
    },
    up(source) {
      broken.delete(source);
    },
    stop: () => new Promise((resolve) => server.close(resolve)),
  };
}
