import { screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { parseEvent, type LockEvent } from '@/api/events';
import { renderAt } from '@/testing/render';
import { EventRow } from './event-row';

const INTL = { timeZone: 'UTC', locale: 'en-GB' };

function event(row: Record<string, unknown>): LockEvent {
  const parsed = parseEvent({ eventid: 7, method: 'system', event_date: '2026-12-07 16:30:00', actor: 'Mia Manager', userid: null, username: null, ...row });
  if (!parsed) throw new Error(`not an event: ${JSON.stringify(row)}`);
  return parsed;
}

function renderRow(e: LockEvent) {
  renderAt(
    <table>
      <tbody>
        <EventRow event={e} showLock timezone="UTC" people intl={INTL} />
      </tbody>
    </table>,
  );
  return within(screen.getByRole('row'));
}

describe('the lock column of an Activity row', () => {
  it('says "Every lock" for a fleet lockdown (no lock, no group), as text without a link', () => {
    const row = renderRow(event({ lockid: null, lockname: null, groupid: null, groupname: null, event_type: 'lockdown_started' }));
    const [, place] = row.getAllByRole('cell');
    expect(place).toHaveTextContent(/^Every lock$/);
    expect(row.queryAllByRole('link')).toHaveLength(0);
    expect(row.getByText('Lockdown started by Mia Manager')).toBeVisible();
  });

  it('says "Visitor pass" for a pass that ran out (no lock, no group), not "Every lock"', () => {
    const row = renderRow(event({ lockid: null, lockname: null, groupid: null, groupname: null, event_type: 'access_expired' }));
    const [, place] = row.getAllByRole('cell');
    expect(place).toHaveTextContent(/^Visitor pass$/);
    expect(row.queryByText('Every lock')).toBeNull();
  });

  it('still names the group of a group lockdown, as a link to it', () => {
    const group = renderRow(event({ lockid: null, lockname: null, groupid: 5, groupname: 'HQ', event_type: 'lockdown_lifted' }));
    expect(group.getByRole('link', { name: 'HQ' })).toHaveAttribute('href', '/groups/5');
    expect(group.queryByText('Every lock')).toBeNull();
  });
});
