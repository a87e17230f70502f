import { LoginPage } from '@/features/auth/login-page';
import { usePageHydrated } from '../root';

/**
 * `/login`: the sign-in page. Server-rendered for a signed-out request (entry-server.tsx); like the
 * other lazy routes it says when its boundary has hydrated (start.tsx marks the page ready then).
 */
export function SignInRoute() {
  usePageHydrated();
  return <LoginPage />;
}

export default SignInRoute;
