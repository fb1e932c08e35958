import { Command } from 'commander';
import { addDeliveriesCommand } from './commands/deliveries.js';
import { addOwnersCommand } from './commands/owners.js';
import { addRerunsCommand } from './commands/reruns.js';
import { addSimulateCommand } from './commands/simulate.js';
import { runStart } from './commands/start.js';
import { addValidateConfigCommand } from './commands/validate-config.js';

/** The `sheriff` command. Each subcommand lives in `commands/`. */
export function createProgram(): Command {
  const program = new Command('sheriff')
    .description('Prow-style ChatOps and release-failure tracking for GitHub')
    .showHelpAfterError();
  program
    .command('start')
    .description('Run the server: webhook receiver, workers and scheduler')
    .action(runStart);
  addDeliveriesCommand(program);
  addOwnersCommand(program);
  addRerunsCommand(program);
  addValidateConfigCommand(program);
  addSimulateCommand(program);
  return program;
}

createProgram()
  .parseAsync(process.argv)
  .catch((error: unknown) => {
    process.stderr.write(`sheriff: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  });
