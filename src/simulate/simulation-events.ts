import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { z } from 'zod';

/** One line of an `--events` file (contract section 3). */
const eventLine = z
  .strictObject({
    event: z.string().min(1),
    payload: z.unknown().optional(),
    payloadFile: z.string().optional(),
    delivery: z.string().min(1).optional(),
    at: z.iso.datetime({ offset: true }).optional(),
    /** For `flagger`: the repository the webhook URL names (`?repository=owner/name`). */
    repository: z.string().min(1).optional(),
  })
  .refine(
    (line) => line.event === 'tick' || (line.payload === undefined) !== (line.payloadFile === undefined),
    {
      message: 'give exactly one of payload or payloadFile (a tick takes neither)',
    },
  );

export interface SimulationEvent {
  event: string;
  /** Undefined only for `tick`. */
  payload: unknown;
  delivery?: string;
  at?: Date;
  /** For `flagger`: the webhook URL's `?repository=` (else the payload's `metadata.repository`). */
  repository?: string;
}

export class SimulationInputError extends Error {}

/** Reads a JSON Lines events file; `payloadFile` paths are relative to the events file. */
export function readEventsFile(file: string): SimulationEvent[] {
  const base = dirname(resolve(file));
  const events: SimulationEvent[] = [];
  readFileSync(file, 'utf8')
    .split('\n')
    .forEach((text, index) => {
      if (text.trim() === '') return;
      const where = `${file}:${index + 1}`;
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (error) {
        throw new SimulationInputError(`${where}: not JSON: ${(error as Error).message}`);
      }
      const parsed = eventLine.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0]!;
        throw new SimulationInputError(`${where}: ${issue.path.join('.') || '(line)'}: ${issue.message}`);
      }
      const line = parsed.data;
      events.push({
        event: line.event,
        payload: line.payloadFile ? readPayloadFile(resolve(base, line.payloadFile), where) : line.payload,
        ...(line.delivery ? { delivery: line.delivery } : {}),
        ...(line.at ? { at: new Date(line.at) } : {}),
        ...(line.repository ? { repository: line.repository } : {}),
      });
    });
  return events;
}

export function readPayloadFile(file: string, where = file): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new SimulationInputError(`${where}: cannot read payload ${file}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new SimulationInputError(`${where}: payload ${file} is not JSON: ${(error as Error).message}`);
  }
}
