// Typed helpers over the worker's HTTP API, for tests and the dev seed.

/** Sends `method path` with an optional JSON `body` and bearer `token`; returns { status, headers, body }. */
export async function call(baseUrl, method, path, { token, body, headers = {} } = {}) {
  const init = { method, headers: { ...headers } };
  if (token) init.headers.authorization = `Bearer ${token}`;
  if (body !== undefined) {
    init.headers['content-type'] ??= 'application/json';
    init.body = typeof body === 'string' ? body : JSON.stringify(body);
  }
  const response = await fetch(`${baseUrl}${path}`, init);
  const text = await response.text();
  let parsed = text;
  if ((response.headers.get('content-type') ?? '').startsWith('application/json')) parsed = JSON.parse(text);
  return { status: response.status, headers: response.headers, body: parsed };
}

/** Creates a merchant through the admin API; returns { merchant, testKey, liveKey, keys }. */
export async function createMerchant(stack, name = 'Test merchant') {
  const { status, body } = await call(stack.baseUrl, 'POST', '/v1/admin/merchants', {
    token: stack.adminToken,
    body: { name },
  });
  if (status !== 201) throw new Error(`creating a merchant answered ${status}: ${JSON.stringify(body)}`);
  const secretOf = (livemode) => body.keys.find((k) => k.livemode === livemode).secret;
  return { merchant: body.merchant, keys: body.keys, testKey: secretOf(false), liveKey: secretOf(true) };
}
