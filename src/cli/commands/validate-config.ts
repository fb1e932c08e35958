import { readFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { BUILTIN_PLUGINS } from '../../../plugins/index.js';
import { buildConfigSchema } from '../../config/sheriff-config-schema.js';
import { validateConfigText } from '../../config/validate-config.js';

/**
 * `sheriff validate-config FILE` (contract section 3): exit 0 when valid; otherwise exit 1 and one
 * line per problem, `FILE:LINE: key.path: message`.
 */
export function addValidateConfigCommand(program: Command): void {
  program
    .command('validate-config')
    .description('Check a .github/sheriff.yml before you commit it')
    .argument('<file>', 'the config file')
    .action(async (file: string) => {
      let text: string;
      try {
        text = await readFile(file, 'utf8');
      } catch (error) {
        process.stderr.write(`${file}: cannot read: ${(error as Error).message}\n`);
        process.exitCode = 1;
        return;
      }
      const result = validateConfigText(buildConfigSchema(BUILTIN_PLUGINS), text);
      if (result.ok) {
        process.stdout.write(`${file}: valid\n`);
        return;
      }
      for (const problem of result.problems) {
        const where = problem.line === undefined ? file : `${file}:${problem.line}`;
        process.stdout.write(`${where}: ${problem.path || '(file)'}: ${problem.message}\n`);
      }
      process.exitCode = 1;
    });
}
