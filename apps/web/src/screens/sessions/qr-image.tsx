import QRCode from 'qrcode';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { cx } from '../../components/cx.ts';

const SIZE = 264;

/**
 * The QR code for exactly the string the engine emitted. The previous image stays up until the next one is
 * drawn, so a rotation swaps codes without a blank frame. Always dark on white, as phone cameras expect.
 */
export function QrImage({ value, dimmed }: { value: string; dimmed: boolean }) {
  const { t } = useTranslation();
  const [image, setImage] = useState<{ value: string; url: string } | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    QRCode.toDataURL(value, {
      errorCorrectionLevel: 'M',
      margin: 2,
      width: SIZE * 2,
      color: { dark: '#000000', light: '#ffffff' },
    })
      .then((url) => {
        if (!cancelled) setImage({ value, url });
      })
      .catch((e: unknown) => {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      });
    return () => {
      cancelled = true;
    };
  }, [value]);

  if (error) return <p className="text-sm text-red-700">{t('common.qr.drawFailed', { error })}</p>;
  return (
    <div className="rounded-xl bg-white p-2 shadow-sm ring-1 ring-zinc-900/10" style={{ width: SIZE + 16 }}>
      {image ? (
        <img
          src={image.url}
          alt={t('common.qr.alt')}
          width={SIZE}
          height={SIZE}
          data-qr-current={image.value === value || undefined}
          className={cx('block transition-[filter,opacity] duration-300', dimmed && 'opacity-25 blur-[3px]')}
          style={{ imageRendering: 'pixelated' }}
        />
      ) : (
        <div style={{ width: SIZE, height: SIZE }} className="animate-pulse rounded bg-zinc-100" />
      )}
    </div>
  );
}

export const QR_BOX = SIZE + 16;
