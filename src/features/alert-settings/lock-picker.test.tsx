import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RuleInput } from '@/api/alert-settings';
import { renderAt } from '@/testing/render';
import { startTestServer } from '@/testing/test-server';
import { RuleForm } from './rule-form';
import { newRuleValues } from './rule-form-values';

/** The lock search asks the embedded platform through the gateway (this process, real HTTP). */
const SLOW = { timeout: 10_000 };

let server: Awaited<ReturnType<typeof startTestServer>>;
beforeAll(async () => {
  server = await startTestServer({ POLL_INTERVAL_MS: '60000' });
});
afterAll(() => server.close());

describe('a rule for chosen locks, against the embedded platform', { timeout: 30_000 }, () => {
  it('finds locks by ID, adds them by name, and sends their IDs', async () => {
    const onSubmit = vi.fn<(input: RuleInput) => void>();
    renderAt(
      <RuleForm
        initial={newRuleValues()}
        contacts={[]}
        groups={[]}
        submitLabel="Create rule"
        pendingLabel="Saving…"
        pending={false}
        error={null}
        onSubmit={onSubmit}
        onCancel={() => undefined}
      />,
    );
    const user = userEvent.setup();
    const [first, second] = server.db.prepare('SELECT lockid, lockname FROM locks ORDER BY lockid LIMIT 2').all() as { lockid: string; lockname: string }[];
    if (!first || !second) throw new Error('the demo fleet has no locks');
    await user.type(screen.getByRole('textbox', { name: 'Name' }), 'Two doors');
    await user.click(screen.getByRole('radio', { name: 'Chosen locks' }));
    const search = screen.getByRole('searchbox', { name: 'Find a lock' });
    for (const lock of [first, second]) {
      await user.clear(search);
      await user.type(search, lock.lockid);
      const found = await screen.findByRole('list', { name: 'Locks found' });
      await user.click(await within(found).findByRole('button', { name: `Add ${lock.lockname}` }, SLOW));
    }
    const chosen = within(screen.getByRole('list', { name: 'Chosen locks' }));
    await waitFor(() => expect(chosen.getAllByRole('button', { name: /^Remove / })).toHaveLength(2));
    await user.click(screen.getByRole('button', { name: 'Create rule' }));
    expect(onSubmit.mock.calls[0]?.[0]).toMatchObject({ name: 'Two doors', scope: { lockids: [first.lockid, second.lockid] } });
  });
});
