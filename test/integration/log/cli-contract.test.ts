import os from 'node:os';
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { verifyFile } from '../../../electron/core/log/backup';
import { ercon, erconJson, ROOT, tmp } from './helpers';

/** Through npm exactly as other tools call it: `npm run -s ercon -- --db <file> …`. */
function npmErcon(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('npm', ['run', '-s', 'ercon', '--', ...args], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  return new Promise((resolve) => child.once('close', (code) => resolve({ code, stdout, stderr })));
}

const count = (db: string) => verifyFile(db).events;

describe('ercon incident / verify / search: the CLI contract other tools depend on', () => {
  it('open, note --text, note --stdin, show --json, list, search, verify', async () => {
    const db = path.join(tmp(), 'console.sqlite');
    const opened = await npmErcon(['--db', db, 'incident', 'open', '--plan', 'vaccine', '--title', '乙肝疫苗接种后发热', '--occurred-at', '2024-07-01T08:30:00+08:00']);
    expect(opened.code, opened.stderr).toBe(0);
    expect(opened.stdout.trim().split('\n')).toHaveLength(1);
    const { id } = JSON.parse(opened.stdout) as { id: string };
    expect(id).toMatch(/^\d{8}-\d{3}$/);

    const one = await erconJson<{ seq: number; hash: string }>(['--db', db, 'incident', 'note', id, '--text', '城关镇卫生院报告三名儿童发热']);
    expect(one).toMatchObject({ seq: 1, hash: expect.stringMatching(/^[0-9a-f]{64}$/) });

    const stdin = await ercon(['--db', db, 'incident', 'note', id, '--stdin'], { input: '封存同批号疫苗\n\n通知县卫健局\r\n暂停该批次接种' });
    expect(stdin.code, stdin.stderr).toBe(0);
    const acks = stdin.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(acks.map((a) => Object.keys(a).sort())).toEqual([['hash', 'seq'], ['hash', 'seq'], ['hash', 'seq']]);
    expect(acks.map((a) => a.seq)).toEqual([2, 3, 4]); // blank line skipped, CRLF and a missing final newline handled

    const show = await erconJson<{ state: Record<string, unknown>; events: Array<Record<string, unknown>> }>(['--db', db, 'incident', 'show', id, '--json']);
    expect(show.state).toMatchObject({ plan: 'vaccine', state: 'monitoring', notes: 4 });
    expect(show.events.map((e) => [e.seq, e.type])).toEqual([[0, 'incident.opened'], [1, 'note'], [2, 'note'], [3, 'note'], [4, 'note']]);
    expect(show.events[0]).toMatchObject({ occurredAt: '2024-07-01T00:30:00.000Z', payload: { title: '乙肝疫苗接种后发热' } });
    expect(show.events[3]).toMatchObject({ payload: { text: '通知县卫健局' }, actor: `cli:${os.userInfo().username}`, hash: acks[1]!.hash });

    const list = await erconJson<{ incidents: Array<Record<string, unknown>> }>(['--db', db, 'incident', 'list', '--status', 'open']);
    expect(list.incidents).toMatchObject([{ id, status: 'open', eventCount: 5, lastSeq: 4 }]);
    expect((await erconJson(['--db', db, 'incident', 'list', '--status', 'closed'])).incidents).toEqual([]);

    const two = await erconJson<{ hits: Array<{ incidentId: string; seq: number }> }>(['--db', db, 'search', '疫苗']);
    expect(two.hits.map((h) => h.seq)).toEqual([2, 0]);
    const three = await erconJson<{ hits: Array<{ seq: number }> }>(['--db', db, 'search', '卫生院']);
    expect(three.hits.map((h) => h.seq)).toEqual([1]);

    const v = await ercon(['--db', db, 'verify']);
    expect(v.code).toBe(0);
    expect(JSON.parse(v.stdout)).toMatchObject({ ok: true, events: 5 });
  });

  it('bad input: exit 2, message on stderr naming the field, nothing on stdout, nothing written', async () => {
    const db = path.join(tmp(), 'console.sqlite');
    const { id } = await erconJson<{ id: string }>(['--db', db, 'incident', 'open', '--plan', 'vaccine', '--title', 't']);
    const cases: Array<[string[], string, RegExp]> = [
      [['incident', 'append', id, '--type', 'reported', '--payload', '-'], '{"summary":"没有来源"}', /payload\.source/],
      [['incident', 'append', id, '--type', 'reported', '--payload', '-'], '{not json', /JSON/],
      [['incident', 'append', id, '--type', 'no-such-type', '--payload', '-'], '{}', /no-such-type/],
      [['incident', 'note', id, '--text', '时间不对', '--occurred-at', 'yesterday'], '', /occurredAt/],
      [['incident', 'open', '--plan', 'no-such-plan', '--title', 'x'], '', /planId/],
    ];
    for (const [args, input, msg] of cases) {
      const r = await ercon(['--db', db, ...args], { input });
      expect(r.code, `${args.join(' ')}: ${r.stderr}`).toBe(2);
      expect(r.stdout).toBe('');
      expect(r.stderr).toMatch(msg);
      expect(r.stderr).toMatch(/[\u4e00-\u9fff]/);
    }
    const missing = await ercon(['--db', db, 'incident', 'note', '19990101-001', '--text', 'x']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(count(db)).toBe(1);
  });

  it('--stdin stops at the first bad line: earlier lines stay committed and acknowledged, nothing after', async () => {
    const db = path.join(tmp(), 'console.sqlite');
    const { id } = await erconJson<{ id: string }>(['--db', db, 'incident', 'open', '--plan', 'vaccine', '--title', 't']);
    const long = '长'.repeat(10_001); // over the note schema's limit
    const r = await ercon(['--db', db, 'incident', 'note', id, '--stdin'], { input: `第一条\n${long}\n第三条\n` });
    expect(r.code).toBe(2);
    expect(r.stdout.trim().split('\n').map((l) => JSON.parse(l).seq)).toEqual([1]);
    expect(count(db)).toBe(2);
    expect(fs.existsSync(db)).toBe(true);
  });
});
