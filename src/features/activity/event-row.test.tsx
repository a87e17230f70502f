import { render, screen, within } from '@testing-library/react';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { parseEvent } from '@/api/events';
import type { LockEvent } from '@/api/events';
import { EventRow } from './event-row';

const intl = { timeZone: 'UTC', locale: 'en-GB' };

function row(event: LockEvent) {
  render(
    <MemoryRouter>
      <table>
        <tbody>
          <EventRow event={event} showLock timezone="UTC" people intl={intl} />
        </tbody>
      </table>
    </MemoryRouter>,
  );
  return screen.getByRole('row');
}

describe('an event row', () => {
  it('shows a visitor pass that ran out with its visitor and no lock or group', () => {
    const event = parseEvent({ eventid: 12, lockid: null, lockname: null, event_type: 'access_expired', userid: 7, username: 'Vera Visitor', method: 'system', event_date: '2026-11-25 18:00:01', groupid: null, groupname: null, actor: null, reason: null });
    expect(event).not.toBeNull();
    const shown = row(event as LockEvent);
    expect(shown).toHaveTextContent('Visitor pass expired');
    expect(within(shown).getByRole('link', { name: 'Vera Visitor' })).toHaveAttribute('href', '/people/7');
    expect(within(shown).queryByRole('link', { name: /group/i })).toBeNull();
    expect(within(shown).getAllByRole('link')).toHaveLength(1);
  });
});
