import { Button, Chip, Group, Modal, Stack, Textarea } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { Opportunity, OpportunityStage } from '../../../shared/contracts/opportunities.js';
import type { WinLossReport } from '../../../shared/contracts/reports.js';
import { api } from '../../api/client.js';
import { useSettings } from '../../api/hooks.js';
import { money } from '../../lib/format.js';
import { stageLabels } from '../../lib/labels.js';
import { invalidateLists, notifyFailure, notifySaved } from '../../lib/mutations.js';

/** The server's defaults, used until its settings arrive. */
const DEFAULT_APPROVAL_POLICY: ApprovalPolicy = { threshold: 100_000, defaultCurrency: 'USD', exchangeRates: {} };

/**
 * Which deals need an approval before they close as won (the server's settings): those whose value in the
 * default currency is at or above the threshold, and those in a currency without a rate to compare with
 * (src/server/modules/approvals/approval-rules.ts decides; this mirrors it to spare a refused move).
 */
export type ApprovalPolicy = { threshold: number; defaultCurrency: string; exchangeRates: Record<string, number> };

export function useApprovalPolicy(): ApprovalPolicy {
  const settings = useSettings().data;
  return settings
    ? {
        threshold: settings.approvalThreshold,
        defaultCurrency: settings.defaultCurrency,
        exchangeRates: settings.exchangeRates,
      }
    : DEFAULT_APPROVAL_POLICY;
}

/** The threshold in a deal's own currency; undefined when no rate converts it. */
function thresholdIn(currency: string, policy: ApprovalPolicy): number | undefined {
  if (currency === policy.defaultCurrency) return policy.threshold;
  const rate = policy.exchangeRates[currency];
  return rate ? policy.threshold / rate : undefined;
}

/** Whether a deal of this amount needs an approval to close as won (whatever its approval so far). */
export function isLargeDeal(deal: Pick<Opportunity, 'amount' | 'currency'>, policy: ApprovalPolicy): boolean {
  const threshold = thresholdIn(deal.currency, policy);
  return threshold === undefined || deal.amount >= threshold;
}

/** Whether an open deal still lacks the approval it needs to close as won. */
export function needsApproval(
  deal: Pick<Opportunity, 'amount' | 'currency' | 'approvalStatus' | 'stage'>,
  policy: ApprovalPolicy,
) {
  return (
    isLargeDeal(deal, policy) &&
    deal.approvalStatus !== 'approved' &&
    deal.stage !== 'closed_won' &&
    deal.stage !== 'closed_lost'
  );
}

/**
 * The approval rule for deals in this currency, in its own money: "Deals of $100,000 or more…", "Deals of
 * €92,000 or more (the threshold of $100,000 at the set rate)…", or, with no rate, that every such deal does.
 */
export function approvalRule(currency: string, policy: ApprovalPolicy): string {
  const threshold = money(policy.threshold, policy.defaultCurrency);
  const own = thresholdIn(currency, policy);
  if (own === undefined)
    return `Deals in ${currency} need an approval before they close as won, whatever their amount: no exchange rate to ${policy.defaultCurrency} is set to compare them with the threshold of ${threshold}.`;
  if (currency === policy.defaultCurrency)
    return `Deals of ${threshold} or more need an approval before they close as won.`;
  return `Deals of ${money(Math.ceil(own), currency)} or more need an approval before they close as won (the threshold of ${threshold}, at the set rate).`;
}

export const stageHints: Record<OpportunityStage, string> = {
  prospecting: 'Next: qualify the need and find the decision maker.',
  qualification: 'Next: confirm budget and requirements, then send a proposal.',
  proposal: 'Next: agree on price and terms with the buyer.',
  negotiation: 'Next: get the signature. Large deals need an approval first.',
  closed_won: 'Won. Hand over to delivery and plan the follow-up.',
  closed_lost: 'Lost. The loss reason helps the team win the next one.',
};

/** A field a stage asks for (Salesforce's key fields on the path). */
export type StageField = 'contactId' | 'requirements' | 'amount' | 'closeDate' | 'competitors' | 'risks' | 'lossReason';

/**
 * The one or two fields a deal should have filled while in a stage, so that it can move on: who to talk
 * to and what they need while prospecting, the size and date once qualified, the competition at the
 * proposal, the risks to the signature, and why it was lost.
 */
export const stageFields: Record<OpportunityStage, StageField[]> = {
  prospecting: ['contactId', 'requirements'],
  qualification: ['amount', 'closeDate'],
  proposal: ['amount', 'competitors'],
  negotiation: ['closeDate', 'risks'],
  closed_won: [],
  closed_lost: ['lossReason'],
};

/** Whether the deal has a value for a stage's field (an amount of 0 is no amount yet). */
export function stageFieldFilled(deal: Opportunity, field: StageField): boolean {
  const value = deal[field];
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'number') return value > 0;
  return value !== null && value !== '';
}

/** One click for the usual reasons, so the win/loss report counts "Price" once, not in five spellings. */
const COMMON_LOSS_REASONS = ['Price', 'Lost to a competitor', 'No budget', 'Timing', 'No decision', 'Product fit'];

/** How many of the reasons already given are offered, beside the common ones. */
const USED_LOSS_REASONS = 8;

/** A reason as the win/loss report groups it: letter case and spacing aside. */
const reasonKey = (reason: string) => reason.trim().replace(/\s+/g, ' ').toLowerCase();

/**
 * The reasons to offer: those already given (the win/loss report's, most used first), then the common
 * ones not among them, each once whatever its letter case, so a lost deal joins the group it belongs to.
 */
export function lossReasonChoices(used: readonly { reason: string; count: number }[]): string[] {
  const mostUsed = [...used]
    .sort((a, b) => b.count - a.count)
    .slice(0, USED_LOSS_REASONS)
    .map((row) => row.reason);
  const choices = new Map<string, string>();
  for (const reason of [...mostUsed, ...COMMON_LOSS_REASONS]) {
    const key = reasonKey(reason);
    if (key && !choices.has(key)) choices.set(key, reason.trim());
  }
  return [...choices.values()];
}

/** Asks why a deal was lost before it moves to closed_lost (the API requires the reason). */
export function LossReasonDialog({
  deal,
  onCancel,
  onConfirm,
}: {
  deal: Pick<Opportunity, 'name'>;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const [reason, setReason] = useState('');
  // The same query as the win/loss report's page (its default window), so either fills the other's cache.
  const winLoss = useQuery({
    queryKey: ['reports', 'win-loss', ''],
    queryFn: ({ signal }) => api.get<WinLossReport>('/reports/win-loss', { signal }),
  });
  // Offered once the reasons given before are in (or failed to come): chips that reorder as they arrive
  // would move under the pointer.
  const choices = winLoss.isPending ? [] : lossReasonChoices(winLoss.data?.lossReasons ?? []);
  return (
    <Modal opened onClose={onCancel} title={`Why was “${deal.name}” lost?`}>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (reason.trim()) onConfirm(reason.trim());
        }}
      >
        <Stack>
          <Textarea
            label="Loss reason"
            description="It shows in the win/loss report: the same words for the same reason group them."
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            data-autofocus
          />
          <Group gap={6} role="group" aria-label="Reasons given before and common ones">
            {choices.map((choice) => (
              <Chip
                key={choice}
                size="xs"
                checked={reasonKey(reason) === reasonKey(choice)}
                onChange={() => setReason(choice)}
              >
                {choice}
              </Chip>
            ))}
          </Group>
          <Group justify="flex-end">
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
            <Button type="submit" color="red" disabled={!reason.trim()}>
              Mark as lost
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** POST /opportunities/{id}/stage with If-Match, optimistic on the record page. */
export function useChangeStage(deal: Opportunity | undefined) {
  const queryClient = useQueryClient();
  const key = ['opportunities', 'one', deal?.id];
  return useMutation({
    mutationFn: (input: { stage: OpportunityStage; lossReason?: string }) => {
      const current = queryClient.getQueryData<Opportunity>(key) ?? deal;
      return api.post<Opportunity>(`/opportunities/${deal?.id}/stage`, input, {
        headers: current ? { 'if-match': `"${current.version}"` } : {},
      });
    },
    onMutate: async (input) => {
      await queryClient.cancelQueries({ queryKey: key });
      const previous = queryClient.getQueryData<Opportunity>(key);
      if (previous) queryClient.setQueryData(key, { ...previous, stage: input.stage });
      return { previous };
    },
    onError: (error, _input, context) => {
      if (context?.previous) queryClient.setQueryData(key, context.previous);
      notifyFailure(error, {
        title: 'The stage did not change',
        onReload: () => queryClient.invalidateQueries({ queryKey: key }),
        onApprovalRequested: () => {
          void queryClient.invalidateQueries({ queryKey: ['opportunities'] });
          void queryClient.invalidateQueries({ queryKey: ['approvals'] });
        },
      });
    },
    onSuccess: (saved) => {
      queryClient.setQueryData(key, saved);
      notifySaved(`Moved to ${stageLabels[saved.stage]}`);
    },
    onSettled: () => {
      invalidateLists(queryClient, 'opportunities');
      void queryClient.invalidateQueries({ queryKey: ['opportunities', 'history', deal?.id] });
    },
  });
}
