import { type ColumnDef, flexRender, getCoreRowModel, useReactTable } from '@tanstack/react-table';

/**
 * A plain (not virtualised) TanStack Table for lists of a few hundred rows: native table markup with column headers,
 * in a scrollable region named `label`. Long lists (the fleet) use DeviceTable's virtual rows instead.
 */
export function DataTable<T>(props: {
  label: string;
  rows: T[];
  // TanStack's column type is invariant in its value type; the columns of one table mix value types.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  columns: ColumnDef<T, any>[];
  rowKey: (row: T) => string;
  empty?: string;
}) {
  const table = useReactTable({
    data: props.rows,
    columns: props.columns,
    getCoreRowModel: getCoreRowModel(),
    getRowId: props.rowKey,
  });
  return (
    <div className="table-wrap" role="region" aria-label={props.label} tabIndex={0}>
      <table>
        <thead>
          {table.getHeaderGroups().map((group) => (
            <tr key={group.id}>
              {group.headers.map((h) => (
                <th key={h.id} scope="col">
                  {flexRender(h.column.columnDef.header, h.getContext())}
                </th>
              ))}
            </tr>
          ))}
        </thead>
        <tbody>
          {table.getRowModel().rows.map((row) => (
            <tr key={row.id} data-testid={`row-${row.id}`}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id}>{flexRender(cell.column.columnDef.cell, cell.getContext())}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
      {props.rows.length === 0 && <p className="muted">{props.empty ?? 'Nothing to show.'}</p>}
    </div>
  );
}
