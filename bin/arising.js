#!/usr/bin/env node
// The `arising` command (package.json "bin"). The CLI is TypeScript; tsx's require hook compiles it on
// the fly, so `npx arising …` works from a checkout without a build step.

// A reader that stops early (`arising export … | head`) closes the pipe: stop quietly, as other tools do,
// instead of dying on the unhandled EPIPE with a stack trace.
process.stdout.on('error', (err) => {
  if (err && err.code === 'EPIPE') process.exit(0);
  throw err;
});

try {
  require('tsx/cjs');
  const { main } = require('../src/cli/main.ts');
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
