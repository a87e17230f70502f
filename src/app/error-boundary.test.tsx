import { render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ErrorBoundary } from './error-boundary';

function Page({ fails }: { fails: boolean }) {
  if (fails) throw new Error('a page bug');
  return <p>The groups page</p>;
}

describe('the routes’ error boundary (layout.tsx)', () => {
  it('shows the failure in place of the page, and the next page afresh', () => {
    vi.spyOn(console, 'error').mockImplementation(() => {});
    const { rerender } = render(
      <ErrorBoundary resetKey="/locks/X1">
        <Page fails />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong');
    // The same page again (a re-render): still the failure.
    rerender(
      <ErrorBoundary resetKey="/locks/X1">
        <Page fails={false} />
      </ErrorBoundary>,
    );
    expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong');
    rerender(
      <ErrorBoundary resetKey="/groups">
        <Page fails={false} />
      </ErrorBoundary>,
    );
    expect(screen.queryByRole('alert')).toBeNull();
    expect(screen.getByText('The groups page')).toBeInTheDocument();
  });
});
