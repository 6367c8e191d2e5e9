/**
 * A `view_closed` payload (a form closed with Cancel or ×, when Slack is asked to say so) over HTTP is
 * answered 200 at once, changes nothing and leaves the listeners working.
 */
import { slashCommand, viewSubmission } from '../support/slack-signing';
import { startTestService, type TestService } from '../support/start-server';

let t: TestService;

beforeAll(async () => {
  t = await startTestService({ now: '2026-07-01T09:00:00Z' });
});

afterAll(async () => {
  await t.stop();
});

/** A view_closed payload for one of Arising's forms, as Slack posts it. */
function viewClosed(): { body: string; contentType: 'application/x-www-form-urlencoded' } {
  const submission = viewSubmission(t.where, { callback_id: 'arising-input', private_metadata: '{}' }, {});
  const payload = JSON.parse(new URLSearchParams(submission.body).get('payload') ?? '{}') as object;
  return {
    body: new URLSearchParams({
      payload: JSON.stringify({ ...payload, type: 'view_closed', is_cleared: false }),
    }).toString(),
    contentType: 'application/x-www-form-urlencoded',
  };
}

describe('view_closed', () => {
  it('is answered 200 with an empty body, and the next command still works', async () => {
    t.slack.reset();
    const response = await t.send(viewClosed());
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('');
    expect(t.slack.calls).toHaveLength(0);
    await t.send(slashCommand(t.where, 'list', t.slack.responseUrl()));
    await t.slack.waitForCalls('response_url');
  });
});
