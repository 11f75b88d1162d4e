import type { Command } from 'commander';
import type { CliEnv } from '../env';

export function registerSystem(program: Command, env: CliEnv): void {
  program
    .command('health')
    .description('open the database and print the core\'s health as JSON / 打开数据库并输出核心状态')
    .action(async () => {
      env.printJson(await env.openCore().invoke('system.health', {}, env.ctx));
    });
}
