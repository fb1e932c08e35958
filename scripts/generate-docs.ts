/**
 * Writes the documents generated from code: docs/commands.md (from the plugin definitions) and
 * docs/config.schema.json (from the config schema). `npm run docs`; `--check` exits 1 when a
 * committed file is stale (CI runs the check through the test suite).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { BUILTIN_PLUGINS } from '../plugins/index.js';
import { renderConfigJsonSchema } from '../src/config/sheriff-config-schema.js';
import { renderCommandsMarkdown } from '../src/plugins/plugin-help.js';
import { PluginRegistry } from '../src/plugins/plugin-registry.js';

export function generatedDocuments(): Record<string, string> {
  const registry = new PluginRegistry(BUILTIN_PLUGINS);
  return {
    'docs/commands.md': renderCommandsMarkdown(registry),
    'docs/config.schema.json': renderConfigJsonSchema(registry.plugins),
  };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const check = process.argv.includes('--check');
  let stale = false;
  for (const [file, content] of Object.entries(generatedDocuments())) {
    const path = `${root}${file}`;
    let current = '';
    try {
      current = readFileSync(path, 'utf8');
    } catch {
      // missing counts as stale
    }
    if (current === content) continue;
    if (check) {
      console.error(`${file} is stale: run npm run docs`);
      stale = true;
    } else {
      writeFileSync(path, content);
      console.log(`wrote ${file}`);
    }
  }
  if (stale) process.exit(1);
}
