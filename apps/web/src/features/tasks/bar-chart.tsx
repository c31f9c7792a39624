import { useId } from 'react';
import type { Point } from './numeric-series';

const WIDTH = 360;
const LABEL_WIDTH = 110;
const VALUE_WIDTH = 60;
const ROW = 22;

const short = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);
const format = (n: number) => (Number.isInteger(n) ? String(n) : n.toPrecision(4).replace(/\.?0+$/, ''));

/** A small horizontal bar chart in inline SVG (negative values grow left of zero). */
export function BarChart({ points, title }: { points: Point[]; title: string }) {
  const titleId = useId();
  const values = points.map((p) => p.value);
  const max = Math.max(0, ...values);
  const min = Math.min(0, ...values);
  const span = max - min || 1;
  const plot = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
  const x = (v: number) => LABEL_WIDTH + ((v - min) / span) * plot;
  const height = points.length * ROW + 4;

  return (
    <svg
      className="chart"
      role="img"
      aria-labelledby={titleId}
      viewBox={`0 0 ${WIDTH} ${height}`}
      width="100%"
    >
      <title id={titleId}>
        {title}: {points.map((p) => `${p.label} ${format(p.value)}`).join(', ')}
      </title>
      <line x1={x(0)} x2={x(0)} y1={0} y2={height} className="chart-axis" />
      {points.map((p, i) => {
        const y = i * ROW + 2;
        const left = Math.min(x(0), x(p.value));
        return (
          <g key={`${p.label}-${i}`}>
            <text x={LABEL_WIDTH - 6} y={y + ROW / 2 + 4} textAnchor="end" className="chart-label">
              {short(p.label, 16)}
            </text>
            <rect x={left} y={y + 3} width={Math.max(1, Math.abs(x(p.value) - x(0)))} height={ROW - 6} className="chart-bar" />
            <text x={WIDTH - VALUE_WIDTH + 4} y={y + ROW / 2 + 4} className="chart-value">
              {format(p.value)}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
