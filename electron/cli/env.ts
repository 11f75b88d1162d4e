import fs from 'node:fs';
import os from 'node:os';
import { AppError, type AppErrorBody } from '../../shared/api';
import { createCore, errorBody, type Core } from '../core/core';
import type { CallContext } from '../core/handlers/types';
import { defaultDbPath } from '../core/paths';

export type Lang = 'zh' | 'en';

/** The OS account running the CLI: the CLI's writes are recorded as `cli:<account>` (the administrator on the machine). */
function osAccount(): string {
  try {
    return os.userInfo().username || 'unknown';
  } catch {
    return process.env.USER || process.env.USERNAME || 'unknown';
  }
}

/** Exit codes of every ercon command. */
export const EXIT = { ok: 0, failed: 1, invalid: 2 } as const;

/** Thrown by a command to end with a given exit code after it has printed what it must. */
export class ExitSignal extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}

/**
 * What a command module gets: the global options, lazy access to the core (commands that need no database,
 * like `classify`, never open one), and the output helpers that keep the contract (JSON on stdout, messages on
 * stderr, nothing on stdout when a command fails).
 */
export class CliEnv {
  private core: Core | null = null;
  dbFile: string | undefined;
  lang: Lang = 'zh';
  readonly ctx: CallContext = { actor: `cli:${osAccount()}`, transport: 'cli' };
  constructor(
    readonly out: NodeJS.WritableStream = process.stdout,
    readonly err: NodeJS.WritableStream = process.stderr,
  ) {}

  get dbPath(): string {
    return this.dbFile ?? defaultDbPath();
  }

  openCore(): Core {
    if (!this.core) this.core = createCore({ dbPath: this.dbPath });
    return this.core;
  }

  close(): void {
    this.core?.close();
    this.core = null;
  }

  /** One JSON value, one line. */
  printJson(value: unknown): void {
    this.out.write(JSON.stringify(value) + '\n');
  }

  printText(text: string): void {
    this.out.write(text.endsWith('\n') ? text : text + '\n');
  }

  /** Print an error in the chosen language on stderr and pick the exit code: 2 for bad input, 1 otherwise. */
  fail(e: unknown): number {
    const body: AppErrorBody = errorBody(e);
    const msg = this.lang === 'en' ? body.messageEn : body.message;
    const where = [body.field && `field=${body.field}`, body.rule && `rule=${body.rule}`].filter(Boolean).join(' ');
    this.err.write(`ercon: ${msg}${where ? ` [${where}]` : ''}\n`);
    return body.code === 'invalid-input' ? EXIT.invalid : EXIT.failed;
  }

  /** Read a JSON document from a file path, or from standard input when the path is `-`. */
  readJsonArg(pathOrDash: string, field: string): unknown {
    let text: string;
    try {
      text = pathOrDash === '-' ? fs.readFileSync(0, 'utf8') : fs.readFileSync(pathOrDash, 'utf8');
    } catch (e) {
      throw new AppError({
        code: 'invalid-input',
        message: `无法读取 ${field}：${pathOrDash}（${(e as Error).message}）`,
        messageEn: `cannot read ${field}: ${pathOrDash} (${(e as Error).message})`,
        field,
        rule: 'readable-file',
      });
    }
    try {
      return JSON.parse(text.replace(/^\uFEFF/, ''));
    } catch (e) {
      throw new AppError({
        code: 'invalid-input',
        message: `${field} 不是合法的 JSON：${(e as Error).message}`,
        messageEn: `${field} is not valid JSON: ${(e as Error).message}`,
        field,
        rule: 'json',
      });
    }
  }
}
