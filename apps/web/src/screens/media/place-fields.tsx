import { LOCATION_TEXT_MAX_LENGTH, mapUrl } from '@switchboard/validators';
import { ExternalLink, MapPin, X } from 'lucide-react';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { TextField } from '../../components/field.tsx';
import { checkCoordinates, type PlaceDraft } from '../../lib/place.ts';
import { TOOL_BUTTON } from './attach-button.tsx';

/** A pin that opens the place fields of a message being written. */
export function PlaceButton({ onClick, disabled }: { onClick: () => void; disabled?: boolean }) {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      onClick={onClick}
      disabled={disabled}
      aria-label={t('media.place.share')}
      title={t('media.place.shareHint')}
      className={TOOL_BUTTON}
    >
      <MapPin aria-hidden className="size-[18px]" />
    </button>
  );
}

/**
 * The place a message will share: its coordinates (as a map copies them), and a name and address shown
 * under the pin. Problems show once the field was left or the form submitted (`showProblems`).
 */
export function PlaceFields({
  draft,
  onChange,
  onRemove,
  showProblems,
}: {
  draft: PlaceDraft;
  onChange: (draft: PlaceDraft) => void;
  onRemove: () => void;
  showProblems: boolean;
}) {
  const { t } = useTranslation();
  const [left, setLeft] = useState(false);
  const titleId = useId();
  const check = checkCoordinates(draft.coordinates);
  const problem =
    check.state === 'invalid' && (left || showProblems)
      ? check.problem
      : check.state === 'empty' && showProblems
        ? t('media.place.coordinatesMissing')
        : null;
  const set = (field: keyof PlaceDraft) => (event: { target: { value: string } }) =>
    onChange({ ...draft, [field]: event.target.value });
  return (
    <fieldset
      aria-labelledby={titleId}
      data-testid="place"
      className="@container rounded-xl bg-zinc-50 p-3 ring-1 ring-zinc-900/5 dark:bg-zinc-800/60 dark:ring-white/10"
    >
      <div className="mb-2 flex items-center justify-between gap-2">
        <p
          id={titleId}
          className="flex items-center gap-1.5 text-sm font-medium text-zinc-800 dark:text-zinc-200"
        >
          <MapPin aria-hidden className="size-4 text-emerald-700 dark:text-emerald-400" />{' '}
          {t('media.place.title')}
        </p>
        <button
          type="button"
          onClick={onRemove}
          aria-label={t('media.place.remove')}
          className="-me-0.5 rounded-md p-1 text-zinc-500 hover:bg-zinc-200 hover:text-zinc-800 dark:text-zinc-400 dark:hover:bg-zinc-700 dark:hover:text-zinc-100"
        >
          <X aria-hidden className="size-4" />
        </button>
      </div>
      <div className="grid gap-3 @md:grid-cols-2">
        <div className="@md:col-span-2">
          <TextField
            label={t('media.place.coordinates')}
            inputMode="decimal"
            autoComplete="off"
            placeholder="52.5219, 13.4132"
            dir="ltr"
            value={draft.coordinates}
            onChange={set('coordinates')}
            onBlur={() => setLeft(true)}
            error={problem}
            hint={
              check.state === 'valid' ? (
                <a
                  href={mapUrl(check)}
                  target="_blank"
                  rel="noopener noreferrer"
                  className="inline-flex items-center gap-1 font-medium text-emerald-700 hover:underline dark:text-emerald-400"
                >
                  {t('media.place.checkOnMap')} <ExternalLink aria-hidden className="size-3" />
                </a>
              ) : (
                t('media.place.coordinatesHint')
              )
            }
          />
        </div>
        <TextField
          label={t('media.place.name')}
          placeholder={t('media.place.namePlaceholder')}
          maxLength={LOCATION_TEXT_MAX_LENGTH}
          value={draft.name}
          onChange={set('name')}
        />
        <TextField
          label={t('media.place.address')}
          placeholder={t('media.place.optional')}
          maxLength={LOCATION_TEXT_MAX_LENGTH}
          value={draft.address}
          onChange={set('address')}
        />
      </div>
    </fieldset>
  );
}
