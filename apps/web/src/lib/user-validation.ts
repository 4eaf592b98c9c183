/** The checks the server makes on users, worded for a form. */
export const PASSWORD_MIN = 8;

export function emailProblem(email: string): string | null {
  const value = email.trim();
  if (value.length === 0) return 'Enter an email address.';
  if (value.length > 254) return 'At most 254 characters.';
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) return 'Enter an email address like name@example.com.';
  return null;
}

export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_MIN) return `At least ${PASSWORD_MIN} characters.`;
  if (password.length > 256) return 'At most 256 characters.';
  return null;
}

export function personNameProblem(name: string): string | null {
  const value = name.trim();
  if (value.length === 0) return 'Enter a name.';
  if (value.length > 100) return 'At most 100 characters.';
  return null;
}
