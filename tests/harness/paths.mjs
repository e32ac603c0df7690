// Where the project's tools and state live, resolved from this file, not from the cwd.
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const bin = (name) => join(ROOT, 'node_modules', '.bin', name);

export const WRANGLER = bin('wrangler');
export const ANVIL = bin('anvil');
export const CAST = bin('cast');
const venv = (name) => join(ROOT, '.paylink', 'venv', 'bin', name);
export const SCHEMATHESIS = venv('schemathesis');
export const PYTHON = venv('python');
export const OPENAPI_PYTHON_CLIENT = venv('openapi-python-client');
export const OPENAPI_SPEC_VALIDATOR = venv('openapi-spec-validator');
export const OPENAPI_TYPESCRIPT = bin('openapi-typescript');
export const TSC = bin('tsc');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Test state, logs and screenshots; git-ignored. */
export const ARTIFACTS = join(ROOT, 'tests', 'artifacts');
export const STATE = join(ROOT, '.paylink');

/** Wrangler stays on loopback and writes its config and logs inside the project. */
export const WRANGLER_ENV = {
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  WRANGLER_HIDE_BANNER: 'true',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  XDG_CONFIG_HOME: join(STATE, 'config'),
  WRANGLER_LOG_PATH: join(STATE, 'logs'),
};
