import { createColumnHelper, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { Link } from 'react-router';
import type { DeviceSummary } from './useDevices';

const column = createColumnHelper<DeviceSummary>();

const COLUMNS = [
  column.accessor('deviceId', {
    header: 'Device',
    cell: (info) => <Link to={`/devices/${encodeURIComponent(info.getValue())}`}>{info.getValue()}</Link>,
  }),
  column.accessor('status', { header: 'Status', cell: (info) => <StatusBadge status={info.getValue()} /> }),
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
}

/**
 * The device list as a table whose rows are virtualised: only the rows in view (and a few around them) are in the
 * DOM, spacer rows keep the scroll height, so tens of thousands of loaded devices stay fluid. Native table markup
 * keeps the columns announced by screen readers; aria-rowcount gives the loaded total. Heights are set through React's
 * style prop, i.e. the CSSOM, which the gateway's Content-Security-Policy allows (style attributes in markup it would
 * not).
 */
export function DeviceTable({ devices, hasMore, onNeedMore, initialHeight = 600 }: DeviceTableProps) {
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
              {group.headers.map((header) => (
                <th key={header.id} scope="col">
                  {flexRender(header.column.columnDef.header, header.getContext())}
                </th>
              ))}
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

export function StatusBadge({ status }: { status: string }) {
  return <span className={`status status-${status.toLowerCase()}`}>{status}</span>;
}
