import { SESSION_ID_MAX_LENGTH, SESSION_ID_PATTERN, SESSION_NAME_MAX_LENGTH } from '@switchboard/validators';

/** Why an id cannot be used, in words, or null when it can. */
export function sessionIdProblem(id: string, taken: readonly string[] = []): string | null {
  if (id.length === 0) return 'Enter an id (used in the API and as the folder name).';
  if (id.length > SESSION_ID_MAX_LENGTH) return `At most ${SESSION_ID_MAX_LENGTH} characters.`;
  if (/[A-Z]/.test(id)) return 'Use lowercase letters only.';
  if (!/^[a-z0-9]/.test(id)) return 'Start with a letter or a digit.';
  if (!SESSION_ID_PATTERN.test(id)) return 'Only lowercase letters, digits, "-" and "_".';
  if (taken.includes(id)) return `A session with the id "${id}" already exists.`;
  return null;
}

export function sessionNameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed.length === 0) return 'Enter a name.';
  if (trimmed.length > SESSION_NAME_MAX_LENGTH) return `At most ${SESSION_NAME_MAX_LENGTH} characters.`;
  return null;
}
