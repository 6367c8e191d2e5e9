/**
 * Acknowledges a modal closed with Cancel or ×. Slack sends `view_closed` for a modal opened with
 * notify_on_close; none of Arising's forms asks for it, but a payload can still arrive (another app's
 * manifest settings, an old form, a forged request), and with no listener for it Bolt reports an unhandled
 * request and Slack sees no answer. Closing a form changes nothing, so the listener only answers.
 */
import type { App } from '@slack/bolt';
import type { Logger } from '../core/logger';

export function ackClosedViews(app: App, logger: Logger): void {
  app.view({ type: 'view_closed' }, async ({ ack, view }) => {
    await ack();
    logger.debug(`A form was closed without saving (${view.callback_id || 'no callback id'})`);
  });
}
