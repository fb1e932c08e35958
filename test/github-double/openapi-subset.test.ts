import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { OPENAPI_SUBSET_PATH, generateOpenApiSubsetText } from '../../scripts/generate-openapi-subset.js';
import { openApiSubset } from '../../src/github-double/openapi-subset.js';
import { implementedOperationIds } from '../../src/github-double/routes/index.js';

const SOURCE_DIR = fileURLToPath(new URL('../../src/github-double', import.meta.url));

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('the generated OpenAPI subset', () => {
  it('is what the generator makes from the installed @octokit/openapi (run scripts/generate-openapi-subset.ts)', () => {
    expect(generateOpenApiSubsetText() === readFileSync(OPENAPI_SUBSET_PATH, 'utf8')).toBe(true);
  });

  it('describes exactly the operations the double implements', () => {
    expect(Object.keys(openApiSubset.operations).sort()).toEqual([...implementedOperationIds]);
  });

  it('indexes every GitHub route, so unimplemented ones can be told from unknown ones', () => {
    expect(openApiSubset.routes.length).toBeGreaterThan(1000);
  });

  it('keeps only validation keywords: no descriptions, examples or extensions', () => {
    const text = readFileSync(OPENAPI_SUBSET_PATH, 'utf8');
    expect(text).not.toMatch(/"(example|examples|x-github|x-octokit|nullable)":/);
    const descriptions: string[] = [];
    JSON.parse(text, (key, value) => {
      if (key === 'description' && typeof value === 'string') descriptions.push(value);
      return value;
    });
    expect(descriptions).toEqual([]);
    expect(text.length).toBeLessThan(500_000);
  });

  it('is the only OpenAPI the double loads at runtime', () => {
    const loadsOpenApi = /(from\s+|import\(\s*|require(\.resolve)?\(\s*)['"]@octokit\/openapi/;
    const loaders = sourceFiles(SOURCE_DIR).filter((file) => loadsOpenApi.test(readFileSync(file, 'utf8')));
    expect(loaders).toEqual([]);
  });
});
