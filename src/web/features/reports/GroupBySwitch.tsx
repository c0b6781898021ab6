import { SegmentedControl } from '@mantine/core';
import { useSearchParams } from 'react-router';

/**
 * How a report groups its rows, kept in the URL's `groupBy` so a shared link opens the same grouping.
 * Replaces the history entry: Back leaves the report rather than stepping through each grouping tried.
 */
export function GroupBySwitch({ value, options }: { value: string; options: { value: string; label: string }[] }) {
  const [search, setSearch] = useSearchParams();
  return (
    <SegmentedControl
      aria-label="Group by"
      value={value}
      onChange={(groupBy) => {
        const next = new URLSearchParams(search);
        next.set('groupBy', groupBy);
        setSearch(next, { replace: true });
      }}
      data={options}
      w="fit-content"
    />
  );
}
