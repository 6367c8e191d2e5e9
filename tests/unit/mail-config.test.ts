/**
 * SMTP_URL and MAIL_FROM as the service reads them at start: both or neither, an smtp(s) URL with a
 * host, a real sender address; every mistake a ConfigError that names the variable and shows the form,
 * and never the password in SMTP_URL.
 */
import { describeSmtp } from '../../src/app/mail-setup';
import { ConfigError, loadConfig } from '../../src/config';

function problemsOf(env: Record<string, string>): { variable: string; problem: string }[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('SMTP_URL and MAIL_FROM', () => {
  it('are read together, with the sender address found in a named From', () => {
    const config = loadConfig({ SMTP_URL: 'smtp://u:p@127.0.0.1:2525', MAIL_FROM: 'clerk@Parish.example' });
    expect(config.mail).toEqual({
      smtpUrl: 'smtp://u:p@127.0.0.1:2525',
      from: 'clerk@Parish.example',
      fromAddress: 'clerk@parish.example',
    });
  });

  it('leave mail off when neither is set', () => {
    expect(loadConfig({}).mail).toBeNull();
    expect(loadConfig({ SMTP_URL: ' ', MAIL_FROM: '' }).mail).toBeNull();
  });

  it('refuse one without the other, saying both are needed', () => {
    expect(problemsOf({ SMTP_URL: 'smtp://mail.example.org' })).toEqual([
      { variable: 'MAIL_FROM', problem: expect.stringContaining('is not set, but SMTP_URL is') },
    ]);
    expect(problemsOf({ MAIL_FROM: 'arising@example.org' })).toEqual([
      { variable: 'SMTP_URL', problem: expect.stringContaining('is not set, but MAIL_FROM is') },
    ]);
  });

  it('refuse a URL that is not smtp:// or smtps://, showing the right form and not the password', () => {
    const [problem] = problemsOf({ SMTP_URL: 'https://u:s3cret@mail.example.org', MAIL_FROM: 'a@b.org' });
    expect(problem?.variable).toBe('SMTP_URL');
    expect(problem?.problem).toContain('must start with smtp:// or smtps://');
    expect(problem?.problem).toContain('smtp://user:password@mail.example.org:587');
    expect(problem?.problem).not.toContain('s3cret');
    expect(problemsOf({ SMTP_URL: 'mail.example.org', MAIL_FROM: 'a@b.org' })[0]?.problem).toContain(
      'is not a URL',
    );
  });

  it('refuse a MAIL_FROM without an address in it', () => {
    expect(problemsOf({ SMTP_URL: 'smtp://mail.example.org', MAIL_FROM: 'Arising' })).toEqual([
      { variable: 'MAIL_FROM', problem: expect.stringContaining('must be an email address') },
    ]);
  });
});

describe('the start-up line about mail', () => {
  it('names the server and port, never the login', () => {
    const config = loadConfig({ SMTP_URL: 'smtps://arising:s3cret@mail.example.org', MAIL_FROM: 'a@b.org' });
    if (!config.mail) throw new Error('expected mail settings');
    expect(describeSmtp(config.mail)).toBe('smtps://mail.example.org:465');
    const plain = loadConfig({ SMTP_URL: 'smtp://u:p@mail.example.org:2525', MAIL_FROM: 'a@b.org' }).mail;
    if (!plain) throw new Error('expected mail settings');
    expect(describeSmtp(plain)).toBe('smtp://mail.example.org:2525');
  });
});
