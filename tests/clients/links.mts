// Creates, updates and lists payment links with the types openapi-typescript generated from
// /v1/openapi.json (`paylink.d.ts`, beside this file when it is compiled), and reads a 401 as
// the error shape. Typechecked with `tsc --strict`; prints what it saw as JSON.
//
// Usage: node links.mjs <base url> <secret key>
import type { components, paths } from './paylink.js';

declare const process: { argv: string[] };

type Schemas = components['schemas'];
type Json<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;
type CreateBody = Json<paths['/v1/payment_links']['post']['requestBody']>;
type UpdateBody = Json<paths['/v1/payment_links/{id}']['patch']['requestBody']>;
type Created = Json<paths['/v1/payment_links']['post']['responses'][201]>;
type Updated = Json<paths['/v1/payment_links/{id}']['patch']['responses'][200]>;
type Page = Json<paths['/v1/payment_links']['get']['responses'][200]>;
type Unauthorized = Json<paths['/v1/account']['get']['responses'][401]>;

const [base, key] = process.argv.slice(2);

/** One request; the caller names the body type the document gives for the status it expects. */
async function send<T>(method: string, path: string, expected: number, token: string, body?: CreateBody | UpdateBody): Promise<T> {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  if (response.status !== expected) throw new Error(`${method} ${path}: ${response.status}, not ${expected}`);
  return (await response.json()) as T;
}

/** Every error type, handled: the switch only compiles while `ErrorType` is a closed set. */
function advice(type: Schemas['ErrorType']): string {
  switch (type) {
    case 'invalid_request_error': return 'fix the request';
    case 'authentication_error': return 'check the key';
    case 'rate_limit_error': return 'retry later';
    case 'api_error': return 'retry';
    default: {
      const unknown: never = type;
      return unknown;
    }
  }
}

const create: CreateBody = { title: 'Typed tea', type: 'fixed', amount: '4.50', currency: 'EUR', assets: ['ETH', 'USDC'], chain: 'anvil', description: 'Hot' };
const created = await send<Created>('POST', '/v1/payment_links', 201, key, create);

// A merge patch: only what changes; `null` clears.
const patch: UpdateBody = { title: 'Typed green tea', amount: '5.00', description: null };
const updated = await send<Updated>('PATCH', `/v1/payment_links/${created.id}`, 200, key, patch);
// Always present in a response, null when empty: typed `string | null`, never `undefined`.
const description: string | null = updated.description;
const status: Schemas['LinkStatus'] = updated.status;

const page = await send<Page>('GET', '/v1/payment_links?limit=10', 200, key);
const listed: string[] = page.data.map((link: Schemas['PaymentLink']) => link.id);

const refused = await send<Unauthorized>('GET', '/v1/account', 401, `sk_test_${'0'.repeat(48)}`);
const error: Schemas['ErrorDetail'] = refused.error;

console.log(JSON.stringify({
  created: { id: created.id, type: created.type, assets: created.assets, chain: created.chain },
  updated: { title: updated.title, amount: updated.amount, description, status },
  listed,
  unauthorized: { type: error.type, code: error.code, advice: advice(error.type) },
}));
