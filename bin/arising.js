#!/usr/bin/env node
// The `arising` command (package.json "bin"). It runs the JavaScript build (dist/, `npm run build`) when
// that is a build of the sources as they are: plain node, so it starts at once. In a checkout that was
// never built, or whose sources changed since, it runs the TypeScript through tsx's require hook instead
// (a development dependency), so `npx arising …` works there without a build step too.

// A reader that stops early (`arising export … | head`) closes the pipe: stop quietly, as other tools do,
// instead of dying on the unhandled EPIPE with a stack trace.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(0);
  throw err;
});

const { join } = require('node:path');

// V8 optimises each regular expression as it compiles it, which pays off only over long runs: a command
// that reads one document and exits spends about a fifth of its time on it, mostly for chrono-node's
// date patterns. Matching is the same without it (tests/e2e/cli-import.test.ts runs through here).
require('node:v8').setFlagsFromString('--no-regexp-optimization');
const { buildState } = require('./build-state');

function loadCli() {
  const root = join(__dirname, '..');
  if (buildState(root) === 'current') return require('../dist/src/cli/main.js');
  try {
    require.resolve('tsx/cjs');
  } catch {
    throw new Error('it is not built and tsx is not installed: run `npm ci`, then `npm run build`');
  }
  require('tsx/cjs');
  return require('../src/cli/main.ts');
}

try {
  const { main } = loadCli();
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`arising: unexpected error: ${String(err?.message || err).split('\n')[0]}\n`);
      process.exitCode = 1;
    },
  );
} catch (err) {
  process.stderr.write(`arising: could not start: ${String(err?.message || err).split('\n')[0]}\n`);
  process.exitCode = 1;
}
