/**
 * `npm run package:teams`: the zip an admin uploads to Teams, built by the real script, and the rules of
 * the manifest inside it that Teams enforces (bot scopes, command lists, RSC permission, icons).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { inflateSync } from 'node:zlib';
import JSZip from 'jszip';
import { PackageSettingsError, packageSettings, pngSize } from '../../src/teams/app-package';
import { TRACK_ACTION_COMMAND } from '../../src/teams/track-action-card';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');
const APP_ID = '0f2b6a8e-1c3d-4e5f-9a7b-123456789abc';

/** The RGBA pixels of an 8-bit RGBA PNG written without row filters (as scripts/make-teams-icons.ts does). */
function pixels(png: Buffer): number[][] {
  const { width, height } = pngSize(png);
  const data: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    if (png.subarray(at + 4, at + 8).toString('latin1') === 'IDAT')
      data.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(data));
  const out: number[][] = [];
  for (let y = 0; y < height; y++) {
    const row = y * (width * 4 + 1);
    expect(raw[row]).toBe(0);
    for (let x = 0; x < width; x++) out.push([...raw.subarray(row + 1 + x * 4, row + 5 + x * 4)]);
  }
  return out;
}

interface Manifest {
  manifestVersion: string;
  id: string;
  version: string;
  icons: { color: string; outline: string };
  bots: {
    botId: string;
    scopes: string[];
    supportsFiles: boolean;
    commandLists: { scopes: string[]; commands: { title: string; description: string }[] }[];
  }[];
  composeExtensions: {
    botId: string;
    commands: {
      id: string;
      type: string;
      title: string;
      description: string;
      context: string[];
      fetchTask: boolean;
    }[];
  }[];
  validDomains: string[];
  webApplicationInfo: { id: string };
  authorization: { permissions: { resourceSpecific: { name: string; type: string }[] } };
  developer: Record<string, string>;
}

describe('npm run package:teams', () => {
  let dir: string;
  let zip: JSZip;
  let manifest: Manifest;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'arising-teams-'));
    const out = join(dir, 'app.zip');
    const { stdout } = await run('npx', ['tsx', 'scripts/package-teams.ts', '--out', out], {
      cwd: ROOT,
      env: { ...process.env, MicrosoftAppId: APP_ID, ARISING_HOST: 'arising.example.org' },
    });
    expect(stdout).toContain('https://arising.example.org/api/messages');
    zip = await JSZip.loadAsync(readFileSync(out));
    manifest = JSON.parse(await (zip.file('manifest.json')?.async('string') ?? '{}')) as Manifest;
  }, 60_000);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('holds exactly the manifest and its two icons, at the root', () => {
    expect(Object.keys(zip.files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
  });

  it('names the bot by its Microsoft App ID in every scope, with files in the personal chat', () => {
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.webApplicationInfo.id).toBe(APP_ID);
    const [bot] = manifest.bots;
    expect(bot?.botId).toBe(APP_ID);
    expect(bot?.scopes.sort()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot?.supportsFiles).toBe(true);
    expect(manifest.validDomains).toEqual(['arising.example.org']);
    expect(manifest.version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    expect(JSON.stringify(manifest)).not.toContain('{{');
  });

  it('declares the message action "Track as action" that the bot answers, fetching its form', () => {
    const [extension] = manifest.composeExtensions;
    expect(manifest.composeExtensions).toHaveLength(1);
    expect(extension?.botId).toBe(APP_ID);
    expect(extension?.commands).toEqual([
      {
        id: TRACK_ACTION_COMMAND,
        type: 'action',
        title: 'Track as action',
        description: expect.any(String),
        context: ['message'],
        fetchTask: true,
      },
    ]);
    const [command] = extension?.commands ?? [];
    expect(command?.title.length).toBeLessThanOrEqual(32);
    expect(command?.description.length).toBeLessThanOrEqual(128);
  });

  it('asks for the permission that lets thread replies reach the bot without a mention', () => {
    expect(manifest.authorization.permissions.resourceSpecific).toContainEqual({
      name: 'ChannelMessage.Read.Group',
      type: 'Application',
    });
  });

  it('lists commands within Teams’ limits (10 a list, titles to 32 and descriptions to 128 characters)', () => {
    const lists = manifest.bots[0]?.commandLists ?? [];
    expect(lists.flatMap((l) => l.scopes).sort()).toEqual(['groupChat', 'personal', 'team']);
    for (const list of lists) {
      expect(list.commands.length).toBeLessThanOrEqual(10);
      for (const command of list.commands) {
        expect(command.title.length).toBeLessThanOrEqual(32);
        expect(command.description.length).toBeGreaterThan(0);
        expect(command.description.length).toBeLessThanOrEqual(128);
      }
    }
    expect(lists[0]?.commands.map((c) => c.title)).toEqual(
      expect.arrayContaining(['add', 'list', 'done', 'help']),
    );
  });

  it('has a 192×192 colour icon and a 32×32 outline icon that is white on transparent', async () => {
    const color = await zip.file(manifest.icons.color)?.async('nodebuffer');
    const outline = await zip.file(manifest.icons.outline)?.async('nodebuffer');
    expect(pngSize(color as Buffer)).toEqual({ width: 192, height: 192 });
    expect(pngSize(outline as Buffer)).toEqual({ width: 32, height: 32 });
    const drawn = pixels(outline as Buffer);
    expect(drawn[0]).toEqual([0, 0, 0, 0]);
    expect(drawn.filter((p) => (p[3] as number) > 0).length).toBeGreaterThan(50);
    for (const p of drawn) if ((p[3] as number) > 0) expect(p.slice(0, 3)).toEqual([255, 255, 255]);
    // The colour icon fills its square (no transparency in the middle).
    expect(pixels(color as Buffer)[96 * 192 + 20]?.[3]).toBe(255);
  });

  it('refuses to build without the App ID and host, naming each, with exit status 78', async () => {
    const env = { ...process.env, MicrosoftAppId: '', ARISING_HOST: '' };
    const failed = await run('npx', ['tsx', 'scripts/package-teams.ts', '--out', join(dir, 'no.zip')], {
      cwd: ROOT,
      env,
    }).catch((error: { code: number; stderr: string }) => error);
    expect(failed).toMatchObject({ code: 78 });
    expect((failed as { stderr: string }).stderr).toContain('MicrosoftAppId: is not set');
    expect((failed as { stderr: string }).stderr).toContain('ARISING_HOST: is not set');
  }, 60_000);
});

describe('package settings', () => {
  it('takes a full endpoint URL as the host and defaults the developer URLs to it', () => {
    const settings = packageSettings(
      { MicrosoftAppId: APP_ID.toUpperCase(), ARISING_HOST: 'https://Arising.Example.org/api/messages' },
      '1.2.3',
    );
    expect(settings).toEqual({
      appId: APP_ID,
      host: 'arising.example.org',
      websiteUrl: 'https://arising.example.org/',
      privacyUrl: 'https://arising.example.org/',
      termsUrl: 'https://arising.example.org/',
      version: '1.2.3',
    });
  });

  it('refuses an App ID that is not a GUID and a privacy URL that is not https', () => {
    expect(() =>
      packageSettings(
        {
          MicrosoftAppId: 'arising-bot',
          ARISING_HOST: 'arising.example.org',
          ARISING_PRIVACY_URL: 'http://x.org',
        },
        '1.0.0',
      ),
    ).toThrow(PackageSettingsError);
    try {
      packageSettings(
        {
          MicrosoftAppId: 'arising-bot',
          ARISING_HOST: 'arising.example.org',
          ARISING_PRIVACY_URL: 'http://x.org',
        },
        '1.0.0',
      );
    } catch (error) {
      expect((error as PackageSettingsError).problems).toEqual([
        'MicrosoftAppId: "arising-bot" is not a GUID; use the Microsoft App ID of the Azure Bot',
        'ARISING_PRIVACY_URL: "http://x.org" is not an https URL',
      ]);
    }
  });
});
