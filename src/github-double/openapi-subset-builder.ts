import { createHash } from 'node:crypto';
import {
  DEFINITIONS_SCHEMA_ID,
  type JsonSchema,
  type OpenApiSubset,
  type RouteEntry,
  type SubsetOperation,
  type SubsetParameter,
} from './openapi-subset-types.js';

/**
 * Build-time only: turns GitHub's dereferenced OpenAPI description (70 MB) into the small subset the
 * double loads at runtime. Used by `scripts/generate-openapi-subset.ts` and by the test that checks the
 * committed file is current; nothing at runtime imports it.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

interface SpecOperation {
  operationId?: string;
  externalDocs?: { url?: string };
  parameters?: Array<{
    name: string;
    in: string;
    required?: boolean;
    schema?: Json;
    'x-multi-segment'?: boolean;
  }>;
  requestBody?: { required?: boolean; content?: Record<string, { schema?: Json }> };
  responses?: Record<string, { content?: Record<string, { schema?: Json }> }>;
}

/** The parts of an OpenAPI 3.0 document the builder reads. */
export interface OpenApiDocument {
  openapi: string;
  info: { version: string };
  paths: Record<string, Record<string, SpecOperation>>;
}

const HTTP_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);

/** Validation keywords copied as they are; everything else (descriptions, examples, x-*) is dropped. */
const VALUE_KEYWORDS = new Set([
  'type',
  'enum',
  'const',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'required',
]);
const SINGLE_SCHEMA_KEYWORDS = ['items', 'additionalProperties', 'not'] as const;
const SCHEMA_LIST_KEYWORDS = ['oneOf', 'anyOf', 'allOf'] as const;

/** Shared sub-schemas shorter than this stay inline: a `$ref` would not save much. */
const MIN_HOISTED_LENGTH = 160;

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Strips an OpenAPI 3.0 schema down to draft-07 validation keywords and folds `nullable` into `type`. */
export function cleanSchema(source: Json | undefined): JsonSchema {
  if (typeof source === 'boolean') return source;
  if (!isObject(source)) return {};
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(source)) {
    if (VALUE_KEYWORDS.has(key)) {
      if (key === 'required' && Array.isArray(value) && value.length === 0) continue;
      out[key] = value;
    } else if (key === 'properties' && isObject(value)) {
      const properties: JsonObject = {};
      for (const [name, schema] of Object.entries(value)) properties[name] = cleanSchema(schema) as Json;
      out.properties = properties;
    } else if ((SINGLE_SCHEMA_KEYWORDS as readonly string[]).includes(key)) {
      out[key] = typeof value === 'boolean' ? value : (cleanSchema(value) as Json);
    } else if ((SCHEMA_LIST_KEYWORDS as readonly string[]).includes(key) && Array.isArray(value)) {
      out[key] = value.map((schema) => cleanSchema(schema) as Json);
    }
  }
  if (source.nullable !== true) return out;
  if (typeof out.type === 'string') {
    out.type = [out.type, 'null'];
    if (Array.isArray(out.enum) && !out.enum.includes(null)) out.enum = [...out.enum, null];
    return out;
  }
  if (Object.keys(out).length === 0) return out;
  return { anyOf: [out, { type: 'null' }] };
}

/** Calls `visit` on every direct sub-schema and rebuilds the schema from what it returns. */
function mapSubschemas(schema: JsonSchema, visit: (child: JsonSchema) => JsonSchema): JsonSchema {
  if (!isObject(schema)) return schema;
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && isObject(value)) {
      const properties: JsonObject = {};
      for (const [name, child] of Object.entries(value))
        properties[name] = visit(child as JsonSchema) as Json;
      out.properties = properties;
    } else if ((SINGLE_SCHEMA_KEYWORDS as readonly string[]).includes(key) && isObject(value)) {
      out[key] = visit(value) as Json;
    } else if ((SCHEMA_LIST_KEYWORDS as readonly string[]).includes(key) && Array.isArray(value)) {
      out[key] = value.map((child) => visit(child as JsonSchema) as Json);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * Places where GitHub's description disagrees with what api.github.com actually returns. Without these
 * the double's own (faithful) responses would fail response validation.
 */
function fixKnownSpecErrors(schema: JsonSchema, property?: string): JsonSchema {
  if (!isObject(schema)) return schema;
  let fixed: JsonObject = schema;
  // `installation.account` is a user OR an enterprise; the description says allOf (both at once).
  if (property === 'account' && Array.isArray(fixed.allOf)) {
    const { allOf, ...rest } = fixed;
    fixed = { ...rest, anyOf: allOf };
  }
  // Labels without a description come back with `"description": null`, also where it says `string`.
  const labelProperties = isObject(fixed.properties) ? fixed.properties : undefined;
  const description = labelProperties?.description;
  if (
    labelProperties &&
    ['name', 'color', 'default'].every((key) => key in labelProperties) &&
    isObject(description) &&
    description.type === 'string'
  ) {
    fixed = {
      ...fixed,
      properties: { ...labelProperties, description: { ...description, type: ['string', 'null'] } },
    };
  }
  // Search results carry `"body": null` for issues without a body, like the issues API does.
  const itemProperties = isObject(fixed.properties) ? fixed.properties : undefined;
  const body = itemProperties?.body;
  if (
    itemProperties &&
    'score' in itemProperties &&
    'number' in itemProperties &&
    isObject(body) &&
    body.type === 'string'
  ) {
    fixed = { ...fixed, properties: { ...itemProperties, body: { ...body, type: ['string', 'null'] } } };
  }
  const out: JsonObject = {};
  for (const [key, value] of Object.entries(fixed)) {
    if (key === 'properties' && isObject(value)) {
      const properties: JsonObject = {};
      for (const [name, child] of Object.entries(value)) {
        properties[name] = fixKnownSpecErrors(child as JsonSchema, name) as Json;
      }
      out.properties = properties;
    } else if ((SINGLE_SCHEMA_KEYWORDS as readonly string[]).includes(key) && isObject(value)) {
      out[key] = fixKnownSpecErrors(value) as Json;
    } else if ((SCHEMA_LIST_KEYWORDS as readonly string[]).includes(key) && Array.isArray(value)) {
      // A nullable property becomes `anyOf: [schema, null]`: the property name still applies inside.
      out[key] = value.map((child) => fixKnownSpecErrors(child as JsonSchema, property) as Json);
    } else {
      out[key] = value;
    }
  }
  return out;
}

/**
 * Moves sub-schemas that occur more than once (GitHub repeats `simple-user`, `repository`... hundreds of
 * times once dereferenced) into `definitions`, named by a hash of their content so that regenerating is
 * stable.
 */
class SchemaHoister {
  private readonly counts = new Map<string, number>();
  readonly definitions: Record<string, JsonSchema> = {};

  count(schema: JsonSchema): void {
    if (!isObject(schema)) return;
    const key = JSON.stringify(schema);
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
    mapSubschemas(schema, (child) => {
      this.count(child);
      return child;
    });
  }

  hoist(schema: JsonSchema, isRoot = true): JsonSchema {
    if (!isObject(schema)) return schema;
    const key = JSON.stringify(schema);
    const shared = !isRoot && key.length >= MIN_HOISTED_LENGTH && (this.counts.get(key) ?? 0) > 1;
    if (!shared) return mapSubschemas(schema, (child) => this.hoist(child, false));
    const name = createHash('sha1').update(key).digest('hex').slice(0, 12);
    if (!(name in this.definitions)) {
      this.definitions[name] = mapSubschemas(schema, (child) => this.hoist(child, false));
    }
    return { $ref: `${DEFINITIONS_SCHEMA_ID}#/definitions/${name}` };
  }
}

function jsonSchemaOf(content: Record<string, { schema?: Json }> | undefined): Json | undefined {
  if (!content) return undefined;
  const json = content['application/json'] ?? Object.values(content)[0];
  return json?.schema;
}

function extractOperation(method: string, path: string, operation: SpecOperation): SubsetOperation {
  const parameters: SubsetParameter[] = [];
  for (const parameter of operation.parameters ?? []) {
    if (parameter.in !== 'path' && parameter.in !== 'query') continue;
    parameters.push({
      name: parameter.name,
      in: parameter.in,
      required: parameter.required === true,
      schema: cleanSchema(parameter.schema),
      ...(parameter['x-multi-segment'] ? { multiSegment: true as const } : {}),
    });
  }
  const extracted: SubsetOperation = {
    method: method.toUpperCase(),
    path,
    docs: operation.externalDocs?.url ?? 'https://docs.github.com/rest',
    parameters,
    responses: {},
  };
  const bodySchema = jsonSchemaOf(operation.requestBody?.content);
  if (operation.requestBody && bodySchema !== undefined) {
    extracted.requestBody = {
      required: operation.requestBody.required === true,
      schema: cleanSchema(bodySchema),
    };
  }
  for (const [status, response] of Object.entries(operation.responses ?? {})) {
    if (!status.startsWith('2')) continue;
    const schema = jsonSchemaOf(response.content);
    extracted.responses[status] = schema === undefined ? null : fixKnownSpecErrors(cleanSchema(schema));
  }
  return extracted;
}

/**
 * Extracts the route index of every GitHub operation plus the full (cleaned, dereferenced) schemas of
 * the operations the double implements.
 *
 * @example
 * const subset = buildOpenApiSubset(spec, ['issues/create'], '23.0.2');
 * subset.operations['issues/create'].path; // '/repos/{owner}/{repo}/issues'
 */
export function buildOpenApiSubset(
  spec: OpenApiDocument,
  operationIds: readonly string[],
  packageVersion: string,
): OpenApiSubset {
  const wanted = new Set(operationIds);
  const routes: RouteEntry[] = [];
  const extracted: Record<string, SubsetOperation> = {};
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!HTTP_METHODS.has(method) || !operation.operationId) continue;
      const multiSegment = (operation.parameters ?? [])
        .filter((parameter) => parameter.in === 'path' && parameter['x-multi-segment'])
        .map((parameter) => parameter.name);
      routes.push([method.toUpperCase(), path, operation.operationId, ...multiSegment]);
      if (wanted.has(operation.operationId)) {
        extracted[operation.operationId] = extractOperation(method, path, operation);
      }
    }
  }
  const missing = [...wanted].filter((id) => !(id in extracted));
  if (missing.length > 0) throw new Error(`GitHub's description has no operation ${missing.join(', ')}`);

  const hoister = new SchemaHoister();
  const ordered = Object.keys(extracted).sort();
  const everySchema = (operation: SubsetOperation): JsonSchema[] => [
    ...operation.parameters.map((parameter) => parameter.schema),
    ...(operation.requestBody ? [operation.requestBody.schema] : []),
    ...Object.values(operation.responses).filter((schema): schema is JsonSchema => schema !== null),
  ];
  for (const id of ordered) for (const schema of everySchema(extracted[id]!)) hoister.count(schema);

  const operations: Record<string, SubsetOperation> = {};
  for (const id of ordered) {
    const operation = extracted[id]!;
    const responses: Record<string, JsonSchema | null> = {};
    for (const [status, schema] of Object.entries(operation.responses)) {
      responses[status] = schema === null ? null : hoister.hoist(schema);
    }
    operations[id] = {
      ...operation,
      parameters: operation.parameters.map((parameter) => ({
        ...parameter,
        schema: hoister.hoist(parameter.schema),
      })),
      ...(operation.requestBody
        ? { requestBody: { ...operation.requestBody, schema: hoister.hoist(operation.requestBody.schema) } }
        : {}),
      responses,
    };
  }
  const definitions: Record<string, JsonSchema> = {};
  for (const name of Object.keys(hoister.definitions).sort()) definitions[name] = hoister.definitions[name]!;

  return {
    source: {
      package: '@octokit/openapi',
      version: packageVersion,
      openapi: spec.openapi,
      descriptionVersion: spec.info.version,
    },
    routes,
    operations,
    definitions,
  };
}

/** Serialises the subset with one route, operation or definition per line, so that diffs stay readable. */
export function formatOpenApiSubset(subset: OpenApiSubset): string {
  const section = (entries: string[]): string =>
    `\n${entries.map((entry) => `    ${entry}`).join(',\n')}\n  `;
  const keyed = (record: Record<string, unknown>): string =>
    `{${section(Object.entries(record).map(([key, value]) => `${JSON.stringify(key)}: ${JSON.stringify(value)}`))}}`;
  return [
    '{',
    `  "source": ${JSON.stringify(subset.source)},`,
    `  "routes": [${section(subset.routes.map((route) => JSON.stringify(route)))}],`,
    `  "operations": ${keyed(subset.operations)},`,
    `  "definitions": ${keyed(subset.definitions)}`,
    '}',
    '',
  ].join('\n');
}
