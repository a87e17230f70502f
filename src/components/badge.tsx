import type { ReactNode } from 'react';
import { cn } from './cn';

export type Tone = 'green' | 'gray' | 'amber' | 'red' | 'slate' | 'blue';

/**
 * A status pill: the text carries the meaning, colour and icon only repeat it. Its look is the
 * `.badge` and `.badge-<tone>` classes of index.css: a table shows two on every row.
 */
export function Badge({ tone, icon, children, className }: { tone: Tone; icon?: ReactNode; children: ReactNode; className?: string }) {
  return (
    <span className={cn('badge', `badge-${tone}`, className)}>
      {icon}
      {children}
    </span>
  );
}
