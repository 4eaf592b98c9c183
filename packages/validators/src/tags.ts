/** Contact tags ("vip", "newsletter"): lowercase words, so "VIP" and "vip" are one tag. */
export const TAG_MAX_LENGTH = 32;
export const MAX_TAGS_PER_CONTACT = 20;

/** The tag as stored, or null when nothing usable is left. */
export function normaliseTag(input: string): string | null {
  const tag = input.normalize('NFKC').trim().toLocaleLowerCase('und').replace(/\s+/g, ' ');
  return tag.length > 0 ? tag : null;
}

/** A sentence saying what is wrong with a tag, or null. */
export function tagProblem(input: string): string | null {
  const tag = normaliseTag(input);
  if (!tag) return 'A tag cannot be empty.';
  if (tag.length > TAG_MAX_LENGTH) return `Tags are at most ${TAG_MAX_LENGTH} characters.`;
  if (!/^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u.test(tag))
    return `"${input.trim()}": tags are letters, digits, spaces, "-", "_" and ".", starting with a letter or digit.`;
  return null;
}
