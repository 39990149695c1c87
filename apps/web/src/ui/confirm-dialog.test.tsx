import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { ConfirmDialog } from './confirm-dialog.tsx';

describe('ConfirmDialog', () => {
  it('focuses Cancel when nothing needs typing, and keeps Tab inside the dialog', async () => {
    render(
      <>
        <button type="button">outside</button>
        <ConfirmDialog title="Revoke?" confirmLabel="Revoke token" onConfirm={() => {}} onCancel={() => {}}>
          <p>It cannot be undone.</p>
        </ConfirmDialog>
      </>,
    );
    const dialog = screen.getByRole('alertdialog', { name: 'Revoke?' });
    expect(dialog).toHaveAccessibleDescription('It cannot be undone.');
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'Revoke token' })).toHaveFocus();
    await userEvent.tab();
    expect(screen.getByRole('button', { name: 'Cancel' })).toHaveFocus();
    await userEvent.tab({ shift: true });
    expect(screen.getByRole('button', { name: 'Revoke token' })).toHaveFocus();
  });

  it('confirms with its button and cancels with Escape', async () => {
    const onConfirm = vi.fn();
    const onCancel = vi.fn();
    render(
      <ConfirmDialog title="Delete?" confirmLabel="Delete" onConfirm={onConfirm} onCancel={onCancel}>
        <p>Gone for good.</p>
      </ConfirmDialog>,
    );
    await userEvent.click(screen.getByRole('button', { name: 'Delete' }));
    expect(onConfirm).toHaveBeenCalledTimes(1);
    await userEvent.keyboard('{Escape}');
    expect(onCancel).toHaveBeenCalledTimes(1);
  });

  it('ignores Escape and disables its buttons while busy', async () => {
    const onCancel = vi.fn();
    render(
      <ConfirmDialog title="Delete?" confirmLabel="Delete" busy onConfirm={() => {}} onCancel={onCancel}>
        <p>Gone for good.</p>
      </ConfirmDialog>,
    );
    await userEvent.keyboard('{Escape}');
    expect(onCancel).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeDisabled();
    expect(screen.getByRole('button', { name: 'Working…' })).toBeDisabled();
  });
});
