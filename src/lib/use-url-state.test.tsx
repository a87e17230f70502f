import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter, useLocation } from 'react-router';
import { expect, it } from 'vitest';
import { SearchInput } from '@/components/search-input';
import { useUrlState } from './use-url-state';

interface Range {
  from: string;
  to: string;
}
const read = (search: URLSearchParams): Range => ({ from: search.get('from') ?? '', to: search.get('to') ?? '' });
const write = (current: URLSearchParams, patch: Partial<Range>) => {
  const next = new URLSearchParams(current);
  for (const [key, value] of Object.entries(patch)) next.set(key, value);
  return next;
};

/** One click sets both ends, as two fields changed before the page renders again would. */
function RangeFields() {
  const [range, update] = useUrlState(read, write);
  const location = useLocation();
  const setBoth = () => {
    update({ from: '2026-11-01' });
    update({ to: '2026-11-07' });
  };
  return (
    <>
      <button type="button" onClick={setBoth}>
        First week
      </button>
      <output aria-label="address">{`${location.search} ${range.from}|${range.to}`}</output>
    </>
  );
}

it('keeps both of two changes made before the page renders again (From, then To)', async () => {
  render(
    <MemoryRouter initialEntries={['/activity']}>
      <RangeFields />
    </MemoryRouter>,
  );
  await userEvent.click(screen.getByRole('button', { name: 'First week' }));
  expect(screen.getByRole('status', { name: 'address' })).toHaveTextContent('?from=2026-11-01&to=2026-11-07 2026-11-01|2026-11-07');
});

it('settles a search at once when the box is left, so no timer fires after a click elsewhere', async () => {
  const changes: string[] = [];
  render(
    <>
      <SearchInput label="Search people" placeholder="Name" value="" onChange={(q) => changes.push(q)} />
      <button type="button">Elsewhere</button>
    </>,
  );
  await userEvent.type(screen.getByRole('searchbox', { name: 'Search people' }), 'tanak');
  expect(changes).toEqual([]);
  await userEvent.click(screen.getByRole('button', { name: 'Elsewhere' }));
  expect(changes).toEqual(['tanak']);
});
