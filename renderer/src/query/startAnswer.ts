import { START_ANSWER_ELEMENT, START_COMMAND, START_INPUT, type StartAnswer } from '../../../shared/api/startAnswer';

/**
 * The start screen's answer the page came with (shared/api/startAnswer.ts), taken out of the page once; null when the
 * page has none (Electron, a workstation without the launch token, the core unable to answer) or it is not the one
 * this UI asks for: the board then asks, as before.
 */
export function takeStartAnswer(doc: Document = document): StartAnswer | null {
  const el = doc.getElementById(START_ANSWER_ELEMENT);
  if (!el) return null;
  el.remove();
  try {
    const a = JSON.parse(el.textContent ?? '') as Partial<StartAnswer> | null;
    const sameQuestion = a?.command === START_COMMAND && JSON.stringify(a.input) === JSON.stringify(START_INPUT);
    return sameQuestion && Number.isSafeInteger(a.changes) && typeof a.result === 'object' && a.result !== null ? (a as StartAnswer) : null;
  } catch {
    return null;
  }
}
