import { SESSION_BULK_MAX } from '@switchboard/validators';
import { AppError, type AppErrorCode } from '../errors.ts';
import type { Logger } from '../logger.ts';
import type { SessionView } from './views.ts';

/** What one session of a bulk command came to: its view, or why it was refused. */
export type BulkResult =
  | { id: string; ok: true; session: SessionView }
  | { id: string; ok: false; code: AppErrorCode; message: string };

/**
 * Runs a command on each session at once and answers per session: one refusal (not found, shutting down)
 * does not stop the others. Each session's commands still run one at a time in the manager's queue.
 */
export async function forEachSession(
  ids: readonly string[],
  command: (id: string) => Promise<SessionView>,
  log: Logger,
): Promise<BulkResult[]> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) throw new AppError('BAD_REQUEST', 'Choose at least one session');
  if (unique.length > SESSION_BULK_MAX)
    throw new AppError(
      'BAD_REQUEST',
      `At most ${SESSION_BULK_MAX} sessions at once (${unique.length} given)`,
    );
  return Promise.all(
    unique.map(async (id): Promise<BulkResult> => {
      try {
        return { id, ok: true, session: await command(id) };
      } catch (error) {
        if (error instanceof AppError) return { id, ok: false, code: error.code, message: error.message };
        log.error('bulk session command failed', { id, error: String(error) });
        return {
          id,
          ok: false,
          code: 'INTERNAL_SERVER_ERROR',
          message: `Session ${id}: something went wrong`,
        };
      }
    }),
  );
}
