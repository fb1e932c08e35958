export { type OwnersDescription, describeOwnersForPaths } from './describe-owners-for-paths.js';
export {
  normalizeRepoPath,
  type OwnersField,
  type OwnersFileContribution,
  OwnersIndex,
  type OwnersIndexOptions,
  type OwnersResolution,
} from './owners-index.js';
export {
  type FileDroppedCode,
  type FilePosition,
  type OwnersProblem,
  ownersProblem,
  type PartIgnoredCode,
} from './owners-problem.js';
export { type OwnersAliases, type OwnersAliasesResult, parseOwnersAliases } from './parse-owners-aliases.js';
export {
  normalizeLogin,
  type OwnersConfig,
  type OwnersFile,
  type OwnersFileResult,
  type OwnersFilter,
  type OwnersOptions,
  type OwnersRule,
  parseOwnersFile,
} from './parse-owners-file.js';
export { type ReadOwnersDirResult, readOwnersDir } from './read-owners-dir.js';
export {
  type ApprovalRequest,
  type ApprovalState,
  type ApproverSuggestion,
  checkApprovals,
  type OwnersFileApproval,
  type SuggestApproversRequest,
  suggestApprovers,
} from './suggest-approvers.js';
export { type Re2Error, type Re2ErrorKind, type Re2Translation, translateRe2 } from './translate-re2.js';
