import type { User } from '@contract/auth';
import { Button } from '@/components/button';
import { useSignOut } from './use-sign-out';

const ROLE_LABEL = { manager: 'Manager', support: 'Support · read-only' } as const;

/** Who is signed in, their role, and "Sign out". */
export function UserMenu({ user }: { user: User }) {
  const signOut = useSignOut();
  return (
    <div className="flex items-center gap-2 sm:gap-3">
      <p className="text-right text-sm leading-tight whitespace-nowrap">
        <span className="block font-medium">{user.name}</span>
        <span className="block text-xs text-slate-600 dark:text-slate-400">{ROLE_LABEL[user.role]}</span>
      </p>
      <Button size="sm" onClick={() => signOut.mutate()} disabled={signOut.isPending}>
        Sign out
      </Button>
    </div>
  );
}
