/**
 * "Declan Mooney reported that …", "proposed by Yusuf Karim": minutes without a named attendance list
 * ("Present: 14 members") still name their people in full where they speak or move something. Those
 * names are people, so a later "It was agreed that Declan would …" is Declan's commitment. Only a
 * first name and surname right before a verb of speaking or acting (or after "proposed/seconded by")
 * count; "The Highland Council reported" (an organisation, after "the") does not.
 */
import type { PeopleIndex } from './owners-in-minutes';

const FULL_NAME = String.raw`(\p{Lu}\p{Ll}{1,20}) (\p{Lu}[\p{Ll}'’]{1,20}(?:-\p{Lu}\p{Ll}{1,20})?)`;
const SPEAKS = new RegExp(
  `${FULL_NAME},? (?:reported|said|presented|proposed|seconded|explained|confirmed|noted|asked|agreed|undertook|volunteered|offered|raised|suggested|advised|informed|thanked|stated|introduced|updated|outlined|reminded)\\b`,
  'gu',
);
const MOVED_BY = new RegExp(`\\b(?:proposed|seconded|moved|chaired) by ${FULL_NAME}(?![\\p{L}])`, 'gu');
/** What comes before an organisation's name ("The Highland Council"), or inside a word ("McDonald"). */
const AFTER_THE = /(?:\b(?:the|of|and) |\p{L})$/iu;
/** Words of organisations' names, never a person's. */
const NOT_PERSON =
  /^(?:Council|Committee|Board|Group|Trust|Team|Police|Office|Department|Services?|Association|Society|Company|Ltd|Club|Church|School|Authority|Agency|Partnership|Network|Forum|Federation|Union|Institute|College|University|Hospital|Foundation|Fund|Bank|Centre|Center|Party)$/;

/** Adds the people the prose names in full to `people` (their first names and surnames). */
export function addPeopleInProse(text: string, people: PeopleIndex): void {
  for (const re of [SPEAKS, MOVED_BY]) {
    for (const m of text.matchAll(re)) {
      const first = m[1] ?? '';
      const last = m[2] ?? '';
      if (!first || !last || NOT_PERSON.test(first) || NOT_PERSON.test(last)) continue;
      if (re === SPEAKS && AFTER_THE.test(text.slice(Math.max(0, (m.index ?? 0) - 5), m.index))) continue;
      people.surnames.add(first);
      people.surnames.add(last);
    }
  }
}
