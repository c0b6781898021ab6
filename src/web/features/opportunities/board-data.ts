import type { Page } from '../../../shared/contracts/common.js';
import type { Opportunity } from '../../../shared/contracts/opportunities.js';
import type { PipelineReport } from '../../../shared/contracts/reports.js';
import { api } from '../../api/client.js';
import { type Stage, stageOrder } from '../../lib/labels.js';

/** How many cards a column shows; its header speaks for all of its deals. */
export const CARDS_PER_COLUMN = 50;

/**
 * A column's header figures, from the server over every deal of the stage the board's filters select
 * (not only the cards loaded). Amounts of different currencies cannot be added: as in the reports, the
 * amount is of the deals in the board's currency, and `inCurrency` says how many of them that is.
 */
export type ColumnFigures = { count: number; amount: number; inCurrency: number };

export type BoardData = {
  columns: Record<Stage, Opportunity[]>;
  figures: Record<Stage, ColumnFigures>;
  /** The currency of the header amounts (the report's: the configured default). */
  currency: string;
};

/** The board's filters, named in the URL as in the API (comma-separated alternatives). */
export const boardFilterKeys = ['ownerId', 'territoryId'] as const;
export type BoardFilterKey = (typeof boardFilterKeys)[number];

/** The board's filters as the API names them; the cards and the header figures are asked with the same ones. */
export function boardFilters(search: URLSearchParams): URLSearchParams {
  const filters = new URLSearchParams();
  for (const key of boardFilterKeys) {
    const value = search.get(key);
    if (value) filters.set(key, value);
  }
  return filters;
}

const withFilters = (path: string, params: Record<string, string>, filters: URLSearchParams) =>
  `${path}?${new URLSearchParams({ ...params, ...Object.fromEntries(filters) })}`;

/** The records behind a column, for "see them all" (the list takes the board's filters by the same names). */
export const columnListPath = (stage: Stage, filters: URLSearchParams) =>
  withFilters('/opportunities', { stage }, filters);

export function boardQuery(filters: URLSearchParams) {
  return {
    queryKey: ['opportunities', 'board', filters.toString()],
    queryFn: async ({ signal }: { signal?: AbortSignal }): Promise<BoardData> => {
      const options = signal ? { signal } : {};
      const [report, ...pages] = await Promise.all([
        api.get<PipelineReport>(
          withFilters('/reports/pipeline', { groupBy: 'stage', stage: stageOrder.join(',') }, filters),
          options,
        ),
        ...stageOrder.map((stage) =>
          api.get<Page<Opportunity>>(
            withFilters(
              '/opportunities',
              { stage, sort: 'position', limit: String(CARDS_PER_COLUMN), includeTotal: 'true' },
              filters,
            ),
            options,
          ),
        ),
      ]);
      const byStage = <Value>(value: (stage: Stage, index: number) => Value) =>
        Object.fromEntries(stageOrder.map((stage, index) => [stage, value(stage, index)])) as Record<Stage, Value>;
      return {
        columns: byStage((_stage, index) => pages[index]?.data ?? []),
        figures: byStage((stage, index) => {
          const group = report.data.find((row) => row.key === stage);
          return { count: pages[index]?.total ?? 0, amount: group?.amount ?? 0, inCurrency: group?.count ?? 0 };
        }),
        currency: report.currency,
      };
    },
  };
}

const cents = (amount: number) => Math.round(amount * 100) / 100;

/**
 * The board as it will be once `deal` lands in `stage` (before `beforeId`, after `afterId`, else last):
 * shown at once, replaced by the server's figures when they come back.
 */
export function boardAfterMove(
  board: BoardData,
  deal: Opportunity,
  stage: Stage,
  placement: { afterId?: string | undefined; beforeId?: string | undefined },
): BoardData {
  const columns = Object.fromEntries(
    stageOrder.map((column) => [column, board.columns[column].filter((item) => item.id !== deal.id)]),
  ) as BoardData['columns'];
  const target = columns[stage];
  const anchor = placement.afterId
    ? target.findIndex((item) => item.id === placement.afterId) + 1
    : placement.beforeId
      ? target.findIndex((item) => item.id === placement.beforeId)
      : target.length;
  target.splice(Math.max(0, anchor), 0, { ...deal, stage });
  if (deal.stage === stage) return { ...board, columns };

  const counted = deal.currency === board.currency;
  const shift = (figures: ColumnFigures, sign: 1 | -1): ColumnFigures => ({
    count: figures.count + sign,
    amount: counted ? cents(figures.amount + sign * deal.amount) : figures.amount,
    inCurrency: counted ? figures.inCurrency + sign : figures.inCurrency,
  });
  const from = deal.stage as Stage;
  return {
    ...board,
    columns,
    figures: { ...board.figures, [from]: shift(board.figures[from], -1), [stage]: shift(board.figures[stage], 1) },
  };
}
