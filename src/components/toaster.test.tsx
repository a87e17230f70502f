import { act, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it } from 'vitest';
import { dismissToasts, showToast, useToasts } from '@/lib/toasts';
import { location, renderAt } from '@/testing/render';
import { Toaster } from './toaster';

let ids: number[] = [];
afterEach(() => {
  act(() => dismissToasts(ids));
  ids = [];
});

function show(count: number, group?: 'alert') {
  act(() => {
    for (let i = 1; i <= count; i++) ids.push(showToast({ tone: 'critical', title: `Lock ${i} went offline`, group }));
  });
}

/** How many toasts are kept at all (shown or waiting). */
function Kept() {
  return <output aria-label="kept">{useToasts().length}</output>;
}

describe('Toaster', () => {
  it('shows the three newest toasts and collapses the rest into "+N more", which leads to the alerts', async () => {
    renderAt(
      <>
        <Toaster />
        <Kept />
      </>,
    );
    show(5, 'alert');
    const region = screen.getByRole('region', { name: 'Notifications' });
    expect(within(region).queryByText('Lock 1 went offline')).toBeNull();
    expect(within(region).queryByText('Lock 2 went offline')).toBeNull();
    for (const n of [3, 4, 5]) expect(within(region).getByText(`Lock ${n} went offline`)).toBeVisible();
    const more = within(region).getByRole('link', { name: '+2 more: open the alerts' });
    expect(more).toHaveAttribute('href', '/alerts');

    // Dismissing a shown one brings a waiting one forward.
    await userEvent.click(within(region).getByRole('button', { name: 'Dismiss: Lock 5 went offline' }));
    expect(within(region).getByText('Lock 2 went offline')).toBeVisible();
    expect(within(region).getByRole('link', { name: '+1 more: open the alerts' })).toBeVisible();

    // Opening the alerts lets go of the waiting ones (they are in the list there).
    await userEvent.click(within(region).getByRole('link', { name: '+1 more: open the alerts' }));
    expect(location.current).toBe('/alerts');
    expect(screen.getByRole('status', { name: 'kept' })).toHaveTextContent('3');
    expect(within(region).queryByRole('link', { name: /more/ })).toBeNull();
  });

  it('shows no "+N more" for three toasts or fewer', () => {
    renderAt(<Toaster />);
    show(3, 'alert');
    const region = screen.getByRole('region', { name: 'Notifications' });
    expect(within(region).getAllByText(/went offline$/)).toHaveLength(3);
    expect(within(region).queryByText(/more/)).toBeNull();
  });

  it('docks while toasts show: the app frame becomes the scroller above their band, and lets go when the last is dismissed', async () => {
    renderAt(
      <div className="app-frame">
        <Toaster />
      </div>,
    );
    const root = document.documentElement;
    expect(root).not.toHaveAttribute('data-toast-dock');
    show(1);
    expect(root).toHaveAttribute('data-toast-dock');
    expect(root.style.getPropertyValue('--toast-dock')).toMatch(/^\d+px$/);
    await userEvent.click(screen.getByRole('button', { name: 'Dismiss: Lock 1 went offline' }));
    expect(root).not.toHaveAttribute('data-toast-dock');
    expect(root.style.getPropertyValue('--toast-dock')).toBe('');
  });
});
