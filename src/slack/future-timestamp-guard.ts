/**
 * Refuses Slack requests stamped more than five minutes in the future. Bolt's signature check refuses
 * stale timestamps (a replay) but accepts any later one, so a request signed with a timestamp far ahead
 * would stay replayable until then. Runs before Bolt on `/slack/events`; the clock is injected.
 */
import type { RequestHandler } from 'express';

const MAX_SKEW_SECONDS = 5 * 60;

export function futureTimestampGuard(now: () => Date): RequestHandler {
  return (req, res, next) => {
    const stamp = Number(req.header('x-slack-request-timestamp'));
    if (Number.isFinite(stamp) && stamp - Math.floor(now().getTime() / 1000) > MAX_SKEW_SECONDS) {
      res.status(401).json({ error: 'The request timestamp is in the future' });
      return;
    }
    next();
  };
}
