import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { HeatMap, heatLevel } from './heat-map';
import { week } from './reports-fixture';

/** The cell under a day's row and an hour's column, found as a screen reader would (by headers). */
function cell(day: string, hour: number): HTMLElement {
  const table = screen.getByRole('table');
  const column = within(table).getAllByRole('columnheader').findIndex((th) => th.textContent === String(hour).padStart(2, '0'));
  const row = within(table).getByRole('row', { name: new RegExp(`^${day.slice(0, 3)}`) });
  // The row's day is a row header, not a cell: its cells line up with the hour headers.
  const found = column < 0 ? undefined : within(row).getAllByRole('cell')[column];
  if (!found) throw new Error(`no cell for ${day} ${hour}`);
  return found;
}

describe('the heat map', () => {
  it('puts index 9 under Monday 09:00 and index 24 under Tuesday 00:00, counts as text', () => {
    render(<HeatMap hours={week({ 9: 7, 24: 3, 167: 1 })} caption="Outages by hour" unit="outages" />);
    expect(screen.getByRole('table', { name: 'Outages by hour' })).toBeInTheDocument();
    expect(cell('Monday', 9)).toHaveTextContent('7');
    expect(cell('Monday', 9)).toHaveAttribute('title', 'Monday 09:00: 7 outages');
    expect(cell('Monday', 10)).toHaveTextContent('0');
    expect(cell('Tuesday', 0)).toHaveTextContent('3');
    expect(cell('Sunday', 23)).toHaveTextContent('1');
  });

  it('has a row per day and a column per hour, with their headers', () => {
    render(<HeatMap hours={week()} caption="Uses" unit="uses" />);
    expect(screen.getAllByRole('rowheader').map((th) => th.textContent)).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(screen.getAllByRole('columnheader')).toHaveLength(24);
    expect(screen.getAllByRole('cell').filter((td) => td.textContent !== '')).toHaveLength(168);
  });

  it('shades by count: none for 0, darkest for the busiest hour', () => {
    expect(heatLevel(0, 10)).toBe(0);
    expect(heatLevel(1, 10)).toBe(1);
    expect(heatLevel(6, 10)).toBe(3);
    expect(heatLevel(10, 10)).toBe(4);
    render(<HeatMap hours={week({ 9: 8, 10: 2 })} caption="Uses" unit="uses" />);
    expect(cell('Monday', 9)).toHaveClass('heat-4');
    expect(cell('Monday', 10)).toHaveClass('heat-1');
    expect(cell('Monday', 11)).toHaveClass('heat-0');
  });
});
