import { CODED_REASONS } from '@switchboard/validators';
import { z } from 'zod';

const codedPart = {
  reason: z.enum(CODED_REASONS),
  params: z
    .record(z.string(), z.union([z.string(), z.number()]))
    .describe("The values the sentence names, under the names the code's sentence uses"),
};

/**
 * An English sentence of the server's as a stable code with its values, for clients that say it in another
 * language (the dashboard does). `cause` is what a wrapper wraps: why the start a retry follows failed.
 */
export const codedSchema = z
  .object({ ...codedPart, cause: z.object(codedPart).optional() })
  .nullable()
  .describe(
    'The sentence beside it as a stable code with its values (`text`: words with no code of their own, in `params.text`)',
  );
