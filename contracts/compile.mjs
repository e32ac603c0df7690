// Compiles the payout-mode contracts with the solc-js pinned in package.json and the settings
// in settings.json, then writes (`--write`) or checks (`--check`, the default) the committed
// artifacts in build/. Every deposit address is a hash of this bytecode, so it must never
// change by accident: `cargo xtask contracts` runs the check and fails on any drift.
import { createRequire } from 'node:module';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const HERE = dirname(fileURLToPath(import.meta.url));
const BUILD = join(HERE, 'build');

/** `{ path: text }` of every artifact a fresh compile gives. */
export function compile() {
  const solc = require('solc');
  const config = JSON.parse(readFileSync(join(HERE, 'settings.json'), 'utf8'));
  if (solc.version() !== config.compiler) {
    throw new Error(`solc ${solc.version()} is installed, settings.json pins ${config.compiler}: run npm ci`);
  }
  const sources = Object.fromEntries(
    config.sources.map((name) => [name, { content: readFileSync(join(HERE, name), 'utf8') }]),
  );
  const outputSelection = { '*': { '*': ['abi', 'evm.bytecode.object', 'evm.deployedBytecode.object'] } };
  const input = { language: 'Solidity', sources, settings: { ...config.settings, outputSelection } };
  const output = JSON.parse(solc.compile(JSON.stringify(input)));
  // Warnings fail too: a contract that holds deposits should compile clean.
  const problems = output.errors ?? [];
  if (problems.length > 0) {
    throw new Error(`the contracts do not compile cleanly:\n${problems.map((e) => e.formattedMessage).join('\n')}`);
  }
  const files = {};
  for (const [source, name] of Object.entries(config.contracts)) {
    const contract = output.contracts[source][name];
    files[`${name}.bin`] = `${contract.evm.bytecode.object}\n`;
    files[`${name}.runtime.bin`] = `${contract.evm.deployedBytecode.object}\n`;
    files[`${name}.abi.json`] = `${JSON.stringify(contract.abi, null, 2)}\n`;
  }
  return files;
}

function main(mode) {
  const files = compile();
  if (mode === '--write') {
    for (const [name, text] of Object.entries(files)) writeFileSync(join(BUILD, name), text);
    console.log(`wrote ${Object.keys(files).length} artifacts to contracts/build/`);
    return 0;
  }
  const stale = Object.entries(files).filter(([name, text]) => {
    try {
      return readFileSync(join(BUILD, name), 'utf8') !== text;
    } catch {
      return true;
    }
  });
  if (stale.length === 0) {
    console.log(`contracts/build/ matches a fresh compile (${Object.keys(files).length} artifacts)`);
    return 0;
  }
  console.error(`contracts/build/ differs from a fresh compile: ${stale.map(([n]) => n).join(', ')}`);
  console.error('every deposit address would change; if that is intended: node contracts/compile.mjs --write');
  return 1;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  process.exitCode = main(process.argv[2] ?? '--check');
}
