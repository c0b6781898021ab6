import { type QueryClient, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import type { Page } from '../../../shared/contracts/common.js';
import type { Quote, RejectQuoteInput, SendQuoteInput, SentQuote } from '../../../shared/contracts/quotes.js';
import { ApiError, api, fetchBlobFromApi, saveBlob } from '../../api/client.js';
import { sentence } from '../../lib/forms.js';
import { notifyFailure, refreshAfterWrite } from '../../lib/mutations.js';
import { newIdempotencyKey } from '../attachments/files.js';
import type { QuoteChanges } from './quote-math.js';

const quoteKey = (id: string) => ['quotes', 'one', id];

const recordId = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * One quote. Not read again when the window regains focus: the page edits a draft in a form, and a fresh
 * version arriving then would put the form back to it under the user's hands (a save with the old version
 * is refused with 412 and reloads instead, saying so).
 */
export function useQuote(id: string) {
  return useQuery({
    queryKey: quoteKey(id),
    // An address whose id cannot be one (a link cut short) is a quote that does not exist, as useRecord says.
    queryFn: ({ signal }) =>
      recordId.test(id)
        ? api.get<Quote>(`/quotes/${id}`, { signal })
        : Promise.reject(new ApiError(404, { code: 'not_found', detail: `no quote has the id ${id}` })),
    refetchOnWindowFocus: false,
  });
}

/** A deal's quotes, newest first (a deal has a handful: a first offer, a revised one). */
export function useDealQuotes(dealId: string) {
  return useQuery({
    queryKey: ['quotes', 'list', `opportunity:${dealId}`],
    queryFn: ({ signal }) =>
      api.get<Page<Quote>>(`/quotes?opportunityId=${dealId}&sort=-createdAt&limit=50`, { signal }),
  });
}

/**
 * After any change to a quote: the quote, the lists of quotes, and the deal, whose products, amount and
 * timeline follow an accepted quote (and whose timeline shows a sent one's e-mail).
 */
export function refreshQuote(queryClient: QueryClient, quote: Pick<Quote, 'id' | 'opportunityId'>) {
  refreshAfterWrite(queryClient, ['quotes'], quote.id);
  refreshAfterWrite(queryClient, ['opportunities', 'communications'], quote.opportunityId);
  void queryClient.invalidateQueries({ queryKey: ['opportunities', 'line-items', quote.opportunityId] });
}

/** A new quote from a deal: its lines are the deal's products, its contact the deal's (the server's defaults). */
export function useCreateQuote() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (opportunityId: string) => api.post<Quote>('/quotes', { opportunityId }),
    onSuccess: (quote) => {
      queryClient.setQueryData(quoteKey(quote.id), quote);
      refreshQuote(queryClient, quote);
    },
    onError: (error) => notifyFailure(error, { title: 'The quote was not created' }),
  });
}

/**
 * A new draft from a quote that went out (turned down, lapsed, to be offered again): same lines and terms,
 * a new number. One key per quote on screen, so a retry after a lost answer makes one draft.
 */
export function useReviseQuote(quote: Pick<Quote, 'id' | 'opportunityId' | 'number'>) {
  const queryClient = useQueryClient();
  const key = useRef(newIdempotencyKey());
  return useMutation({
    mutationFn: () =>
      api.post<Quote>(`/quotes/${quote.id}/revise`, {}, { headers: { 'idempotency-key': key.current } }),
    onSuccess: (draft) => {
      queryClient.setQueryData(quoteKey(draft.id), draft);
      refreshQuote(queryClient, draft);
      key.current = newIdempotencyKey();
    },
    onError: (error) => notifyFailure(error, { title: `No new version of ${quote.number} was made` }),
  });
}

/** Whether a refusal means the quote on screen is not the one on the server (changed, or no longer a draft). */
export const isStale = (error: unknown) => error instanceof ApiError && (error.status === 409 || error.status === 412);

/**
 * A save refused because the quote moved on (someone saved it first: 412; it was sent or decided: 409):
 * the quote is read again, and the answer is why the user's change is not there (the server's words for
 * a 409), for the page to say.
 */
export function reloadStaleQuote(queryClient: QueryClient, quote: Pick<Quote, 'id'>, error: unknown): string {
  void queryClient.invalidateQueries({ queryKey: quoteKey(quote.id) });
  return error instanceof ApiError && error.status === 412
    ? 'Someone else saved this quote meanwhile. It has been reloaded as it now stands: make your change again.'
    : `${sentence(error instanceof Error ? error.message : 'It can no longer change')} It has been reloaded as it now stands.`;
}

/** Saves a draft's changes with If-Match; the answer becomes the quote on screen. */
export function useSaveQuote(quote: Quote) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (changes: QuoteChanges) =>
      api.patch<Quote>(`/quotes/${quote.id}`, changes, { headers: { 'if-match': `"${quote.version}"` } }),
    onSuccess: (saved) => queryClient.setQueryData(quoteKey(saved.id), saved),
    onSettled: () => refreshQuote(queryClient, quote),
  });
}

type QuoteStep =
  | { step: 'send'; input: SendQuoteInput }
  | { step: 'accept' }
  | { step: 'reject'; input: RejectQuoteInput };

/**
 * Sends a quote, or marks it accepted or rejected: the answer is the quote as it now stands. Each goes
 * with the version on screen (If-Match), so nobody sends or accepts a quote someone has just changed.
 * A send carries an Idempotency-Key, the same while the e-mail is the same, so trying again after a lost
 * answer sends it once (and a corrected address is a new e-mail).
 */
export function useQuoteStep(quote: Quote) {
  const queryClient = useQueryClient();
  const lastSend = useRef<{ payload: string; key: string } | null>(null);
  const sendKeyOf = (input: SendQuoteInput) => {
    const payload = JSON.stringify(input);
    if (lastSend.current?.payload !== payload) lastSend.current = { payload, key: newIdempotencyKey() };
    return lastSend.current.key;
  };
  return useMutation({
    mutationFn: async (action: QuoteStep): Promise<{ quote: Quote; sent?: SentQuote }> => {
      const ifMatch = { 'if-match': `"${quote.version}"` };
      if (action.step === 'send') {
        const sent = await api.post<SentQuote>(`/quotes/${quote.id}/send`, action.input, {
          headers: { ...ifMatch, 'idempotency-key': sendKeyOf(action.input) },
        });
        return { quote: sent.quote, sent };
      }
      const body = action.step === 'reject' ? action.input : {};
      return { quote: await api.post<Quote>(`/quotes/${quote.id}/${action.step}`, body, { headers: ifMatch }) };
    },
    onSuccess: ({ quote: saved }) => queryClient.setQueryData(quoteKey(saved.id), saved),
    onSettled: () => refreshQuote(queryClient, quote),
  });
}

/** The server's name for the PDF ("Quote Q-00042.pdf"), or one made as it makes it. */
const pdfName = (quote: Pick<Quote, 'number'>, given: string | undefined) => given ?? `Quote ${quote.number}.pdf`;

/**
 * Saves the quote's PDF. The bytes need the bearer token, so this is a call, not a link; they are read
 * each time, as a draft's PDF changes with it.
 */
export async function downloadQuotePdf(quote: Pick<Quote, 'id' | 'number'>) {
  try {
    const { blob, fileName } = await fetchBlobFromApi(`/quotes/${quote.id}/pdf`, {
      accept: 'application/pdf, application/problem+json',
    });
    saveBlob(blob, pdfName(quote, fileName));
  } catch (error) {
    notifyFailure(error, { title: `${quote.number}.pdf was not downloaded` });
  }
}

/**
 * Shows the PDF in a new tab as the customer will see it. The tab is opened within the click, so no
 * pop-up blocker stops it, and pointed at a blob URL of the bytes once they arrive.
 */
export async function previewQuotePdf(quote: Pick<Quote, 'id' | 'number'>) {
  const tab = window.open('', '_blank');
  if (tab) {
    tab.document.title = `${quote.number}.pdf`;
    tab.document.body.textContent = `Opening ${quote.number}.pdf…`;
  }
  try {
    const { blob, fileName } = await fetchBlobFromApi(`/quotes/${quote.id}/pdf?disposition=inline`, {
      accept: 'application/pdf, application/problem+json',
    });
    const url = URL.createObjectURL(blob);
    if (tab) tab.location.href = url;
    else saveBlob(blob, pdfName(quote, fileName));
    // The tab has read it by then; the address is only a handle on memory.
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  } catch (error) {
    tab?.close();
    notifyFailure(error, { title: `${quote.number}.pdf did not open` });
  }
}
