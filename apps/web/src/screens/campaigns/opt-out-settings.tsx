import { DEFAULT_STOP_WORDS, OPT_OUT_REPLY_MAX_LENGTH } from '@switchboard/validators';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/button.tsx';
import { Card, CardHeader } from '../../components/card.tsx';
import { ErrorNotice } from '../../components/error-notice.tsx';
import { TextAreaField } from '../../components/field.tsx';
import { useToast } from '../../components/toaster.tsx';
import { errorMessage } from '../../lib/errors.ts';
import { trpc } from '../../trpc.ts';

type Settings = { stopWords: string[]; defaultStopWords: boolean; confirmation: string | null };

function SettingsForm({ sessionId, settings }: { sessionId: string; settings: Settings }) {
  const { t } = useTranslation();
  const utils = trpc.useUtils();
  const toast = useToast();
  const [words, setWords] = useState(settings.defaultStopWords ? '' : settings.stopWords.join('\n'));
  const [confirmation, setConfirmation] = useState(settings.confirmation ?? '');
  const save = trpc.optOuts.updateSettings.useMutation({
    onSuccess: (saved) => {
      utils.optOuts.settings.setData({ sessionId }, saved);
      toast.success(t('audience.optOuts.saved'));
    },
  });
  const list = words
    .split(/[\n,]/)
    .map((w) => w.trim())
    .filter(Boolean);
  return (
    <form
      className="space-y-4 px-5 py-4"
      onSubmit={(e) => {
        e.preventDefault();
        save.mutate({
          sessionId,
          stopWords: list.length > 0 ? list : null,
          confirmation: confirmation.trim() || null,
        });
      }}
    >
      <TextAreaField
        label={t('audience.optOuts.stopWords')}
        hint={t('audience.optOuts.stopWordsHint', { defaults: DEFAULT_STOP_WORDS.join(', ') })}
        placeholder={DEFAULT_STOP_WORDS.join('\n')}
        value={words}
        onChange={(e) => setWords(e.target.value)}
      />
      <TextAreaField
        label={t('audience.optOuts.confirmation')}
        hint={t('audience.optOuts.confirmationHint')}
        maxLength={OPT_OUT_REPLY_MAX_LENGTH}
        placeholder={t('audience.optOuts.confirmationPlaceholder')}
        value={confirmation}
        onChange={(e) => setConfirmation(e.target.value)}
      />
      {save.error ? <ErrorNotice>{errorMessage(save.error)}</ErrorNotice> : null}
      <div className="flex justify-end">
        <Button type="submit" variant="primary" loading={save.isPending}>
          {t('common.save')}
        </Button>
      </div>
    </form>
  );
}

/** How replies opt people out on one account: its stop words and the confirmation sent back. */
export function OptOutSettings({ sessionId }: { sessionId: string }) {
  const { t } = useTranslation();
  const settings = trpc.optOuts.settings.useQuery({ sessionId });
  return (
    <Card aria-labelledby="opt-out-settings">
      <CardHeader title={t('audience.optOuts.settingsTitle')} id="opt-out-settings" />
      {settings.error ? <ErrorNotice className="m-4">{errorMessage(settings.error)}</ErrorNotice> : null}
      {settings.data ? <SettingsForm key={sessionId} sessionId={sessionId} settings={settings.data} /> : null}
    </Card>
  );
}
