/**
 * The Teams app package an admin uploads: manifests/teams/manifest.json with its placeholders filled in,
 * and the two icons, zipped flat (Teams wants the three files at the root of the zip).
 *
 * Placeholders, from the environment of `npm run package:teams`:
 * | placeholder          | variable               | default                  |
 * |----------------------|------------------------|--------------------------|
 * | `{{MICROSOFT_APP_ID}}` | MicrosoftAppId (the bot's Microsoft App ID, a GUID) | required |
 * | `{{HOST}}`           | ARISING_HOST (the public host name of the messaging endpoint) | required |
 * | `{{WEBSITE_URL}}`    | ARISING_WEBSITE_URL    | `https://<host>/`        |
 * | `{{PRIVACY_URL}}`    | ARISING_PRIVACY_URL    | the website URL          |
 * | `{{TERMS_URL}}`      | ARISING_TERMS_URL      | the website URL          |
 * | `{{VERSION}}`        | package.json version   |                          |
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import JSZip from 'jszip';
import { packageRoot } from '../package-root';

export const MANIFEST_DIR = join(packageRoot(), 'manifests', 'teams');
export const ICONS = { color: { file: 'color.png', size: 192 }, outline: { file: 'outline.png', size: 32 } };

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/i;

export interface PackageSettings {
  appId: string;
  host: string;
  websiteUrl: string;
  privacyUrl: string;
  termsUrl: string;
  version: string;
}

/** Thrown with every problem of the settings, one a line, each naming its variable. */
export class PackageSettingsError extends Error {
  constructor(readonly problems: string[]) {
    super(`Cannot build the Teams app package:\n${problems.map((p) => `  ${p}`).join('\n')}`);
    this.name = 'PackageSettingsError';
  }
}

function httpsUrl(value: string): boolean {
  return URL.canParse(value) && new URL(value).protocol === 'https:';
}

/** The settings from the environment, checked; throws a PackageSettingsError naming each bad variable. */
export function packageSettings(env: NodeJS.ProcessEnv, version: string): PackageSettings {
  const problems: string[] = [];
  const appId = env.MicrosoftAppId?.trim() ?? '';
  const rawHost = env.ARISING_HOST?.trim() ?? '';
  const host = rawHost
    .replace(/^https?:\/\//i, '')
    .replace(/\/.*$/, '')
    .toLowerCase();
  if (!GUID.test(appId)) {
    problems.push(
      `MicrosoftAppId: ${appId === '' ? 'is not set' : `"${appId}" is not a GUID`}; use the Microsoft App ID of the Azure Bot`,
    );
  }
  if (!HOST.test(host)) {
    problems.push(
      `ARISING_HOST: ${rawHost === '' ? 'is not set' : `"${rawHost}" is not a host name`}; use the host of the messaging endpoint, like arising.example.org`,
    );
  }
  const websiteUrl = env.ARISING_WEBSITE_URL?.trim() || `https://${host}/`;
  const urls = {
    ARISING_WEBSITE_URL: websiteUrl,
    ARISING_PRIVACY_URL: env.ARISING_PRIVACY_URL?.trim() || websiteUrl,
    ARISING_TERMS_URL: env.ARISING_TERMS_URL?.trim() || websiteUrl,
  };
  for (const [name, value] of Object.entries(urls)) {
    // A URL made from a bad host is already reported as the host.
    const given = env[name]?.trim() || (name !== 'ARISING_WEBSITE_URL' && env.ARISING_WEBSITE_URL?.trim());
    if ((given || HOST.test(host)) && !httpsUrl(value))
      problems.push(`${name}: "${value}" is not an https URL`);
  }
  if (problems.length > 0) throw new PackageSettingsError(problems);
  return {
    appId: appId.toLowerCase(),
    host,
    websiteUrl: urls.ARISING_WEBSITE_URL,
    privacyUrl: urls.ARISING_PRIVACY_URL,
    termsUrl: urls.ARISING_TERMS_URL,
    version,
  };
}

/** The manifest with its placeholders filled in (values JSON-escaped), parsed. */
export function fillManifest(template: string, settings: PackageSettings): Record<string, unknown> {
  const values: Record<string, string> = {
    MICROSOFT_APP_ID: settings.appId,
    HOST: settings.host,
    WEBSITE_URL: settings.websiteUrl,
    PRIVACY_URL: settings.privacyUrl,
    TERMS_URL: settings.termsUrl,
    VERSION: settings.version,
  };
  const filled = template.replace(/\{\{([A-Z_]+)\}\}/g, (whole, name: string) => {
    const value = values[name];
    return value === undefined ? whole : JSON.stringify(value).slice(1, -1);
  });
  const left = /\{\{[A-Z_]+\}\}/.exec(filled);
  if (left) throw new Error(`manifest.json has a placeholder nobody fills: ${left[0]}`);
  return JSON.parse(filled) as Record<string, unknown>;
}

/** Width and height of a PNG, from its header; throws when it is not a PNG. */
export function pngSize(bytes: Buffer): { width: number; height: number } {
  const signature = '89504e470d0a1a0a';
  if (
    bytes.subarray(0, 8).toString('hex') !== signature ||
    bytes.subarray(12, 16).toString('latin1') !== 'IHDR'
  ) {
    throw new Error('not a PNG file');
  }
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Reads the icons and checks their sizes (Teams refuses a package whose icons are not 192 and 32). */
function readIcons(dir: string): Record<string, Buffer> {
  const icons: Record<string, Buffer> = {};
  for (const { file, size } of Object.values(ICONS)) {
    const bytes = readFileSync(join(dir, file));
    const { width, height } = pngSize(bytes);
    if (width !== size || height !== size) {
      throw new Error(`${file} is ${width}×${height}; Teams wants ${size}×${size}`);
    }
    icons[file] = bytes;
  }
  return icons;
}

/** The app package zip: manifest.json, color.png and outline.png at its root. */
export async function buildTeamsPackage(settings: PackageSettings, dir = MANIFEST_DIR): Promise<Buffer> {
  const manifest = fillManifest(readFileSync(join(dir, 'manifest.json'), 'utf8'), settings);
  const zip = new JSZip();
  // A fixed date keeps the zip the same for the same inputs.
  const date = new Date('2026-01-01T00:00:00Z');
  zip.file('manifest.json', `${JSON.stringify(manifest, null, 2)}\n`, { date });
  for (const [file, bytes] of Object.entries(readIcons(dir))) zip.file(file, bytes, { date });
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', platform: 'UNIX' });
}
