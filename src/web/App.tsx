import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useSession } from './api/session.js';
import { SignInPage } from './features/auth/SignInPage.js';
import { HomePage } from './features/home/HomePage.js';

/** Signed out: the sign-in page; signed in: the dashboard. Routes arrive with the full dashboard. */
export function App() {
  const session = useSession();
  const queryClient = useQueryClient();
  const userId = session?.user.id;

  useEffect(() => {
    // Nothing cached for one user may be shown to the next one who signs in on this browser.
    if (userId === undefined) queryClient.clear();
  }, [userId, queryClient]);

  return session ? <HomePage session={session} /> : <SignInPage />;
}
