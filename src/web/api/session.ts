import { useSyncExternalStore } from 'react';
import type { TokenPair } from '../../shared/contracts/auth.js';

/**
 * The signed-in session: the token pair of the last login or refresh, kept in localStorage so that a
 * reload, a new tab or tomorrow's visit stays signed in (until the refresh token expires). Other tabs
 * see changes through the `storage` event, so signing out in one tab signs out all of them.
 */
export type Session = TokenPair;

const storageKey = 'meridian.session';
const listeners = new Set<() => void>();

function readStorage(): Session | null {
  try {
    const raw = window.localStorage.getItem(storageKey);
    if (!raw) return null;
    const value = JSON.parse(raw) as Partial<Session> | null;
    // A value written by an older build, or by hand, is treated as signed out rather than crashing the app.
    return value && typeof value.accessToken === 'string' && typeof value.refreshToken === 'string' && value.user
      ? (value as Session)
      : null;
  } catch {
    return null;
  }
}

// useSyncExternalStore needs the same object until something changes, so the parsed value is kept here.
let current: Session | null = readStorage();

function notify() {
  for (const listener of listeners) listener();
}

window.addEventListener('storage', (event) => {
  if (event.key !== null && event.key !== storageKey) return;
  current = readStorage();
  notify();
});

export function getSession(): Session | null {
  return current;
}

export function saveSession(session: Session): void {
  current = session;
  window.localStorage.setItem(storageKey, JSON.stringify(session));
  notify();
}

export function clearSession(): void {
  if (current === null && window.localStorage.getItem(storageKey) === null) return;
  current = null;
  window.localStorage.removeItem(storageKey);
  notify();
}

function subscribe(listener: () => void) {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}

/** The current session, re-rendering when it starts, refreshes or ends (here or in another tab). */
export function useSession(): Session | null {
  return useSyncExternalStore(subscribe, getSession);
}
