import type { ComponentProps } from 'react';
import { cn } from './cn';

type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

/**
 * Each variant, and how it looks when it cannot be used. A control that must keep the keyboard focus
 * while it is unavailable (a row's command while it runs) uses `aria-disabled` rather than
 * `disabled`, and looks the same: muted text on a flat, lighter surface in both themes, no shadow.
 */
const VARIANTS: Record<Variant, string> = {
  primary:
    'bg-indigo-600 text-white shadow-sm hover:bg-indigo-700 ' +
    'unavailable:bg-slate-200 unavailable:text-slate-500 unavailable:shadow-none dark:unavailable:bg-slate-800 dark:unavailable:text-slate-400',
  secondary:
    'bg-white text-slate-800 shadow-sm ring-1 ring-inset ring-slate-300 hover:bg-slate-50 dark:bg-slate-900 dark:text-slate-100 dark:ring-slate-600 dark:hover:bg-slate-800 ' +
    'unavailable:bg-slate-100 unavailable:text-slate-500 unavailable:shadow-none unavailable:ring-slate-200 dark:unavailable:bg-slate-800/60 dark:unavailable:text-slate-400 dark:unavailable:ring-slate-800',
  ghost: 'text-slate-700 hover:bg-slate-100 dark:text-slate-200 dark:hover:bg-slate-800 unavailable:text-slate-500 dark:unavailable:text-slate-400',
  danger: 'bg-red-600 text-white shadow-sm hover:bg-red-500 unavailable:bg-red-600/50',
};

export type ButtonProps = ComponentProps<'button'> & { variant?: Variant; size?: 'sm' | 'md' };

/**
 * A native button; at least 32 px tall (WCAG 2.5.8 asks for 24). No colour transition: a button
 * that turns from disabled to enabled must never be caught half-way, at a contrast below AA.
 */
export function Button({ variant = 'secondary', size = 'md', className, type = 'button', ...props }: ButtonProps) {
  return (
    <button
      type={type}
      className={cn(
        'inline-flex items-center justify-center gap-1.5 rounded-md font-medium whitespace-nowrap unavailable:cursor-not-allowed',
        size === 'sm' ? 'min-h-8 px-2.5 text-xs' : 'min-h-9 px-3 text-sm',
        VARIANTS[variant],
        className,
      )}
      {...props}
    />
  );
}
