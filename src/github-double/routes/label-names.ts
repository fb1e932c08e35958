/** Label names from a request body: GitHub accepts `["bug"]` and `[{ "name": "bug" }]` alike. */
export function labelNames(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return value
    .map((entry) => (typeof entry === 'string' ? entry : (entry as { name?: unknown })?.name))
    .filter((name): name is string => typeof name === 'string' && name.length > 0);
}
