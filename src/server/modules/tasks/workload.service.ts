import type { WorkloadReport } from '../../../shared/contracts/tasks.js';
import type { Deps } from '../../deps.js';
import type { Viewer } from '../../platform/viewer.js';
import { weekOf } from './task-rules.js';
import { workloadByAssignee } from './workload.repository.js';

/** Open, overdue and due-this-week tasks per assignee, over the tasks the viewer may see. */
export async function getWorkloadReport(deps: Deps, viewer: Viewer, now = new Date()): Promise<WorkloadReport> {
  return { data: await workloadByAssignee(deps.database.db, viewer, { now, week: weekOf(now) }) };
}
