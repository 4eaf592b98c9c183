import { type Said, said } from './coded.ts';

/** Contact tags ("vip", "newsletter"): lowercase words, so "VIP" and "vip" are one tag. */
export const TAG_MAX_LENGTH = 32;
export const MAX_TAGS_PER_CONTACT = 20;

/** The tag as stored, or null when nothing usable is left. */
export function normaliseTag(input: string): string | null {
  const tag = input.normalize('NFKC').trim().toLocaleLowerCase('und').replace(/\s+/g, ' ');
  return tag.length > 0 ? tag : null;
}

/** A sentence (with its code) saying what is wrong with a tag, or null. */
export function tagProblem(input: string): Said | null {
  const tag = normaliseTag(input);
  if (!tag) return said('A tag cannot be empty.', 'tag.empty');
  if (tag.length > TAG_MAX_LENGTH)
    return said(`Tags are at most ${TAG_MAX_LENGTH} characters.`, 'tag.too_long', { max: TAG_MAX_LENGTH });
  if (!/^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u.test(tag))
    return said(
      `"${input.trim()}": tags are letters, digits, spaces, "-", "_" and ".", starting with a letter or digit.`,
      'tag.characters',
      { tag: input.trim() },
    );
  return null;
}
