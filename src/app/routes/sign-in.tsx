import { LoginPage } from '@/features/auth/login-page';
import { useHydrated } from '@/lib/use-hydrated';
import { usePageHydrated } from '../hooks/page-hydrated';

/**
 * `/login`: the sign-in page. Server-rendered for a signed-out request (entry-server.tsx); like the
 * other lazy routes it says when its boundary has hydrated (start.tsx marks the page ready then):
 * once the form has rendered as the app's (its submit button enabled, login-page.tsx), not before.
 */
export function SignInRoute() {
  const hydrated = useHydrated();
  usePageHydrated(hydrated);
  return <LoginPage />;
}

export default SignInRoute;
