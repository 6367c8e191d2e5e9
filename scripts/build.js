// `npm run build`: compiles src/ and jobs/ to JavaScript in dist/ (CommonJS, the same folder layout, so
// dist/src/main.js is the service and dist/src/cli/main.js the CLI), copies the browser console's page
// beside its compiled code, and stamps the build last (bin/build-state.js). `--if-stale` builds only when
// the sources changed since the last build: what `npm start` runs first, so `npm ci && npm start` and
// `git pull && npm start` run the code as it is, without compiling on every start.
const { execFileSync } = require('node:child_process');
const { cpSync, rmSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { buildState, STAMP } = require('../bin/build-state');

const root = join(__dirname, '..');

function typescriptCompiler() {
  try {
    return require.resolve('typescript/bin/tsc', { paths: [root] });
  } catch {
    process.stderr.write(
      'arising: cannot build: TypeScript is not installed (it is a development dependency).\n' +
        'Run `npm ci` (without --omit=dev), then `npm run build`.\n',
    );
    process.exit(1);
  }
}

function build() {
  const tsc = typescriptCompiler();
  rmSync(join(root, 'dist', 'src'), { recursive: true, force: true });
  rmSync(join(root, 'dist', 'jobs'), { recursive: true, force: true });
  rmSync(join(root, STAMP), { force: true });
  process.stderr.write('arising: compiling TypeScript to dist/ …\n');
  try {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: root, stdio: 'inherit' });
  } catch {
    process.stderr.write('arising: the build failed (see the errors above); dist/ is left unstamped.\n');
    process.exit(1);
  }
  cpSync(join(root, 'src', 'console', 'public'), join(root, 'dist', 'src', 'console', 'public'), {
    recursive: true,
  });
  writeFileSync(join(root, STAMP), `${new Date().toISOString()}\n`);
}

const onlyIfStale = process.argv.includes('--if-stale');
if (!onlyIfStale || buildState(root) !== 'current') build();
