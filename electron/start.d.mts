/** Types of electron/start.mjs (used by the Electron smoke test). */
export function electronBinary(): string | null;
export function findBrowser(env?: NodeJS.ProcessEnv): string | null;
export function oneTimeUrl(tokenUrl: string): Promise<string>;
export function privateProfile(tokenUrl: string): Promise<string>;
