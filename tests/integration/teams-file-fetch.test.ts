/**
 * src/teams/file-fetch.ts against real sockets on loopback: which URLs it refuses before connecting,
 * that the address a host name resolves to is checked when the connection is made (a SharePoint name
 * that a hostile DNS answers with 127.0.0.1 is refused, and the listener there sees no connection),
 * that a redirect is checked like the first URL, and that the size cap holds.
 */
import type { LookupAddress, lookup } from 'node:dns';
import { createServer as createHttpServer, type Server as HttpServer } from 'node:http';
import { type AddressInfo, createServer, type Server } from 'node:net';
import {
  FileRefused,
  FileTooLarge,
  FileUnavailable,
  fetchFile,
  fileUrlProblem,
} from '../../src/teams/file-fetch';

let counter: Server;
let counterPort = 0;
let connections = 0;
let files: HttpServer;
let filesUrl = '';

beforeAll(async () => {
  counter = createServer((socket) => {
    connections++;
    socket.destroy();
  });
  await new Promise<void>((resolve) => counter.listen(0, '127.0.0.1', resolve));
  counterPort = (counter.address() as AddressInfo).port;
  files = createHttpServer((req, res) => {
    if (req.url === '/minutes.txt') res.end('Minutes\n1. Priya to send the data.');
    else if (req.url === '/big') res.end(Buffer.alloc(2048, 'x'));
    else if (req.url === '/away') res.writeHead(302, { location: `http://0.0.0.0:${counterPort}/x` }).end();
    else res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
  filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => counter.close(() => resolve()));
  await new Promise<void>((resolve) => files.close(() => resolve()));
});

beforeEach(() => {
  connections = 0;
});

const limits = { maxBytes: 1024, timeoutMs: 5000 };

/** A resolver that answers every name with `address`, as a DNS under an attacker's control could. */
function answering(address: string): typeof lookup {
  const family = address.includes(':') ? 6 : 4;
  const resolve = (_host: string, _options: unknown, callback: (e: null, a: LookupAddress[]) => void) =>
    callback(null, [{ address, family }]);
  return resolve as unknown as typeof lookup;
}

describe('with credentials (bot-framework source)', () => {
  it.each([
    ['http://contoso-my.sharepoint.com/a.docx', 'http: is not https'],
    ['https://127.0.0.1/a.docx', '127.0.0.1 is an IP address, not a host Teams keeps files on'],
    ['https://[::1]/a.docx', '::1 is an IP address, not a host Teams keeps files on'],
    ['https://example.org/a.docx', 'example.org is not a host Teams keeps files on'],
    [
      'https://sharepoint.com.example.org/a.docx',
      'sharepoint.com.example.org is not a host Teams keeps files on',
    ],
    ['https://evilsharepoint.com/a.docx', 'evilsharepoint.com is not a host Teams keeps files on'],
  ])('refuses %s before connecting: %s', (url, problem) => {
    expect(fileUrlProblem(new URL(url), 'bot-framework')).toBe(problem);
  });

  it.each([
    'https://contoso-my.sharepoint.com/personal/chair/Documents/minutes.docx',
    'https://smba.trafficmanager.net/amer/v3/attachments/0-eus-d1/views/original',
  ])('allows %s', (url) => {
    expect(fileUrlProblem(new URL(url), 'bot-framework')).toBeNull();
  });

  it.each([
    ['127.0.0.1', /resolves to 127\.0\.0\.1, which is not public/],
    ['10.1.2.3', /resolves to 10\.1\.2\.3, which is not public/],
    ['169.254.169.254', /resolves to 169\.254\.169\.254, which is not public/],
    ['fd00::2', /resolves to fd00::2, which is not public/],
  ])('refuses a Teams host that resolves to %s when connecting', async (address, reason) => {
    const url = `https://contoso-my.sharepoint.com:${counterPort}/minutes.docx`;
    const fetching = fetchFile(url, 'bot-framework', { ...limits, resolve: answering(address) });
    await expect(fetching).rejects.toThrow(FileRefused);
    await expect(fetching).rejects.toThrow(reason);
    expect(connections).toBe(0);
  });
});

describe('with TEAMS_EMULATOR=on (loopback source)', () => {
  it('fetches from loopback', async () => {
    const bytes = await fetchFile(`${filesUrl}/minutes.txt`, 'loopback', limits);
    expect(bytes.toString()).toContain('Priya to send the data');
  });

  it.each(['http://0.0.0.0:1/x', 'http://192.0.2.2/x', 'http://example.org/x', 'file:///etc/passwd'])(
    'refuses %s',
    async (url) => {
      await expect(fetchFile(url, 'loopback', limits)).rejects.toThrow(FileRefused);
    },
  );

  it('refuses localhost when it resolves elsewhere, without connecting', async () => {
    const url = `http://localhost:${counterPort}/x`;
    const fetching = fetchFile(url, 'loopback', { ...limits, resolve: answering('192.0.2.2') });
    await expect(fetching).rejects.toThrow(/resolves to 192\.0\.2\.2, which is not loopback/);
    expect(connections).toBe(0);
  });

  it('checks a redirect like the first URL: a redirect to 0.0.0.0 is not followed', async () => {
    await expect(fetchFile(`${filesUrl}/away`, 'loopback', limits)).rejects.toThrow(
      /0\.0\.0\.0 is not a loopback address/,
    );
    expect(connections).toBe(0);
  });

  it('stops at the size cap and says an error status is unavailable', async () => {
    await expect(fetchFile(`${filesUrl}/big`, 'loopback', limits)).rejects.toThrow(FileTooLarge);
    await expect(fetchFile(`${filesUrl}/missing`, 'loopback', limits)).rejects.toThrow(FileUnavailable);
  });
});
