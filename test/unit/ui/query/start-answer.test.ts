// @vitest-environment jsdom
// The board's answer the page came with (shared/api/startAnswer.ts) is read once, and only when it answers the
// question the UI asks; anything else and the board asks for itself.
import { describe, expect, it } from 'vitest';
import { takeStartAnswer } from '../../../../renderer/src/query/startAnswer';
import { startAnswerBlock, type StartAnswer } from '../../../../shared/api/startAnswer';

const answer: StartAnswer = { command: 'console.board', input: { status: 'open' }, changes: 3, result: { now: '2026-12-01T02:00:00.000Z', incidents: [] } };

function page(block: string): Document {
  const doc = document.implementation.createHTMLDocument('t');
  doc.body.innerHTML = `<div id="root"></div>${block}`;
  return doc;
}

describe('takeStartAnswer', () => {
  it('reads the block the shell wrote, once, and takes it out of the page', () => {
    const hostile = { ...answer, result: { ...answer.result, incidents: [{ title: '</script><script>alert(1)</script>' }] } } as unknown as StartAnswer;
    const doc = page(startAnswerBlock(hostile));
    expect(doc.scripts).toHaveLength(1); // the title did not end the block and start a script
    expect(takeStartAnswer(doc)).toEqual(hostile);
    expect(doc.getElementById('ercon-start')).toBeNull();
    expect(takeStartAnswer(doc)).toBeNull();
  });

  it.each([
    ['no block', ''],
    ['not JSON', '<script type="application/json" id="ercon-start">{oops</script>'],
    ['another command', startAnswerBlock({ ...answer, command: 'console.due' } as unknown as StartAnswer)],
    ['another question', startAnswerBlock({ ...answer, input: { status: 'closed' } })],
    ['no changes count', startAnswerBlock({ ...answer, changes: 1.5 })],
    ['no result', startAnswerBlock({ ...answer, result: null } as unknown as StartAnswer)],
  ])('%s: null (the board asks)', (_, block) => {
    expect(takeStartAnswer(page(block))).toBeNull();
  });
});
