/**
 * Owners written as initials the minutes define: shown with the name, flagged with it when no one in the
 * channel answers to them, and resolved only through an alias that is unmistakably that person (the
 * initials themselves, or the full name), never through a first name or, the other way, through
 * initials another document may have used for someone else.
 */
import type { Owner } from '../../src/core/domain';
import { matchLines } from '../../src/core/import/import-matching';
import { aliasFor, aliasSpelling, ownerLabel, unknownOwners } from '../../src/core/import/owner-names';
import { storedAction } from '../support/action-fixtures';

const INITIALS = { FE: 'Fred Eglington', JS: 'Jane Smith' };

describe('how an owner is shown', () => {
  it('gives defined initials their name, however the dots are written', () => {
    expect(ownerLabel('FE', INITIALS)).toBe('FE (Fred Eglington)');
    expect(ownerLabel('F.E.', INITIALS)).toBe('F.E. (Fred Eglington)');
    expect(ownerLabel('@FE', INITIALS)).toBe('FE (Fred Eglington)');
  });

  it('leaves anything else as written', () => {
    expect(ownerLabel('Clerk', INITIALS)).toBe('Clerk');
    expect(ownerLabel('fe', INITIALS)).toBe('fe');
    expect(ownerLabel('FE', {})).toBe('FE');
  });
});

describe('which alias an owner resolves to', () => {
  it('uses an alias of the initials first, as before', () => {
    const aliases = { fe: ['U_FIONA'], 'Fred Eglington': ['U_FRED'] };
    expect(aliasFor('FE', aliases, INITIALS)).toBe('fe');
  });

  it('uses the alias of the full name the initials stand for, however the alias joins the names', () => {
    expect(aliasFor('FE', { fred_eglington: ['U_FRED'] }, INITIALS)).toBe('fred_eglington');
    expect(aliasFor('FE', { 'Fred.Eglington': ['U_FRED'] }, INITIALS)).toBe('Fred.Eglington');
    expect(aliasFor('FE', { FredEglington: ['U_FRED'] }, INITIALS)).toBe('FredEglington');
  });

  it('does not guess: not a first name, not an unmapped alias, not initials the minutes do not define', () => {
    expect(aliasFor('FE', { fred: ['U_FRED'] }, INITIALS)).toBeNull();
    expect(aliasFor('FE', { Fred_Eglington: [] }, INITIALS)).toBeNull();
    expect(aliasFor('FE', { Fred_Eglington: ['U_FRED'] }, {})).toBeNull();
  });

  it('does not map a written full name through an alias of initials', () => {
    expect(aliasFor('Fred Eglington', { FE: ['U_FIONA'] }, INITIALS)).toBeNull();
  });
});

describe('owners no one answers to', () => {
  it('carry the name their initials stand for, once each', () => {
    const owners = ['FE', 'Clerk', 'F.E.', 'JS', '<@U1>'];
    expect(unknownOwners(owners, { Clerk: ['U_CLERK'] }, INITIALS)).toEqual([
      { written: 'FE', alias: 'FE', name: 'Fred Eglington' },
      { written: 'F.E.', alias: 'F.E.', name: 'Fred Eglington' },
      { written: 'JS', alias: 'JS', name: 'Jane Smith' },
    ]);
  });

  it('leave out initials whose full name is an alias mapped to someone', () => {
    expect(unknownOwners(['FE', 'JS'], { Fred_Eglington: ['U_FRED'] }, INITIALS)).toEqual([
      { written: 'JS', alias: 'JS', name: 'Jane Smith' },
    ]);
  });

  it('are mapped with a command the `owner` command accepts, one word', () => {
    expect(unknownOwners(['Cllr Smith', "Pat O'Brien"], {})).toEqual([
      { written: 'Cllr Smith', alias: 'Cllr_Smith', name: null },
      { written: "Pat O'Brien", alias: 'Pat_OBrien', name: null },
    ]);
    expect(aliasSpelling('@R&D')).toBe('R&D');
  });

  it('are known once that one word is mapped', () => {
    expect(unknownOwners(['Cllr Smith'], { Cllr_Smith: ['U_SMITH'] })).toEqual([]);
    expect(aliasFor('Cllr Smith', { 'cllr.smith': [] }, {})).toBe('cllr.smith');
  });
});

describe('matching a report to an earlier action', () => {
  const owner: Owner = { kind: 'alias', name: 'Fred_Eglington' };
  const earlier = storedAction({
    number: 4,
    owners: [owner],
    text: 'obtain three quotes for resurfacing the car park',
    due: null,
    raisedBy: 'U_SEC',
    createdAt: '2026-01-10T10:00:00.000Z',
    updatedAt: '2026-01-10T10:00:00.000Z',
  });
  const report = {
    agendaItem: null,
    agendaTitle: null,
    owners: ['FE'],
    text: 'obtained three quotes for resurfacing the car park',
    due: null,
    status: 'done' as const,
  };

  it('finds the action of the full name through the initials the minutes define', () => {
    const aliases = { Fred_Eglington: ['U_FRED'] };
    expect(matchLines([report], [earlier], aliases, INITIALS)[0]?.number).toBe(4);
    expect(matchLines([report], [earlier], aliases, {})[0]).toBeNull();
  });
});
