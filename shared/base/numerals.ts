const CN_NUM = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

/** 一 … 十、十一 … 九十九 (then Arabic digits): section headings of a report, and report numbers (续报二). */
export function chineseNumber(n: number): string {
  if (n <= 10) return CN_NUM[n - 1] ?? String(n);
  if (n < 20) return `十${CN_NUM[n - 11]}`;
  if (n < 100) return `${CN_NUM[Math.floor(n / 10) - 1]}十${n % 10 ? CN_NUM[(n % 10) - 1] : ''}`;
  return String(n);
}
