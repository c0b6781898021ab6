import type { Deps } from '../../deps.js';
import { systemViewer } from '../../platform/viewer.js';
import { generatePassword } from '../users/bootstrap.js';
import { createUser } from '../users/users.service.js';

export type DemoData = { password: string; users: { email: string; role: string }[] };

/**
 * Loads the demo data set into a freshly created database: a small sales team (a manager and two
 * reps) sharing one random password. Later modules add their records here.
 */
export async function loadDemoData(deps: Deps): Promise<DemoData> {
  const viewer = systemViewer();
  const password = generatePassword();
  const { user: manager } = await createUser(deps, viewer, {
    email: 'maria.manager@example.com',
    name: 'Maria Manager',
    role: 'manager',
    territoryIds: [],
    managerId: null,
    active: true,
    password,
  });
  const reps = [
    { email: 'rob.rep@example.com', name: 'Rob Rep' },
    { email: 'rita.rep@example.com', name: 'Rita Rep' },
  ];
  for (const rep of reps) {
    await createUser(deps, viewer, {
      ...rep,
      role: 'rep',
      territoryIds: [],
      managerId: manager.id,
      active: true,
      password,
    });
  }
  return {
    password,
    users: [{ email: manager.email, role: 'manager' }, ...reps.map((rep) => ({ email: rep.email, role: 'rep' }))],
  };
}
