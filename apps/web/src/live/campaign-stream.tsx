import { useEffect, useRef, useState } from 'react';
import { errorCode } from '../lib/errors.ts';
import { trpc } from '../trpc.ts';

const RESUBSCRIBE_MS = 2000;
/** Progress arrives with every message; lists and tables are fetched again at most this often. */
const REFRESH_MS = 1000;

/**
 * Keeps campaigns live: with `id`, that campaign (its page, its recipients table); without, every campaign the
 * user may see (the list). The campaign itself is replaced as it arrives; the rest is fetched again, coalesced.
 */
export function CampaignStream({ id }: { id?: string }) {
  const [attempt, setAttempt] = useState(0);
  return <CampaignSubscription key={attempt} id={id} onEnded={() => setAttempt((n) => n + 1)} />;
}

function CampaignSubscription({ id, onEnded }: { id: string | undefined; onEnded: () => void }) {
  const utils = trpc.useUtils();
  const refreshTimer = useRef<number | undefined>(undefined);
  const retryTimer = useRef<number | undefined>(undefined);

  useEffect(
    () => () => {
      window.clearTimeout(refreshTimer.current);
      window.clearTimeout(retryTimer.current);
    },
    [],
  );

  const refreshSoon = () => {
    if (refreshTimer.current !== undefined) return;
    refreshTimer.current = window.setTimeout(() => {
      refreshTimer.current = undefined;
      void utils.campaigns.list.invalidate();
      if (id) void utils.campaigns.recipients.invalidate({ id });
    }, REFRESH_MS);
  };

  trpc.campaigns.onProgress.useSubscription(id ? { id } : undefined, {
    onData: ({ data: change }) => {
      if (change.type === 'campaign')
        utils.campaigns.byId.setData({ id: change.campaign.id }, change.campaign);
      else void utils.campaigns.byId.invalidate({ id: change.campaignId });
      refreshSoon();
    },
    onError: (error) => {
      if (errorCode(error) === 'UNAUTHORIZED') void utils.auth.me.invalidate();
      window.clearTimeout(retryTimer.current);
      retryTimer.current = window.setTimeout(onEnded, RESUBSCRIBE_MS);
    },
  });
  return null;
}
