// The invocation meter (see meter.rs): wraps one invocation's env so that its D1 and KV
// bindings count what they are asked, and refuse past the plan's per-invocation limits.
//
// In JavaScript because the bindings are JavaScript objects that workers-rs reads through
// property lookups: a Proxy sees every call whatever Rust code made it, and Rust closures
// handed to a Proxy would have to be leaked, once per request.

const METER = '__paylinkMeter';

function refuse(meter, what, limit) {
  meter.refused = meter.refused || `${what} past the limit of ${limit} per invocation`;
  throw new Error(`paylink meter: ${meter.refused}`);
}

// One round trip to D1 carrying `statements`: counted, and sequential when nothing else of
// this invocation is in flight (concurrent round trips cost the customer one wait).
function roundTrip(meter, statements, run) {
  if (meter.d1 + 1 > meter.limits.d1) refuse(meter, 'D1 queries', meter.limits.d1);
  meter.d1 += 1;
  meter.statements += statements;
  if (meter.inflight === 0) meter.sequential += 1;
  meter.inflight += 1;
  let promise;
  try {
    promise = run();
  } catch (e) {
    meter.inflight -= 1;
    throw e;
  }
  return Promise.resolve(promise).finally(() => {
    meter.inflight -= 1;
  });
}

const TARGET = Symbol('paylink statement');
const DUE = Symbol('paylink makes deliveries due');

// The statements that make a webhook delivery due: the outbox's inserts and a redelivery.
// Whether one changed a row tells the entry point to start a delivery run after the answer.
const MAKES_DUE = /^\s*(INSERT INTO webhook_deliveries\b|UPDATE webhook_deliveries SET status = 'pending')/;

function counted(meter, due, result) {
  const changes = result && result.meta && result.meta.changes;
  if (due && changes > 0) meter.due += changes;
  return result;
}

function statement(meter, inner, due) {
  return new Proxy(inner, {
    get(target, prop) {
      if (prop === TARGET) return target;
      if (prop === DUE) return due;
      if (prop === 'bind') return (...values) => statement(meter, target.bind(...values), due);
      if (prop === 'first' || prop === 'all' || prop === 'run' || prop === 'raw') {
        return (...args) => roundTrip(meter, 1, () => target[prop](...args))
          .then((result) => counted(meter, due, result));
      }
      const value = Reflect.get(target, prop);
      return typeof value === 'function' && prop !== 'constructor' ? value.bind(target) : value;
    },
  });
}

function database(meter, db) {
  return new Proxy(db, {
    get(target, prop) {
      if (prop === 'prepare') {
        return (sql) => statement(meter, target.prepare(sql), MAKES_DUE.test(sql));
      }
      if (prop === 'batch') {
        return (statements) => roundTrip(meter, statements.length, () =>
          target.batch(statements.map((s) => (s && s[TARGET]) || s)))
          .then((results) => {
            statements.forEach((s, i) => counted(meter, s && s[DUE], results && results[i]));
            return results;
          });
      }
      if (prop === 'exec') return (sql) => roundTrip(meter, 1, () => target.exec(sql));
      // `constructor` stays as it is: workers-rs checks the binding's constructor's name.
      const value = Reflect.get(target, prop);
      return typeof value === 'function' && prop !== 'constructor' ? value.bind(target) : value;
    },
  });
}

const KV_READS = new Set(['get', 'getWithMetadata', 'list']);
const KV_WRITES = new Set(['put', 'delete']);

function store(meter, kv) {
  return new Proxy(kv, {
    get(target, prop) {
      const read = KV_READS.has(prop);
      if (read || KV_WRITES.has(prop)) {
        return (...args) => {
          if (meter.kvReads + meter.kvWrites + 1 > meter.limits.kv) {
            refuse(meter, 'KV operations', meter.limits.kv);
          }
          if (read) meter.kvReads += 1;
          else meter.kvWrites += 1;
          return target[prop](...args);
        };
      }
      const value = Reflect.get(target, prop);
      return typeof value === 'function' && prop !== 'constructor' ? value.bind(target) : value;
    },
  });
}

// `env` with its D1 binding `db` and KV binding `kv` metered under `limits`
// ({d1, kv, fetches}); the meter itself is the env's `__paylinkMeter`.
export function metered(env, db, kv, limits) {
  const meter = {
    limits, d1: 0, statements: 0, sequential: 0, inflight: 0,
    kvReads: 0, kvWrites: 0, fetches: 0, fetchSequential: 0, fetchInflight: 0, due: 0,
    refused: '',
  };
  const wrapped = {};
  return new Proxy(env, {
    get(target, prop) {
      if (prop === METER) return meter;
      if ((prop === db || prop === kv) && !(prop in wrapped)) {
        const binding = Reflect.get(target, prop);
        wrapped[prop] = binding === undefined ? undefined
          : prop === db ? database(meter, binding) : store(meter, binding);
      }
      return prop in wrapped ? wrapped[prop] : Reflect.get(target, prop);
    },
  });
}

// The counts so far, as [d1, statements, sequential, kvReads, kvWrites, fetches,
// fetchSequential]; empty when `env` is not metered.
export function usage(env) {
  const m = env[METER];
  return m
    ? [m.d1, m.statements, m.sequential, m.kvReads, m.kvWrites, m.fetches, m.fetchSequential]
    : [];
}

// Counts one outbound fetch, starting now (sequential when no other is in flight); the
// refusal's text when it would pass the limit, else ''. `fetched` says when it ended.
export function fetching(env) {
  const m = env[METER];
  if (!m) return '';
  if (m.fetches + 1 > m.limits.fetches) {
    m.refused = m.refused || `outbound fetches past the limit of ${m.limits.fetches} per invocation`;
    return m.refused;
  }
  m.fetches += 1;
  if (m.fetchInflight === 0) m.fetchSequential += 1;
  m.fetchInflight += 1;
  return '';
}

export function fetched(env) {
  const m = env[METER];
  if (m && m.fetchInflight > 0) m.fetchInflight -= 1;
}

// What is left under the limits, as [d1, kv, fetches]; empty when `env` is not metered.
export function left(env) {
  const m = env[METER];
  return m
    ? [m.limits.d1 - m.d1, m.limits.kv - m.kvReads - m.kvWrites, m.limits.fetches - m.fetches]
    : [];
}

// How many webhook deliveries this invocation made due (0 when not metered).
export function due(env) {
  const m = env[METER];
  return m ? m.due : 0;
}

// What was refused first in this invocation ('' when nothing was).
export function refused(env) {
  const m = env[METER];
  return m ? m.refused : '';
}
