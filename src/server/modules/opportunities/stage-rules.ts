import { isClosedStage, type OpportunityStage, stageProbability } from '../../../shared/contracts/opportunities.js';
import { AppError } from '../../../shared/errors.js';

/** The fields of a deal the stage rules read. */
export type DealState = {
  stage: OpportunityStage;
  probability: number;
  amount: number;
  currency: string;
  closeDate: string;
  accountId: string;
  lossReason: string | null;
  closedAt: Date | null;
};

/** What a create, PATCH, stage change or move asks for; undefined leaves a field as it is. */
export type DealChange = {
  stage?: OpportunityStage | undefined;
  probability?: number | undefined;
  lossReason?: string | null | undefined;
  amount?: number | undefined;
  currency?: string | undefined;
  closeDate?: string | undefined;
  accountId?: string | undefined;
};

export type StagePlan = {
  stage: OpportunityStage;
  probability: number;
  lossReason: string | null;
  closedAt: Date | null;
  /**
   * The day the deal closed, whenever a create or change closes it: the close date says when the deal
   * closed once it has (as in HubSpot), so a deal won today is not still "closing" in March in the
   * forecast while the win-rate card counts it this quarter. Undefined leaves the close date as asked.
   */
  closeDate: string | undefined;
  /** True on create (the first history entry) and whenever the stage moves. */
  stageChanged: boolean;
};

/** A closed deal is the record of what was sold: these stay as they were unless it is reopened. */
const frozenWhileClosed = ['amount', 'currency', 'closeDate', 'accountId'] as const;

/**
 * The stage rules of a deal, for a create (`current` null) or a change:
 * - probability follows the stage unless given for an open stage; closed stages have 100 and 0;
 * - closed_lost needs a loss reason, and no other stage may carry one (leaving closed_lost clears it);
 * - closedAt is set on entering a closed stage and cleared on reopening, and the close date becomes the
 *   day it closed (UTC, as closedAt's month is): today, or an earlier close date the change names (a deal
 *   logged as won after the fact, or imported, closed then: at noon UTC that day). A close date still to
 *   come cannot be when it closed, so it becomes today: the forecast, win-loss and the dashboard then
 *   place the deal in the same month;
 * - leaving a closed stage needs someone above the owner (`mayReopen`), not the owner alone;
 * - a closed deal's amount, currency, close date and account are frozen until it is reopened.
 */
export function planStage(
  current: DealState | null,
  change: DealChange,
  options: { mayReopen: boolean; now: Date },
): StagePlan {
  const stage = change.stage ?? current?.stage ?? 'prospecting';
  const stageChanged = current === null || stage !== current.stage;
  const wasClosed = current !== null && isClosedStage(current.stage);
  const closed = isClosedStage(stage);

  if (wasClosed && stageChanged && !options.mayReopen) {
    throw new AppError(
      'forbidden',
      "only the owner's manager or an admin may reopen or change the outcome of a closed deal",
    );
  }
  if (current && wasClosed && closed) {
    const frozen = frozenWhileClosed.filter((field) => change[field] !== undefined && change[field] !== current[field]);
    if (frozen.length > 0) {
      throw new AppError('conflict', `the deal is closed; reopen it before changing ${frozen.join(', ')}`, {
        errors: frozen.map((field) => ({ path: field, message: 'frozen while the deal is closed' })),
      });
    }
  }

  return {
    stage,
    probability: probabilityFor(stage, current, change.probability, stageChanged),
    lossReason: lossReasonFor(stage, current, change.lossReason),
    ...closing(current, change, { closed, stageChanged, now: options.now }),
    stageChanged,
  };
}

/** When a closed deal closed (see planStage): its closedAt and, when it closes now, its close date. */
function closing(
  current: DealState | null,
  change: DealChange,
  state: { closed: boolean; stageChanged: boolean; now: Date },
): { closedAt: Date | null; closeDate: string | undefined } {
  if (!state.closed) return { closedAt: null, closeDate: undefined };
  if (!state.stageChanged) return { closedAt: current?.closedAt ?? state.now, closeDate: undefined };
  const today = state.now.toISOString().slice(0, 10);
  const asked = change.closeDate;
  if (asked !== undefined && asked < today) return { closedAt: new Date(`${asked}T12:00:00Z`), closeDate: asked };
  return { closedAt: state.now, closeDate: today };
}

function probabilityFor(
  stage: OpportunityStage,
  current: DealState | null,
  requested: number | undefined,
  stageChanged: boolean,
): number {
  const stageDefault = stageProbability[stage];
  if (isClosedStage(stage)) {
    if (requested !== undefined && requested !== stageDefault) {
      throw new AppError('invalid_request', `a ${stage} deal has probability ${stageDefault}`, {
        errors: [{ path: 'probability', message: `must be ${stageDefault} for ${stage}, or left out` }],
      });
    }
    return stageDefault;
  }
  if (requested !== undefined) return requested;
  return stageChanged || current === null ? stageDefault : current.probability;
}

function lossReasonFor(
  stage: OpportunityStage,
  current: DealState | null,
  requested: string | null | undefined,
): string | null {
  if (stage !== 'closed_lost') {
    if (requested) {
      throw new AppError('invalid_request', 'a loss reason is only kept for closed_lost deals', {
        errors: [{ path: 'lossReason', message: 'only for closed_lost' }],
      });
    }
    return null;
  }
  const lossReason =
    requested === undefined ? (current?.stage === 'closed_lost' ? current.lossReason : null) : requested;
  if (!lossReason) {
    throw new AppError('invalid_request', 'say why the deal was lost: lossReason is required for closed_lost', {
      errors: [{ path: 'lossReason', message: 'required for closed_lost' }],
    });
  }
  return lossReason;
}

/** Money is stored to the cent; rounding first keeps comparisons with stored amounts exact. */
export function toCents(amount: number): number {
  return Math.round(amount * 100) / 100;
}
