import { formatPhone } from '../lib/format.ts';
import { cx } from './cx.ts';

/**
 * A phone number as people dial it ("+49 1512 3456789"), always left to right: inside Arabic text the "+"
 * and the digit groups would otherwise be reordered by the bidirectional algorithm.
 */
export function Phone({ digits, className }: { digits: string; className?: string }) {
  return (
    <bdi dir="ltr" data-testid="phone" className={cx('tabular-nums', className)}>
      {formatPhone(digits)}
    </bdi>
  );
}
