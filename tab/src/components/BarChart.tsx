/**
 * A small horizontal bar chart drawn with SVG, themed by Fluent tokens (light, dark, high
 * contrast) and by the system colours in forced-colours mode. It is a picture of the numbers the
 * table beside it holds: the SVG is one image whose name lists every value, so a screen reader
 * hears the figures once in the image and can read them cell by cell in the table.
 */
import { makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  chart: { display: 'block', width: '100%', height: 'auto', overflow: 'visible' },
  label: { fill: tokens.colorNeutralForeground2, fontSize: '12px' },
  value: {
    fill: tokens.colorNeutralForeground1,
    fontSize: '12px',
    fontWeight: tokens.fontWeightSemibold,
  },
  track: {
    fill: tokens.colorNeutralBackground3,
    '@media (forced-colors: active)': { fill: 'Canvas', stroke: 'CanvasText', strokeWidth: '1px' },
  },
  bar: {
    fill: tokens.colorBrandBackground,
    '@media (forced-colors: active)': { fill: 'Highlight' },
  },
  alt: {
    fill: tokens.colorPaletteMarigoldBorderActive,
    '@media (forced-colors: active)': { fill: 'CanvasText' },
  },
});

/** One bar: its label, its value, and whether it takes the second colour (e.g. "closed"). */
export interface Bar {
  label: string;
  value: number;
  alternate?: boolean;
}

const ROW = 28;
const LABEL_WIDTH = 150;
const WIDTH = 420;
const BAR_HEIGHT = 16;

export function BarChart({ title, bars }: { title: string; bars: readonly Bar[] }) {
  const styles = useStyles();
  const max = Math.max(1, ...bars.map((b) => b.value));
  const trackWidth = WIDTH - LABEL_WIDTH - 40;
  const name = `${title}: ${bars.map((b) => `${b.label} ${b.value}`).join(', ')}`;
  return (
    <svg
      role="img"
      aria-label={name}
      className={styles.chart}
      viewBox={`0 0 ${WIDTH} ${bars.length * ROW}`}
      preserveAspectRatio="xMinYMin meet"
    >
      {bars.map((b, i) => {
        const y = i * ROW;
        const width = Math.round((b.value / max) * trackWidth);
        return (
          <g key={`${b.label}-${i}`} aria-hidden="true">
            <text x={0} y={y + 16} className={styles.label}>
              {b.label.length > 22 ? `${b.label.slice(0, 21)}…` : b.label}
            </text>
            <Bar y={y} width={trackWidth} className={styles.track} />
            {width > 0 ? (
              <Bar
                y={y}
                width={width}
                className={b.alternate ? styles.alt : styles.bar}
                value={b.value}
              />
            ) : null}
            <text x={LABEL_WIDTH + trackWidth + 6} y={y + 16} className={styles.value}>
              {b.value}
            </text>
          </g>
        );
      })}
    </svg>
  );
}

/** One bar of row `y` (the track behind it, or the value's own bar with its number). */
function Bar({
  y,
  width,
  className,
  value,
}: {
  y: number;
  width: number;
  className: string;
  value?: number;
}) {
  return (
    <rect
      x={LABEL_WIDTH}
      y={y + 4}
      width={width}
      height={BAR_HEIGHT}
      rx={3}
      className={className}
      data-value={value}
    />
  );
}
