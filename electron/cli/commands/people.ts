import type { Command } from 'commander';
import { AppError, ROLES } from '../../../shared/api';
import type { CliEnv } from '../env';

/** The password: the first line of stdin (never an argument: `ps` and the shell's history would show it). */
async function passwordFromStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  const line = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)[0] ?? '';
  if (!line) throw new AppError({ code: 'invalid-input', message: '字段 password：请在标准输入的第一行给出密码', messageEn: 'field password: give the password as the first line of stdin', field: 'password', rule: 'required' });
  return line;
}

/** Accounts from the terminal: the administrator's tool on the machine itself (writes recorded as cli:<OS account>). */
export function registerPeople(program: Command, env: CliEnv): void {
  const people = program.command('people').description('accounts and roles of the duty room / 值班人员账户');

  people
    .command('add')
    .description('add an account; the password is read from the first line of stdin / 添加账户（密码从标准输入读取）')
    .requiredOption('--login <name>', 'sign-in name: letters, digits, . _ -')
    .requiredOption('--name <name>', 'the person\'s name / 姓名')
    .requiredOption('--roles <list>', `comma-separated: ${ROLES.join(', ')}`)
    .option('--phone <phone>', 'phone / 电话')
    .action(async (o: { login: string; name: string; roles: string; phone?: string }) => {
      const password = await passwordFromStdin();
      const roles = o.roles.split(',').map((r) => r.trim()).filter(Boolean);
      env.printJson(await env.openCore().invokeUnknown('people.add', { login: o.login, name: o.name, roles, password, ...(o.phone ? { phone: o.phone } : {}) }, env.ctx));
    });

  people
    .command('list')
    .description('the accounts (no password hashes) / 账户列表')
    .option('--all', 'include deactivated accounts')
    .action(async (o: { all?: boolean }) => {
      env.printJson(await env.openCore().invokeUnknown('people.list', { includeInactive: !!o.all }, env.ctx));
    });

  people
    .command('passwd <id>')
    .description('set an account\'s password (first line of stdin); its sessions end / 重设密码')
    .action(async (id: string) => {
      const password = await passwordFromStdin();
      env.printJson(await env.openCore().invokeUnknown('people.setPassword', { id: Number(id), password }, env.ctx));
    });
}
