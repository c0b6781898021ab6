import { getThemeColor, useMantineTheme } from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { Rectangle, type RectangleProps } from 'recharts';
import { type Stage, stageColors } from './labels.js';

/**
 * Bars of a chart by stage wear the stage's colour, as the board columns and the stage badges do: the
 * value in the dark shade, the weighted value in the light one. The legend shows the two shades in grey,
 * since they mean the same in every stage.
 */
export const stageSeries = [
  { name: 'Value', color: 'gray.7' },
  { name: 'Weighted', color: 'gray.4' },
];

/**
 * xAxisProps that show every label of a chart by stage or group: recharts drops labels that would touch
 * ("Qualification" at 375 px), so on a phone they slant instead and every one is drawn.
 */
export function useEveryAxisLabel() {
  const isPhone = useMediaQuery('(max-width: 48em)');
  return isPhone
    ? { interval: 0 as const, angle: -35, textAnchor: 'end' as const, height: 70, tick: { fontSize: 11 } }
    : { interval: 0 as const };
}

/** barProps for a chart whose data rows carry `stage`; `onClick` gets the bar's row (for its link). */
export function useStageBarProps<Row extends { stage?: Stage }>(onClick?: (row: Row) => void) {
  const theme = useMantineTheme();
  return (series: { name: string }) => ({
    cursor: onClick ? 'pointer' : undefined,
    onClick: (bar: { payload?: Row }) => {
      if (bar.payload) onClick?.(bar.payload);
    },
    shape: (props: RectangleProps & { payload?: Row }) => {
      const stage = props.payload?.stage;
      const shade = series.name === 'Weighted' ? 3 : 6;
      const fill = stage ? getThemeColor(`${stageColors[stage]}.${shade}`, theme) : props.fill;
      return <Rectangle {...props} fill={fill} />;
    },
  });
}
