import { Button } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconFileImport } from '@tabler/icons-react';
import { lazy, Suspense } from 'react';
import type { ImportResource } from '../../../shared/contracts/imports.js';

// Loaded when first opened: a list page should not carry the import's code for the rare day it is used.
const ImportDialog = lazy(() => import('./ImportDialog.js').then((module) => ({ default: module.ImportDialog })));

/** A list page's secondary action beside its "New …" button: import the page's records from a CSV file. */
export function ImportCsvButton({ resource }: { resource: ImportResource }) {
  const [opened, dialog] = useDisclosure(false);
  return (
    <>
      <Button variant="default" leftSection={<IconFileImport size={16} aria-hidden />} onClick={dialog.open}>
        Import CSV
      </Button>
      {opened && (
        <Suspense fallback={null}>
          <ImportDialog resource={resource} onClose={dialog.close} />
        </Suspense>
      )}
    </>
  );
}
