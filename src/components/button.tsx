import type { ComponentProps } from 'react';
import { cn } from './cn';

/**
 * Each variant, and how it looks when it cannot be used (index.css, `.btn-<variant>`). A control that
 * must keep the keyboard focus while it is unavailable (a row's command while it runs) uses
 * `aria-disabled` rather than `disabled`, and looks the same: muted text on a flat, lighter surface
 * in both themes, no shadow. Classes rather than utility lists, because a table of locks carries a
 * button or two on each row; a `className` given here is a utility and wins over them.
 */
type Variant = 'primary' | 'secondary' | 'ghost' | 'danger';

export type ButtonProps = ComponentProps<'button'> & { variant?: Variant; size?: 'sm' | 'md' };

/**
 * A native button; at least 32 px tall (WCAG 2.5.8 asks for 24). No colour transition: a button
 * that turns from disabled to enabled must never be caught half-way, at a contrast below AA.
 */
export function Button({ variant = 'secondary', size = 'md', className, type = 'button', ...props }: ButtonProps) {
  return (
    <button
      type={type}
      className={cn('btn', `btn-${size}`, `btn-${variant}`, className)}
      {...props}
    />
  );
}
