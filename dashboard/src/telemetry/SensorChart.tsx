import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { SensorSeries } from './series';

const HEIGHT = 220;

/**
 * One sensor's chart: the mean per bucket as a line, the band between min and max shaded, so no spike is lost to the
 * downsampling. The canvas is an image to assistive technology, described by the text beside it.
 */
export function SensorChart({ series, width, bucketLabel }: { series: SensorSeries; width: number; bucketLabel: string }) {
  const container = useRef<HTMLDivElement>(null);
  const descriptionId = `chart-${series.sensor}-description`;

  useEffect(() => {
    if (!container.current) {
      return;
    }
    const plot = new uPlot(options(width), series.data, container.current);
    return () => plot.destroy();
  }, [series, width]);

  return (
    <figure className="chart">
      <figcaption>
        <h3>{series.sensor}</h3>
        <p id={descriptionId}>
          {series.readings} readings in {series.data[0].length} buckets of {bucketLabel}; lowest {format(series.min)},
          highest {format(series.max)}.
        </p>
      </figcaption>
      <div ref={container} role="img" aria-label={`Chart of ${series.sensor}`} aria-describedby={descriptionId} />
    </figure>
  );
}

function options(width: number): uPlot.Options {
  return {
    width,
    height: HEIGHT,
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

function format(value: number): string {
  return Number.isFinite(value) ? value.toLocaleString(undefined, { maximumFractionDigits: 3 }) : '—';
}
