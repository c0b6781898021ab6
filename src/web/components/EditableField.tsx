import { ActionIcon, Anchor, Group, TextInput } from '@mantine/core';
import { IconPencil } from '@tabler/icons-react';
import { type ReactNode, type Ref, useRef, useState } from 'react';
import { parseDay } from '../lib/date-input.js';
import { count, money, phone } from '../lib/format.js';

/**
 * A record page's field that edits in place (UI.md, HubSpot's left column): the value, a pencil to change
 * it, Enter or leaving the box saves, Escape cancels. Saving is the caller's optimistic PATCH, which puts
 * the old value back and says why when the server refuses.
 */
export function EditableField(props: {
  label: string;
  /** The value as the input shows it ('' when empty). */
  value: string;
  /** How the value reads when not editing (a link, a formatted amount); the plain value by default. */
  display?: ReactNode;
  /** Called with the new text; answers an error to show instead of saving, if the text is not valid. */
  onSave: (text: string) => string | undefined;
  editable: boolean;
  wide?: boolean;
  inputMode?: 'text' | 'numeric' | 'email' | 'tel' | 'url';
}) {
  const { label, value, display, onSave, editable, wide, inputMode = 'text' } = props;
  const { draft, setDraft, error, inputProps, pencil } = useDraft(value, onSave);
  return (
    <div style={wide ? { gridColumn: '1 / -1' } : undefined}>
      <div style={{ fontSize: 12, color: 'var(--mantine-color-dimmed)' }}>{label}</div>
      {draft === null ? (
        <Group gap={4} className="editable-field">
          {/* The pencil wraps below a long value rather than breaking a phone number in two. */}
          <div style={{ fontSize: 14, overflowWrap: 'break-word', maxWidth: '100%' }}>{display ?? (value || '—')}</div>
          {editable && <EditPencil label={label} buttonRef={pencil} onClick={() => setDraft(value)} />}
        </Group>
      ) : (
        <TextInput size="xs" aria-label={label} autoFocus inputMode={inputMode} error={error} {...inputProps} />
      )}
    </div>
  );
}

/**
 * A list's cell that edits in place (UI.md, Attio and Twenty tables), as EditableField does on a record
 * page: the pencil shows on the row's hover or focus (always on touch screens), Enter or leaving the box
 * saves, Escape cancels and keeps the focus in the row.
 */
export function EditableCell(props: {
  label: string;
  value: string;
  display: ReactNode;
  onSave: (text: string) => string | undefined;
  align?: 'left' | 'right';
  inputMode?: 'text' | 'numeric' | 'email' | 'tel' | 'url';
}) {
  const { label, value, display, onSave, align, inputMode = 'text' } = props;
  const { draft, setDraft, error, inputProps, pencil } = useDraft(value, onSave);
  if (draft !== null)
    return (
      <TextInput
        size="xs"
        aria-label={label}
        autoFocus
        inputMode={inputMode}
        error={error}
        miw={110}
        styles={{ input: { textAlign: align } }}
        {...inputProps}
      />
    );
  return (
    <Group gap={2} wrap="nowrap" className="editable-field" justify={align === 'right' ? 'flex-end' : undefined}>
      <span>{display}</span>
      <EditPencil label={label} buttonRef={pencil} onClick={() => setDraft(value)} />
    </Group>
  );
}

/** The pencil that opens a field or a cell for editing; the focus comes back to it after Enter or Escape. */
function EditPencil(props: { label: string; buttonRef: Ref<HTMLButtonElement>; onClick: () => void }) {
  return (
    <ActionIcon
      variant="subtle"
      color="gray"
      size="sm"
      ref={props.buttonRef}
      aria-label={`Edit ${props.label.toLowerCase()}`}
      onClick={props.onClick}
      className="editable-field-pencil"
    >
      <IconPencil size={14} aria-hidden />
    </ActionIcon>
  );
}

/** The text being typed into a field in place, and what Enter, Escape and leaving the box do with it. */
function useDraft(value: string, onSave: (text: string) => string | undefined) {
  const [draft, setDraft] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  const pencil = useRef<HTMLButtonElement>(null);
  const finish = (save: boolean, byKey = false) => {
    if (draft === null) return;
    if (save && draft.trim() !== value) {
      const problem = onSave(draft.trim());
      if (problem) {
        setError(problem);
        return;
      }
    }
    setDraft(null);
    setError(undefined);
    // The box goes away: a keyboard user carries on from its pencil, not from the top of the page.
    if (byKey) requestAnimationFrame(() => pencil.current?.focus());
  };
  const inputProps = {
    value: draft ?? '',
    onChange: (event: React.ChangeEvent<HTMLInputElement>) => setDraft(event.currentTarget.value),
    onBlur: () => finish(true),
    onKeyDown: (event: React.KeyboardEvent<HTMLInputElement>) => {
      if (event.key === 'Enter') finish(true, true);
      if (event.key === 'Escape') {
        // Escape closes the field, not the dialog or page around it.
        event.stopPropagation();
        setDraft(null);
        setError(undefined);
        requestAnimationFrame(() => pencil.current?.focus());
      }
    },
  };
  return { draft, setDraft, error, inputProps, pencil };
}

type Parsed<Value> = { value: Value } | { error: string };

/**
 * The `onSave` of a field whose text must parse first (`amountOrNull`, `wholeNumberOrNull`, `dateOrNull`):
 * a text it refuses is said at the field, a value it reads is saved.
 */
export function parsedSave<Value>(parse: (text: string) => Parsed<Value>, save: (value: Value) => void) {
  return (text: string): string | undefined => {
    const parsed = parse(text);
    if ('error' in parsed) return parsed.error;
    save(parsed.value);
    return undefined;
  };
}

/** '' is no value; anything else must be a whole number of at least 0 ("1,200" and "1.2k" read as 1200). */
export function wholeNumberOrNull(text: string): Parsed<number | null> {
  if (text.trim() === '') return { value: null };
  const number = readNumber(text);
  if (number === null) return { error: 'a whole number such as 250, or nothing' };
  if (number < 0) return { error: 'must not be negative' };
  if (!Number.isInteger(number)) return { error: 'must be a whole number' };
  return { value: number };
}

/**
 * '' is no value; anything else must be an amount of at least 0 in whole cents. Takes what the app itself
 * writes: "$1,250.50", and the compact "12k", "$1.2M" of the cards and charts.
 */
export function amountOrNull(text: string): Parsed<number | null> {
  if (text.trim() === '') return { value: null };
  const number = readNumber(text);
  if (number === null) return { error: 'an amount such as 250000, 12k or 1.2m' };
  if (number < 0) return { error: 'must not be negative' };
  if (Math.abs(number * 100 - Math.round(number * 100)) > 1e-6) return { error: 'at most two decimals (cents)' };
  return { value: Math.round(number * 100) / 100 };
}

/** Thousands, millions and billions as the compact amounts write them ("$1.2M", "12K"). */
const magnitudes: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9 };

/**
 * The number in "1,250.50", "-500", "€12k" or "USD 1.2M": a currency sign or code and thousands separators
 * are allowed around it; null when the text is no number.
 */
function readNumber(text: string): number | null {
  const match = /^(-)?\s*(?:[$€£¥]|[a-z]{3}\s)?\s*(-)?\s*(\d[\d,]*(?:\.\d*)?|\.\d+)\s*([kmb])?$/i.exec(text.trim());
  if (!match?.[3]) return null;
  const digits = Number(match[3].replaceAll(',', ''));
  if (!Number.isFinite(digits)) return null;
  const sign = match[1] || match[2] ? -1 : 1;
  const magnitude = match[4] ? (magnitudes[match[4].toLowerCase()] ?? 1) : 1;
  // 1.2 × 1e6 is 1199999.9999999998 in floating point: round to the cent the result is meant to be.
  return sign * (Math.round(digits * magnitude * 1e4) / 1e4);
}

/**
 * '' is no value; anything else must be a calendar day, written as the app writes dates ("6 Dec 2026", the
 * text a date field opens with) or as ISO; the value is `YYYY-MM-DD`.
 */
export function dateOrNull(text: string): Parsed<string | null> {
  if (text.trim() === '') return { value: null };
  const day = parseDay(text);
  return day ? { value: day } : { error: 'a date such as 6 Dec 2026, or nothing' };
}

/** How each kind of number in place reads its text and shows its value. */
const numberKinds = {
  amount: { parse: amountOrNull, show: (value: number | null) => money(value) },
  count: { parse: wholeNumberOrNull, show: (value: number | null) => count(value) },
} as const;

/** A number that may be empty, in place: an amount (money in the default currency) or a count of things. */
export function EditableNumber(props: {
  kind: keyof typeof numberKinds;
  label: string;
  value: number | null;
  editable: boolean;
  onSave: (value: number | null) => void;
}) {
  const { kind, label, value, editable, onSave } = props;
  const { parse, show } = numberKinds[kind];
  return (
    <EditableField
      label={label}
      editable={editable}
      inputMode="numeric"
      value={value === null ? '' : String(value)}
      display={show(value)}
      onSave={parsedSave(parse, onSave)}
    />
  );
}

/** How each kind of contact point links and which keyboard it wants. */
const contactPoints = {
  email: { scheme: 'mailto', inputMode: 'email', show: (value: string) => value },
  // Stored as E.164 ("+14535550124"), read as people write it ("+1 453-555-0124").
  phone: { scheme: 'tel', inputMode: 'tel', show: phone },
} as const;

/** An e-mail address or a phone number in place: a mailto or tel link, edited as text, cleared to null. */
export function EditableContactPoint(props: {
  kind: keyof typeof contactPoints;
  label: string;
  value: string | null;
  editable: boolean;
  wide?: boolean;
  onSave: (value: string | null) => void;
}) {
  const { kind, label, value, editable, wide, onSave } = props;
  const { scheme, inputMode, show } = contactPoints[kind];
  return (
    <EditableField
      label={label}
      wide={wide}
      editable={editable}
      inputMode={inputMode}
      value={value ?? ''}
      display={value ? <Anchor href={`${scheme}:${value}`}>{show(value)}</Anchor> : undefined}
      onSave={(text) => void onSave(text || null)}
    />
  );
}

/**
 * A record's e-mail (full width) and phone in place, as contacts, accounts and leads show them; each
 * saves on its own, cleared to null.
 */
export function EditableEmailAndPhone(props: {
  email: string | null;
  phone: string | null;
  editable: boolean;
  onSave: (changes: { email: string | null } | { phone: string | null }) => void;
}) {
  const { email, phone, editable, onSave } = props;
  return (
    <>
      <EditableContactPoint
        kind="email"
        label="E-mail"
        wide
        editable={editable}
        value={email}
        onSave={(value) => onSave({ email: value })}
      />
      <EditableContactPoint
        kind="phone"
        label="Phone"
        editable={editable}
        value={phone}
        onSave={(value) => onSave({ phone: value })}
      />
    </>
  );
}
