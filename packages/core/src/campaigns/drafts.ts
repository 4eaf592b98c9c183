import type { Campaign } from '@switchboard/db';
import { CAMPAIGN_NAME_MAX_LENGTH, MAX_VARIANTS, type Pacing, pacingProblems } from '@switchboard/validators';
import { AppError } from '../errors.ts';

/** The checks every change of a campaign's draft goes through, with a sentence for each refusal. */

/** Drafts change freely; a paused campaign may change everything but where it sends from. */
export function expectEditable(current: Campaign, moving: boolean): void {
  if (current.status !== 'draft' && (current.status !== 'paused' || moving))
    throw new AppError(
      'PRECONDITION_FAILED',
      current.status === 'paused'
        ? 'A paused campaign keeps its account: cancel it and create another to send from elsewhere'
        : `Campaign ${current.name} is ${current.status}: only drafts and paused campaigns can be changed`,
    );
}

export function checkedName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > CAMPAIGN_NAME_MAX_LENGTH)
    throw new AppError('BAD_REQUEST', `Campaign name must be 1 to ${CAMPAIGN_NAME_MAX_LENGTH} characters`);
  return trimmed;
}

export function checkedPacing(pacing: Pacing): Pacing {
  const problems = pacingProblems(pacing);
  if (problems.length > 0) throw new AppError('BAD_REQUEST', problems.map((p) => p.text).join(' '));
  return pacing;
}

/** The wordings as given, when there are few enough and each fits in one message. */
export function checkedVariants(variants: string[], maxTextLength: number): string[] {
  if (variants.length > MAX_VARIANTS)
    throw new AppError('BAD_REQUEST', `A campaign has at most ${MAX_VARIANTS} wordings`);
  const long = variants.findIndex((v) => v.length > maxTextLength);
  if (long !== -1)
    throw new AppError(
      'BAD_REQUEST',
      `Wording ${long + 1} is ${variants[long]!.length} characters long; the limit is ${maxTextLength}`,
    );
  return variants;
}
