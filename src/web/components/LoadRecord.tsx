import { useEffect } from 'react';
import { useRecord } from '../api/hooks.js';
import { notifyFailure } from '../lib/mutations.js';

/**
 * Reads a record known only by id (a timeline entry) when someone opens it, then hands it on (to an edit
 * dialog); a failure is said and the opening given up. Renders nothing.
 */
export function LoadRecord<Item>({
  resource,
  id,
  what,
  onLoaded,
  onClose,
}: {
  resource: string;
  id: string;
  /** "activity", "task": for the failure notice. */
  what: string;
  onLoaded: (item: Item) => void;
  onClose: () => void;
}) {
  const record = useRecord<Item>(resource, id);
  const { isSuccess, isError, data, error } = record;
  // biome-ignore lint/correctness/useExhaustiveDependencies: the callbacks change every render; the answer decides
  useEffect(() => {
    if (isSuccess) onLoaded(data);
    if (isError) {
      notifyFailure(error, { title: `The ${what} could not be opened` });
      onClose();
    }
  }, [isSuccess, isError, data, error]);
  return null;
}
