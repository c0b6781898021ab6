import { ActionIcon, Anchor, Button, Group, Skeleton, Text } from '@mantine/core';
import { IconChevronDown, IconChevronRight } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { Hierarchy, HierarchyNode } from '../../../shared/contracts/accounts.js';
import { api } from '../../api/client.js';
import { count, humanize } from '../../lib/format.js';

/** Children listed under an open account before a "show all" button: a dealer may have hundreds of customers. */
const CHILDREN_SHOWN = 20;

/**
 * The family an account belongs to (`GET /accounts/{id}/hierarchy`), as a tree that opens where the
 * account sits: the way down from the root and the account's own children are open, every other branch
 * is closed with its size beside it. A distributor's family runs to a thousand accounts; listing them
 * all would bury the page.
 */
export function HierarchyTree({ id }: { id: string }) {
  const tree = useQuery({
    queryKey: ['accounts', 'hierarchy', id],
    queryFn: ({ signal }) => api.get<Hierarchy>(`/accounts/${id}/hierarchy`, { signal }),
  });
  if (tree.isPending) return <Skeleton height={60} />;
  if (tree.isError)
    return (
      <Text size="sm" c="dimmed">
        The account family is not available right now.
      </Text>
    );
  if (tree.data.nodes.length <= 1)
    return (
      <Text size="sm" c="dimmed">
        A standalone account. Set a parent in Edit to group a distributor's branches and dealers.
      </Text>
    );
  // Keyed by the account: following a link to another member opens the tree where that one sits.
  return <FamilyTree key={id} nodes={tree.data.nodes} currentId={id} />;
}

function FamilyTree({ nodes, currentId }: { nodes: HierarchyNode[]; currentId: string }) {
  const { root, childrenOf, wayDown } = useMemo(() => familyOf(nodes, currentId), [nodes, currentId]);
  const [open, setOpen] = useState<ReadonlySet<string>>(wayDown);
  const [showingAll, setShowingAll] = useState<ReadonlySet<string>>(() => new Set());
  const flip = (set: ReadonlySet<string>, nodeId: string) => {
    const next = new Set(set);
    if (!next.delete(nodeId)) next.add(nodeId);
    return next;
  };

  const branch = (node: HierarchyNode): React.ReactNode => {
    const children = childrenOf.get(node.id) ?? [];
    const isOpen = open.has(node.id) && children.length > 0;
    const listId = `family-${node.id}`;
    // The first children, and whichever one leads to the account on the page even when it comes later.
    const shown =
      showingAll.has(node.id) || children.length <= CHILDREN_SHOWN
        ? children
        : children.filter((child, index) => index < CHILDREN_SHOWN || wayDown.has(child.id));
    return (
      <li key={node.id}>
        <Group gap={4} wrap="nowrap" py={2}>
          {children.length > 0 ? (
            <ActionIcon
              variant="subtle"
              color="gray"
              size="sm"
              aria-expanded={isOpen}
              aria-controls={isOpen ? listId : undefined}
              aria-label={`${isOpen ? 'Close' : 'Open'} ${node.name ?? 'account'}`}
              onClick={() => setOpen((current) => flip(current, node.id))}
            >
              {isOpen ? <IconChevronDown size={14} aria-hidden /> : <IconChevronRight size={14} aria-hidden />}
            </ActionIcon>
          ) : (
            <span style={{ width: 22, flex: 'none' }} />
          )}
          {node.id === currentId ? (
            <Text size="sm" fw={700} aria-current="page" truncate title={node.name ?? undefined}>
              {node.name}
            </Text>
          ) : (
            <Anchor component={Link} to={`/accounts/${node.id}`} size="sm" truncate title={node.name ?? undefined}>
              {node.name}
            </Anchor>
          )}
          <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
            {[
              node.type ? humanize(node.type) : null,
              node.descendantCount > 0 ? `${count(node.descendantCount)} below` : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
        </Group>
        {isOpen && (
          <ul id={listId} style={{ listStyle: 'none', margin: 0, paddingLeft: 18 }}>
            {shown.map(branch)}
            {shown.length < children.length && (
              <li>
                <Button
                  variant="subtle"
                  size="compact-xs"
                  ml={22}
                  onClick={() => setShowingAll((current) => flip(current, node.id))}
                >
                  Show all {count(children.length)} under {node.name}
                </Button>
              </li>
            )}
          </ul>
        )}
      </li>
    );
  };

  return (
    <ul aria-label="Account hierarchy" style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {branch(root)}
    </ul>
  );
}

/** The root, each account's children in the answer's order (by name), and the way down to the current one. */
function familyOf(nodes: HierarchyNode[], currentId: string) {
  const childrenOf = new Map<string, HierarchyNode[]>();
  const parentOf = new Map<string, string | null>();
  for (const node of nodes) {
    parentOf.set(node.id, node.parentId);
    if (node.parentId === null) continue;
    const siblings = childrenOf.get(node.parentId);
    if (siblings) siblings.push(node);
    else childrenOf.set(node.parentId, [node]);
  }
  const wayDown = new Set<string>();
  for (let at: string | null = currentId; at !== null && !wayDown.has(at); at = parentOf.get(at) ?? null)
    wayDown.add(at);
  return { root: nodes[0] as HierarchyNode, childrenOf, wayDown: wayDown as ReadonlySet<string> };
}
