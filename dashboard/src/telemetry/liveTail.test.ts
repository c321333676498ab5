import { describe, expect, it } from 'vitest';
import { mergeLatest } from './liveTail';

describe('mergeLatest', () => {
  it('takes_each_sensors_latest_value_with_its_unit', () => {
    const shown = mergeLatest(
      {},
      { count: 2, last: { temperature: { value: 21.5, unit: 'C', ts: 2000 }, door: { value: 'open', ts: 1500 } } },
    );

    expect(shown).toEqual({ temperature: { value: 21.5, unit: 'C', ts: 2000 }, door: { value: 'open', ts: 1500 } });
  });

  it('keeps_a_later_reading_when_an_older_one_arrives_afterwards', () => {
    const before = { temperature: { value: 22, ts: 5000 } };

    const after = mergeLatest(before, { last: { temperature: { value: 19, ts: 4000 }, humidity: { value: 40, ts: 1 } } });

    expect(after).toEqual({ temperature: { value: 22, ts: 5000 }, humidity: { value: 40, ts: 1 } });
  });

  it('ignores_malformed_entries_and_returns_the_same_object_when_nothing_changed', () => {
    const before = { temperature: { value: 22, ts: 5000 } };

    expect(mergeLatest(before, { last: { temperature: { value: null, ts: 9000 }, x: 'y' } })).toBe(before);
    expect(mergeLatest(before, { count: 1 })).toBe(before);
  });
});
