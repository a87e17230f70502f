import { fireEvent, render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from './confirm-dialog';

/**
 * The modal side of the dialog (opening, focus, Escape, focus back to the opener). jsdom has no
 * showModal() or close(): these stand-ins only set and remove `open`, as a browser does.
 */
const proto = HTMLDialogElement.prototype as Partial<Pick<HTMLDialogElement, 'showModal' | 'close'>>;
beforeAll(() => {
  proto.showModal = function showModal(this: HTMLDialogElement) {
    this.setAttribute('open', '');
  };
  proto.close = function close(this: HTMLDialogElement) {
    this.removeAttribute('open');
  };
});
afterAll(() => {
  delete proto.showModal;
  delete proto.close;
});

function Harness({ onCancel, typeToConfirm }: { onCancel?: () => void; typeToConfirm?: string }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Delete
      </button>
      <button type="button">Elsewhere</button>
      <ConfirmDialog
        open={open}
        title="Delete Cedar Court?"
        confirmLabel="Delete group"
        typeToConfirm={typeToConfirm}
        onConfirm={() => setOpen(false)}
        onCancel={() => {
          onCancel?.();
          setOpen(false);
        }}
      >
        Its 40 locks stay.
      </ConfirmDialog>
    </>
  );
}

describe('the confirm dialog as a modal', () => {
  it('opens as a modal named by its title and described by its text, with the focus on Cancel', async () => {
    render(<Harness />);
    const dialog = screen.getByRole('dialog', { hidden: true });
    expect(dialog).not.toHaveAttribute('open');
    expect(dialog).toBeEmptyDOMElement();
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(dialog).toHaveAttribute('open');
    expect(screen.getByRole('dialog', { name: 'Delete Cedar Court?' })).toBe(dialog);
    expect(dialog).toHaveAccessibleDescription('Its 40 locks stay.');
    expect(screen.getByRole('heading', { level: 2, name: 'Delete Cedar Court?' })).toBeInTheDocument();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
  });

  it('Escape cancels (the browser does not close it by itself), and the focus goes back to the opener', async () => {
    const onCancel = vi.fn();
    render(<Harness onCancel={onCancel} />);
    const opener = screen.getByRole('button', { name: 'Delete' });
    await userEvent.click(opener);
    const dialog = screen.getByRole('dialog');
    const cancel = new Event('cancel', { cancelable: true });
    fireEvent(dialog, cancel);
    expect(cancel.defaultPrevented).toBe(true);
    expect(onCancel).toHaveBeenCalledTimes(1);
    expect(dialog).not.toHaveAttribute('open');
    expect(dialog).toBeEmptyDOMElement();
    expect(document.activeElement).toBe(opener);
  });

  it('confirming closes it and gives the focus back; typed text does not survive a reopening', async () => {
    render(<Harness typeToConfirm="Cedar Court" />);
    const opener = screen.getByRole('button', { name: 'Delete' });
    await userEvent.click(opener);
    await userEvent.type(screen.getByRole('textbox', { name: 'Type Cedar Court to confirm' }), 'cedar court');
    await userEvent.click(screen.getByRole('button', { name: 'Delete group' }));
    expect(screen.getByRole('dialog', { hidden: true })).not.toHaveAttribute('open');
    expect(document.activeElement).toBe(opener);
    await userEvent.click(opener);
    expect(screen.getByRole('textbox', { name: 'Type Cedar Court to confirm' })).toHaveValue('');
    expect(screen.getByRole('button', { name: 'Delete group' })).toBeDisabled();
  });

  it('never steals the focus back from where the user put it', async () => {
    render(<Harness />);
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    const elsewhere = screen.getByRole('button', { name: 'Elsewhere', hidden: true });
    elsewhere.focus();
    fireEvent(screen.getByRole('dialog'), new Event('cancel', { cancelable: true }));
    expect(document.activeElement).toBe(elsewhere);
  });

  it('says why the last try failed, as an alert under the options', () => {
    render(
      <ConfirmDialog open title="Revoke access?" confirmLabel="Revoke access" error="The platform is unreachable" options={<p>Choices</p>} onConfirm={() => {}} onCancel={() => {}}>
        It ends at once.
      </ConfirmDialog>,
    );
    const alert = screen.getByRole('alert');
    expect(alert).toHaveTextContent('The platform is unreachable');
    expect(screen.getByText('Choices').compareDocumentPosition(alert) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
