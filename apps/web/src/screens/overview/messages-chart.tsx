import {
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';
import { Line } from 'react-chartjs-2';
import { useTranslation } from 'react-i18next';
import { formatCount, formatDay, formatList } from '../../lib/format.ts';
import type { MessageStats } from '../../lib/types.ts';
import { SERIES } from './series.ts';

// Only the parts a line chart uses, so the chunk stays small.
Chart.register(
  LineController,
  LineElement,
  PointElement,
  CategoryScale,
  LinearScale,
  Tooltip,
  Legend,
  Filler,
);
// The dashboard's own typeface rather than Chart.js's Helvetica.
Chart.defaults.font.family = getComputedStyle(document.body).fontFamily;

/** Loaded on its own (a separate chunk): Chart.js is most of the overview's weight. */
export default function MessagesChart({ stats, dark }: { stats: MessageStats; dark: boolean }) {
  const { t } = useTranslation();
  const rtl = document.documentElement.dir === 'rtl';
  const grid = dark ? 'rgba(161, 161, 170, 0.14)' : 'rgba(113, 113, 122, 0.14)';
  const text = dark ? '#a1a1aa' : '#71717a';
  const summary = formatList(
    SERIES.map((s) =>
      t('overview.chartTotal', {
        total: formatCount(stats.totals[s.key]),
        series: t(`overview.series.${s.key}`).toLowerCase(),
      }),
    ),
  );
  return (
    <Line
      role="img"
      aria-label={t('overview.chartSummary', { days: stats.days.length, summary })}
      data-testid="messages-chart"
      data={{
        labels: stats.days.map((d) => formatDay(d.date)),
        datasets: SERIES.map((s) => ({
          label: t(`overview.series.${s.key}`),
          data: stats.days.map((d) => d[s.key]),
          borderColor: s.color,
          backgroundColor: `${s.color}1f`,
          // Also what the legend's dot is filled with.
          pointBackgroundColor: s.color,
          fill: s.key === 'sent',
          borderWidth: 2,
          // Smooth, but never dipping below zero or overshooting a day's count.
          cubicInterpolationMode: 'monotone' as const,
          pointRadius: 0,
          pointHoverRadius: 4,
        })),
      }}
      options={{
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'index', intersect: false },
        plugins: {
          legend: {
            position: 'bottom',
            rtl,
            labels: {
              usePointStyle: true,
              pointStyle: 'circle',
              boxWidth: 8,
              boxHeight: 8,
              color: text,
              padding: 16,
            },
          },
          tooltip: {
            rtl,
            callbacks: { label: (item) => ` ${item.dataset.label}: ${formatCount(Number(item.raw))}` },
          },
        },
        scales: {
          x: {
            reverse: rtl,
            grid: { display: false },
            ticks: { color: text, maxTicksLimit: 8, maxRotation: 0 },
          },
          y: {
            position: rtl ? 'right' : 'left',
            beginAtZero: true,
            grid: { color: grid },
            border: { display: false },
            ticks: { color: text, precision: 0, callback: (value) => formatCount(Number(value)) },
          },
        },
      }}
    />
  );
}
