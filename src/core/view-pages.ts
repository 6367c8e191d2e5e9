/**
 * The page of a paged view (the Slack Home tab, "My actions") each person is on. It is kept by the
 * store, not by one process: a refresh published by a worker (an action gone overdue) or by another web
 * process must show the page the person chose with Next and Previous, not the first.
 */
export interface ViewPages {
  /** The page `userId` of `team` last chose; 0 when none is remembered. */
  pageOf(team: string, userId: string): Promise<number>;
  /** Remembers the page the person is on now (a page past the end is brought back by the view). */
  remember(team: string, userId: string, page: number): Promise<void>;
}
