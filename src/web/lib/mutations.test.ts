import { describe, expect, it, vi } from 'vitest';
import type { FormErrors } from './forms.js';

// The API client keeps its session in the browser's storage from the moment it loads: a bare one here.
vi.stubGlobal('window', { addEventListener: () => undefined, localStorage: { getItem: () => null } });

const shown = vi.hoisted(() => [] as { title?: string; message?: unknown }[]);
vi.mock('@mantine/notifications', () => ({
  notifications: {
    show: (notice: { title?: string; message?: unknown }) => {
      shown.push(notice);
      return 'notice';
    },
    hide: () => undefined,
  },
}));

const { ApiError } = await import('../api/client.js');
const { reportSaveError } = await import('./mutations.js');

/** A form holding a name and an address, as the account form does. */
function accountForm() {
  const errors: FormErrors[] = [];
  return {
    errors,
    setErrors: (set: FormErrors) => errors.push(set),
    getValues: () => ({ name: '', address: { city: '' }, lat: '' }),
  };
}

const invalid = (errors: { path: string; message: string }[]) =>
  new ApiError(400, { status: 400, detail: 'the account is not valid', errors });

describe('a failed save', () => {
  it('puts errors about fields of the form on those fields, and says nothing more', () => {
    shown.length = 0;
    const form = accountForm();
    reportSaveError(
      form,
      invalid([
        { path: 'name', message: 'Required' },
        { path: 'address.city', message: 'too long' },
      ]),
    );
    expect(form.errors).toEqual([{ name: 'Required', 'address.city': 'too long' }]);
    expect(shown).toEqual([]);
  });

  it('also says an error about something the form does not hold, which no field could show', () => {
    shown.length = 0;
    const form = accountForm();
    reportSaveError(
      form,
      invalid([
        { path: 'name', message: 'Required' },
        { path: 'location.lat', message: 'out of range' },
      ]),
      { title: 'The account was not saved' },
    );
    expect(form.errors).toEqual([{ name: 'Required', 'location.lat': 'out of range' }]);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.title).toBe('The account was not saved');
  });

  it('says an error without field errors (a conflict)', () => {
    shown.length = 0;
    const form = accountForm();
    reportSaveError(form, new ApiError(409, { status: 409, detail: 'the lead is already converted' }));
    expect(form.errors).toEqual([]);
    expect(shown).toHaveLength(1);
  });
});
