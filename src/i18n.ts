import type { ErrorCode } from './core/errors.js';

export type Lang = 'ru' | 'en';

/**
 * What a participant can do about a failure decides the wording, not its exact cause: the exact
 * code is shown beside the text (for whoever they ask for help) and is in the `ld-error` event.
 */
export type Problem = 'setup' | 'link' | 'access' | 'denied' | 'unknown';

export interface Texts extends Record<Problem, string> {
  label: string;
  loading: string;
  join: string;
  retry: string;
  open: string;
  busy: string;
  joinAs: string;
  media: string;
}

/** The element's own texts, by language. */
export const TEXTS: Record<Lang, Texts> = {
  en: {
    label: 'livedigital room',
    loading: 'Connecting…',
    join: 'Join',
    retry: 'Retry',
    open: 'Open in new tab',
    busy: 'Many people joining, please wait…',
    joinAs: 'You will join as ',
    media: 'The browser will ask for camera and microphone.',
    setup: 'The room is not set up correctly.',
    link: 'The link leads to an unknown site.',
    access: 'Could not connect. Check the connection.',
    denied: 'No access to this room.',
    unknown: 'Room not found.',
  },
  ru: {
    label: 'Комната livedigital',
    loading: 'Подключение…',
    join: 'Войти',
    retry: 'Повторить',
    open: 'Открыть в новой вкладке',
    busy: 'Входит много людей, подождите…',
    joinAs: 'Вы войдёте как ',
    media: 'Браузер запросит камеру и микрофон.',
    setup: 'Комната настроена неверно.',
    link: 'Ссылка ведёт на чужой сайт.',
    access: 'Не удалось подключиться. Проверьте сеть.',
    denied: 'Нет доступа к комнате.',
    unknown: 'Комната не найдена.',
  },
};

/** The host's HTTP status, when it refused, says more to a participant than "check the connection". */
export function problemOf(code: ErrorCode, status?: number): Problem {
  return status === 401 || status === 403
    ? 'denied'
    : status === 404
      ? 'unknown'
      : code === 'untrusted-link'
        ? 'link'
        : code === 'fetch-failed' || code === 'bad-response'
          ? 'access'
          : 'setup';
}

/** `ru-RU`, `ru` → `ru`; `en-GB` → `en`; other languages → undefined (the caller falls back). */
export function toLang(value: string | null | undefined): Lang | undefined {
  const primary = value?.trim().toLowerCase().slice(0, 2);
  return primary === 'ru' || primary === 'en' ? primary : undefined;
}
