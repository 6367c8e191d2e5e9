/**
 * Issue 11, finding 4, the other half: reading minutes must not stall other users. The service reads an
 * imported document in a worker thread, so while a large document is being read another person's
 * command is answered first; and a document that reads for longer than the limit is refused with a
 * message that says so, nothing stored, the service still answering. No assertion here is on a time:
 * only on which answer comes first, and on what the answers say.
 */
import { type ConnectorCall, shownText } from '../support/fake-bot-connector';
import {
  CHAIR,
  installPersonal,
  PRIYA,
  personalChatId,
  personalMessage,
  startTeamsService,
  TENANT,
  type TeamsService,
} from '../support/teams-service';

/** Minutes of about 190,000 characters (near the 200,000 a pasted import may have): many actions. */
function largeMinutes(): string {
  const lines = ['Minutes of the Finance Committee held on Tuesday 23 June 2026', ''];
  for (let item = 1; lines.join('\n').length < 190_000; item++) {
    lines.push(`${item}. Budget line ${item}`, '');
    lines.push(
      `The committee discussed budget line ${item} and the variance shown in the appendix at length.`,
    );
    lines.push(`Action: Clerk to check line ${item} against the ledger by 31 July 2026.`, '');
  }
  return lines.join('\n');
}

describe('a large document being read', () => {
  let t: TeamsService;
  beforeAll(async () => {
    t = await startTeamsService({ now: '2026-07-01T09:00:00Z' });
    await t.post(installPersonal(t, CHAIR));
    await t.post(installPersonal(t, PRIYA));
    t.connector.reset();
  });
  afterAll(() => t.stop());

  /** How many activities the service has claimed (each activity's id is claimed once, on arrival). */
  const claims = async (): Promise<number> => (await t.redis.redis.keys(`${t.redis.prefix}:once:*`)).length;

  it('holds up no one else: a command sent after it is answered before it', async () => {
    const claimed = await claims();
    const importing = t.post(personalMessage(t, CHAIR, `import\n${largeMinutes()}`));
    // Once the service has taken the import in (claimed its activity), another person asks for their
    // list. The test runs in the service's process: were the minutes read on its event loop, this
    // request could not even be sent until they had been read.
    while ((await claims()) === claimed) await new Promise((resolve) => setTimeout(resolve, 5));
    const listing = t.post(personalMessage(t, PRIYA, 'list'));
    expect((await listing).status).toBe(200);
    expect((await importing).status).toBe(200);

    const replies = await t.connector.waitFor('reply', 2, 60_000);
    expect(replies.map((r) => r.conversation)).toEqual([personalChatId(PRIYA), personalChatId(CHAIR)]);
    expect(shownText(replies[1] as ConnectorCall)).toMatch(/Found \d+ actions in Finance Committee/);
  }, 90_000);
});

describe('a document that reads for longer than the limit', () => {
  let t: TeamsService;
  beforeAll(async () => {
    // A limit no document can meet, standing in for a document that reads for hours.
    t = await startTeamsService({ now: '2026-07-01T09:00:00Z', minutesTimeLimitMs: 1 });
    await t.post(installPersonal(t, CHAIR));
    t.connector.reset();
  });
  afterAll(() => t.stop());

  it('is refused with a message saying so, nothing is stored, and the service still answers', async () => {
    await t.post(personalMessage(t, CHAIR, 'import\nAction: Clerk to book the hall by 31 July 2026.'));
    const [answer] = await t.connector.waitFor('reply', 1, 30_000);
    expect(shownText(answer as ConnectorCall)).toMatch(
      /This document took too long to read \(over 0 seconds\), so nothing was imported/,
    );
    const personal = { platform: 'teams' as const, team: TENANT, channel: personalChatId(CHAIR) };
    expect(await t.store.list(personal, 'all')).toEqual([]);
    t.connector.reset();
    await t.post(personalMessage(t, CHAIR, 'help'));
    expect(await t.connector.waitFor('reply')).toHaveLength(1);
  }, 60_000);
});
