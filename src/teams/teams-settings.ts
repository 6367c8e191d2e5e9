/**
 * What the Teams adapter is told of the configuration: the composition root hands it this slice, so the
 * adapter never reads the environment or src/config.ts (which builds it from MicrosoftAppId and friends).
 */

export type MicrosoftAppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

/**
 * How Teams is served: `verified` (MicrosoftAppId set: every activity's token is checked), `emulator`
 * (TEAMS_EMULATOR=on: unauthenticated, only loopback service URLs and files), or `off` (neither:
 * `/api/messages` answers 404 and nothing is sent to Teams).
 */
export type TeamsMode = 'verified' | 'emulator' | 'off';

export interface TeamsSettings {
  mode: TeamsMode;
  /** Null without credentials (mode `emulator` or `off`). */
  appId: string | null;
  appPassword: string | null;
  appType: MicrosoftAppType;
  tenantId: string | null;
  /**
   * Where the keys that sign the channel's tokens are published (botbuilder's
   * ToBotFromChannelOpenIdMetadataUrl). Unset, as loadConfig leaves it: the public Azure cloud's,
   * https://login.botframework.com/v1/.well-known/openidconfiguration. No environment variable sets it:
   * it exists for tests, which serve their own key on loopback and sign their own tokens, and for an
   * embedding that publishes a copy of the keys (a sovereign cloud would need its issuer and login URL
   * too, which this does not change). The token's issuer must still be https://api.botframework.com.
   */
  openIdMetadataUrl?: string;
}
