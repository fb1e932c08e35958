import { z } from 'zod';

/**
 * The few ProwJob fields Sheriff needs to store and route one (Prow's `pkg/apis/prowjobs/v1`);
 * everything else passes through untouched. Refs may be absent on periodics, which usually carry
 * their repositories in `extra_refs`.
 */
const refsSchema = z.looseObject({ org: z.string().min(1), repo: z.string().min(1) });
const prowJobSchema = z.looseObject({
  metadata: z.looseObject({ name: z.string().min(1).optional() }).optional(),
  spec: z.looseObject({
    type: z.string().min(1),
    job: z.string().min(1),
    context: z.string().optional(),
    refs: refsSchema.optional(),
    extra_refs: z.array(refsSchema).optional(),
  }),
  status: z.looseObject({
    state: z.string().min(1),
    build_id: z.string().optional(),
  }),
});

/** How one posted ProwJob is stored: as a delivery, like a webhook. */
export interface ProwJobDelivery {
  /** Stable for the same job in the same state, so a re-post is a duplicate. */
  id: string;
  /** The same ordering key as the job's crier statuses (`delivery-key.ts`): one job's reports stay in order. */
  key: string;
  /** `org/repo` of `refs`, else of the first `extra_refs`; null when the job names no repository. */
  repository: string | null;
}

export type ProwJobDescription = { ok: true; delivery: ProwJobDelivery } | { ok: false; error: string };

/**
 * Checks one ProwJob and says how to store it: the dedup id (name or build id, plus state), the
 * ordering key, and the repository whose config applies. Errors name the field.
 *
 * @example
 * describeProwJob(prowjob);
 * // { ok: true, delivery: { id: 'prowjob:e0ffc648-...:failure',
 * //   key: 'example-ack/lambda-controller:job:post-lambda-controller-release',
 * //   repository: 'example-ack/lambda-controller' } }
 */
export function describeProwJob(value: unknown): ProwJobDescription {
  const parsed = prowJobSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    return { ok: false, error: `${issue.path.join('.') || '(root)'}: ${issue.message}` };
  }
  const { metadata, spec, status } = parsed.data;
  const identity = metadata?.name ?? status.build_id;
  if (!identity) return { ok: false, error: 'metadata.name or status.build_id is required' };
  const refs = spec.refs ?? spec.extra_refs?.[0];
  const repository = refs ? `${refs.org}/${refs.repo}` : null;
  // crier reports under spec.context (the job name unless configured otherwise): the same key.
  const context = spec.context || spec.job;
  return {
    ok: true,
    delivery: {
      id: `prowjob:${identity}:${status.state}`,
      key: `${repository?.toLowerCase() ?? '-'}:job:${context}`,
      repository,
    },
  };
}
