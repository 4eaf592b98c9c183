import type { MediaType } from '@switchboard/validators';
import { useCallback, useEffect, useRef, useState } from 'react';
import { type MediaLimits, sendOptions, sizeProblem } from '../../lib/attachment.ts';
import { errorMessage } from '../../lib/errors.ts';
import { uploadMedia } from '../../lib/upload.ts';
import { trpc } from '../../trpc.ts';

export interface Attachment {
  file: File;
  /** A `blob:` URL of the file itself, for the preview. */
  previewUrl: string;
  type: MediaType;
  /** What else it can be sent as. */
  options: MediaType[];
  status: 'uploading' | 'ready' | 'failed';
  /** Upload progress, 0 to 1. */
  progress: number;
  /** The stored file, once uploaded for `sessionId`. */
  mediaId: string | null;
  sessionId: string | null;
  error: string | null;
}

/**
 * One file attached to a message being written: previewed at once, uploaded at once (with progress) for the
 * session it will be sent from, and uploaded again if that session changes. The preview URL is revoked and
 * an upload in progress cancelled when the attachment is cleared or the form goes away.
 */
export function useAttachment(sessionId: string | null) {
  const [attachment, setAttachment] = useState<Attachment | null>(null);
  const limits = trpc.media.limits.useQuery(undefined, { staleTime: Number.POSITIVE_INFINITY }).data;
  const upload = useRef<AbortController | null>(null);

  const start = useCallback(
    (next: Attachment, limitsNow: MediaLimits | undefined, session: string | null) => {
      upload.current?.abort();
      upload.current = null;
      const problem = sizeProblem(next.file.size, next.type, limitsNow);
      if (problem || !session) {
        const error = problem ?? 'Choose the session to send from first.';
        setAttachment({ ...next, status: 'failed', progress: 0, mediaId: null, sessionId: session, error });
        return;
      }
      const controller = new AbortController();
      upload.current = controller;
      setAttachment({
        ...next,
        status: 'uploading',
        progress: 0,
        mediaId: null,
        sessionId: session,
        error: null,
      });
      const update = (change: Partial<Attachment>) =>
        setAttachment((current) =>
          current?.file === next.file && !controller.signal.aborted ? { ...current, ...change } : current,
        );
      uploadMedia(
        { sessionId: session, type: next.type, file: next.file },
        (progress) => update({ progress }),
        controller.signal,
      ).then(
        (stored) => update({ status: 'ready', progress: 1, mediaId: stored.id }),
        (error: unknown) => update({ status: 'failed', error: errorMessage(error) }),
      );
    },
    [],
  );

  const attach = useCallback(
    (file: File) => {
      setAttachment((previous) => {
        if (previous) URL.revokeObjectURL(previous.previewUrl);
        return null;
      });
      const options = sendOptions(file.type);
      const first: Attachment = {
        file,
        previewUrl: URL.createObjectURL(file),
        type: options[0] ?? 'document',
        options,
        status: 'uploading',
        progress: 0,
        mediaId: null,
        sessionId,
        error: null,
      };
      start(first, limits, sessionId);
    },
    [limits, sessionId, start],
  );

  /** The stored file fits any type its bytes allow; the server checks again when the message is sent. */
  const setType = useCallback(
    (type: MediaType) =>
      setAttachment((current) => {
        if (!current) return current;
        const problem = sizeProblem(current.file.size, type, limits);
        if (problem) return { ...current, type, error: problem, status: 'failed' };
        if (current.status === 'failed' && !current.mediaId) {
          queueMicrotask(() => start({ ...current, type }, limits, sessionId));
          return { ...current, type };
        }
        return { ...current, type, error: null, status: current.mediaId ? 'ready' : current.status };
      }),
    [limits, sessionId, start],
  );

  const clear = useCallback(() => {
    upload.current?.abort();
    upload.current = null;
    setAttachment((current) => {
      if (current) URL.revokeObjectURL(current.previewUrl);
      return null;
    });
  }, []);

  // Another sending session needs its own upload (files belong to an account).
  useEffect(() => {
    if (attachment && attachment.sessionId !== sessionId) start(attachment, limits, sessionId);
  }, [attachment, sessionId, limits, start]);

  const latest = useRef(attachment);
  latest.current = attachment;
  useEffect(
    () => () => {
      upload.current?.abort();
      if (latest.current) URL.revokeObjectURL(latest.current.previewUrl);
    },
    [],
  );

  return { attachment, attach, setType, clear, limits };
}
