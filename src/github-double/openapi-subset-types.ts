/** The shape of `openapi-subset.generated.json`, written by `scripts/generate-openapi-subset.ts`. */

/** A JSON Schema (draft-07 subset) as the generator leaves it: OpenAPI `nullable` already folded into `type`. */
export type JsonSchema = { [keyword: string]: unknown } | boolean;

/** Every operation GitHub documents: `[METHOD, path template, operationId, ...multi-segment path params]`. */
export type RouteEntry = [method: string, path: string, operationId: string, ...multiSegment: string[]];

export interface SubsetParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
  /** GitHub's `x-multi-segment`: the value may contain `/` (a file path, a ref). */
  multiSegment?: true;
}

export interface SubsetOperation {
  method: string;
  path: string;
  /** GitHub's documentation page, used as `documentation_url` in error bodies. */
  docs: string;
  parameters: SubsetParameter[];
  requestBody?: { required: boolean; schema: JsonSchema };
  /** Success status code -> JSON response schema, `null` when the response has no JSON body. */
  responses: Record<string, JsonSchema | null>;
}

export interface OpenApiSubset {
  source: { package: string; version: string; openapi: string; descriptionVersion: string };
  routes: RouteEntry[];
  operations: Record<string, SubsetOperation>;
  /** Sub-schemas shared by several operations, referenced as `defs#/definitions/<key>`. */
  definitions: Record<string, JsonSchema>;
}

/** The `$id` of the schema that holds the shared definitions. */
export const DEFINITIONS_SCHEMA_ID = 'defs';
