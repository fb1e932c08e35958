/**
 * Problems that drop a whole file, as Prow does (it logs them and goes on without the file).
 * - `yaml-syntax`: the file is not YAML.
 * - `invalid-owners`: an OWNERS file fits neither Prow's simple nor its full shape.
 * - `invalid-aliases`: OWNERS_ALIASES does not parse, so no alias is expanded anywhere.
 * - `unreadable`: the file (or a directory) could not be read from disk.
 */
export type FileDroppedCode = 'yaml-syntax' | 'invalid-owners' | 'invalid-aliases' | 'unreadable';

/**
 * Problems Prow ignores silently; the file is still used, without the part named.
 * - `simple-keys-ignored`: a top-level key has the wrong type, so Prow reads the file as a full
 *   config and ignores every top-level `approvers`/`reviewers`/`required_reviewers`/`labels`.
 * - `filters-ignored`: the file has top-level owners *and* `filters`; Prow ignores `filters`.
 * - `invalid-filter`: a `filters` key is not a regexp Sheriff can run with Go's meaning.
 * - `unknown-key`: a key Prow does not read (a typo such as `approver:` loses its owners).
 * - `ignored-file`: a file the index does not read (OWNERS_ALIASES below the root, a second
 *   spelling of the same path).
 */
export type PartIgnoredCode =
  'simple-keys-ignored' | 'filters-ignored' | 'invalid-filter' | 'unknown-key' | 'ignored-file';

interface ProblemFields {
  /** Repository-relative path of the file, e.g. `services/ec2/OWNERS`. */
  readonly file: string;
  /** 1-based line in the file, or `null` when the problem concerns the file as a whole. */
  readonly line: number | null;
  /** 1-based column, or `null` with `line`. */
  readonly column: number | null;
  /** One line naming the file and line: `services/ec2/OWNERS:7:3: approvers must be a list`. */
  readonly message: string;
}

/** Something wrong in an OWNERS or OWNERS_ALIASES file, with what Sheriff (like Prow) did about it. */
export type OwnersProblem =
  | (ProblemFields & { readonly severity: 'error'; readonly code: FileDroppedCode })
  | (ProblemFields & { readonly severity: 'warning'; readonly code: PartIgnoredCode });

/** A place in a file; both 1-based. */
export interface FilePosition {
  readonly line: number;
  readonly column: number;
}

/**
 * Builds an {@link OwnersProblem} whose message starts with `file:line:column:`.
 *
 * @example
 * ownersProblem('OWNERS', { line: 2, column: 3 }, 'unknown-key', 'unknown key "approver"');
 * // { file: 'OWNERS', line: 2, column: 3, severity: 'warning', code: 'unknown-key',
 * //   message: 'OWNERS:2:3: unknown key "approver"' }
 */
export function ownersProblem(
  file: string,
  position: FilePosition | null,
  code: FileDroppedCode | PartIgnoredCode,
  detail: string,
): OwnersProblem {
  const where = position === null ? file : `${file}:${position.line}:${position.column}`;
  const fields: ProblemFields = {
    file,
    line: position?.line ?? null,
    column: position?.column ?? null,
    message: `${where}: ${detail}`,
  };
  return isFileDropped(code)
    ? { ...fields, severity: 'error', code }
    : { ...fields, severity: 'warning', code };
}

function isFileDropped(code: FileDroppedCode | PartIgnoredCode): code is FileDroppedCode {
  return (
    code === 'yaml-syntax' || code === 'invalid-owners' || code === 'invalid-aliases' || code === 'unreadable'
  );
}
