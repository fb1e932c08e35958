import { resolve } from 'node:path';
import type { Command } from 'commander';
import { loadWorld } from '../../github-double/world.js';
import { runSimulation } from '../../simulate/run-simulation.js';
import { readEventsFile, readPayloadFile, type SimulationEvent } from '../../simulate/simulation-events.js';
import type { StoreLocation } from '../../store/open-store.js';

interface SimulateOptions {
  world: string;
  event?: string;
  payload?: string;
  events?: string;
  json?: boolean;
  store?: string;
}

/**
 * `sheriff simulate` (contract section 3): try a config and OWNERS against a world before
 * deploying. Prints `{"actions": [...], "notifications": [...]}`.
 */
export function addSimulateCommand(program: Command): void {
  program
    .command('simulate')
    .description(
      'Run Sheriff against a simulated GitHub seeded from a world file, and print what it would do',
    )
    .requiredOption('--world <file>', 'the world file (YAML or JSON)')
    .option('--event <name>', 'a GitHub event name, or prowjob / flagger')
    .option('--payload <file>', 'the payload of --event (JSON)')
    .option('--events <file>', 'events to run in order, one JSON object a line')
    .option('--store <where>', 'a PGlite data directory or a postgres:// URL (default: fresh, in memory)')
    .option('--json', 'print compact JSON on one line')
    .action(async (options: SimulateOptions) => {
      const events = readEvents(options);
      const result = await runSimulation({
        world: loadWorld(resolve(options.world)),
        events,
        ...(options.store ? { store: storeLocation(options.store) } : {}),
      });
      process.stdout.write(`${options.json ? JSON.stringify(result) : JSON.stringify(result, null, 2)}\n`);
    });
}

function readEvents(options: SimulateOptions): SimulationEvent[] {
  if (options.events && (options.event || options.payload)) {
    throw new Error('give either --events FILE, or --event NAME with --payload FILE, not both');
  }
  if (options.events) return readEventsFile(options.events);
  if (options.event && options.payload)
    return [{ event: options.event, payload: readPayloadFile(options.payload) }];
  throw new Error('give --event NAME with --payload FILE, or --events FILE');
}

function storeLocation(where: string): StoreLocation {
  return /^postgres(ql)?:\/\//.test(where)
    ? { backend: 'postgres', databaseUrl: where }
    : { backend: 'pglite', dataDir: resolve(where) };
}
