import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SchedulePreview } from './schedule-preview';

const rows = () => within(screen.getByRole('region', { name: 'The next 7 days' })).getAllByRole('listitem').map((li) => li.textContent);

describe('the schedule form’s 7-day preview', () => {
  it('on the night the clocks go forward in Berlin, shows 01:00–03:00 lasting one hour, on Berlin’s days', () => {
    // Saturday 28 March 2026, 23:30 UTC: already Sunday in Berlin.
    render(<SchedulePreview windows={[{ days: '67', from: '01:00', to: '03:00' }]} holidays={[]} timezone="Europe/Berlin" now={Date.UTC(2026, 2, 28, 23, 30)} />);
    expect(rows().slice(0, 2)).toEqual(['Sun 03-29Unlocked 01:00–03:00 (lasts 1 h). The clocks go forward 1 h', 'Mon 03-30Locked all day']);
  });

  it('on the night the clocks go back, shows it lasting three hours', () => {
    render(<SchedulePreview windows={[{ days: '7', from: '01:00', to: '03:00' }]} holidays={[]} timezone="Europe/Berlin" now={Date.UTC(2026, 9, 24, 12)} />);
    expect(rows().slice(0, 2)).toEqual(['Sat 10-24Locked all day', 'Sun 10-25Unlocked 01:00–03:00 (lasts 3 h). The clocks go back 1 h']);
  });

  it('reads a zone it does not know as UTC while it is being typed', () => {
    render(<SchedulePreview windows={[{ days: '7', from: '01:00', to: '03:00' }]} holidays={[]} timezone="Europe/Berl" now={Date.UTC(2026, 2, 28, 23, 30)} />);
    expect(rows().slice(0, 2)).toEqual(['Sat 03-28Locked all day', 'Sun 03-29Unlocked 01:00–03:00']);
  });
});
