import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo } from 'react';
import { RouterProvider } from 'react-router';
import { useSession } from './api/session.js';
import { SignInPage } from './features/auth/SignInPage.js';
import { createAppRouter } from './router.js';

/** Signed out: the sign-in page at any address; signed in: the dashboard's routes. */
export function App() {
  const session = useSession();
  const queryClient = useQueryClient();
  const userId = session?.user.id;
  const router = useMemo(() => (userId ? createAppRouter(queryClient) : null), [userId, queryClient]);

  useEffect(() => {
    // Nothing cached for one user may be shown to the next one who signs in on this browser.
    if (userId === undefined) queryClient.clear();
  }, [userId, queryClient]);

  return router ? <RouterProvider router={router} /> : <SignInPage />;
}
