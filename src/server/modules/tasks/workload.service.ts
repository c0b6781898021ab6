import type { WorkloadQuery, WorkloadReport } from '../../../shared/contracts/tasks.js';
import type { Deps } from '../../deps.js';
import { resolvePeople, type Viewer } from '../../platform/viewer.js';
import { weekOf } from './task-rules.js';
import { workloadByAssignee } from './workload.repository.js';

/** Open, overdue and due-this-week tasks per assignee, over the tasks the viewer may see. */
export async function getWorkloadReport(
  deps: Deps,
  viewer: Viewer,
  query: WorkloadQuery = {},
  now = new Date(),
): Promise<WorkloadReport> {
  const scope = {
    assigneeIds: query.assigneeId ? resolvePeople(query.assigneeId, viewer) : undefined,
    territoryIds: query.territoryId,
  };
  return { data: await workloadByAssignee(deps.database.db, viewer, scope, { now, week: weekOf(now) }) };
}
