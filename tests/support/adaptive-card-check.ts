/**
 * Validates Adaptive Card JSON with Microsoft's own `adaptivecards` library (its dist bundle loads in Node;
 * the package's ES module build does not). A card passes when parsing reports nothing (unknown element or
 * action types, invalid property values), validation reports nothing (duplicate input ids, unsupported
 * versions) and its version is 1.5 or lower, as Teams renders.
 */
import type * as AdaptiveCards from 'adaptivecards';

const AC = require('adaptivecards/dist/adaptivecards.js') as typeof AdaptiveCards;

/** Every problem the library finds in the card, as readable lines; empty when the card is valid. */
export function cardProblems(json: unknown): string[] {
  const problems: string[] = [];
  if (typeof json !== 'object' || json === null) return ['not an object'];
  const card = json as { type?: unknown; version?: unknown };
  if (card.type !== 'AdaptiveCard') problems.push(`type is ${String(card.type)}, not AdaptiveCard`);
  const version = typeof card.version === 'string' ? Number(card.version) : Number.NaN;
  if (!(version >= 1 && version <= 1.5)) problems.push(`version ${String(card.version)} is not 1.0–1.5`);
  const parsed = new AC.AdaptiveCard();
  const context = new AC.SerializationContext();
  parsed.parse(json, context);
  for (let i = 0; i < context.eventCount; i++) problems.push(`parse: ${context.getEventAt(i).message}`);
  for (const event of parsed.validateProperties().validationEvents) {
    problems.push(`validate: ${event.message}`);
  }
  return problems;
}
