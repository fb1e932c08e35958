/**
 * Failures a test asks for: the next N requests matching a route answer with an error (or late),
 * whatever the state would have said.
 */

export interface FaultResponse {
  /** Absent: only `delayMs`, then the real response (or a 403, with `secondaryRateLimit`). */
  status?: number;
  /** Sets `retry-after` (secondary limits default to 60). */
  retryAfterSeconds?: number;
  /** A 403/429 with GitHub's secondary rate limit message, as Octokit's throttling plugin recognises it. */
  secondaryRateLimit?: true;
  delayMs?: number;
  /** Replaces the default error body. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface FaultSpec {
  /** Any method when absent. */
  method?: string;
  /** A GitHub path template (`/repos/{owner}/{repo}/issues/{issue_number}/comments`) or a concrete path. */
  route: string;
  /** How many matching requests fail; 1 when absent. */
  times?: number;
  respond: FaultResponse;
}

export interface ActiveFault {
  readonly spec: FaultSpec;
  /** Matching requests still to fail. */
  readonly remaining: number;
}

interface Fault {
  spec: FaultSpec;
  pattern: RegExp;
  remaining: number;
}

/** `{name}` matches one path segment; the rest of the route must match exactly. */
function compileRoute(route: string): RegExp {
  const source = route
    .split(/(\{[^}]+\})/)
    .map((part) => (/^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${source}$`);
}

export class FaultInjector {
  private faults: Fault[] = [];

  /**
   * Makes the next `times` matching requests fail.
   *
   * @example
   * double.faults.add({ method: 'POST', route: '/repos/{owner}/{repo}/issues/{issue_number}/comments', times: 1,
   *   respond: { status: 500 } });
   */
  add(spec: FaultSpec): ActiveFault {
    const fault: Fault = { spec, pattern: compileRoute(spec.route), remaining: spec.times ?? 1 };
    this.faults.push(fault);
    return {
      spec,
      get remaining() {
        return fault.remaining;
      },
    };
  }

  /** Faults that have not fired as often as asked. */
  pending(): ActiveFault[] {
    return this.faults
      .filter((fault) => fault.remaining > 0)
      .map(({ spec, remaining }) => ({ spec, remaining }));
  }

  clear(): void {
    this.faults = [];
  }

  /** The fault for this request, if one is armed; counts it as fired. */
  take(method: string, path: string): FaultResponse | undefined {
    const fault = this.faults.find(
      (candidate) =>
        candidate.remaining > 0 &&
        (candidate.spec.method === undefined ||
          candidate.spec.method.toUpperCase() === method.toUpperCase()) &&
        candidate.pattern.test(path),
    );
    if (!fault) return undefined;
    fault.remaining -= 1;
    return fault.spec.respond;
  }
}
