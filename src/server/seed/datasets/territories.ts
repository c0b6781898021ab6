import { territories } from '../../db/schema/index.js';
import { defineDataset, type RowOf } from '../dataset.js';
import { type Area, areas, type City } from '../vocabulary.js';
import type { GeneratedUser, usersDataset } from './users.js';

export type GeneratedTerritory = {
  id: string;
  /** "North-East 3" */
  name: string;
  index: number;
  area: Area;
  /** The cities its accounts are in: its share of the area's cities. */
  cities: readonly City[];
  managerId: string;
  /** Everyone who works in it, active or not (accounts stay with reps who left). */
  reps: GeneratedUser[];
};

export type TerritoriesOutput = { territories: GeneratedTerritory[] };

/**
 * Sales territories named after the area they lie in and numbered within it ("North-East 1",
 * "Midwest 2", …), each with the manager and reps the users dataset gave it. The area's cities are shared
 * out among its territories, so accounts of one territory cluster on the map.
 */
export function territoriesDataset(options: { users: ReturnType<typeof usersDataset> }) {
  return defineDataset({
    name: 'territories',
    table: territories,
    dependsOn: [options.users],
    async *generate(_rng, context) {
      const staff = context.output(options.users).territories;
      const generated: GeneratedTerritory[] = staff.map((territory) => {
        const areaIndex = territory.index % areas.length;
        const area = areas[areaIndex] as Area;
        const number = Math.floor(territory.index / areas.length);
        const territoriesInArea = Math.floor((staff.length - 1 - areaIndex) / areas.length) + 1;
        const share = area.cities.filter((_, index) => index % territoriesInArea === number % territoriesInArea);
        return {
          id: territory.id,
          name: `${area.name} ${number + 1}`,
          index: territory.index,
          area,
          cities: share.length > 0 ? share : area.cities,
          managerId: territory.manager.id,
          reps: territory.reps,
        };
      });
      const rows: RowOf<typeof territories>[] = generated.map((territory, index) => {
        const createdAt = staff[index]?.createdAt ?? context.anchor;
        return {
          id: territory.id,
          name: territory.name,
          region: territory.area.name,
          managerId: territory.managerId,
          createdAt,
          updatedAt: createdAt,
          version: 1,
          deletedAt: null,
        };
      });
      for (let start = 0; start < rows.length; start += context.batchSize) {
        yield rows.slice(start, start + context.batchSize);
      }
      return { territories: generated } satisfies TerritoriesOutput;
    },
  });
}
