import { useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useMemo } from 'react';
import { RouterProvider } from 'react-router';
import { useSession } from './api/session.js';
import { PageSkeleton } from './components/PageSkeleton.js';
import { approvalLinkOf } from './features/approvals/approval-link.js';
import { SignInPage } from './features/auth/SignInPage.js';
import { createAppRouter } from './router.js';

const ApprovalLinkPage = lazy(() =>
  import('./features/approvals/ApprovalLinkPage.js').then((module) => ({ default: module.ApprovalLinkPage })),
);

/**
 * Signed out: the sign-in page at any address; signed in: the dashboard's routes. An approval e-mail's
 * link is answered alike either way: its token, not a session, lets the approver decide.
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
  return router ? <RouterProvider router={router} /> : <SignInPage />;
}
