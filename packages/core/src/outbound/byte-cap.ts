/**
 * Passes a stream's chunks on until more than `maxBytes` have come, then throws `tooLarge()`: the source is
 * closed at once (for-await ends it), so a huge or endless body is cut off instead of read to its end.
 */
export async function* capBytes(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  maxBytes: number,
  tooLarge: () => Error,
): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) throw tooLarge();
    yield chunk;
  }
}
