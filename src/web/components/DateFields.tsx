import '@mantine/dates/styles.css';
import { DateInput, type DateInputProps } from '@mantine/dates';
import { DAY_FORMAT, DAY_TIME_FORMAT, parseDay, parseDayTime } from '../lib/date-input.js';

/*
 * Date boxes that show and take dates as the rest of the app writes them ("6 Dec 2026", "6 Dec 2026,
 * 19:45"), not in the browser's own order ("12/06/2026, 01:20 PM"), with a calendar to pick from. Their
 * values are the same strings the forms always held: `YYYY-MM-DD`, and `YYYY-MM-DDTHH:mm` in the browser's
 * time zone (`localInput` in format.ts); '' is no date.
 */

type FieldProps = Omit<DateInputProps, 'value' | 'onChange' | 'valueFormat' | 'dateParser' | 'withTime'> & {
  /** Optional as a form's input props type it; undefined is no date. */
  value?: string;
  onChange: (value: string) => void;
};

/** The clear button says what it clears: an icon alone names nothing to a screen reader. */
const clearButtonOf = (props: Pick<DateInputProps, 'label' | 'aria-label'>) => ({
  'aria-label': `Clear ${typeof props.label === 'string' ? props.label.toLowerCase() : (props['aria-label'] ?? 'the date')}`,
});

/** A calendar day, written "6 Dec 2026". */
export function DateField({ value = '', onChange, ...props }: FieldProps) {
  return (
    <DateInput
      clearButtonProps={clearButtonOf(props)}
      valueFormat={DAY_FORMAT}
      dateParser={parseDay}
      placeholder="6 Dec 2026"
      value={value || null}
      onChange={(next) => onChange(next ?? '')}
      {...props}
    />
  );
}

/** A moment, written "6 Dec 2026, 19:45" (24-hour clock, the browser's time zone). */
export function DateTimeField({ value = '', onChange, ...props }: FieldProps) {
  return (
    <DateInput
      clearButtonProps={clearButtonOf(props)}
      withTime
      valueFormat={DAY_TIME_FORMAT}
      dateParser={(text) => {
        const parsed = parseDayTime(text);
        return parsed ? `${parsed.replace('T', ' ')}:00` : null;
      }}
      placeholder="6 Dec 2026, 09:00"
      value={value ? `${value.replace('T', ' ')}:00`.slice(0, 19) : null}
      onChange={(next) => {
        if (!next) return onChange('');
        // A day picked in the calendar comes without a time: it keeps the time the box had (9:00 if none).
        onChange(/^\d{4}-\d{2}-\d{2}$/.test(next) ? `${next}T${value.slice(11, 16) || '09:00'}` : toLocalInput(next));
      }}
      {...props}
    />
  );
}

/** `YYYY-MM-DD HH:mm:ss` (the calendar's value) as `YYYY-MM-DDTHH:mm`. */
const toLocalInput = (value: string) => value.slice(0, 16).replace(' ', 'T');
