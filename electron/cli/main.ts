import { Command, CommanderError } from 'commander';
import { APP_NAME_ZH } from '../../shared/api';
import { APP_VERSION } from '../core/version';
import { registrations } from './commands';
import { CliEnv, EXIT, ExitSignal } from './env';

export function buildProgram(env: CliEnv): Command {
  const program = new Command('ercon')
    .description(`${APP_NAME_ZH} 命令行 — the duty console's core from a terminal.\nJSON goes to stdout, messages to stderr. Exit codes: 0 ok, 1 failed, 2 invalid input.`)
    .version(APP_VERSION, '-V, --version')
    .option('--db <file>', 'SQLite file (default: the per-user data folder)')
    .option('--lang <zh|en>', 'language of messages / 消息语言', 'zh')
    .showHelpAfterError()
    .exitOverride()
    .configureOutput({
      writeOut: (s) => env.out.write(s),
      writeErr: (s) => env.err.write(s),
    })
    .hook('preAction', (thisCommand) => {
      const o = thisCommand.opts<{ db?: string; lang?: string }>();
      env.dbFile = o.db;
      env.lang = o.lang === 'en' ? 'en' : 'zh';
    });
  for (const register of registrations) register(program, env);
  return program;
}

/** Run ercon with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], env = new CliEnv()): Promise<number> {
  const program = buildProgram(env);
  try {
    await program.parseAsync(argv, { from: 'user' });
    return EXIT.ok;
  } catch (e) {
    if (e instanceof ExitSignal) return e.exitCode;
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0; usage errors with 1 → we answer 2 (invalid input).
      return e.exitCode === 0 ? EXIT.ok : EXIT.invalid;
    }
    return env.fail(e);
  } finally {
    env.close();
  }
}
