/** The entries of a pasted list of numbers: one per line, or separated by commas or semicolons; blanks dropped. */
export function numbersInList(text: string): string[] {
  return text
    .split(/[\r\n,;]+/)
    .map((entry) => entry.trim())
    .filter(Boolean);
}
