import type { ReactNode } from 'react';
import { LockIcon } from '@/components/icons';

export const card = 'rounded-lg bg-white p-4 shadow-sm ring-1 ring-slate-200 dark:bg-slate-900 dark:ring-slate-800';
export const muted = 'text-slate-600 dark:text-slate-300';
export const linkClass = 'font-medium text-indigo-700 underline underline-offset-2 dark:text-indigo-300';

export function Shell({ subtitle, children }: { subtitle?: string; children: ReactNode }) {
  return (
    <div className="mx-auto flex w-full max-w-screen-2xl min-w-0 flex-col gap-5 px-4 py-6 sm:px-6">
      <div className="flex min-w-0 flex-col gap-1">
        <h1 className="text-2xl font-semibold tracking-tight">Lockdown</h1>
        {subtitle && <p className={`${muted} break-words`}>{subtitle}</p>}
      </div>
      {children}
    </div>
  );
}


/** The page's one big red action (start a lockdown, or lock all): disabled while it runs. */
export function StartButton({ busy, onClick, children }: { busy: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      disabled={busy}
      onClick={onClick}
      className="inline-flex min-h-10 w-full items-center justify-center gap-2 rounded-md bg-red-600 px-4 text-lg font-semibold text-white shadow-sm hover:bg-red-500 unavailable:cursor-not-allowed unavailable:bg-red-600/50 min-[400px]:w-auto"
    >
      <LockIcon aria-hidden="true" />
      {children}
    </button>
  );
}
