/** Session ids double as directory names on the server, so they follow this pattern exactly. */
export const SESSION_ID_PATTERN = /^[a-z0-9][a-z0-9_-]{0,63}$/;
export const SESSION_ID_MAX = 64;

/** "Sales — Berlin #1" → "sales-berlin-1" (the same rule the server applies when no id is given). */
export function deriveSessionId(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, SESSION_ID_MAX)
    .replace(/-+$/, '');
}

/** Why an id cannot be used, in words, or null when it can. */
export function sessionIdProblem(id: string, taken: readonly string[] = []): string | null {
  if (id.length === 0) return 'Enter an id (used in the API and as the folder name).';
  if (id.length > SESSION_ID_MAX) return `At most ${SESSION_ID_MAX} characters.`;
  if (/[A-Z]/.test(id)) return 'Use lowercase letters only.';
  if (!/^[a-z0-9]/.test(id)) return 'Start with a letter or a digit.';
  if (!SESSION_ID_PATTERN.test(id)) return 'Only lowercase letters, digits, "-" and "_".';
  if (taken.includes(id)) return `A session with the id "${id}" already exists.`;
  return null;
}

export function sessionNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'Enter a name.';
  if (trimmed.length > 100) return 'At most 100 characters.';
  return null;
}
