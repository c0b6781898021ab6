import type { QueryClient } from '@tanstack/react-query';
import { createBrowserRouter, replace } from 'react-router';
import type { User } from '../shared/contracts/users.js';
import { meQueryKey } from './api/hooks.js';
import { getSession } from './api/session.js';
import { AppLayout } from './components/AppLayout.js';
import { PageSkeleton } from './components/PageSkeleton.js';
import { RouteError } from './components/RouteError.js';
import { prefetchDashboard } from './features/overview/queries.js';

/*
 * Every page is its own chunk (route `lazy`), so the first screen loads only the shell and its page.
 * Lists keep their filters, sort and page in the query string, so any view can be linked to.
 */
const page = (load: () => Promise<{ Component: React.ComponentType }>) => ({ lazy: load });

/**
 * Where `/` (signing in, the logo, "go home") leads: a rep's home is the pipeline board (UI.md, Pipedrive),
 * a manager's or an admin's the overview. Any other address, such as a link someone followed to sign in,
 * is kept. The role is the freshest known without waiting: `/users/me` if it has answered, else the session's.
 */
function homePath(queryClient: QueryClient): string {
  const role = queryClient.getQueryData<User>(meQueryKey)?.role ?? getSession()?.user.role;
  return role === 'rep' ? '/opportunities/board' : '/overview';
}

export function createAppRouter(queryClient: QueryClient) {
  return createBrowserRouter([
    {
      path: '/',
      Component: AppLayout,
      ErrorBoundary: RouteError,
      HydrateFallback: PageSkeleton,
      children: [
        {
          index: true,
          // An address with a query is a link to the overview (its owner and territory): it is followed as such.
          // `replace`: Back from home must not land on `/` again, which would only lead home once more.
          loader: ({ request }) => {
            const { search } = new URL(request.url);
            return replace(search ? `/overview${search}` : homePath(queryClient));
          },
          // Shown only for the moment the loader takes to answer.
          Component: PageSkeleton,
        },
        {
          path: 'overview',
          // The figures are fetched while the page's code loads, not after.
          loader: ({ request }) => {
            prefetchDashboard(queryClient, request.url);
            // The charts' chunk (recharts) starts loading now too, without holding up the figures.
            void import('./features/overview/OverviewCharts.js');
            return null;
          },
          ...page(() => import('./features/overview/OverviewPage.js')),
        },
        { path: 'accounts', ...page(() => import('./features/accounts/AccountsPage.js')) },
        { path: 'accounts/:id', ...page(() => import('./features/accounts/AccountPage.js')) },
        { path: 'contacts', ...page(() => import('./features/contacts/ContactsPage.js')) },
        { path: 'contacts/:id', ...page(() => import('./features/contacts/ContactPage.js')) },
        { path: 'leads', ...page(() => import('./features/leads/LeadsPage.js')) },
        { path: 'leads/:id', ...page(() => import('./features/leads/LeadPage.js')) },
        { path: 'opportunities', ...page(() => import('./features/opportunities/OpportunitiesPage.js')) },
        { path: 'opportunities/board', ...page(() => import('./features/opportunities/BoardPage.js')) },
        // The names people type for the board (the menu says "Pipeline"); its filters come along.
        ...['pipeline', 'board'].map((path) => ({
          path,
          loader: ({ request }: { request: Request }) => replace(`/opportunities/board${new URL(request.url).search}`),
          Component: PageSkeleton,
        })),
        { path: 'opportunities/:id', ...page(() => import('./features/opportunities/OpportunityPage.js')) },
        { path: 'products', ...page(() => import('./features/products/ProductsPage.js')) },
        { path: 'price-lists', ...page(() => import('./features/price-lists/PriceListsPage.js')) },
        { path: 'price-lists/:id', ...page(() => import('./features/price-lists/PriceListPage.js')) },
        { path: 'quotes', ...page(() => import('./features/quotes/QuotesPage.js')) },
        { path: 'quotes/:id', ...page(() => import('./features/quotes/QuotePage.js')) },
        { path: 'activities', ...page(() => import('./features/activities/ActivitiesPage.js')) },
        { path: 'tasks', ...page(() => import('./features/tasks/TasksPage.js')) },
        { path: 'reports', ...page(() => import('./features/reports/ReportsPage.js')) },
        { path: 'reports/:report', ...page(() => import('./features/reports/ReportsPage.js')) },
        { path: 'targets', ...page(() => import('./features/targets/TargetsPage.js')) },
        { path: 'ask', ...page(() => import('./features/ask/AskPage.js')) },
        { path: 'users', ...page(() => import('./features/users/UsersPage.js')) },
        { path: 'territories', ...page(() => import('./features/territories/TerritoriesPage.js')) },
        { path: 'webhooks', ...page(() => import('./features/webhooks/WebhooksPage.js')) },
        { path: 'lead-forms', ...page(() => import('./features/lead-forms/LeadFormsPage.js')) },
        { path: 'lead-forms/:id', ...page(() => import('./features/lead-forms/LeadFormPage.js')) },
        { path: '*', ...page(() => import('./features/not-found/NotFoundPage.js')) },
      ],
    },
  ]);
}
