/**
 * Message templates: `{{name}}` is replaced by the recipient's value, `{{name|there}}` falls back to "there"
 * when the recipient has none. Variable names are matched loosely: "First Name", "first_name" and
 * "first-name" are the same variable.
 */

import { type Said, said } from './coded.ts';

const PLACEHOLDER = /\{\{([^{}]*)\}\}/g;
/** Marks where an empty value went, so the spaces around it can be tidied (a private-use character). */
const EMPTY = '\uE000';

/** The key a column or variable name is stored and matched under: lowercase words joined by "_". */
export function variableKey(name: string): string {
  return name
    .normalize('NFKC')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '_')
    .replace(/^_+|_+$/g, '');
}

export interface TemplateVariable {
  key: string;
  /** What the placeholder says to use when the recipient has no value; null when it says nothing. */
  fallback: string | null;
}

/** The variables a template uses, each once, in order of first use. */
export function templateVariables(template: string): TemplateVariable[] {
  const seen = new Map<string, TemplateVariable>();
  for (const match of template.matchAll(PLACEHOLDER)) {
    const variable = parsePlaceholder(match[1] ?? '');
    if (variable.key && !seen.has(variable.key)) seen.set(variable.key, variable);
  }
  return [...seen.values()];
}

/** A sentence (with its code) for a template that cannot be filled in (unbalanced or empty braces), or null. */
export function templateProblem(template: string): Said | null {
  if (template.trim().length === 0) return said('Write the message.', 'template.empty');
  for (const match of template.matchAll(PLACEHOLDER)) {
    if (!parsePlaceholder(match[1] ?? '').key)
      return said(`"${match[0]}" names no variable: write {{name}}.`, 'template.unnamed', {
        placeholder: match[0],
      });
  }
  const rest = template.replace(PLACEHOLDER, '');
  if (rest.includes('{{') || rest.includes('}}'))
    return said(
      'A placeholder is not closed: write variables as {{name}} or {{name|fallback}}.',
      'template.unclosed',
    );
  return null;
}

/**
 * The text for one recipient. A variable the recipient lacks takes the placeholder's fallback, or
 * nothing; the spaces it leaves behind are tidied so "Hi {{name}}," never reads "Hi ,".
 */
export function renderTemplate(template: string, values: Readonly<Record<string, string>>): string {
  const filled = template.replace(PLACEHOLDER, (_whole, inner: string) => {
    const { key, fallback } = parsePlaceholder(inner);
    const value = values[key]?.trim();
    return value ? value : (fallback ?? EMPTY);
  });
  return filled
    .replace(/[ \t]*\uE000(?=[,.!?;:])/g, '')
    .replace(/([ \t])\uE000[ \t]+/g, '$1')
    .replaceAll(EMPTY, '');
}

/** The variables a template needs that some recipient lacks and that have no fallback. */
export function missingVariables(template: string, values: Readonly<Record<string, string>>): string[] {
  return templateVariables(template)
    .filter((v) => v.fallback === null && !values[v.key]?.trim())
    .map((v) => v.key);
}

function parsePlaceholder(inner: string): TemplateVariable {
  const bar = inner.indexOf('|');
  if (bar === -1) return { key: variableKey(inner), fallback: null };
  return { key: variableKey(inner.slice(0, bar)), fallback: inner.slice(bar + 1).trim() };
}
