export interface BarRow {
  label: string;
  count: number;
}

interface Props {
  title: string;
  rows: readonly BarRow[];
}

/**
 * A small horizontal bar chart made of plain elements. Every bar has its label and count as
 * text, so the chart reads as a list to screen readers and needs no colour to be understood.
 */
export function BarChart({ title, rows }: Props) {
  const max = rows.reduce((m, row) => Math.max(m, row.count), 0);
  return (
    <figure class="bi-chart">
      <figcaption class="bi-chart__title">{title}</figcaption>
      {rows.length === 0 ? (
        <p class="bi-muted">Nothing yet.</p>
      ) : (
        <ul class="bi-chart__rows">
          {rows.map((row) => (
            <li key={row.label} class="bi-chart__row">
              <span class="bi-chart__label">
                {row.label}
                <span class="bi-sr">: </span>
              </span>
              <span class="bi-chart__track" aria-hidden="true">
                <span class="bi-chart__bar" style={{ width: `${max ? (row.count / max) * 100 : 0}%` }} />
              </span>
              <span class="bi-chart__count">{row.count}</span>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
