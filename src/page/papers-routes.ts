/**
 * `GET /papers/<token>`: the meeting papers (matters arising as a Word document) behind the download link
 * Teams users are given (src/core/papers-links.ts). The document is made when the link is opened. Any
 * link that is not valid (altered, expired, never issued) answers 404 and says only that; the headers keep
 * the token out of referrers, caches and search engines, as the action page's do.
 */
import type { Application, Response } from 'express';
import type { ChannelRef } from '../core/domain';
import { UserError } from '../core/errors';
import type { MattersPaper } from '../core/matters/matters-paper';
import { DOCX_MEDIA_TYPE, mattersArisingDocx } from '../papers/matters-arising-docx';

export interface PapersDownload {
  now(): Date;
  /** The channel a papers token names, or null when it is not a valid, unexpired one. */
  read(token: string, now: Date): Promise<ChannelRef | null>;
  /** The channel's papers as they are now; a UserError when there are none (no meeting yet). */
  papers(channel: ChannelRef): Promise<{ paper: MattersPaper; filename: string }>;
}

const PRIVATE_HEADERS = {
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
  'x-robots-tag': 'noindex',
  'x-content-type-options': 'nosniff',
};

function refuse(res: Response, status: number, words: string): void {
  res.status(status).set(PRIVATE_HEADERS).type('text/plain; charset=utf-8').send(words);
}

export function mountPapersDownload(app: Application, download: PapersDownload): void {
  app.get('/papers/:token', async (req, res) => {
    const channel = await download.read(String(req.params.token ?? ''), download.now());
    if (!channel) return refuse(res, 404, 'This link is not valid. Ask for the papers again in the channel.');
    try {
      const { paper, filename } = await download.papers(channel);
      const bytes = await mattersArisingDocx(paper);
      res
        .status(200)
        .set(PRIVATE_HEADERS)
        .type(DOCX_MEDIA_TYPE)
        .attachment(filename)
        .send(Buffer.from(bytes));
    } catch (error) {
      if (error instanceof UserError) return refuse(res, 404, error.message);
      throw error;
    }
  });
}
