import type { Command } from 'commander';
import { describeOwnersForPaths } from '../../owners/describe-owners-for-paths.js';
import { readOwnersDir } from '../../owners/read-owners-dir.js';
import { suggestApprovers } from '../../owners/suggest-approvers.js';

/**
 * `sheriff owners --dir DIR --json PATH...` (contract section 3): who approves, reviews and
 * labels each path, read from OWNERS files exactly as Prow reads them. `--suggest` prints the
 * smallest set of approvers covering all the paths, as Prow's approve plugin suggests.
 */
export function addOwnersCommand(program: Command): void {
  program
    .command('owners')
    .description('Resolve OWNERS approvers, reviewers and labels for paths in a checkout')
    .requiredOption('--dir <dir>', 'the checkout holding OWNERS and OWNERS_ALIASES')
    .option('--json', 'print JSON (the only format; kept for the contract)')
    .option('--suggest', 'print the smallest set of approvers covering every path instead')
    .argument('<paths...>', 'repository-relative paths')
    .action(async (paths: string[], options: { dir: string; suggest?: boolean }) => {
      const read = await readOwnersDir(options.dir);
      if (!read.ok) {
        process.stderr.write(`sheriff owners: ${read.error}\n`);
        process.exitCode = 1;
        return;
      }
      // Prow skips a malformed OWNERS file and goes on; so do we, but the user hears about it.
      for (const problem of read.problems) process.stderr.write(`warning: ${problem.message}\n`);
      const output = options.suggest
        ? suggestApprovers(read.index, { changedFiles: paths })
        : describeOwnersForPaths(read.index, paths);
      process.stdout.write(`${JSON.stringify(output)}\n`);
    });
}
