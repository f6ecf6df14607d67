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
    loading: 'Connecting to the room…',
    join: 'Join the room',
    retry: 'Retry',
    open: 'Open in a new tab',
    busy: 'Many people are joining — a few seconds…',
    joinAs: 'You will join as ',
    media: 'The browser will ask for your camera and microphone.',
    setup: 'This room is not set up correctly on this page.',
    link: 'The room link leads to an unexpected site and was not opened.',
    access: 'Could not get your room link. Check the connection and retry.',
    denied: 'No access to this room.',
    unknown: 'Room not found.',
  },
  ru: {
    label: 'Комната livedigital',
    loading: 'Подключаемся к комнате…',
    join: 'Войти в комнату',
    retry: 'Повторить',
    open: 'Открыть в новой вкладке',
    busy: 'Входит много людей — несколько секунд…',
    joinAs: 'Вы войдёте как ',
    media: 'Браузер запросит камеру и микрофон.',
    setup: 'Комната на этой странице настроена неверно.',
    link: 'Ссылка ведёт на неожиданный сайт и не была открыта.',
    access: 'Не удалось получить ссылку в комнату. Проверьте соединение и повторите.',
    denied: 'Нет доступа к этой комнате.',
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
