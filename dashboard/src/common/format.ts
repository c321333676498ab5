/** Formats epoch milliseconds as local date and time to the second, or an em dash when absent. */
export function formatTime(epochMs: number | null | undefined): string {
  if (epochMs === null || epochMs === undefined) {
    return '—';
  }
  return new Date(epochMs).toLocaleString(undefined, {
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  });
}

/** Formats a duration in ms the way the range picker and chart labels name it: 90 s, 15 min, 6 h, 7 d. */
export function formatDuration(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'min'],
    [1000, 's'],
  ];
  for (const [size, name] of units) {
    if (ms >= size && ms % size === 0) {
      return `${ms / size} ${name}`;
    }
  }
  return `${ms} ms`;
}

/** A count with its noun, singular for exactly one: `1 window`, `2 windows`, `0 readings`. */
export function counted(count: number, singular: string, plural = `${singular}s`): string {
  return `${count.toLocaleString()} ${count === 1 ? singular : plural}`;
}
