// A table in a horizontal scroll box with a (visually hidden) caption and column headers; rows are the children.
// Below 700px the stylesheet stacks each row into a card whose cells show their column name (td data-label).
import type { ComponentChildren } from "preact";

/** `columns` are the header texts; give each body cell `data-label` with its column's text for narrow windows. */
export function DataTable({ caption, columns, children }: { caption: string; columns: string[]; children: ComponentChildren }) {
  return (
    <div class="table-wrap">
      <table>
        <caption class="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th scope="col" key={c}>
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </div>
  );
}
