import './nearby.css';
import { Button } from '@mantine/core';
import { IconCurrentLocation } from '@tabler/icons-react';
import { lazy, Suspense, useState } from 'react';
import { defaultNearbyChoices, type NearbyChoices } from './nearby.js';

// Loaded when first opened: the list page should not carry the panel's code (and the map's) until a rep asks.
const NearbyAccountsDrawer = lazy(() =>
  import('./NearbyAccountsDrawer.js').then((module) => ({ default: module.NearbyAccountsDrawer })),
);
const PlanVisitDialog = lazy(() =>
  import('../reports/PlanVisitDialog.js').then((module) => ({ default: module.PlanVisitDialog })),
);

/**
 * The Accounts page's "Near me": the accounts around where the rep stands, nearest first, from the
 * browser's position. Beside "New account" on a wide screen; floating at the bottom left on a phone.
 * The choices (distance, only mine, only due) stay as set while the page is open.
 */
export function NearMeButton() {
  const [opened, setOpened] = useState(false);
  const [choices, setChoices] = useState<NearbyChoices>(defaultNearbyChoices);
  const [planning, setPlanning] = useState<{ id: string; name: string } | null>(null);
  return (
    <>
      <Button
        variant="default"
        className="near-me-action"
        leftSection={<IconCurrentLocation size={16} aria-hidden />}
        onClick={() => setOpened(true)}
      >
        Near me
      </Button>
      {opened && (
        <Suspense fallback={null}>
          <NearbyAccountsDrawer
            choices={choices}
            onChoicesChange={setChoices}
            onPlanVisit={setPlanning}
            onClose={() => setOpened(false)}
          />
        </Suspense>
      )}
      {/*
        Beside the panel rather than in it, and mounted only while planning: opened later, the dialog lies
        over the panel, and its Escape closes the dialog alone.
      */}
      {planning && (
        <Suspense fallback={null}>
          <PlanVisitDialog account={planning} onClose={() => setPlanning(null)} />
        </Suspense>
      )}
    </>
  );
}
