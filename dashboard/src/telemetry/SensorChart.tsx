import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SensorSeries } from './series';

const HEIGHT = 220;

/**
 * One sensor's chart: the mean per bucket as a line, the band between min and max shaded, so no spike is lost to the
 * downsampling. The canvas is an image to assistive technology, described by the text beside it.
 */
export interface SensorChartProps {
  series: SensorSeries;
  width: number;
  /** The bucket length as people read it, such as `2 min`. */
  bucketLabel: string;
  /** The queried range, epoch ms: the x axis spans all of it, however few buckets hold readings. */
  from: number;
  to: number;
}

export function SensorChart({ series, width, bucketLabel, from, to }: SensorChartProps) {
  const container = useRef<HTMLDivElement>(null);
  const descriptionId = `chart-${series.sensor}-description`;

  useEffect(() => {
    if (!container.current) {
      return;
    }
    const plot = new uPlot(options(width, from / 1000, to / 1000), series.data, container.current);
    return () => plot.destroy();
  }, [series, width, from, to]);

  return (
    <figure className="chart">
      <figcaption>
        <h3>{series.sensor}</h3>
        <p id={descriptionId}>
          {series.readings} readings in {plural(series.data[0].length, 'bucket')} of {bucketLabel}; lowest{' '}
          {format(series.min)}, highest {format(series.max)}.
        </p>
      </figcaption>
      <div ref={container} role="img" aria-label={`Chart of ${series.sensor}`} aria-describedby={descriptionId} />
    </figure>
  );
}

function options(width: number, fromS: number, toS: number): uPlot.Options {
  return {
    width,
    height: HEIGHT,
    scales: { x: { time: true, range: [fromS, toS] } },
    legend: { show: false },
    cursor: { drag: { x: true, y: false } },
    series: [
      {},
      { label: 'min', stroke: '#8fb3d9', width: 1 },
      { label: 'mean', stroke: '#1f4e79', width: 2 },
      { label: 'max', stroke: '#8fb3d9', width: 1 },
    ],
    bands: [{ series: [3, 1], fill: 'rgba(31, 78, 121, 0.12)' }],
  };
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

function format(value: number): string {
  return Number.isFinite(value) ? value.toLocaleString(undefined, { maximumFractionDigits: 3 }) : '—';
}
