// Reads the worker's own count of what an invocation cost (edge/src/platform/meter.rs).

/** The counts of a `paylink-usage` header or of a `cron tick used …` log line, by name. */
export function readUsage(text) {
  return Object.fromEntries([...text.matchAll(/(\w+)=(\d+)/g)].map(([, key, n]) => [key, Number(n)]));
}
