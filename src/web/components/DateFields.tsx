import '@mantine/dates/styles.css';
import { DateInput, type DateInputProps } from '@mantine/dates';
import { useState } from 'react';
import { DAY_FORMAT, DAY_TIME_FORMAT, parseDay, parseDayTime, unreadDayMessage } from '../lib/date-input.js';

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

/**
 * A calendar day, written "6 Dec 2026". Text it cannot read ("31/02/2027") stays in the box with an error
 * once the box is left, and is the field's value, so the form's check refuses it rather than sending the
 * form without the date the user meant.
 */
export function DateField({ value = '', onChange, error, onFocus, onBlur, ...props }: FieldProps) {
  const [focused, setFocused] = useState(false);
  const unread = value !== '' && parseDay(value) === null;
  return (
    <DateInput
      clearButtonProps={clearButtonOf(props)}
      valueFormat={DAY_FORMAT}
      dateParser={parseDay}
      placeholder="6 Dec 2026"
      value={unread ? null : value || null}
      onChange={(next) => onChange(next ?? '')}
      // The box keeps text it cannot read, so the user sees what to fix.
      fixOnBlur={!unread}
      onInput={(event) => {
        const text = event.currentTarget.value;
        // Mantine reports a readable day (or a cleared box) itself; the rest is kept as typed.
        if (text.trim() !== '' && parseDay(text) === null) onChange(text);
      }}
      onFocus={(event) => {
        setFocused(true);
        onFocus?.(event);
      }}
      onBlur={(event) => {
        setFocused(false);
        onBlur?.(event);
      }}
      error={unread && !focused ? unreadDayMessage(value) : error}
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
