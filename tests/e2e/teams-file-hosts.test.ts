/**
 * Files an activity points at are fetched only from where Teams keeps files. With MicrosoftAppId set
 * (activities signed with keys served on loopback, tests/support/bot-framework-tokens.ts), an `import`
 * whose attached file's downloadUrl is on this machine or another non-Teams host is not fetched at all:
 * the server there sees no connection, and the user is told why and what to do instead.
 *
 * The "file server" is a plain TCP listener on 127.0.0.1 that only counts connections: the service
 * before this guard would have connected to it (and failed the TLS handshake), so a count of zero shows
 * the service never tried.
 */

import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:net';
import {
  type BotFrameworkKeys,
  channelClaims,
  fakeConnectorLogin,
  startBotFrameworkKeys,
} from '../support/bot-framework-tokens';
import { type ConnectorCall, shownText } from '../support/fake-bot-connector';
import { CHAIR, personalMessage, startTeamsService, type TeamsService } from '../support/teams-service';

const APP_ID = '00000000-0000-0000-0000-0000000f11e5';

let keys: BotFrameworkKeys;
let t: TeamsService;
let fileServer: Server;
let filePort = 0;
let connections = 0;
let login: ReturnType<typeof fakeConnectorLogin>;

beforeAll(async () => {
  keys = await startBotFrameworkKeys();
  t = await startTeamsService({ appId: APP_ID, openIdMetadataUrl: keys.metadataUrl });
  fileServer = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => fileServer.listen(0, '127.0.0.1', resolve));
  filePort = (fileServer.address() as AddressInfo).port;
  login = fakeConnectorLogin();
});

afterAll(async () => {
  login?.mockRestore();
  await t?.stop();
  await keys?.stop();
  await new Promise<void>((resolve) => fileServer?.close(() => resolve()));
});

beforeEach(() => {
  t.connector.reset();
  connections = 0;
});

/** `import` in Chair's personal chat with a file whose downloadUrl is `url`, with a valid token. */
async function importFrom(url: string): Promise<string> {
  const activity = personalMessage(t, CHAIR, 'import', {
    attachments: [
      {
        contentType: 'application/vnd.microsoft.teams.file.download.info',
        name: 'minutes.docx',
        content: { downloadUrl: url, uniqueId: 'file-1', fileType: 'docx' },
      },
    ],
  });
  const token = keys.sign(channelClaims(APP_ID, t.connector.serviceUrl));
  const response = await t.post(activity, { authorization: `Bearer ${token}` });
  expect(response.status).toBe(200);
  const [answer] = await t.connector.waitFor('reply');
  return shownText(answer as ConnectorCall);
}

describe('with MicrosoftAppId set, an attached file', () => {
  it.each([
    ['an https URL on 127.0.0.1', () => `https://127.0.0.1:${filePort}/minutes.docx`],
    ['an https URL on localhost', () => `https://localhost:${filePort}/minutes.docx`],
    ['an IPv4-mapped IPv6 loopback address', () => `https://[::ffff:127.0.0.1]:${filePort}/minutes.docx`],
    ['0.0.0.0, which reaches this machine', () => `https://0.0.0.0:${filePort}/minutes.docx`],
    ['the cloud metadata address', () => 'https://169.254.169.254/latest/meta-data/'],
    ['plain http on a SharePoint host', () => 'http://contoso-my.sharepoint.com/personal/minutes.docx'],
  ])('on %s is not fetched, and the user is told why', async (_what, url) => {
    const answer = await importFrom(url());
    expect(connections).toBe(0);
    expect(t.connector.callsOf('file')).toEqual([]);
    expect(answer).toMatch(
      /I did not open that file: Arising opens only files that Teams keeps in OneDrive or SharePoint, and that link points elsewhere\. Send the file to Arising in a personal chat, or paste the minutes/,
    );
  });
});
