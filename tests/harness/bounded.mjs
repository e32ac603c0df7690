// Many requests to the local stack, a few at a time: quick setup without queueing hundreds on
// wrangler dev.

/** Runs `make(i)` for i in 0..count, at most `limit` at a time; results in order. */
export async function bounded(count, limit, make) {
  const results = new Array(count);
  let next = 0;
  const run = async () => {
    while (next < count) {
      const i = next++;
      results[i] = await make(i);
    }
  };
  await Promise.all(Array.from({ length: limit }, run));
  return results;
}
