const HAN_RUN = /\p{Script=Han}{2,}/gu;

/** The distinct adjacent pairs of Han characters in `text`, space-separated ("疫苗批号" → "疫苗 苗批 批号"). */
export function hanBigrams(text: string): string {
  const out = new Set<string>();
  for (const m of text.matchAll(HAN_RUN)) {
    const chars = [...m[0]];
    for (let i = 0; i + 1 < chars.length; i++) out.add(chars[i]! + chars[i + 1]!);
  }
  return [...out].join(' ');
}

/** A two-character query the bigram index answers exactly. */
export function isHanBigram(term: string): boolean {
  return /^\p{Script=Han}{2}$/u.test(term);
}
