/** See fresh.mjs. */
export function fresh(bundle: URL, sources?: string[]): boolean;
