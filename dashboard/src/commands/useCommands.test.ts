import { describe, expect, it } from 'vitest';
import { newCommandId, parseParameters } from './useCommands';

describe('parseParameters', () => {
  it('reads_blank_text_as_no_parameters', () => {
    expect(parseParameters('  ')).toEqual({ value: {} });
  });

  it('reads_one_json_object', () => {
    expect(parseParameters('{"interval": 60}')).toEqual({ value: { interval: 60 } });
  });

  it('refuses_anything_but_an_object_and_explains', () => {
    for (const text of ['[1]', '60', 'null', '{interval: 60}']) {
      expect(parseParameters(text).problem).toMatch(/one JSON object/);
    }
  });
});

describe('newCommandId', () => {
  it('matches_the_gateways_id_pattern_and_differs_each_time', () => {
    const a = newCommandId();
    expect(a).toMatch(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/);
    expect(newCommandId()).not.toBe(a);
  });
});
