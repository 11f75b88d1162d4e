import { ExerciseTag } from '../components/ExerciseMark';
import { DataTable, type Windowed } from '../components/DataTable';
import { useState, type FormEvent } from 'react';
import type { BoardRow } from '../../../shared/api/console';
import type { CommandOutput } from '../../../shared/api';
import { api } from '../api/client';
import { useCommand, useRefetchAt } from '../query/client';
import { formatBeijing, useLocale, useT } from '../i18n';
import { useUi } from '../store';
import { Deadline } from './Deadline';
import { FirePostureCard } from '../fire/Posture';
import { INCIDENTS_VIEW, NEW_INCIDENT_VIEW, routeOfRow } from './ids';
import { plansSynced } from '../plansReady';
import { lazyComponent } from '../views/lazy';
import { levelClass, useErrorInfo, useNow } from './util';
import { typeLabel } from './eventLabel';

/** The incident page's code, loaded on first use or by views/registry.tsx's preload once the board is drawn. */
const { Component: IncidentPage, load: loadIncidentPage } = lazyComponent(() => Promise.all([import('./IncidentPage'), plansSynced()]).then(([m]) => m), 'IncidentPage');
export { loadIncidentPage };

/**
 * The incident screen: the board, or one incident when the address carries its id (#/incidents/<id>, see
 * router/routes.ts), so a reload (F5), the back button and a deep link come back to it.
 */
export function IncidentsView() {
  const param = useUi((s) => s.param);
  return param ? <IncidentPage key={param} id={param} /> : <Board />;
}

function LevelCell({ row }: { row: BoardRow }) {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  if (row.level) return <span className={levelClass(row.level)}>{t('inc.levelBadge', { level: row.level, name: (en ? row.levelNameEn : row.levelName) ?? row.level })}</span>;
  if (row.factsLevel)
    return (
      <span className={`${levelClass(row.factsLevel)} outline`} title={t('inc.board.factsOnly')}>
        {t('inc.board.factsLevel', { level: row.factsLevel })}
      </span>
    );
  return <span className="muted">{t('inc.grade.none')}</span>;
}

/*
 * The board names plans, states and levels from its rows, in the officer's language where the plan has the words (the
 * core fills them from the plan data), so the start screen draws without loading the plans and their checks.
 */
const planName = (r: BoardRow, en: boolean) => (en ? r.planShortNameEn : null) ?? r.planShortName;
const stateName = (r: BoardRow, en: boolean) => (en ? r.stateLabelEn : null) ?? r.stateLabel;

/**
 * A plan's list longer than this draws only the rows in view (DataTable `windowed`): a county's busy day stays whole.
 * An estimate of a row's height that is right draws the right rows at once; a wrong one has each drawn row measured
 * otherwise, the rows drawn again and measured again (60–70 ms of a start with 1,000 incidents, where every row was
 * estimated at 41 px). From incidents.css (a windowed table has fixed column widths, so these do not depend on the
 * window's width):
 * - a row of one line is 36 px: 6 px of padding above and below, a 1 px rule, a line of 15 px × 1.55;
 * - a row with a deadline is 87.6 px: the deadline column (17em) wraps its label, its due time (13 px) and the time
 *   left onto three lines with 4 px between them.
 * A row that wraps otherwise (a long title, many tags) is measured as drawn.
 */
const ONE_LINE_ROW_PX = 6 + 15 * 1.55 + 6 + 1;
const DEADLINE_ROW_PX = 6 + 15 * 1.55 + 4 + 13 * 1.55 + 4 + 15 * 1.55 + 6 + 1;
const BOARD_WINDOWED: Windowed<BoardRow> = { scrollElement: () => document.getElementById('main'), estimateRowPx: (r) => (r.nextDeadline ? DEADLINE_ROW_PX : ONE_LINE_ROW_PX), from: 60 };

/** Incident board (Alt+1): the duty officer's start screen. */
export function Board() {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  const go = useUi((s) => s.go);
  const toError = useErrorInfo();
  const board = useCommand('console.board', { status: 'open' });
  const rows = board.data?.incidents ?? null;
  useRefetchAt(board, rows?.map((r) => r.nextDeadline?.dueAt) ?? []);
  const error = board.error ? toError(board.error).message : null;
  const now = useNow();

  const byPlan = new Map<string, BoardRow[]>();
  for (const r of rows ?? []) {
    const list = byPlan.get(r.planId);
    if (list) list.push(r);
    else byPlan.set(r.planId, [r]);
  }
  const overdue = (rows ?? []).filter((r) => r.nextDeadline && Date.parse(r.nextDeadline.dueAt) < now).length;

  return (
    <div className="board">
      <section className="panel wide" aria-labelledby="board-h">
        <div className="head-row">
          <h1 id="board-h">{t('inc.board.heading')}</h1>
          <span className="muted">{rows ? t('inc.board.count', { n: rows.length }) : t('inc.loading')}</span>
          {overdue > 0 && (
            <span className="badge badge-danger" role="status">
              {t('inc.board.overdueCount', { n: overdue })}
            </span>
          )}
          <span className="spacer" />
          <button type="button" onClick={() => go(NEW_INCIDENT_VIEW)}>
            {t('inc.board.new')} <kbd className="hotkey light">Alt+2</kbd>
          </button>
        </div>
        {error && (
          <div className="alert alert-error" role="alert">
            {error}{' '}
            <button type="button" onClick={() => void board.refetch()}>
              {t('status.retry')}
            </button>
          </div>
        )}
        {rows && rows.length === 0 && <p className="empty">{t('inc.board.empty')}</p>}
        {[...byPlan.entries()].map(([planId, list]) => (
          <div key={planId} className="plan-group">
            <h2>
              {planName(list[0]!, en)} <span className="muted">({list.length}{list.some((r) => r.exercise) ? `，${t('inc.board.exercises', { n: list.filter((r) => r.exercise).length })}` : ''})</span>
            </h2>
            <DataTable
              className="incidents"
              testId={`board-${planId}`}
              rows={list}
              rowKey={(r) => r.id}
              windowed={BOARD_WINDOWED}
              rowProps={(r) => ({ 'data-testid': 'board-row', className: r.nextDeadline && Date.parse(r.nextDeadline.dueAt) < now ? 'row-overdue' : undefined })}
              columns={[
                {
                  key: 'incident',
                  header: t('inc.board.col.incident'),
                  cell: (r) => (
                    <>
                      <button type="button" className="linkish" onClick={() => go(...routeOfRow(r))}>
                        <span className="mono small">{r.id}</span> {r.title}
                      </button>
                      <ExerciseTag exercise={r.exercise} />
                      {r.tags.map((g) => (
                        <span key={g.id} className="tag" data-testid={`tag-${g.id}`}>
                          {g.text}
                        </span>
                      ))}
                      {r.lateReports > 0 && (
                        <span className="tag tag-warn" data-testid="tag-late">
                          {t('inc.tag.late', { n: r.lateReports })}
                        </span>
                      )}
                      {r.planMissing && (
                        <span className="tag tag-warn" role="alert" data-testid="plan-missing">
                          {en ? r.planMissing.messageEn : r.planMissing.message}
                        </span>
                      )}
                      {r.problems > 0 && <span className="tag tag-warn">{t('inc.tag.problems', { n: r.problems })}</span>}
                    </>
                  ),
                },
                { key: 'level', header: t('inc.board.col.level'), cell: (r) => <LevelCell row={r} /> },
                { key: 'state', header: t('inc.board.col.state'), cell: (r) => stateName(r, en) },
                {
                  key: 'deadline',
                  header: t('inc.board.col.deadline'),
                  cell: (r) => (r.nextDeadline ? <Deadline label={r.nextDeadline.label} dueAt={r.nextDeadline.dueAt} now={now} /> : <span className="muted">—</span>),
                },
                { key: 'received', header: t('inc.board.col.received'), className: 'nowrap', cell: (r) => formatBeijing(r.openedAt, false) },
              ]}
            />
          </div>
        ))}
      </section>
      {/* Today's fire-season posture on the start screen (实施意见 3(2), 4(1); issue 6: a dashboard card). */}
      <FirePostureCard onOpen={() => go('fire', 'posture')} />
      <ClosedSearch />
    </div>
  );
}

type Hit = CommandOutput<'incidents.search'>['hits'][number];

/** A snippet of the record with its UTC instants (2026-11-23T05:40:00.000Z) read as Beijing time, as every screen shows time. */
function beijingTimes(text: string): string {
  return text.replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})/g, (iso) => (Number.isFinite(Date.parse(iso)) ? formatBeijing(iso, false) : iso));
}

/** Closed incidents, and full-text search over every incident's record (Chinese: any 2+ characters). */
function ClosedSearch() {
  const t = useT();
  const en = useLocale((s) => s.locale) === 'en';
  const go = useUi((s) => s.go);
  const toError = useErrorInfo();
  // The closed ones (a county's years of them: not the open board's 1,000 rows again), and the open board's answer
  // (cached): the search's hits are named by number and title, whichever they are.
  const closedQuery = useCommand('console.board', { status: 'closed' }, { afterStart: true });
  const open = useCommand('console.board', { status: 'open' }).data?.incidents;
  const closed = closedQuery.data?.incidents ?? null;
  const all = closed ? [...closed, ...(open ?? [])] : null;
  const [q, setQ] = useState('');
  const [hits, setHits] = useState<Hit[] | null>(null);
  const [searchError, setError] = useState<string | null>(null);
  const error = searchError ?? (closedQuery.error ? toError(closedQuery.error).message : null);

  async function search(ev: FormEvent) {
    ev.preventDefault();
    setError(null);
    if (!q.trim()) return;
    try {
      setHits((await api().invoke('incidents.search', { query: q.trim(), limit: 50 })).hits);
    } catch (e) {
      setError(toError(e).message);
    }
  }
  const closedIds = new Set((closed ?? []).map((c) => c.id));
  const title = (id: string) => all?.find((c) => c.id === id)?.title;

  return (
    <section className="panel wide" aria-labelledby="closed-h">
      <h2 id="closed-h">{t('inc.closed.heading')}</h2>
      <form className="row" role="search" onSubmit={(e) => void search(e)}>
        <label htmlFor="closed-q" className="sr-only">
          {t('inc.closed.search')}
        </label>
        <input id="closed-q" type="search" value={q} placeholder={t('inc.closed.search.ph')} onChange={(e) => setQ(e.target.value)} />
        <button type="submit">{t('inc.closed.search')}</button>
      </form>
      {error && (
        <p className="field-error" role="alert">
          {error}
        </p>
      )}
      {hits && (
        <ul className="hits" data-testid="search-hits" aria-live="polite">
          {hits.length === 0 && <li className="muted">{t('inc.closed.noHits')}</li>}
          {hits.map((h) => (
            <li key={h.seq}>
              <button type="button" className="linkish" onClick={() => go(INCIDENTS_VIEW, h.incidentId)}>
                <span className="mono small">{h.incidentId}</span> {title(h.incidentId) ?? ''}
              </button>{' '}
              <span className="muted small">{typeLabel(h.type, en)}</span>{' '}
              <span className={`tag${closedIds.has(h.incidentId) ? '' : ' tag-open'}`}>{closedIds.has(h.incidentId) ? t('inc.closed.tagClosed') : t('inc.closed.tagOpen')}</span>{' '}
              <span className="muted small">{formatBeijing(h.occurredAt, false)}</span> <span className="snippet">{beijingTimes(h.snippet)}</span>
            </li>
          ))}
        </ul>
      )}
      {closed && closed.length > 0 && (
        <table className="incidents compact" data-testid="closed-list">
          <tbody>
            {closed.map((r) => (
              <tr key={r.id}>
                <td>
                  <button type="button" className="linkish" onClick={() => go(...routeOfRow(r))}>
                    <span className="mono small">{r.id}</span> {r.title}
                  </button>
                </td>
                <td>{planName(r, en)}</td>
                <td>{stateName(r, en)}</td>
                <td className="nowrap">{formatBeijing(r.openedAt, false)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {closed && closed.length === 0 && <p className="muted">{t('inc.closed.none')}</p>}
    </section>
  );
}
