import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import { formatTime } from '../common/format';
import { type Order, nextOrder, orderOf } from './order';
import { SORTABLE, type DeviceSummary, type SortKey } from './useDevices';

const column = createColumnHelper<DeviceSummary>();

const COLUMNS = [
  column.accessor('deviceId', {
    header: 'Device',
    cell: (info) => <Link to={`/devices/${encodeURIComponent(info.getValue())}`}>{info.getValue()}</Link>,
  }),
  column.accessor('status', { header: 'Status', cell: (info) => <StatusBadge status={info.getValue()} /> }),
  column.accessor('online', {
    header: 'Connectivity',
    cell: (info) => <Connectivity online={info.getValue()} />,
  }),
  column.accessor('lastSeenAt', { header: 'Last seen', cell: (info) => formatTime(info.getValue()) }),
  column.accessor('ownerMsp', { header: 'Owner' }),
  column.accessor('group', { header: 'Group' }),
  column.accessor('model', { header: 'Model' }),
  column.accessor('firmwareVersion', { header: 'Firmware' }),
  column.accessor('deviceType', { header: 'Type' }),
];

const ROW_HEIGHT = 36;

export interface DeviceTableProps {
  devices: DeviceSummary[];
  /** Whether the server has more pages after these. */
  hasMore: boolean;
  /** Asks for the next page; called when the last rows scroll into view. */
  onNeedMore: () => void;
  /** The scroll container's height before it is measured (tests, first paint). */
  initialHeight?: number;
  /** The server's order, as the `sort` parameter (empty: by device ID). */
  sort?: string;
  /** Asks for another order; absent: headers are not sortable. */
  onSort?: (sort: string) => void;
}

/**
 * The device list as a table whose rows are virtualised: only the rows in view (and a few around them) are in the
 * DOM, spacer rows keep the scroll height, so tens of thousands of loaded devices stay fluid. Native table markup
 * keeps the columns announced by screen readers; aria-rowcount gives the loaded total. Heights are set through React's
 * style prop, i.e. the CSSOM, which the gateway's Content-Security-Policy allows (style attributes in markup it would
 * not).
 */
export function DeviceTable({ devices, hasMore, onNeedMore, initialHeight = 600, sort = '', onSort }: DeviceTableProps) {
  const table = useReactTable({ data: devices, columns: COLUMNS, getCoreRowModel: getCoreRowModel() });
  const rows = table.getRowModel().rows;
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
    initialRect: { width: 0, height: initialHeight },
  });
  const items = virtualizer.getVirtualItems();
  const lastIndex = items.at(-1)?.index ?? -1;

  useEffect(() => {
    if (hasMore && lastIndex >= rows.length - 20) {
      onNeedMore();
    }
  }, [hasMore, lastIndex, rows.length, onNeedMore]);

  const top = items[0]?.start ?? 0;
  const bottom = virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0);
  return (
    <div className="table-scroll" ref={scrollRef} tabIndex={0} role="region" aria-label="Devices">
      <table className="devices" aria-rowcount={rows.length + 1}>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id} aria-rowindex={1}>
              {group.headers.map((header) => {
                const label = flexRender(header.column.columnDef.header, header.getContext());
                const key = header.column.id as SortKey;
                const sortable = onSort && (SORTABLE as readonly string[]).includes(key);
                const order = orderOf(sort, key);
                return (
                  <th key={header.id} scope="col" aria-sort={sortable ? ARIA_SORT[order] : undefined}>
                    {sortable ? (
                      <button type="button" className="sort" onClick={() => onSort(nextOrder(sort, key))}>
                        {label}
                        <span aria-hidden="true">{ARROWS[order]}</span>
                      </button>
                    ) : (
                      label
                    )}
                  </th>
                );
              })}
            </tr>
          ))}
        </thead>
        <tbody>
          {top > 0 && <tr aria-hidden="true" className="spacer" style={{ height: top }} />}
          {items.map((item) => {
            const row = rows[item.index]!;
            return (
              <tr key={row.id} aria-rowindex={item.index + 2}>
                {row.getVisibleCells().map((cell) => (
                  <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext()) ?? '—'}</td>
                ))}
              </tr>
            );
          })}
          {bottom > 0 && <tr aria-hidden="true" className="spacer" style={{ height: bottom }} />}
        </tbody>
      </table>
    </div>
  );
}

const ARIA_SORT: Record<Order, 'ascending' | 'descending' | 'none'> = {
  asc: 'ascending',
  desc: 'descending',
  none: 'none',
};
const ARROWS: Record<Order, string> = { asc: ' ▲', desc: ' ▼', none: '' };

/** Online or offline, in words (colour alone would not do). */
export function Connectivity({ online }: { online: boolean }) {
  return <span className={`online online-${online ? 'yes' : 'no'}`}>{online ? 'online' : 'offline'}</span>;
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`status status-${status.toLowerCase()}`}>{status}</span>;
}
