/**
 * Writes src/github-double/openapi-subset.generated.json: GitHub's route index plus the dereferenced,
 * stripped schemas of the operations the GitHub double implements. The double never loads
 * @octokit/openapi (385 MB) at runtime; it loads this file.
 *
 * Usage:
 *   npx tsx scripts/generate-openapi-subset.ts           # regenerate
 *   npx tsx scripts/generate-openapi-subset.ts --check   # exit 1 if the committed file is stale
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  buildOpenApiSubset,
  formatOpenApiSubset,
  type OpenApiDocument,
} from '../src/github-double/openapi-subset-builder.js';
import { implementedOperationIds } from '../src/github-double/routes/index.js';

const require = createRequire(import.meta.url);
/** Where the subset is committed. */
export const OPENAPI_SUBSET_PATH = fileURLToPath(
  new URL('../src/github-double/openapi-subset.generated.json', import.meta.url),
);

/** Builds the subset text from the installed @octokit/openapi. */
export function generateOpenApiSubsetText(): string {
  const specPath = require.resolve('@octokit/openapi/generated/api.github.com.deref.json');
  const packageJson = JSON.parse(readFileSync(require.resolve('@octokit/openapi/package.json'), 'utf8')) as {
    version: string;
  };
  const spec = JSON.parse(readFileSync(specPath, 'utf8')) as OpenApiDocument;
  return formatOpenApiSubset(buildOpenApiSubset(spec, implementedOperationIds, packageJson.version));
}

function main(): void {
  const text = generateOpenApiSubsetText();
  if (process.argv.includes('--check')) {
    const current = readFileSync(OPENAPI_SUBSET_PATH, 'utf8');
    if (current !== text) {
      console.error(`${OPENAPI_SUBSET_PATH} is stale: run npx tsx scripts/generate-openapi-subset.ts`);
      process.exit(1);
    }
    console.log(`${OPENAPI_SUBSET_PATH} is current`);
    return;
  }
  writeFileSync(OPENAPI_SUBSET_PATH, text);
  console.log(
    `wrote ${OPENAPI_SUBSET_PATH} (${implementedOperationIds.length} operations, ${text.length} bytes)`,
  );
}

// Only when run as a script: the freshness test imports `generateOpenApiSubsetText` instead.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
