import { describe, expect, it } from 'vitest';
import { counted } from './format';

describe('counted', () => {
  it('names_one_thing_in_the_singular_and_others_in_the_plural', () => {
    expect(counted(1, 'window')).toBe('1 window');
    expect(counted(0, 'window')).toBe('0 windows');
    expect(counted(2, 'reading')).toBe('2 readings');
    expect(counted(1200, 'reading')).toBe(`${(1200).toLocaleString()} readings`);
  });
});
