/**
 * The numbers behind a chart, for keyboard and screen-reader users (and anyone who wants them):
 * a native table inside a closed `<details>`, one row per point, the first cell heading its row.
 */
export function NumbersTable({ summary, caption, headings, rows }: { summary: string; caption: string; headings: readonly string[]; rows: readonly (readonly string[])[] }) {
  return (
    <details className="text-sm">
      <summary className="cursor-pointer py-1 font-medium">{summary}</summary>
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm">
          <caption className="sr-only">{caption}</caption>
          <thead className="bg-slate-50 text-xs font-semibold text-slate-600 dark:bg-slate-900 dark:text-slate-300">
            <tr>
              {headings.map((heading) => (
                <th key={heading} scope="col" className="px-3 py-2">
                  {heading}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map(([first, ...rest], i) => (
              <tr key={i} className="border-t border-slate-200 dark:border-slate-800">
                <th scope="row" className="px-3 py-2 font-normal">
                  {first}
                </th>
                {rest.map((cell, j) => (
                  <td key={j} className="px-3 py-2">
                    {cell}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </details>
  );
}
