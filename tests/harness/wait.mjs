// Waiting for something the worker does after answering (a webhook delivery, a cron effect).

/** Polls `check` every 100 ms until it returns a truthy value, which it returns; throws after `timeoutMs`. */
export async function until(what, check, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
