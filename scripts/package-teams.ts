/**
 * `npm run package:teams`: writes the Teams app package (dist/arising-teams.zip, or the path given with
 * `--out`) from manifests/teams/, with the bot's Microsoft App ID and the public host filled in:
 *
 *   MicrosoftAppId=<GUID> ARISING_HOST=arising.example.org npm run package:teams
 *
 * A missing or bad setting stops it with a message naming the variable, and exit status 78 (EX_CONFIG),
 * as the service does.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { buildTeamsPackage, PackageSettingsError, packageSettings } from '../src/teams/app-package';

const root = join(__dirname, '..');

function outPath(argv: string[]): string {
  const at = argv.indexOf('--out');
  const given = at >= 0 ? argv[at + 1] : undefined;
  return resolve(given ?? join(root, 'dist', 'arising-teams.zip'));
}

async function main(): Promise<void> {
  const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string };
  let settings: ReturnType<typeof packageSettings>;
  try {
    settings = packageSettings(process.env, version);
  } catch (error) {
    if (error instanceof PackageSettingsError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78);
    }
    throw error;
  }
  const zip = await buildTeamsPackage(settings);
  const out = outPath(process.argv.slice(2));
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, zip);
  process.stdout.write(
    `Wrote ${out} (${zip.length} bytes) for app ${settings.appId} at https://${settings.host}/api/messages\n` +
      'Upload it in Teams (Apps, Manage your apps, Upload an app) or in the Teams admin center.\n',
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
