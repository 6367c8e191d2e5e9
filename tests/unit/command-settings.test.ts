import type { SettingChange } from '../../src/core/command';
import { parseCommand } from '../../src/core/command-parser';
import { parseClockTime, parseWeekday, parseWorkdays } from '../../src/core/command-settings';
import { UserError } from '../../src/core/errors';

function change(text: string): SettingChange {
  const command = parseCommand(text);
  if (command.kind !== 'settings') throw new Error(`expected a settings change, got ${command.kind}`);
  return command.change;
}

function expectRefused(text: string, ...fragments: string[]): void {
  let error: unknown;
  try {
    parseCommand(text);
  } catch (thrown) {
    error = thrown;
  }
  expect(error).toBeInstanceOf(UserError);
  expect((error as UserError).code).toBe('bad_setting');
  for (const fragment of fragments) expect((error as UserError).message).toContain(fragment);
}

describe('settings', () => {
  it('shows the settings when alone', () => {
    expect(parseCommand('settings')).toEqual({ kind: 'settings-show' });
    expect(parseCommand('SETTINGS  ')).toEqual({ kind: 'settings-show' });
  });

  it('refuses an unknown setting, quoting it and naming the settings', () => {
    expectRefused(
      'settings colour blue',
      '`colour`',
      'timezone, digest, reminders, workdays, holidays, chairs and checkin',
    );
  });

  it.each(['timezone', 'digest', 'reminders', 'workdays', 'holidays', 'chairs'])(
    'refuses `settings %s` without a value, showing the form',
    (key) => {
      expectRefused(`settings ${key}`, `\`settings ${key}\` needs a value`, `\`settings ${key} `);
    },
  );
});

describe('settings timezone', () => {
  it.each([
    'America/New_York',
    'Europe/London',
    'America/Argentina/Buenos_Aires',
    'Etc/GMT+5',
    'UTC',
    'America/Port-au-Prince',
  ])('takes %s as written', (zone) => {
    expect(change(`settings timezone ${zone}`)).toEqual({ key: 'timezone', zone });
  });

  it('accepts `tz` for short', () => {
    expect(change('settings tz Asia/Tokyo')).toEqual({ key: 'timezone', zone: 'Asia/Tokyo' });
  });

  it.each(['London', 'New York', 'Europe/', '/London', 'Europe/Lon don', '+05:00', 'Europe/London/x/y'])(
    'refuses %j, quoting it and showing the form',
    (zone) => {
      expectRefused(
        `settings timezone ${zone}`,
        `\`${zone}\` is not a time zone`,
        '`settings timezone Europe/London`',
      );
    },
  );
});

describe('settings digest', () => {
  it.each([
    ['monday 09:00', 1, '09:00'],
    ['Monday 9:00', 1, '09:00'],
    ['mon 9:00', 1, '09:00'],
    ['tue 17:30', 2, '17:30'],
    ['Tues 17.30', 2, '17:30'],
    ['wednesday at 0:05', 3, '00:05'],
    ['thurs 23:59', 4, '23:59'],
    ['fridays 9am', 5, '09:00'],
    ['sat 12 pm', 6, '12:00'],
    ['SUN 12:30am', 7, '00:30'],
  ])('%s is weekday %i at %s', (value, weekday, time) => {
    expect(change(`settings digest ${value}`)).toEqual({ key: 'digest', weekday, time });
  });

  it('turns it off', () => {
    expect(change('settings digest off')).toEqual({ key: 'digest-off' });
    expect(change('settings digest OFF')).toEqual({ key: 'digest-off' });
  });

  it.each([
    ['someday 09:00', '`someday` is not a day'],
    ['monday', 'needs a time'],
    ['monday 24:00', '`24:00` is not a time'],
    ['monday 9:60', '`9:60` is not a time'],
    ['monday 9', '`9` is not a time'],
    ['monday 13pm', '`13pm` is not a time'],
    ['monday noonish', '`noonish` is not a time'],
  ])('refuses %s, saying why and showing the form', (value, why) => {
    expectRefused(`settings digest ${value}`, why, '`settings digest monday 09:00`', '`settings digest off`');
  });
});

describe('settings reminders', () => {
  it('takes the contract example', () => {
    expect(change('settings reminders -2d 0 +1d')).toEqual({
      key: 'reminders',
      offsets: ['-2d', '0', '+1d'],
    });
  });

  it('takes hours and minutes, commas, and normalises the case and leading zeros', () => {
    expect(change('settings reminders -4h, -30m,+1D -05d +99m')).toEqual({
      key: 'reminders',
      offsets: ['-4h', '-30m', '+1d', '-5d', '+99m'],
    });
  });

  it('removes duplicates, keeping the order given', () => {
    expect(change('settings reminders +1d -2d 0 -2d +01d')).toEqual({
      key: 'reminders',
      offsets: ['+1d', '-2d', '0'],
    });
  });

  it('refuses an offset without a sign, suggesting both signs', () => {
    expectRefused('settings reminders -2d 2d', '`2d` is not a reminder offset', '`-2d`', '`+2d`');
  });

  it.each(['-0d', '+100d', '-2w', '-2', 'soon', '-2 d', '+-2d'])('refuses %j, showing the form', (offset) => {
    expectRefused(
      `settings reminders ${offset}`,
      'is not a reminder offset',
      '`settings reminders -2d 0 +1d`',
    );
  });

  it('refuses a list with no offsets', () => {
    expectRefused('settings reminders , ,', 'no reminder offsets');
  });
});

describe('settings workdays', () => {
  it.each([
    ['mon-fri', [1, 2, 3, 4, 5]],
    ['mon-sat', [1, 2, 3, 4, 5, 6]],
    ['mon,tue,thu', [1, 2, 4]],
    ['Mon, Tue, Thu', [1, 2, 4]],
    ['sun-thu', [1, 2, 3, 4, 7]],
    ['fri-mon', [1, 5, 6, 7]],
    ['monday–friday', [1, 2, 3, 4, 5]],
    ['wed', [3]],
    ['thu,mon-tue,tue', [1, 2, 4]],
  ])('%s is %j', (value, days) => {
    expect(change(`settings workdays ${value}`)).toEqual({ key: 'workdays', days });
  });

  it.each(['mon-', 'mon-fri-sat', 'weekdays', 'mon-funday'])(
    'refuses %s, quoting it and showing the form',
    (value) => {
      expectRefused(
        `settings workdays ${value}`,
        'is not a day or a range of days',
        '`settings workdays mon-fri`',
      );
    },
  );

  it('parseWorkdays and parseWeekday agree on ISO numbers', () => {
    expect(parseWorkdays('sat,sun')).toEqual([6, 7]);
    expect(parseWeekday('Sunday')).toBe(7);
    expect(parseWeekday('Mon.')).toBe(1);
    expect(parseWeekday('funday')).toBeUndefined();
  });
});

describe('settings holidays', () => {
  it.each([
    ['GB-ENG', 'GB-ENG'],
    ['gb-eng', 'GB-ENG'],
    ['US', 'US'],
    ['de-by', 'DE-BY'],
  ])('%s is region %s', (value, region) => {
    expect(change(`settings holidays ${value}`)).toEqual({ key: 'holidays', region });
  });

  it('`none` removes them', () => {
    expect(change('settings holidays none')).toEqual({ key: 'holidays', region: null });
  });

  it.each(['England', 'G', 'GB-ENGL', 'GB ENG', '12'])('refuses %j, showing the form', (value) => {
    expectRefused(
      `settings holidays ${value}`,
      `\`${value}\` is not a region code`,
      '`settings holidays GB-ENG`',
    );
  });
});

describe('settings chairs', () => {
  it('takes mentions', () => {
    expect(change('settings chairs <@U1|priya> and <@29:1abc-def>')).toEqual({
      key: 'chairs',
      userIds: ['U1', '29:1abc-def'],
    });
  });

  it('`none` removes them', () => {
    expect(change('settings chairs none')).toEqual({ key: 'chairs', userIds: [] });
  });

  it('refuses names, quoting them and showing the form', () => {
    expectRefused('settings chairs @priya', '`@priya`', '`settings chairs @priya @sam`');
  });

  it('refuses a list that names no one', () => {
    expectRefused('settings chairs , and', 'names no one');
  });
});

describe('parseClockTime', () => {
  it('normalises to HH:mm', () => {
    expect(parseClockTime('9:00')).toBe('09:00');
    expect(parseClockTime('12am')).toBe('00:00');
    expect(parseClockTime('12:15 p.m.')).toBe('12:15');
    expect(parseClockTime('00:00')).toBe('00:00');
  });

  it('gives nothing for what is no time', () => {
    expect(parseClockTime('0am')).toBeUndefined();
    expect(parseClockTime('23:5')).toBeUndefined();
    expect(parseClockTime('')).toBeUndefined();
  });
});
