import type { ErrorCode } from './core/errors.js';

export type Lang = 'ru' | 'en';

interface Texts {
  label: string;
  loading: string;
  join: string;
  retry: string;
  errors: Record<ErrorCode, string>;
}

const en: Texts = {
  label: 'livedigital room',
  loading: 'Connecting to the room…',
  join: 'Join the room',
  retry: 'Retry',
  errors: {
    'missing-room': 'No room is set for this page.',
    'invalid-alias': 'The room address is not valid.',
    'invalid-event-id': 'The event address is not valid.',
    'invalid-base-url': 'The room site address is not valid.',
    'untrusted-link': 'The room link points to an unexpected site and was not opened.',
    'fetch-failed': 'Could not get your personal room link. Check the connection and retry.',
    'bad-response': 'The site answered with something that is not a room link.',
    'unsafe-redirect': 'The page to open after the call is not a web address.',
  },
};

const ru: Texts = {
  label: 'Комната livedigital',
  loading: 'Подключаемся к комнате…',
  join: 'Войти в комнату',
  retry: 'Повторить',
  errors: {
    'missing-room': 'Для этой страницы не задана комната.',
    'invalid-alias': 'Адрес комнаты указан неверно.',
    'invalid-event-id': 'Адрес мероприятия указан неверно.',
    'invalid-base-url': 'Адрес сайта комнаты указан неверно.',
    'untrusted-link': 'Ссылка ведёт на неожиданный сайт и не была открыта.',
    'fetch-failed': 'Не удалось получить вашу ссылку в комнату. Проверьте соединение и повторите.',
    'bad-response': 'Сайт вернул ответ, который не является ссылкой в комнату.',
    'unsafe-redirect': 'Адрес страницы после звонка не является веб-адресом.',
  },
};

export function texts(lang: Lang): Texts {
  return lang === 'ru' ? ru : en;
}

/** `ru-RU`, `ru` → `ru`; everything else → `en`. */
export function toLang(value: string | null | undefined): Lang | undefined {
  if (!value) return undefined;
  const primary = value.trim().toLowerCase().split(/[-_]/)[0];
  return primary === 'ru' ? 'ru' : primary === 'en' ? 'en' : undefined;
}
