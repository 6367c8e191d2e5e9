/**
 * What differs between Slack, Teams and the console in how Arising talks, as data: the core looks these up
 * by platform instead of testing `platform === 'slack'` here and there, and each platform gets its own
 * words (the console no longer shows Slack's "pick each person from the @ menu").
 */
import type { Platform } from '../domain';

export interface PlatformTraits {
  /** Messages only one person sees exist (Slack's ephemeral messages, the console's private answers). */
  hasEphemeral: boolean;
  /** What goes before a subcommand in a channel: `/action `, `@Arising `, or nothing in the console. */
  commandPrefix: string;
  /** What help says about how commands and replies reach Arising on this platform. */
  helpNote: string;
  /** The help command as the user types it where a reply reached no action. */
  helpCommand: string;
  /** How to make a name a mention, ending with the example given. */
  pickPerson(example: string): string;
  /** Said when the bot may not post in the conversation: how to let it in. */
  cannotPostHere: string;
  /** How to import minutes where the platform has no form to paste them into; null where it has one. */
  importHow: string | null;
  /** Told to an owner reminded in the channel because the bot could not message them; '' for none. */
  personalInstallHint: string;
}

/**
 * Slack's traits for a slash command's name (SLACK_COMMAND, `/action` by default): every text that tells a
 * Slack user what to type names the command the workspace really has.
 */
function slackTraits(command: string): PlatformTraits {
  return {
    hasEphemeral: true,
    commandPrefix: `${command} `,
    helpNote:
      `Reply \`done\` in the thread of an action to close it. In a channel, \`@Arising list\` works as \`${command} list\` ` +
      `does; in a direct message with Arising, leave out ${command}.`,
    helpCommand: `${command} help`,
    pickPerson: (example) => `Pick each person from the @ menu so they become mentions, like ${example}.`,
    cannotPostHere:
      'Arising is not a member of this channel, so it cannot post here. Invite it with `/invite @Arising`, then try again.',
    importHow: null,
    personalInstallHint: '',
  };
}

const TEAMS: PlatformTraits = {
  hasEphemeral: false,
  commandPrefix: '@Arising ',
  helpNote:
    'In a personal chat with Arising, leave out @Arising. Reply `done` in the thread of an action’s card to ' +
    'close it; where Arising cannot read replies (a group chat, or a team that did not grant it the ' +
    'permission to read channel messages), press Done on the card instead.',
  helpCommand: 'help',
  pickPerson: (example) =>
    `Type @ and pick each person from the list Teams offers so they become mentions, like ${example}.`,
  cannotPostHere:
    'Arising cannot post in this conversation: make sure the app is added to the team or chat, then try again.',
  importHow:
    'To import minutes, write `import` and paste the minutes after it in the same message, or attach the ' +
    'minutes (.docx, .pdf, .md or .txt) to a message saying `import` in your personal chat with Arising. ' +
    'I show what I found, with Import and Cancel, before anything is stored.',
  personalInstallHint:
    ' To get reminders in a personal chat, add the Arising app for yourself: Apps, search for Arising, Add.',
};

const CONSOLE: PlatformTraits = {
  hasEphemeral: true,
  commandPrefix: '',
  helpNote: 'Reply `done` in the thread of an action to close it.',
  helpCommand: 'help',
  pickPerson: (example) =>
    `Write each person as @ and their name as the person switch shows it (@Chris, @Priya, @Sam), like ${example}.`,
  cannotPostHere: 'Arising cannot post in this channel just now. Please try again in a moment.',
  importHow: null,
  personalInstallHint: '',
};

const TRAITS: Record<Platform, PlatformTraits> = {
  slack: slackTraits('/action'),
  teams: TEAMS,
  console: CONSOLE,
};

/**
 * Names the Slack slash command (SLACK_COMMAND) in everything the core says to Slack users. Called once by
 * the composition root at start, so the core itself never reads the configuration; one process serves
 * one Slack app, so one name holds for the whole process.
 */
export function nameSlackCommand(command: string): void {
  TRAITS.slack = slackTraits(command);
}

export function traitsOf(platform: Platform): PlatformTraits {
  return TRAITS[platform];
}
