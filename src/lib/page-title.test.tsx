import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { formatPageTitle, setUnreadInTitle, usePageTitle } from './page-title';

describe('the tab title', () => {
  afterEach(() => setUnreadInTitle(0));

  it('names the page, then the app, with the unread count in front', () => {
    expect(formatPageTitle('Activity', 0)).toBe('Activity · Lockboard');
    expect(formatPageTitle('Cedar Court Lobby', 3)).toBe('(3) Cedar Court Lobby · Lockboard');
    expect(formatPageTitle(null, 0)).toBe('Lockboard');
    expect(formatPageTitle('Alerts', 250)).toBe('(99+) Alerts · Lockboard');
  });

  it('follows the page shown and keeps the unread count across pages', () => {
    const page = renderHook(({ name }) => usePageTitle(name), { initialProps: { name: 'Locks' } });
    expect(document.title).toBe('Locks · Lockboard');
    setUnreadInTitle(2);
    expect(document.title).toBe('(2) Locks · Lockboard');
    page.rerender({ name: 'Activity' });
    expect(document.title).toBe('(2) Activity · Lockboard');
    setUnreadInTitle(0);
    expect(document.title).toBe('Activity · Lockboard');
    page.unmount();
    expect(document.title).toBe('Lockboard');
  });
});
