/**
 * `--out FILE`: a report written whole or not at all. The bytes go to a temporary file beside the target
 * (the same directory, so the same file system) and are renamed over it once written and flushed: a
 * reader, or a clerk's Word, never finds half a document, and a failure leaves whatever was there before.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { UsageError } from './cli-io';

/**
 * Checks `--out` before any work is done: its directory must exist, and it must not name a directory.
 * Returns the absolute path.
 */
export async function checkOutPath(out: string): Promise<string> {
  const target = resolve(out);
  const dir = dirname(target);
  const dirStat = await stat(dir).catch(() => null);
  if (!dirStat?.isDirectory()) {
    throw new UsageError(
      `--out '${out}': the directory ${dir} does not exist. Create it first, or write to an existing one, like --out ./papers.docx`,
    );
  }
  const existing = await stat(target).catch(() => null);
  if (existing?.isDirectory()) {
    throw new UsageError(
      `--out '${out}' is a directory: name the file to write, like --out ${join(out, 'papers.docx')}`,
    );
  }
  return target;
}

/** Writes `data` to `target` through a temporary file and a rename; the temporary file never stays. */
export async function writeFileAtomically(target: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o644);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (err) {
    await unlink(temp).catch(() => undefined);
    throw err;
  }
}
