import { z } from 'zod';
import type { ReportsView } from '../reports/types';
import { reportDraftSchema } from '../reports/validate';
import { command } from './contract';

const incidentId = z.string().min(1).max(64);
const isObject = (v: unknown) => typeof v === 'object' && v !== null;

/** Reports of an incident (疫苗预案 5.1–5.3): list with deadlines, file (append-only), render. No update command exists. */
export const reportCommands = {
  'reports.view': command({
    summary: 'Reports of an incident: the forms (fields from the plan), filed reports with their correction chain, deadlines and status',
    input: z.object({ incidentId }).strict(),
    output: z.custom<ReportsView>(isObject),
  }),
  'reports.file': command({
    summary: 'File a first / progress / final report (a correction is a new report with `corrects`); appends one report-filed event',
    mutates: true,
    input: z
      .object({
        incidentId,
        /** When it was sent (e.g. the phone call); default now. ISO 8601 with offset. */
        occurredAt: z.string().min(1).max(40).optional(),
        draft: reportDraftSchema,
        /**
         * 签发: the duty leader who signs the report off, by their own sign-in name and password on this screen; the
         * report's 签发人 is then that person's name. Without it, a 签发人 (draft.issuedBy) is accepted only when it is the
         * name of the signed-in person and they are a duty leader.
         */
        signOff: z.object({ login: z.string().trim().min(1).max(40), password: z.string().min(1).max(200) }).strict().optional(),
      })
      .strict(),
    output: z.object({ seq: z.number().int().positive(), hash: z.string(), incidentId: z.string(), type: z.string(), recordedAt: z.string(), occurredAt: z.string() }),
  }),
  'reports.render': command({
    summary: 'A filed report as PDF or .docx (GB/T 9704 layout), base64',
    input: z.object({ incidentId, seq: z.number().int().positive(), format: z.enum(['pdf', 'docx']) }).strict(),
    output: z.object({ fileName: z.string(), mime: z.string(), base64: z.string(), bytes: z.number().int() }),
  }),
};
