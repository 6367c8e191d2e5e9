import { extractMinutes } from '../../src/core/minutes/minutes-extractor';

/** Owner and task of every action, for compact assertions. */
const pairs = (text: string): Array<[string, string]> =>
  extractMinutes(text).actions.map((a) => [a.owners.join('/'), a.text]);

describe('commitments in reported speech and in scribes’ logs', () => {
  it('reads a speaker taking a task in the first person, beside the actions the scribe marked', () => {
    const log = [
      '# Architecture group call, 20 March 2018',
      '',
      'Present: Priya, Tomas, Inge',
      '',
      '## Image decoding',
      '',
      'Tomas: I can see why the spec is vague here.',
      '',
      'Priya: I will draft the explainer.',
      '',
      'Inge: the registry needs wording. I’ll write that text.',
      '',
      'ACTION: Priya to draft the explainer.',
      'ACTION: Tomas to file the issue upstream.',
    ].join('\n');
    expect(pairs(log)).toEqual([
      ['Inge', 'write that text.'],
      ['Priya', 'draft the explainer.'],
      ['Tomas', 'file the issue upstream.'],
    ]);
  });

  it('reads "advised that she would be contacting", "agreed by X to" and "X would contact" for named people', () => {
    const minutes = [
      'Quarry Liaison Committee, 5 July 2006',
      '',
      '3. Dust',
      'Helen Moss advised that she would be contacting the health authority about the dust.',
      'It was agreed by Mr Hart to supply the blasting dates to the newsletter.',
      'Mr Lionel Hart would again contact Head Office to get an answer.',
      'The Parish Council would benefit from a new noticeboard.',
      'Mrs Jones would prefer meetings on Tuesdays.',
      'The figures would be available at the next meeting.',
    ].join('\n');
    expect(pairs(minutes)).toEqual([
      ['Helen Moss', 'be contacting the health authority about the dust.'],
      ['Mr Hart', 'supply the blasting dates to the newsletter.'],
      ['Mr Lionel Hart', 'contact Head Office to get an answer.'],
    ]);
  });

  it('splits "A to do this and B to do that" into two actions, but keeps "ask Smith and Jones to reply" whole', () => {
    const minutes = [
      'Parish council meeting, 8 July 2014',
      'Present: Cllr Rose Lee (RL), Cllr Nick Cole (NC)',
      '',
      '11.1 RL to check the number of lamp posts and NC to check with the insurers whether we are covered. Prop JB, 2nd DD.',
      '11.2 The Clerk will ask Smith and Jones to reply.',
    ].join('\n');
    expect(pairs(minutes)).toEqual([
      ['RL', 'check the number of lamp posts'],
      ['NC', 'check with the insurers whether we are covered.'],
      ['Clerk', 'ask Smith and Jones to reply.'],
    ]);
  });

  it('finds an action in brackets inside a report, and nothing in a bracket that is no action', () => {
    const minutes = [
      'Parish council meeting, 8 July 2014',
      '',
      '15.1 Cllr Storey reported on funding for village shops (Clerk to pass this on to the village shop), and on school transport (a matter for the county council).',
    ].join('\n');
    expect(pairs(minutes)).toEqual([['Clerk', 'pass this on to the village shop']]);
  });

  it('reads new commitments made in matters arising, but not its reports of what was done', () => {
    const minutes = [
      'Liaison committee, 5 July 2006',
      '',
      '2. Matters arising',
      'The Clerk had written to Highways about the verge and a reply was received.',
      'Mrs Dale reported that the permit had been issued. Mrs Dale advised that she would be contacting the health authority about the dust.',
      '',
      '3. Any other business',
      'None.',
    ].join('\n');
    expect(pairs(minutes)).toEqual([['Mrs Dale', 'be contacting the health authority about the dust.']]);
  });

  it('reads "He agreed to …" with the person named before it, and not across a title of the other sex or no one', () => {
    const minutes = [
      'Liaison committee, 5 July 2006',
      '',
      '1. Emissions',
      'Mr Hart reported the annual test results. He agreed to circulate them before the next meeting.',
      'Mrs Dale reported on the permit. He will ask about the noise.',
      '',
      '2. Hall',
      'The hall was busy in June. She will check the boiler.',
    ].join('\n');
    expect(pairs(minutes)).toEqual([['Mr Hart', 'circulate them before the next meeting.']]);
  });

  it('knows every member of a long attendance list as a person, and none of the prose after it', () => {
    const names = Array.from(
      { length: 20 },
      (_, i) => `* Member${String.fromCharCode(65 + i)}x Surname${i} (Org)`,
    );
    const minutes = [
      'Working group interim, 30 January 2013',
      '',
      'Attendees',
      '',
      ...names,
      '* Tara Quinn (Acme)',
      '',
      'Catering by Acme Foods.',
      '',
      'Discussion',
      '----------',
      'Tara will send a proposal to the list.',
      'Acme will arrange the dinner.',
    ].join('\n');
    expect(pairs(minutes)).toEqual([['Tara', 'send a proposal to the list.']]);
  });
});
