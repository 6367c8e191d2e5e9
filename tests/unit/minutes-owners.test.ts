import { readExplicitAction, readOwnerFirst } from '../../src/core/minutes/action-sentence';
import {
  emptyPeople,
  indexPeople,
  parseOwners,
  resolvePronoun,
} from '../../src/core/minutes/owners-in-minutes';

const people = emptyPeople();

describe('owners as minutes write them', () => {
  it('keeps initials, names, roles and organisations as written, without "the", and handles with their "@"', () => {
    expect(parseOwners('FE', 'explicit', people)).toEqual(['FE']);
    expect(parseOwners('K. Kaiser', 'explicit', people)).toEqual(['K. Kaiser']);
    expect(parseOwners('Cllr. A. Jenkinson', 'explicit', people)).toEqual(['Cllr. A. Jenkinson']);
    expect(parseOwners('the Clerk', 'explicit', people)).toEqual(['Clerk']);
    expect(parseOwners('WYP', 'explicit', people)).toEqual(['WYP']);
    expect(parseOwners('@priya', 'explicit', people)).toEqual(['@priya']);
  });

  it('splits several owners: WYP/DMPC, "A and B", "Councillor / Clerk", lists with commas', () => {
    expect(parseOwners('WYP/DMPC', 'explicit', people)).toEqual(['WYP', 'DMPC']);
    expect(parseOwners('D. Goodger and P. Campbell', 'narrative', people)).toEqual([
      'D. Goodger',
      'P. Campbell',
    ]);
    expect(parseOwners('Councillor / Clerk', 'explicit', people)).toEqual(['Councillor', 'Clerk']);
    expect(parseOwners('Ana, Ben & Chloe', 'explicit', people)).toEqual(['Ana', 'Ben', 'Chloe']);
  });

  it('takes a named team or committee as one owner in an action line', () => {
    expect(readExplicitAction('QA team to check the installer images', people)).toEqual({
      owners: ['QA team'],
      text: 'check the installer images',
    });
    expect(parseOwners('Finance committee', 'narrative', people)).toBeNull();
  });

  it('takes a role "of" something as one owner, even in prose', () => {
    expect(parseOwners('the Director of Estates', 'narrative', people)).toEqual(['Director of Estates']);
    expect(parseOwners('Head of Finance and the Clerk', 'narrative', people)).toEqual([
      'Head of Finance',
      'Clerk',
    ]);
  });

  it('refuses words that are not owners', () => {
    expect(parseOwners('Payment', 'explicit', people)).toBeNull();
    expect(parseOwners('the report', 'explicit', people)).toBeNull();
    expect(parseOwners('It', 'narrative', people)).toBeNull();
  });

  it('is stricter in prose: no committees, no organisations after "the", no unknown single names', () => {
    expect(parseOwners('The Board', 'narrative', people)).toBeNull();
    expect(parseOwners('The Mayor/DMPC', 'narrative', people)).toBeNull();
    expect(parseOwners('Campbell', 'narrative', people)).toBeNull();
    expect(parseOwners('Campbell', 'narrative', indexPeople('Present: P. Campbell (Administrator)'))).toEqual(
      ['Campbell'],
    );
  });

  it('accepts an IRC nick in an action line unless it is a verb that comes before "to"', () => {
    expect(readExplicitAction('pbrobinson to send the patch', people)).toEqual({
      owners: ['pbrobinson'],
      text: 'send the patch',
    });
    expect(readExplicitAction('continue to monitor the flaky test', people)).toEqual({
      owners: [],
      text: 'continue to monitor the flaky test',
    });
  });
});

describe('owner and task of an action sentence', () => {
  it('takes the task without its owner and without the leading "to"', () => {
    expect(readExplicitAction('Clerk to email Highways ref footpath 6.', people)).toEqual({
      owners: ['Clerk'],
      text: 'email Highways ref footpath 6.',
    });
    expect(readExplicitAction('dgilmore will make a choice when making the keys', people)).toEqual({
      owners: ['dgilmore'],
      text: 'make a choice when making the keys',
    });
  });

  it('reads "@name: task", "Name – task" and an owner in brackets after the task', () => {
    expect(readExplicitAction('@sam: fix the build', people)).toEqual({
      owners: ['@sam'],
      text: 'fix the build',
    });
    expect(readExplicitAction('Treasurer – renew the insurance', people)).toEqual({
      owners: ['Treasurer'],
      text: 'renew the insurance',
    });
    expect(readExplicitAction('Book the hall for the AGM (JB)', people)).toEqual({
      owners: ['JB'],
      text: 'Book the hall for the AGM',
    });
  });

  it('names nobody for a passive task ("Payment to be approved …")', () => {
    expect(readExplicitAction('Payment to be approved at next meeting.', people)).toEqual({
      owners: [],
      text: 'Payment to be approved at next meeting.',
    });
  });

  it('in prose, does not take "will be", "will also be" or a collective body as a commitment', () => {
    expect(readOwnerFirst('The DMPC will also be working closely with the NPCC', people)).toBeNull();
    expect(readOwnerFirst('K. Kaiser will be away in March', people)).toBeNull();
    expect(readOwnerFirst('The Council will consider the budget', people)).toBeNull();
    expect(readOwnerFirst('S. Holden will reply to OBOOE', people)).toEqual({
      owners: ['S. Holden'],
      text: 'reply to OBOOE',
    });
  });

  it('resolves "he" to the last person named before it', () => {
    expect(
      resolvePronoun('It was agreed that the signs should be delivered to Cllr Jenkinson and that '),
    ).toBe('Cllr Jenkinson');
    expect(resolvePronoun('It was agreed that the signs should be delivered ')).toBeNull();
  });
});
