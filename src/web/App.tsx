import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { RouterProvider } from 'react-router';
import { useSession } from './api/session.js';
import { PageSkeleton } from './components/PageSkeleton.js';
import { approvalLinkOf } from './features/approvals/approval-link.js';
import { passwordLinkOf } from './features/auth/password-link.js';
import { SignInPage } from './features/auth/SignInPage.js';
import { createAppRouter } from './router.js';

const ApprovalLinkPage = lazy(() =>
  import('./features/approvals/ApprovalLinkPage.js').then((module) => ({ default: module.ApprovalLinkPage })),
);
const PasswordLinkPage = lazy(() =>
  import('./features/auth/PasswordLinkPage.js').then((module) => ({ default: module.PasswordLinkPage })),
);

/**
 * Signed out: the sign-in page at any address; signed in: the dashboard's routes. The links of e-mails
 * (an approval to decide, a password to choose) are answered alike either way: their token, not a
 * session, is the credential.
 */
export function App() {
  const session = useSession();
  const queryClient = useQueryClient();
  const userId = session?.user.id;
  const router = useMemo(() => (userId ? createAppRouter(queryClient) : null), [userId, queryClient]);

  useEffect(() => {
    // Nothing cached for one user may be shown to the next one who signs in on this browser.
    if (userId === undefined) queryClient.clear();
  }, [userId, queryClient]);

  const approvalLink = approvalLinkOf(window.location);
  if (approvalLink) {
    return (
      <Suspense fallback={<PageSkeleton />}>
        <ApprovalLinkPage {...approvalLink} />
      </Suspense>
    );
  }
  const passwordLink = passwordLinkOf(window.location);
  if (passwordLink) {
    return (
      <Suspense fallback={<PageSkeleton />}>
        <PasswordLinkPage token={passwordLink} />
      </Suspense>
    );
  }
  return router ? <RouterProvider router={router} /> : <SignInPage />;
}
