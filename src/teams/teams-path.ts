/**
 * Where Teams posts activities, in a module of its own: the service names it when Teams is off (in the
 * start-up log) without loading teams-app.ts and botbuilder with it (src/app/platform-modules.ts).
 */
export const TEAMS_PATH = '/api/messages';

/** Said at start when Teams is not served (TeamsConfig.mode `off`). */
export const TEAMS_DISABLED = `Teams disabled: MicrosoftAppId is not set and TEAMS_EMULATOR is off, so POST ${TEAMS_PATH} answers 404`;
