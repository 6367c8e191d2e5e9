/**
 * A real SMTP server on loopback (the `smtp-server` package) for the mail tests: it takes the mails the
 * service sends over a real SMTP conversation, parses each with `mailparser` as a mail client would, and
 * can be told to refuse an address for good (550 at RCPT TO), to say "try later" (451), or be stopped and
 * started again on the same port (a mail server that is down, then up).
 *
 *   const smtp = await LoopbackSmtp.start();            // smtp.url: smtp://arising:secret@127.0.0.1:PORT
 *   smtp.refuse('gone@example.org');
 *   await smtp.stop();
 */
import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';

export const SMTP_USER = 'arising';
export const SMTP_PASSWORD = 'secret';

/** A mail as received: who it was for (the envelope) and what a mail client reads. */
export interface ReceivedMail {
  envelopeTo: string[];
  parsed: ParsedMail;
  messageId: string | undefined;
  subject: string;
  text: string;
  html: string;
}

function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

export class LoopbackSmtp {
  readonly received: ReceivedMail[] = [];
  private readonly refused = new Set<string>();
  private temporaryFailures = 0;
  private server: SMTPServer | null = null;

  private constructor(private port: number) {}

  /** Starts on a free port of 127.0.0.1. */
  static async start(): Promise<LoopbackSmtp> {
    const smtp = new LoopbackSmtp(0);
    await smtp.up();
    return smtp;
  }

  /** SMTP_URL for the service, with the login this server takes. */
  get url(): string {
    return `smtp://${SMTP_USER}:${SMTP_PASSWORD}@127.0.0.1:${this.port}`;
  }

  /** Answers 550 to this address from now on. */
  refuse(address: string): void {
    this.refused.add(address.toLowerCase());
  }

  /** Answers 451 ("try later") to the next `count` mails. */
  deferNext(count: number): void {
    this.temporaryFailures = count;
  }

  /** The mails received for this address (envelope recipient). */
  mailsTo(address: string): ReceivedMail[] {
    return this.received.filter((m) => m.envelopeTo.includes(address.toLowerCase()));
  }

  /** Listens (again) on its port: a mail server coming back. */
  async up(): Promise<void> {
    const server = new SMTPServer(this.options());
    server.on('error', () => undefined);
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.port = (server.server.address() as AddressInfo).port;
    this.server = server;
  }

  /** Stops listening: connections are refused until `up()`. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private options(): SMTPServerOptions {
    return {
      secure: false,
      disabledCommands: ['STARTTLS'],
      allowInsecureAuth: true,
      logger: false,
      onAuth: (auth, _session, callback) => {
        if (auth.username === SMTP_USER && auth.password === SMTP_PASSWORD)
          callback(null, { user: SMTP_USER });
        else callback(smtpError(535, 'Authentication failed'));
      },
      onMailFrom: (_address, _session, callback) => {
        if (this.temporaryFailures > 0) {
          this.temporaryFailures -= 1;
          callback(smtpError(451, 'Try again later'));
        } else callback();
      },
      onRcptTo: (address, _session, callback) => {
        if (this.refused.has(address.address.toLowerCase())) callback(smtpError(550, 'No such mailbox'));
        else callback();
      },
      onData: (stream, session, callback) => {
        simpleParser(stream)
          .then((parsed) => {
            this.received.push({
              envelopeTo: session.envelope.rcptTo.map((r) => r.address.toLowerCase()),
              parsed,
              messageId: parsed.messageId,
              subject: parsed.subject ?? '',
              text: parsed.text ?? '',
              html: typeof parsed.html === 'string' ? parsed.html : '',
            });
            callback();
          })
          .catch((error: Error) => callback(error));
      },
    };
  }
}
