import type { Said } from '@switchboard/validators';
import { checkPhone } from '../phone.ts';

/** What a pasted line turned out to be: a number on WhatsApp or not, or not a phone number at all. */
export interface NumberCheckLine {
  input: string;
  phone: string | null;
  onWhatsApp: boolean | null;
  chatId: string | null;
  problem: Said | null;
}

type CheckNumber = (digits: string) => Promise<{ onWhatsApp: boolean; chatId?: string }>;

/**
 * Every line in the order given. A line that is not a phone number says why and the list goes on past it;
 * a number given twice is asked about once. One at a time: WhatsApp Web answers each lookup in turn anyway.
 */
export async function checkNumberLines(inputs: string[], check: CheckNumber): Promise<NumberCheckLine[]> {
  const answers = new Map<string, { onWhatsApp: boolean; chatId?: string }>();
  const lines: NumberCheckLine[] = [];
  for (const input of inputs) {
    const checked = checkPhone(input);
    if ('problem' in checked) {
      lines.push({ input, phone: null, onWhatsApp: null, chatId: null, problem: checked.problem });
      continue;
    }
    const answer = answers.get(checked.digits) ?? (await check(checked.digits));
    answers.set(checked.digits, answer);
    lines.push({
      input,
      phone: checked.digits,
      onWhatsApp: answer.onWhatsApp,
      chatId: answer.chatId ?? null,
      problem: null,
    });
  }
  return lines;
}
