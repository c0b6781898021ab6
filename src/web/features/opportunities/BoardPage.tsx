import {
  type Announcements,
  closestCorners,
  DndContext,
  type DragEndEvent,
  DragOverlay,
  type DragStartEvent,
  KeyboardSensor,
  MouseSensor,
  TouchSensor,
  type UniqueIdentifier,
  useDroppable,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import {
  SortableContext,
  sortableKeyboardCoordinates,
  useSortable,
  verticalListSortingStrategy,
} from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Anchor, Badge, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconList, IconLock, IconShieldCheck } from '@tabler/icons-react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { isClosedStage, type Opportunity } from '../../../shared/contracts/opportunities.js';
import { api } from '../../api/client.js';
import { useAccountName, useMayChange, useMayReopen, useUserNames } from '../../api/hooks.js';
import { PageHeader } from '../../components/PageHeader.js';
import { QueryError } from '../../components/QueryError.js';
import { useCreateIntent } from '../../lib/create-intent.js';
import { date, dateTime, dueLabel, humanize, money, moneyCompact, relative } from '../../lib/format.js';
import { openStageOrder, type Stage, stageColors, stageLabels, stageOrder } from '../../lib/labels.js';
import { invalidateLists, notifyApprovalNeeded, notifyFailure, notifySaved } from '../../lib/mutations.js';
import { BoardFilters } from './BoardFilters.js';
import {
  type BoardData,
  boardAfterMove,
  boardFilters,
  boardQuery,
  type ColumnFigures,
  columnListPath,
} from './board-data.js';
import { isOverdue, type NextStep, useNextSteps } from './next-steps.js';
import { OpportunityForm } from './OpportunityForm.js';
import { approvalRule, LossReasonDialog, needsApproval, useApprovalPolicy } from './stage.js';

let lastDragEnd = 0;
/** byKeyboard: picked up with the keyboard, so the focus follows the card to where it lands. */
type Move = { deal: Opportunity; stage: Stage; afterId?: string; beforeId?: string; byKeyboard?: boolean };

/**
 * A card that changes column is a new element, so the focus would fall back to the page and a keyboard
 * user would start again from the top: put it back on the card once it has landed (or gone back).
 */
function focusCard(id: string) {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="card-${id}"]`)?.focus()),
  );
}

/** The rep's home (UI.md): deals as cards by stage, dragged to move them, with counts and totals. */
export function BoardPage() {
  const [search] = useSearchParams();
  const filters = boardFilters(search);
  const queryClient = useQueryClient();
  const approvalPolicy = useApprovalPolicy();
  const navigate = useNavigate();
  const query = boardQuery(filters);
  const key = query.queryKey;
  const board = useQuery(query);
  const [dragging, setDragging] = useState<Opportunity | null>(null);
  const [losing, setLosing] = useState<Move | null>(null);
  // The create form opens over the board (`c`, New deal) and closes back onto it.
  const [creating, create] = useCreateIntent();
  const sensors = useSensors(
    useSensor(MouseSensor, { activationConstraint: { distance: 5 } }),
    // On a phone a swipe scrolls the board; press and hold a card to pick it up.
    useSensor(TouchSensor, { activationConstraint: { delay: 250, tolerance: 8 } }),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );

  // Only open deals show a next step.
  const nextStep = useNextSteps(
    openStageOrder.flatMap((stage) => board.data?.columns[stage].map((deal) => deal.id) ?? []),
  );

  const move = async ({ deal, stage, afterId, beforeId, byKeyboard }: Move, lossReason?: string) => {
    // A card marked "Approval needed" stays where it is: the server would refuse the move with a 409
    // after the card had seemed to land. Said as the server says it, with the request one click away.
    if (stage === 'closed_won' && needsApproval(deal, approvalPolicy)) {
      if (byKeyboard) focusCard(deal.id);
      notifyApprovalNeeded({
        title: `${deal.name} did not move`,
        message:
          deal.approvalStatus === 'pending'
            ? 'its approval is still pending: it can close as won once it is granted'
            : approvalRule(deal.currency, approvalPolicy),
        approvalPath: deal.approvalStatus === 'pending' ? undefined : `/opportunities/${deal.id}/approval-request`,
        onRequested: () => {
          void queryClient.invalidateQueries({ queryKey: ['opportunities'] });
          void queryClient.invalidateQueries({ queryKey: ['approvals'] });
        },
      });
      return;
    }
    const previous = queryClient.getQueryData<BoardData>(key);
    if (previous) {
      // Optimistic: the card lands where it was dropped, and the headers count it, at once; the server's
      // answer and figures replace them.
      queryClient.setQueryData(key, boardAfterMove(previous, deal, stage, { afterId, beforeId }));
      if (byKeyboard) focusCard(deal.id);
    }
    try {
      await api.post<Opportunity>(
        `/opportunities/${deal.id}/move`,
        {
          ...(stage !== deal.stage ? { stage } : {}),
          ...(afterId ? { afterId } : {}),
          ...(beforeId ? { beforeId } : {}),
          ...(lossReason ? { lossReason } : {}),
        },
        { headers: { 'if-match': `"${deal.version}"` } },
      );
      if (stage !== deal.stage) notifySaved(`${deal.name} moved to ${stageLabels[stage]}`);
    } catch (error) {
      if (previous) queryClient.setQueryData(key, previous);
      if (byKeyboard) focusCard(deal.id);
      notifyFailure(error, {
        title: `${deal.name} did not move`,
        onReload: () => queryClient.invalidateQueries({ queryKey: key }),
        onApprovalRequested: () => {
          void queryClient.invalidateQueries({ queryKey: ['opportunities'] });
          void queryClient.invalidateQueries({ queryKey: ['approvals'] });
        },
      });
    } finally {
      // The board's own query included (invalidateLists refreshes the board).
      invalidateLists(queryClient, 'opportunities');
    }
  };

  const onDragStart = (event: DragStartEvent) => setDragging((event.active.data.current?.deal as Opportunity) ?? null);
  const onDragEnd = ({ active, over, activatorEvent }: DragEndEvent) => {
    lastDragEnd = Date.now();
    setDragging(null);
    const deal = active.data.current?.deal as Opportunity | undefined;
    if (!deal || !over || !board.data) return;
    const stage = (over.data.current?.stage as Stage | undefined) ?? (over.id as Stage);
    if (!stageOrder.includes(stage)) return;
    const column = board.data.columns[stage].filter((item) => item.id !== deal.id);
    let placement: Pick<Move, 'afterId' | 'beforeId'> = {};
    if (over.data.current?.deal && over.id !== deal.id) {
      const overIndex = board.data.columns[stage].findIndex((item) => item.id === over.id);
      const activeIndex = board.data.columns[stage].findIndex((item) => item.id === deal.id);
      placement =
        activeIndex !== -1 && activeIndex < overIndex ? { afterId: String(over.id) } : { beforeId: String(over.id) };
    } else if (over.id === deal.id) {
      return;
    } else if (column.length > 0 && deal.stage === stage) {
      return;
    }
    const next: Move = { deal, stage, ...placement, byKeyboard: activatorEvent instanceof KeyboardEvent };
    if (stage === 'closed_lost' && deal.stage !== 'closed_lost') setLosing(next);
    else void move(next);
  };

  return (
    <>
      <PageHeader
        createAction={{ label: 'New deal', onClick: create.open }}
        title="Pipeline board"
        description="Drag a deal to another stage. Closing as lost asks for the reason; large deals need an approval to close as won."
        actions={
          <>
            <BoardFilters />
            <Button
              component={Link}
              to="/opportunities"
              variant="default"
              leftSection={<IconList size={16} aria-hidden />}
            >
              List
            </Button>
          </>
        }
      />
      {board.isPending ? (
        <Group align="flex-start" wrap="nowrap" gap="sm">
          {stageOrder.map((stage) => (
            <Skeleton key={stage} height={320} w={260} />
          ))}
        </Group>
      ) : board.isError ? (
        <QueryError error={board.error} what="the board" onRetry={() => board.refetch()} />
      ) : (
        <DndContext
          accessibility={{ announcements: boardAnnouncements(board.data.columns) }}
          sensors={sensors}
          collisionDetection={closestCorners}
          onDragStart={onDragStart}
          onDragEnd={onDragEnd}
          onDragCancel={() => setDragging(null)}
        >
          {/* Focusable so the board scrolls sideways from the keyboard, even with no card in it to tab to. */}
          {/* biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard */}
          <section className="board-scroll" tabIndex={0} aria-label="Pipeline board">
            <Group align="flex-start" wrap="nowrap" gap="sm" pb="sm">
              {stageOrder.map((stage) => (
                <Column
                  key={stage}
                  stage={stage}
                  deals={board.data.columns[stage]}
                  figures={board.data.figures[stage]}
                  currency={board.data.currency}
                  allPath={columnListPath(stage, filters)}
                  nextStep={nextStep}
                  onOpen={(deal) => navigate(`/opportunities/${deal.id}`)}
                />
              ))}
            </Group>
          </section>
          <DragOverlay>
            {dragging ? <DealCard deal={dragging} nextStep={nextStep(dragging.id)} overlay /> : null}
          </DragOverlay>
        </DndContext>
      )}
      {creating && <OpportunityForm opened onClose={create.close} openAfterCreate={false} />}
      {losing && (
        <LossReasonDialog
          deal={losing.deal}
          onCancel={() => {
            if (losing.byKeyboard) focusCard(losing.deal.id);
            setLosing(null);
          }}
          onConfirm={(reason) => {
            void move(losing, reason);
            setLosing(null);
          }}
        />
      )}
    </>
  );
}

function Column({
  stage,
  deals,
  figures,
  currency,
  allPath,
  nextStep,
  onOpen,
}: {
  stage: Stage;
  deals: Opportunity[];
  figures: ColumnFigures;
  currency: string;
  /** The list of every deal of the column, for when the column shows only its first cards. */
  allPath: string;
  nextStep: (dealId: string) => NextStep | undefined;
  onOpen: (deal: Opportunity) => void;
}) {
  const { setNodeRef, isOver } = useDroppable({ id: stage, data: { stage } });
  const { count } = figures;
  const otherCurrencies = count - figures.inCurrency;
  return (
    <Paper
      ref={setNodeRef}
      className="board-column"
      withBorder
      radius="md"
      p="xs"
      w={264}
      miw={264}
      bg={isOver ? `${stageColors[stage]}.0` : 'gray.1'}
      data-testid={`column-${stage}`}
      aria-label={`${stageLabels[stage]}: ${count} ${count === 1 ? 'deal' : 'deals'}, ${money(figures.amount, currency)}`}
      component="section"
    >
      <div style={{ borderTop: `3px solid var(--mantine-color-${stageColors[stage]}-5)`, paddingTop: 6 }}>
        <Group justify="space-between" wrap="nowrap">
          <Title order={2} size="h6">
            {stageLabels[stage]}
          </Title>
          <Group gap={4} wrap="nowrap">
            <Badge size="sm" variant="light" color={stageColors[stage]} data-testid={`count-${stage}`}>
              {count}
            </Badge>
            <Text
              size="xs"
              c="dimmed"
              fw={600}
              title={money(figures.amount, currency)}
              data-testid={`amount-${stage}`}
              data-value={figures.amount}
            >
              {moneyCompact(figures.amount, currency)}
            </Text>
          </Group>
        </Group>
        {otherCurrencies > 0 && (
          <Text size="xs" c="dimmed" ta="right">
            {otherCurrencies} in other currencies, not in the total
          </Text>
        )}
      </div>
      <SortableContext id={stage} items={deals.map((deal) => deal.id)} strategy={verticalListSortingStrategy}>
        <Stack gap={6} mih={80} mt="xs">
          {deals.map((deal) => (
            <SortableCard key={deal.id} deal={deal} nextStep={nextStep(deal.id)} onOpen={() => onOpen(deal)} />
          ))}
          {deals.length === 0 && (
            <Text size="xs" c="dimmed" ta="center" py="md">
              Drop a deal here
            </Text>
          )}
        </Stack>
      </SortableContext>
      {count > deals.length && (
        <Text size="xs" c="dimmed" ta="center" mt="xs">
          {deals.length} of {count} shown ·{' '}
          <Anchor component={Link} to={allPath} size="xs">
            See all in the list
          </Anchor>
        </Text>
      )}
    </Paper>
  );
}

function SortableCard({
  deal,
  nextStep,
  onOpen,
}: {
  deal: Opportunity;
  nextStep: NextStep | undefined;
  onOpen: () => void;
}) {
  // Someone else's deal (not the caller's team's) is shown, not moved: the server would refuse the drop.
  // So is a closed deal its owner alone may not reopen: only someone above the owner may.
  const mayChange = useMayChange();
  const mayReopen = useMayReopen();
  const lockedBecause = !mayChange(deal.ownerId)
    ? "Someone else's deal"
    : isClosedStage(deal.stage) && !mayReopen(deal.ownerId)
      ? "Closed: only the owner's manager or an admin may reopen it"
      : undefined;
  const movable = lockedBecause === undefined;
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id: deal.id,
    data: { deal, stage: deal.stage },
    disabled: !movable,
  });
  // dnd-kit's attributes make the card a focusable button; Enter opens the deal.
  const handle = {
    ...attributes,
    ...listeners,
    'aria-roledescription': movable ? 'Draggable deal' : 'Deal',
    'aria-label': movable
      ? `${deal.name}, ${money(deal.amount, deal.currency)}. Press space to pick up, arrows to move, Enter to open.`
      : `${deal.name}, ${money(deal.amount, deal.currency)}. ${lockedBecause}: Enter to open.`,
    'data-testid': `card-${deal.id}`,
    // A click that was not the end of a drag opens the deal.
    onClick: () => {
      if (Date.now() - lastDragEnd > 300) onOpen();
    },
    onKeyDown: (event: React.KeyboardEvent<HTMLDivElement>) => {
      if (event.key === 'Enter') onOpen();
      listeners?.onKeyDown?.(event);
    },
  };
  return (
    <div
      ref={setNodeRef}
      style={{ transform: CSS.Transform.toString(transform), transition, opacity: isDragging ? 0.4 : 1 }}
      {...handle}
    >
      <DealCard deal={deal} nextStep={nextStep} lockedBecause={lockedBecause} />
    </div>
  );
}

function DealCard({
  deal,
  nextStep,
  overlay,
  lockedBecause,
}: {
  deal: Opportunity;
  nextStep: NextStep | undefined;
  overlay?: boolean;
  /** Why the card is shown but not movable by the caller: no grab cursor, and a lock beside the owner. */
  lockedBecause?: string | undefined;
}) {
  const readOnly = lockedBecause !== undefined;
  const userName = useUserNames();
  // Every card asks for its own account; one tick's worth of cards go out as one call (useAccountName).
  const accountName = useAccountName(deal.accountId);
  const late = deal.closedAt === null && deal.closeDate < new Date().toISOString().slice(0, 10);
  const approval = needsApproval(deal, useApprovalPolicy())
    ? 'Approval needed'
    : deal.approvalStatus !== 'not_required'
      ? `Approval ${humanize(deal.approvalStatus).toLowerCase()}`
      : null;
  return (
    <Paper
      withBorder
      radius="sm"
      p={8}
      shadow={overlay ? 'md' : undefined}
      style={{ cursor: readOnly ? 'pointer' : 'grab', background: 'var(--mantine-color-body)' }}
    >
      <Text size="sm" fw={600} lineClamp={2}>
        {deal.name}
      </Text>
      <Text size="xs" c="dimmed" truncate>
        {accountName === undefined ? '…' : (accountName ?? '—')}
      </Text>
      <Group justify="space-between" mt={4} wrap="nowrap">
        <Text size="sm" fw={700} title={money(deal.amount, deal.currency)}>
          {moneyCompact(deal.amount, deal.currency)}
        </Text>
        <Text size="xs" c={late ? 'red.9' : 'dimmed'} title={late ? 'Close date has passed' : 'Close date'}>
          {late ? '⚠ ' : ''}
          {date(deal.closeDate)}
        </Text>
      </Group>
      {deal.closedAt === null && <NextStepLine step={nextStep} />}
      <Group justify="space-between" mt={2} wrap="nowrap">
        <Text size="xs" c="dimmed" truncate title={readOnly ? `${lockedBecause}: open it to see more` : undefined}>
          {readOnly && <IconLock size={10} aria-label="Read only" style={{ marginRight: 3 }} />}
          {userName(deal.ownerId)}
        </Text>
        {approval && (
          <Badge
            size="xs"
            variant="light"
            color={deal.approvalStatus === 'approved' ? 'teal' : deal.approvalStatus === 'rejected' ? 'red' : 'yellow'}
            leftSection={<IconShieldCheck size={10} aria-hidden />}
          >
            {approval}
          </Badge>
        )}
      </Group>
    </Paper>
  );
}

/**
 * The deal's next step and when (Pipedrive's card line): the planned activity or open task due first, in red
 * with a warning sign and how late when its time has passed, a quiet prompt when nothing is planned.
 */
function NextStepLine({ step }: { step: NextStep | undefined }) {
  if (!step) {
    return (
      <Text size="xs" c="dimmed" fs="italic" mt={2} data-testid="next-activity">
        Nothing planned
      </Text>
    );
  }
  const what = step.kind === 'task' ? 'Task' : humanize(step.type);
  const overdue = isOverdue(step);
  const when = step.at === null ? 'no due date' : overdue ? dueLabel(step.at) : relative(step.at);
  return (
    <Text
      size="xs"
      mt={2}
      truncate
      c={overdue ? 'red.9' : undefined}
      title={`${what}: ${step.subject}, ${step.at === null ? 'no due date' : dateTime(step.at)}`}
      data-testid="next-activity"
    >
      {overdue ? '⚠ ' : ''}
      {what} {when}: {step.subject}
    </Text>
  );
}

export const Component = BoardPage;

/** What a screen reader hears while a deal is dragged: the deal's name and the column, not their ids. */
function boardAnnouncements(columns: BoardData['columns']): Announcements {
  const nameOf = (id: UniqueIdentifier) => {
    const key = String(id);
    if ((stageOrder as readonly string[]).includes(key)) return `the ${stageLabels[key as Stage]} column`;
    const deal = stageOrder.flatMap((stage) => columns[stage]).find((item) => item.id === key);
    return deal ? deal.name : 'a deal';
  };
  /** Where a drop lands: the column, and the deal it lands by when over a card. */
  const placeOf = (id: UniqueIdentifier) => {
    const key = String(id);
    if ((stageOrder as readonly string[]).includes(key)) return nameOf(id);
    const stage = stageOrder.find((candidate) => columns[candidate].some((item) => item.id === key));
    return stage ? `the ${stageLabels[stage]} column, by ${nameOf(id)}` : nameOf(id);
  };
  return {
    onDragStart: ({ active }) => `Picked up ${nameOf(active.id)}.`,
    onDragOver: ({ active, over }) =>
      over ? `${nameOf(active.id)} is over ${placeOf(over.id)}.` : `${nameOf(active.id)} is over no column.`,
    onDragEnd: ({ active, over }) =>
      over ? `${nameOf(active.id)} was dropped in ${placeOf(over.id)}.` : `${nameOf(active.id)} was put back.`,
    onDragCancel: ({ active }) => `Moving ${nameOf(active.id)} was cancelled; it is back where it was.`,
  };
}
