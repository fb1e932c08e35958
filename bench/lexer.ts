/**
 * Shows that `lexCommands` takes time linear in the comment, on adversarial comments.
 *
 * For each family of inputs the size doubles from 8 KiB to 128 KiB (GitHub caps a comment at
 * 65,536 characters; 128 KiB shows the trend past it). It prints the median time of one call and
 * the ratio to the previous size: about 2 is linear, about 4 would be quadratic. The last column is
 * the range of cost per KiB over all sizes, which stays flat when the time is linear. All options
 * are on, the most work the lexer can do.
 *
 * Run: npx tsx bench/lexer.ts
 */
import { performance } from 'node:perf_hooks';
import { lexCommands } from '../src/commands/lex-commands.js';

const SIZES = [8, 16, 32, 64, 128].map((kib) => kib * 1024);
const OPTIONS = { stripFences: true, stripHtmlComments: true };
const MIN_SAMPLES = 31;
const MIN_SAMPLE_MS = 150;

/** `unit` repeated to exactly `size` characters. */
function fill(unit: string, size: number): string {
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

const FAMILIES: [name: string, make: (size: number) => string][] = [
  ['spaces only', (size) => ' '.repeat(size)],
  [
    '/label, spaces, x, spaces, NUL',
    (size) => `/label${fill(' ', size / 2 - 4)}x${fill(' ', size / 2 - 4)}\u0000`,
  ],
  ['one long /assign line', (size) => `/assign${fill(' @someone', size - 7)}`],
  ['"/lgtm" lines', (size) => fill('/lgtm\n', size)],
  ['unterminated ``` openers', (size) => fill('```go\n/retest\n', size)],
  ['``` lines (open/close)', (size) => fill('```\n/retest\n', size)],
  ['unclosed <!-- openers', (size) => fill('<!--\n/kind bug\n', size)],
  ['<!----> on one line', (size) => fill('<!---->/', size)],
  ['nested > quotes', (size) => `${fill('>', size - 6)} /lgtm`],
  ['NUL bytes', (size) => `${fill('\u0000', size - 9)}\n/retest\u0000`],
  ['CRLF blank lines', (size) => fill('\r\n', size)],
];

function medianMicros(body: string): number {
  for (let i = 0; i < 10; i++) lexCommands(body, OPTIONS);
  const samples: number[] = [];
  const started = performance.now();
  while (samples.length < MIN_SAMPLES || performance.now() - started < MIN_SAMPLE_MS) {
    const before = performance.now();
    lexCommands(body, OPTIONS);
    samples.push((performance.now() - before) * 1000);
  }
  samples.sort((a, b) => a - b);
  return samples[samples.length >> 1]!;
}

const pad = (text: string, width: number) => text.padEnd(width);
console.log(`lexCommands, ${JSON.stringify(OPTIONS)}; median µs per call (ratio to the previous size)`);
console.log(`Node ${process.version}\n`);
console.log(`${pad('input', 32)}${SIZES.map((size) => pad(`${size / 1024} KiB`, 18)).join('')}µs per KiB`);

let worstRatio = 0;
for (const [name, make] of FAMILIES) {
  let previous: number | undefined;
  const cells: string[] = [];
  const perKib: number[] = [];
  for (const size of SIZES) {
    const micros = medianMicros(make(size));
    perKib.push(micros / (size / 1024));
    const ratio = previous === undefined ? undefined : micros / previous;
    if (ratio !== undefined) worstRatio = Math.max(worstRatio, ratio);
    cells.push(pad(`${micros.toFixed(1)}${ratio === undefined ? '' : ` (×${ratio.toFixed(2)})`}`, 18));
    previous = micros;
  }
  console.log(
    `${pad(name, 32)}${cells.join('')}${Math.min(...perKib).toFixed(2)}–${Math.max(...perKib).toFixed(2)}`,
  );
}
console.log(`\nworst ratio per doubling: ×${worstRatio.toFixed(2)} (linear ≈ 2, quadratic ≈ 4)`);
