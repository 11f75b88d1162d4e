import type { Command } from 'commander';
import type { CliEnv } from '../env';

export function registerTiles(program: Command, env: CliEnv): void {
  const tiles = program.command('tiles').description('offline basemaps (raster MBTiles) / 离线底图');

  tiles
    .command('add <file>')
    .description('register a raster MBTiles (png/jpg/webp); copied into the data folder unless --reference / 添加底图')
    .requiredOption('--name <set>', 'name of the basemap: letters, digits, - and _')
    .option('--reference', 'use the file where it is instead of copying it')
    .option('--replace', 'replace a basemap of the same name')
    .action(async (file: string, o: { name: string; reference?: boolean; replace?: boolean }) => {
      env.printJson(
        await env.openCore().invokeUnknown('tiles.add', { file, name: o.name, mode: o.reference ? 'reference' : 'copy', replace: !!o.replace }, env.ctx),
      );
    });

  tiles
    .command('list')
    .description('registered basemaps with bounds and zoom range / 已有底图')
    .action(async () => {
      env.printJson(await env.openCore().invokeUnknown('tiles.list', {}, env.ctx));
    });
}
