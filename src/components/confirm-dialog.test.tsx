import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from './confirm-dialog';

function renderDialog(typeToConfirm?: string) {
  const onConfirm = vi.fn();
  render(
    <ConfirmDialog open title="Delete Cedar Court?" confirmLabel="Delete group" typeToConfirm={typeToConfirm} onConfirm={onConfirm} onCancel={() => {}}>
      Its 40 locks stay.
    </ConfirmDialog>,
  );
  return onConfirm;
}

describe('the confirm dialog', () => {
  it('confirms at once when nothing has to be typed', async () => {
    const onConfirm = renderDialog();
    expect(screen.queryByRole('textbox', { hidden: true })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Delete group', hidden: true }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
  });

  it('works only once the named text is typed, ignoring case and outer spaces, by click or Enter', async () => {
    const onConfirm = renderDialog('Cedar Court');
    const confirm = screen.getByRole('button', { name: 'Delete group', hidden: true });
    const input = screen.getByRole('textbox', { name: 'Type Cedar Court to confirm', hidden: true });
    expect(confirm).toBeDisabled();
    await userEvent.type(input, 'Cedar Cour{Enter}');
    expect(confirm).toBeDisabled();
    expect(onConfirm).not.toHaveBeenCalled();
    await userEvent.type(input, 'T ');
    expect(confirm).toBeEnabled();
    await userEvent.type(input, '{Enter}');
    expect(onConfirm).toHaveBeenCalledTimes(1);
    await userEvent.click(confirm);
    expect(onConfirm).toHaveBeenCalledTimes(2);
  });
});
