/**
 * The device list's order as the `sort` query value: a key, ascending, or `-key`, descending; empty is the gateway's
 * default, device ID ascending. Clicking a column header cycles its order.
 */
export type Order = 'asc' | 'desc' | 'none';

/** Columns that read best newest or largest first start descending. */
const DESCENDING_FIRST = new Set(['lastSeenAt']);

/**
 * The order of one column under a `sort` value.
 *
 * @param sort the current `sort` ('' for device ID ascending)
 * @param key the column
 */
export function orderOf(sort: string, key: string): Order {
  const current = sort === '' ? 'deviceId' : sort;
  if (current === key) {
    return 'asc';
  }
  return current === `-${key}` ? 'desc' : 'none';
}

/**
 * The `sort` after a click on a column: an unsorted column starts in its natural direction, a sorted one flips.
 *
 * @param sort the current `sort`
 * @param key the clicked column
 * @returns the new `sort`, '' for the default order
 */
export function nextOrder(sort: string, key: string): string {
  const order = orderOf(sort, key);
  const descending = order === 'none' ? DESCENDING_FIRST.has(key) : order === 'asc';
  const next = descending ? `-${key}` : key;
  return next === 'deviceId' ? '' : next;
}
