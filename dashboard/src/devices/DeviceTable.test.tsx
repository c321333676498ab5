import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { renderAt } from '../test/render';
import { DeviceTable } from './DeviceTable';
import type { DeviceSummary } from './useDevices';

const fleet: DeviceSummary[] = Array.from({ length: 5_000 }, (_, i) => ({
  deviceId: `mote-${String(i).padStart(5, '0')}`,
  ownerMsp: 'Org1MSP',
  status: i % 10 === 0 ? 'SUSPENDED' : 'ACTIVE',
  group: 'intel-lab',
  model: 'mica2',
  online: i % 2 === 0,
  lastSeenAt: i % 2 === 0 ? 1_764_000_000_000 : null,
}));

describe('DeviceTable', () => {
  beforeEach(() => {
    // jsdom lays nothing out: give the scroll container the height a browser would, 600 px (about 16 rows).
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(600);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(800);
    return () => vi.restoreAllMocks();
  });

  it('puts_only_the_rows_in_view_into_the_page', () => {
    renderAt('/', [{ path: '/', element: <DeviceTable devices={fleet} hasMore={false} onNeedMore={() => {}} /> }]);

    const rows = screen.getAllByRole('row');
    expect(rows.length).toBeGreaterThan(10);
    expect(rows.length).toBeLessThan(100);
    expect(screen.getByRole('link', { name: 'mote-00000' }).getAttribute('href')).toBe('/devices/mote-00000');
    expect(screen.queryByText('mote-04999')).toBeNull();
    expect(screen.getByRole('table').getAttribute('aria-rowcount')).toBe("5001");
  });

  it('asks_for_the_next_page_when_the_last_rows_are_in_view', () => {
    const onNeedMore = vi.fn();

    renderAt('/', [
      { path: '/', element: <DeviceTable devices={fleet.slice(0, 12)} hasMore onNeedMore={onNeedMore} /> },
    ]);

    expect(onNeedMore).toHaveBeenCalled();
  });

  it('shows_connectivity_in_words', () => {
    renderAt('/', [{ path: '/', element: <DeviceTable devices={fleet.slice(0, 2)} hasMore={false} onNeedMore={() => {}} /> }]);

    expect(screen.getByText('online')).toBeTruthy();
    expect(screen.getByText('offline')).toBeTruthy();
  });

  it('marks_the_sorted_column_and_asks_for_the_next_order_on_a_header_click', async () => {
    const onSort = vi.fn();
    renderAt('/', [
      {
        path: '/',
        element: (
          <DeviceTable devices={fleet.slice(0, 3)} hasMore={false} onNeedMore={() => {}} sort="status" onSort={onSort} />
        ),
      },
    ]);

    expect(screen.getByRole('columnheader', { name: /Status/ }).getAttribute('aria-sort')).toBe('ascending');
    expect(screen.getByRole('columnheader', { name: /Owner/ }).getAttribute('aria-sort')).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: /Last seen/ }));
    await userEvent.click(screen.getByRole('button', { name: /Status/ }));

    expect(onSort.mock.calls).toEqual([['-lastSeenAt'], ['-status']]);
  });

  it('does_not_ask_for_more_on_the_last_page', () => {
    const onNeedMore = vi.fn();

    renderAt('/', [
      { path: '/', element: <DeviceTable devices={fleet.slice(0, 12)} hasMore={false} onNeedMore={onNeedMore} /> },
    ]);

    expect(onNeedMore).not.toHaveBeenCalled();
  });
});
