import type { User } from '@contract/auth';
import { Button } from '@/components/button';
import { useSignOut } from './use-sign-out';

const ROLE_LABEL = { manager: 'Manager', support: 'Support · read-only' } as const;

/** Who is signed in, their role, and "Sign out". */
export function UserMenu({ user }: { user: User }) {
  const signOut = useSignOut();
  return (
    <div className="flex min-w-0 items-center gap-2 sm:gap-3">
      {/* On the narrowest phones a long name is shortened rather than pushing the page sideways. */}
      <p className="min-w-0 text-right text-sm leading-tight whitespace-nowrap">
        <span className="block truncate font-medium" title={user.name}>
          {user.name}
        </span>
        <span className="block truncate text-xs text-slate-600 dark:text-slate-400">{ROLE_LABEL[user.role]}</span>
      </p>
      <Button size="sm" className="shrink-0" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        Sign out
      </Button>
    </div>
  );
}
