import { describe, expect, it } from 'vitest';
import { nextOrder, orderOf } from './order';

describe('orderOf', () => {
  it('reads_the_default_order_as_device_id_ascending', () => {
    expect(orderOf('', 'deviceId')).toBe('asc');
    expect(orderOf('', 'status')).toBe('none');
  });

  it('reads_a_leading_minus_as_descending', () => {
    expect(orderOf('-lastSeenAt', 'lastSeenAt')).toBe('desc');
    expect(orderOf('-lastSeenAt', 'deviceId')).toBe('none');
  });
});

describe('nextOrder', () => {
  it('starts_last_seen_with_the_most_recent_first', () => {
    expect(nextOrder('', 'lastSeenAt')).toBe('-lastSeenAt');
  });

  it('starts_other_columns_ascending_and_flips_a_sorted_one', () => {
    expect(nextOrder('', 'status')).toBe('status');
    expect(nextOrder('status', 'status')).toBe('-status');
    expect(nextOrder('-status', 'status')).toBe('status');
  });

  it('returns_to_the_default_as_an_empty_sort', () => {
    expect(nextOrder('-deviceId', 'deviceId')).toBe('');
    expect(nextOrder('', 'deviceId')).toBe('-deviceId');
  });
});
