import { Ajv, type ErrorObject, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { DEFINITIONS_SCHEMA_ID, type OpenApiSubset, type SubsetOperation } from './openapi-subset-types.js';

/**
 * Checks requests (and, optionally, the double's own responses) against GitHub's schemas with ajv.
 * Validators are compiled on first use of an operation and kept.
 */

// ajv-formats is CommonJS; under NodeNext its default export arrives wrapped.
type FormatsPlugin = (ajv: Ajv) => Ajv;
const addFormats = ((addFormatsModule as unknown as { default?: FormatsPlugin }).default ??
  addFormatsModule) as unknown as FormatsPlugin;

export type ValidationResult<T> = { ok: true; value: T } | { ok: false; details: string[] };

interface CompiledOperation {
  params: ValidateFunction;
  query: ValidateFunction;
  arrayQueryParams: Set<string>;
  body?: ValidateFunction;
  bodyRequired: boolean;
  responses: Map<string, ValidateFunction | null>;
}

function createAjv(coerceTypes: boolean | 'array'): Ajv {
  const ajv = new Ajv({
    strict: true,
    strictTypes: false,
    strictTuples: false,
    strictRequired: false,
    allErrors: true,
    verbose: true,
    // Shared definitions compile once and are called, instead of being inlined into every operation.
    inlineRefs: false,
    coerceTypes,
  });
  addFormats(ajv);
  // GitHub's own format for "owner/name".
  ajv.addFormat('repo.nwo', /^[^/]+\/[^/]+$/);
  return ajv;
}

function objectSchema(operation: SubsetOperation, location: 'path' | 'query') {
  const parameters = operation.parameters.filter((parameter) => parameter.in === location);
  return {
    type: 'object',
    properties: Object.fromEntries(parameters.map((parameter) => [parameter.name, parameter.schema])),
    required: parameters.filter((parameter) => parameter.required).map((parameter) => parameter.name),
  };
}

/** Ajv's JSON pointer (`/labels/0`) to GitHub's wording for a property. */
function describe(error: ErrorObject): string {
  const where = error.instancePath || '/';
  const value = JSON.stringify(error.data);
  switch (error.keyword) {
    case 'required':
      return `"${(error.params as { missingProperty: string }).missingProperty}" wasn't supplied.`;
    case 'type':
      return `Invalid property ${where}: \`${value}\` is not of type \`${(error.params as { type: string }).type}\`.`;
    case 'enum':
      return `Invalid property ${where}: \`${value}\` is not a possible value. Must be one of: ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}.`;
    case 'additionalProperties':
      return `Invalid property ${where}: \`${(error.params as { additionalProperty: string }).additionalProperty}\` is not a permitted key.`;
    default:
      return `Invalid property ${where}: ${error.message ?? 'is invalid'}.`;
  }
}

/** The errors worth reporting: ajv also reports every failed branch of a `oneOf`, which says little. */
function details(errors: ErrorObject[] | null | undefined): string[] {
  const all = errors ?? [];
  const specific = all.filter((error) => error.keyword !== 'oneOf' && error.keyword !== 'anyOf');
  const chosen = specific.length > 0 ? specific : all;
  return [...new Set(chosen.map(describe))].slice(0, 8);
}

/**
 * Request and response validation for the operations in the subset.
 *
 * @example
 * const validator = new OpenApiValidator(openApiSubset);
 * validator.body('issues/create', { title: 42n }); // { ok: false, details: [...] }
 */
export class OpenApiValidator {
  private readonly coercing = createAjv('array');
  private readonly exact = createAjv(false);
  private readonly compiled = new Map<string, CompiledOperation>();

  constructor(private readonly subset: OpenApiSubset) {
    const definitions = { $id: DEFINITIONS_SCHEMA_ID, definitions: subset.definitions };
    this.coercing.addSchema(definitions);
    this.exact.addSchema(definitions);
  }

  private operation(operationId: string): CompiledOperation {
    const cached = this.compiled.get(operationId);
    if (cached) return cached;
    const operation = this.subset.operations[operationId];
    if (!operation) throw new Error(`No operation ${operationId} in the OpenAPI subset`);
    const compiled: CompiledOperation = {
      params: this.coercing.compile(objectSchema(operation, 'path')),
      query: this.coercing.compile(objectSchema(operation, 'query')),
      arrayQueryParams: new Set(
        operation.parameters
          .filter(
            (parameter) =>
              parameter.in === 'query' && (parameter.schema as { type?: unknown }).type === 'array',
          )
          .map((parameter) => parameter.name),
      ),
      body: operation.requestBody ? this.exact.compile(operation.requestBody.schema) : undefined,
      bodyRequired: operation.requestBody?.required === true,
      responses: new Map(),
    };
    this.compiled.set(operationId, compiled);
    return compiled;
  }

  /** Path parameters; a failure means GitHub would not have routed the request (404). */
  params(operationId: string, params: Record<string, string>): ValidationResult<Record<string, string>> {
    const validate = this.operation(operationId).params;
    const copy: Record<string, unknown> = { ...params };
    if (!validate(copy)) return { ok: false, details: details(validate.errors) };
    return { ok: true, value: params };
  }

  /** Query parameters, coerced to their schema types (`per_page=5` becomes 5). */
  query(operationId: string, search: URLSearchParams): ValidationResult<Record<string, unknown>> {
    const compiled = this.operation(operationId);
    const query: Record<string, unknown> = {};
    for (const key of new Set(search.keys())) {
      query[key] = compiled.arrayQueryParams.has(key) ? search.getAll(key) : search.get(key);
    }
    if (!compiled.query(query)) return { ok: false, details: details(compiled.query.errors) };
    return { ok: true, value: query };
  }

  /** The JSON body, exactly as sent (no coercion: GitHub rejects `"5"` where it wants 5). */
  body(operationId: string, body: unknown): ValidationResult<unknown> {
    const compiled = this.operation(operationId);
    if (body === undefined) {
      // GitHub's wording when a required body is missing.
      return compiled.bodyRequired
        ? { ok: false, details: ["For 'links/0/schema', nil is not an object."] }
        : { ok: true, value: undefined };
    }
    if (!compiled.body) return { ok: true, value: body };
    if (!compiled.body(body)) return { ok: false, details: details(compiled.body.errors) };
    return { ok: true, value: body };
  }

  /** Problems with a response body the double produced; empty when it matches GitHub's schema. */
  response(operationId: string, status: number, body: unknown): string[] {
    const compiled = this.operation(operationId);
    const key = String(status);
    const documented = this.subset.operations[operationId]!.responses;
    if (!(key in documented)) return [`${status} is not a documented success status of ${operationId}`];
    if (!compiled.responses.has(key)) {
      const schema = documented[key];
      compiled.responses.set(key, schema ? this.exact.compile(schema) : null);
    }
    const validate = compiled.responses.get(key);
    if (!validate || validate(body)) return [];
    return details(validate.errors);
  }
}
