/**
 * Two meetings of one committee, for the end-to-end tests of imports that update (Slack, Teams, console):
 * the first raises two actions; the later one reports the first done, repeats the second, raises a new
 * one for an owner written as initials its attendance list defines.
 */
export const FIRST = `Minutes of the Parks Committee held on Tuesday 23 June 2026

Present: Fred Eglington (FE), Jane Smith (JS), the Clerk.

1. Playground
Action: Clerk to obtain three quotes for new swings by 20 July.
Action: Treasurer to publish the grant accounts.
`;

export const LATER = `Minutes of the Parks Committee held on Tuesday 21 July 2026

Present: Fred Eglington (FE), Jane Smith (JS), the Clerk.

1. Matters arising
Clerk to obtain three quotes for new swings – done.

2. Grants
Action: Treasurer to publish the grant accounts.
Action: FE to repaint the bandstand railings.
`;
