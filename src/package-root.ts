/**
 * The folder holding Arising's package.json: the checkout, or /app in the container. Code that reads a
 * file shipped beside the code (package.json's version, the Teams manifest) finds it from here, because
 * the same module runs from `src/…` (through tsx or ts-jest) and from the build in `dist/src/…`, which
 * sit at different depths below it.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The nearest folder at or above `from` with a package.json (the first module's folder by default). */
export function packageRoot(from: string = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no package.json above ${from}`);
    dir = parent;
  }
  return dir;
}
