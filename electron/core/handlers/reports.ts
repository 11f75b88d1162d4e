import { fileReport, renderReport, reportsView } from '../reports/service';
import type { HandlerTable } from './types';

type Names = 'reports.view' | 'reports.file' | 'reports.render';

export const reportHandlers: HandlerTable<Names> = {
  'reports.view': (i, _ctx, s) => reportsView(s, i.incidentId),
  'reports.file': (i, ctx, s) => fileReport(s, ctx.actor, { incidentId: i.incidentId, occurredAt: i.occurredAt, draft: i.draft }),
  'reports.render': async (i, _ctx, s) => {
    const r = await renderReport(s, i.incidentId, i.seq, i.format);
    return { fileName: r.fileName, mime: r.mime, base64: r.bytes.toString('base64'), bytes: r.bytes.length };
  },
};
