import type { RouteEntry } from './openapi-subset-types.js';

/** Finds which GitHub operation a method and path name, the way GitHub's router would. */

export interface RouteMatch {
  operationId: string;
  /** GitHub's path template, e.g. `/repos/{owner}/{repo}/issues/{issue_number}`. */
  template: string;
  /** Path parameters, percent-decoded. */
  params: Record<string, string>;
}

interface Operation {
  operationId: string;
  template: string;
  /** Parameter names in path order: routes sharing a tree node may name the same position differently. */
  paramNames: string[];
}

/** One level of the compiled route tree: literal segments first, then patterns, then parameters. */
interface RouteNode {
  literals: Map<string, RouteNode>;
  /** Segments with text around parameters, e.g. `{base}...{head}`. */
  patterns: Array<{ regex: RegExp; node: RouteNode }>;
  param?: RouteNode;
  /** A parameter that may span several segments (`x-multi-segment`, e.g. a file path). */
  multi?: RouteNode;
  operations: Map<string, Operation>;
}

function createNode(): RouteNode {
  return { literals: new Map(), patterns: [], operations: new Map() };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}

/**
 * A route tree compiled once from GitHub's route index; matching walks it segment by segment, so it
 * costs the same whatever the number of routes.
 *
 * @example
 * const router = new OpenApiRouter([['GET', '/repos/{owner}/{repo}', 'repos/get']]);
 * router.match('GET', '/repos/acme/widgets'); // { operationId: 'repos/get', params: { owner: 'acme', repo: 'widgets' }, ... }
 */
export class OpenApiRouter {
  private readonly root = createNode();

  constructor(routes: readonly RouteEntry[]) {
    for (const [method, template, operationId, ...multiSegment] of routes) {
      this.add(method, template, operationId, new Set(multiSegment));
    }
  }

  private add(method: string, template: string, operationId: string, multiSegment: Set<string>): void {
    let node = this.root;
    const paramNames: string[] = [];
    for (const segment of template.split('/').slice(1).filter(Boolean)) {
      const whole = /^\{([^}]+)\}$/.exec(segment);
      if (whole) {
        paramNames.push(whole[1]!);
        const slot = multiSegment.has(whole[1]!) ? 'multi' : 'param';
        node[slot] ??= createNode();
        node = node[slot]!;
      } else if (segment.includes('{')) {
        const source = segment
          .split(/(\{[^}]+\})/)
          .map((part) => {
            const param = /^\{([^}]+)\}$/.exec(part);
            if (!param) return escapeRegex(part);
            paramNames.push(param[1]!);
            return '(.+?)';
          })
          .join('');
        let pattern = node.patterns.find((candidate) => candidate.regex.source === `^${source}$`);
        if (!pattern) {
          pattern = { regex: new RegExp(`^${source}$`), node: createNode() };
          node.patterns.push(pattern);
        }
        node = pattern.node;
      } else {
        let child = node.literals.get(segment);
        if (!child) {
          child = createNode();
          node.literals.set(segment, child);
        }
        node = child;
      }
    }
    node.operations.set(method.toUpperCase(), { operationId, template, paramNames });
  }

  /** The operation for `method` and a raw (percent-encoded) path, or `undefined` (GitHub's 404). */
  match(method: string, path: string): RouteMatch | undefined {
    const segments = path === '/' ? [] : path.split('/').slice(1);
    const found = this.walk(this.root, segments, 0, method.toUpperCase(), []);
    if (!found) return undefined;
    const { operation, values } = found;
    const params = Object.fromEntries(
      operation.paramNames.map((name, position) => [name, values[position]!]),
    );
    return { operationId: operation.operationId, template: operation.template, params };
  }

  private walk(
    node: RouteNode,
    segments: string[],
    index: number,
    method: string,
    values: string[],
  ): { operation: Operation; values: string[] } | undefined {
    if (index === segments.length) {
      const operation = node.operations.get(method);
      if (operation) return { operation, values };
      // GitHub serves `/contents` like `/contents/`: a trailing multi-segment parameter may be empty.
      const empty = node.multi?.operations.get(method);
      return empty ? { operation: empty, values: [...values, ''] } : undefined;
    }
    const segment = segments[index]!;
    const literal = node.literals.get(segment);
    if (literal) {
      const found = this.walk(literal, segments, index + 1, method, values);
      if (found) return found;
    }
    for (const pattern of node.patterns) {
      const groups = pattern.regex.exec(segment)?.slice(1).map(decodeSegment);
      if (!groups || groups.some((group) => group === undefined)) continue;
      const found = this.walk(pattern.node, segments, index + 1, method, [
        ...values,
        ...(groups as string[]),
      ]);
      if (found) return found;
    }
    const value = decodeSegment(segment);
    if (node.param && segment !== '' && value !== undefined) {
      const found = this.walk(node.param, segments, index + 1, method, [...values, value]);
      if (found) return found;
    }
    if (node.multi) {
      // Fewest segments first, so `branches/{branch}/protection` wins over a branch named `x/protection`.
      for (let end = index + 1; end <= segments.length; end++) {
        const parts = segments.slice(index, end).map(decodeSegment);
        if (parts.some((part) => part === undefined)) return undefined;
        const joined = parts.join('/');
        if (joined === '' && end !== segments.length) continue;
        const found = this.walk(node.multi, segments, end, method, [...values, joined]);
        if (found) return found;
      }
    }
    return undefined;
  }
}
