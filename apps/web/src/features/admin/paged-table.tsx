import type { ReactNode } from 'react';
import { PagedList, type PagedListState } from './admin-kit';

export interface Column<T> {
  label: string;
  cell: (item: T) => ReactNode;
  /** The cell that names the row. */
  rowHeader?: boolean;
}

/** The list's current page as a table whose cells stack, each under its column's label, on narrow screens. */
export function PagedTable<T extends { id: number }>(props: {
  list: PagedListState<T>;
  caption: string;
  columns: Column<T>[];
  rowData?: (item: T) => Record<`data-${string}`, string | number>;
}) {
  return (
    <PagedList list={props.list}>
      {(items) => (
        <div className="table-wrap">
          <table className="stack">
            <caption className="visually-hidden">{props.caption}</caption>
            <thead>
              <tr>
                {props.columns.map((column) => (
                  <th key={column.label} scope="col">
                    {column.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.id} {...props.rowData?.(item)}>
                  {props.columns.map((column) =>
                    column.rowHeader ? (
                      <th key={column.label} scope="row" data-label={column.label}>
                        {column.cell(item)}
                      </th>
                    ) : (
                      <td key={column.label} data-label={column.label}>
                        {column.cell(item)}
                      </td>
                    ),
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </PagedList>
  );
}
