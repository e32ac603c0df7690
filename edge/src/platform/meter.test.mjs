// Unit tests of the invocation meter's JavaScript (meter.js) over fake D1 and KV bindings.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { due, fetched, fetching, left, metered, refused, usage } from './meter.js';

/** A D1 binding that answers after `ms`, named as workerd names its class. */
class D1Database {
  constructor(ms = 5) {
    this.ms = ms;
    this.seen = [];
  }
  prepare(sql) {
    const db = this;
    const stmt = {
      sql, args: [],
      bind(...args) { return { ...stmt, args }; },
      async all() { db.seen.push(['all', this.sql, this.args]); await sleep(db.ms); return { results: [] }; },
      async first() { db.seen.push(['first', this.sql]); await sleep(db.ms); return null; },
      async run() { db.seen.push(['run', this.sql]); await sleep(db.ms); return {}; },
    };
    return stmt;
  }
  async batch(statements) {
    this.seen.push(['batch', statements.map((s) => s.sql)]);
    await sleep(this.ms);
    return statements.map(() => ({ results: [] }));
  }
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const kv = () => ({ get: async () => null, put: async () => undefined, list: async () => ({ keys: [] }), delete: async () => undefined });
const LIMITS = { d1: 5, kv: 3, fetches: 2 };

function env(limits = LIMITS) {
  const db = new D1Database();
  return { db, env: metered({ DB: db, CACHE: kv(), RATE: '600' }, 'DB', 'CACHE', limits) };
}

test('a statement, a bound statement and a batch are one round trip each, with their statements', async () => {
  const { db, env: e } = env();
  await e.DB.prepare('SELECT 1').all();
  await e.DB.prepare('SELECT ?1').bind(7).first();
  await e.DB.batch([e.DB.prepare('A').bind(1), e.DB.prepare('B')]);
  assert.deepEqual(usage(e), [3, 4, 3, 0, 0, 0, 0]);
  // The real statements reach D1, bound as given.
  assert.deepEqual(db.seen[1], ['first', 'SELECT ?1']);
  assert.deepEqual(db.seen[2], ['batch', ['A', 'B']]);
});

test('concurrent round trips are one sequential wait, later ones another', async () => {
  const { env: e } = env();
  await Promise.all([e.DB.prepare('A').all(), e.DB.prepare('B').run(), e.DB.prepare('C').first()]);
  await e.DB.prepare('D').all();
  const [d1, , sequential] = usage(e);
  assert.equal(d1, 4);
  assert.equal(sequential, 2);
});

test('past the D1 limit a query fails and names the limit; earlier ones were made', async () => {
  const { db, env: e } = env();
  for (let i = 0; i < 5; i += 1) await e.DB.prepare(`Q${i}`).all();
  assert.throws(() => e.DB.prepare('one too many').all(), /D1 queries past the limit of 5/);
  assert.equal(db.seen.length, 5);
  assert.match(refused(e), /D1 queries/);
});

test('KV reads and writes are counted apart and limited together', async () => {
  const { env: e } = env();
  await e.CACHE.get('a');
  await e.CACHE.put('a', 'b');
  await e.CACHE.list();
  assert.deepEqual(usage(e).slice(3, 5), [2, 1]);
  assert.throws(() => e.CACHE.delete('a'), /KV operations past the limit of 3/);
});

test('fetches count until the limit, then say which limit; overlapping ones are one wait', () => {
  const { env: e } = env();
  assert.equal(fetching(e), '');
  assert.equal(fetching(e), '');
  fetched(e);
  fetched(e);
  assert.equal(usage(e)[6], 1, 'two fetches in flight together');
  assert.deepEqual(left(e), [5, 3, 0]);
  assert.match(fetching(e), /outbound fetches past the limit of 2/);
  assert.equal(usage(e)[5], 2);
  assert.equal(usage(e)[6], 1);
});

test('everything else of the env passes through, and the binding keeps its class name', () => {
  const { env: e } = env();
  assert.equal(e.RATE, '600');
  assert.equal(e.DB.constructor.name, 'D1Database');
  assert.equal(e.DB, e.DB, 'one wrapper per binding');
});

test('an env that was never metered reports nothing and refuses nothing', () => {
  const plain = { DB: new D1Database() };
  assert.deepEqual(usage(plain), []);
  assert.deepEqual(left(plain), []);
  assert.equal(fetching(plain), '');
  assert.equal(refused(plain), '');
});

test('each invocation has its own meter', async () => {
  const db = new D1Database();
  const base = { DB: db, CACHE: kv() };
  const one = metered(base, 'DB', 'CACHE', LIMITS);
  const two = metered(base, 'DB', 'CACHE', LIMITS);
  await one.DB.prepare('A').all();
  assert.equal(usage(one)[0], 1);
  assert.equal(usage(two)[0], 0);
});

test('statements that make deliveries due are counted by the rows they changed', async () => {
  const db = new D1Database();
  const changing = (n) => ({ results: [], meta: { changes: n } });
  db.batch = async (statements) => statements.map((s) => changing(s.sql.includes('none') ? 0 : 2));
  const e = metered({ DB: db, CACHE: kv() }, 'DB', 'CACHE', LIMITS);
  assert.equal(due(e), 0);
  await e.DB.batch([
    e.DB.prepare('UPDATE payment_links SET title = ?1').bind('x'),
    e.DB.prepare('INSERT INTO webhook_deliveries (id) SELECT 1 WHERE none'),
  ]);
  assert.equal(due(e), 0, 'an insert that inserted nothing');
  await e.DB.batch([e.DB.prepare('INSERT INTO events (id) VALUES (1)'), e.DB.prepare('INSERT INTO webhook_deliveries (id) SELECT 1').bind()]);
  assert.equal(due(e), 2);
});

test('a redelivery run on its own makes one due; other updates of deliveries make none', async () => {
  const db = new D1Database();
  const prepare = db.prepare.bind(db);
  db.prepare = (sql) => ({ ...prepare(sql), async run() { return { meta: { changes: 1 } }; } });
  const e = metered({ DB: db, CACHE: kv() }, 'DB', 'CACHE', LIMITS);
  await e.DB.prepare("UPDATE webhook_deliveries SET attempts = ?2, status = ?3 WHERE id = ?1").run();
  assert.equal(due(e), 0);
  await e.DB.prepare("UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = ?2 WHERE id = ?1").run();
  assert.equal(due(e), 1);
});
