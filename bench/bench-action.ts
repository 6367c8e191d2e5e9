/**
 * The action every reminder benchmark reminds about: open, one owner, due at `dueAt`. One builder, so the
 * bare worker that posts a sample reminder and Arising's run carry the same payload.
 */
import type { ChannelRef, NewAction } from '../src/core/domain';

export function benchAction(channel: ChannelRef, ownerId: string, text: string, dueAt: Date): NewAction {
  const at = dueAt.toISOString();
  const now = new Date().toISOString();
  return {
    channel,
    owners: [{ kind: 'user', id: ownerId }],
    text,
    due: { at, date: at.slice(0, 10), time: at.slice(11, 16), nextMeeting: false },
    state: 'open',
    raisedBy: 'UBENCH',
    createdAt: now,
    updatedAt: now,
    closedBy: null,
    closedAt: null,
    closeNote: null,
    notes: [],
    meetingId: null,
    agendaItem: null,
    agendaTitle: null,
    message: null,
  };
}
