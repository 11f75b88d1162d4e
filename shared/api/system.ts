import { z } from 'zod';
import { command } from './contract';

export const systemCommands = {
  'system.health': command({
    summary: 'Liveness and identity of the core: version, database, server time',
    input: z.object({}).strict(),
    output: z.object({
      ok: z.literal(true),
      app: z.string(),
      version: z.string(),
      schemaVersion: z.number().int(),
      dbPath: z.string(),
      now: z.string(),
      timeZone: z.literal('Asia/Shanghai'),
      /** Office-edited plans in force (from the data folder's plans/), and files refused with their reason. */
      planOverrides: z.object({
        dir: z.string(),
        loaded: z.array(z.object({ id: z.string(), version: z.string(), file: z.string() })),
        refused: z.array(z.object({ file: z.string(), message: z.string(), messageEn: z.string() })),
      }),
      /** Set when the core runs read-only (read-only file or disk, or a damaged database): the banner's text. */
      readOnly: z
        .object({
          reason: z.enum(['read-only-file', 'corrupt']),
          message: z.string(),
          messageEn: z.string(),
          newestGoodBackup: z.string().nullable().optional(),
          restoreCommand: z.string().nullable().optional(),
        })
        .nullable()
        .optional(),
      /** The log's heads (seal chain and event chain), for a reader to compare with a backup, a printout or the witness. */
      logHead: z
        .object({ seal: z.object({ pos: z.number().int(), mac: z.string() }).nullable(), eventsPos: z.number().int(), eventsHash: z.string().nullable() })
        .nullable()
        .optional(),
      /** What start-up found comparing the log with its head witness (a cut or rewritten chain); empty when it holds. */
      anchorFindings: z.array(z.object({ en: z.string(), zh: z.string() })).optional(),
    }),
  }),
  'system.echo': command({
    summary: 'Round trip of a text through the core (used by the shells\' self-tests)',
    input: z.object({ text: z.string().max(10_000) }).strict(),
    output: z.object({ text: z.string(), length: z.number().int() }),
  }),
};
