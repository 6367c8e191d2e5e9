// Whether dist/ holds a build of the TypeScript as it is now. `npm start` and the `arising` command run
// the build (plain node: no compiler in the way of a fast start or of signals) when it is current, and a
// checkout whose sources changed since (a `git pull`, an edit) is not run from an old build by mistake.
// Plain CommonJS so it runs before anything is compiled.
const { existsSync, readdirSync, statSync } = require('node:fs');
const { join } = require('node:path');

/** Written last by `npm run build`: its time is the build's, and a build cut short leaves none. */
const STAMP = join('dist', '.built');
/** What the build is made from: a change to any of them makes the build out of date. */
const SOURCES = [
  'src',
  'jobs',
  'scripts/build.js',
  'tsconfig.json',
  'tsconfig.build.json',
  'package.json',
  'package-lock.json',
];

function newestChange(path) {
  const info = statSync(path, { throwIfNoEntry: false });
  if (!info) return 0;
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestChange(join(path, entry)));
  return newest;
}

/**
 * 'current' (dist/ is a build of the sources as they are, or there are no sources beside it, as in the
 * container), 'stale' (a source changed after the build) or 'missing' (never built, or a build cut short).
 */
function buildState(root) {
  const stamp = statSync(join(root, STAMP), { throwIfNoEntry: false });
  if (!stamp) return 'missing';
  if (!existsSync(join(root, 'src'))) return 'current';
  const newest = Math.max(...SOURCES.map((source) => newestChange(join(root, source))));
  return newest > stamp.mtimeMs ? 'stale' : 'current';
}

module.exports = { buildState, STAMP };
