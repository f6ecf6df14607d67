import { LivedigitalApiError } from '../errors.js';
import type { ApiCall, CallOptions } from '../transport.js';
import { checkId } from '../validate.js';
import { answerObject, flag, httpUrl, objectOf } from './fields.js';
import type { Body } from './fields.js';

/** A space's webhook as livedigital reports it. */
export interface WebhookSettings {
  url: string;
  isActive: boolean;
}

/** `secret` is there only when livedigital returns it: on creation and on refresh-secret. */
export interface WebhookWithSecret extends WebhookSettings {
  secret: string;
}

export interface SetWebhookResult extends WebhookSettings {
  /** True when this call created the webhook (then `secret` is set: store it, it is not shown again). */
  created: boolean;
  secret?: string;
}

/** The one webhook of a space: where livedigital posts call and record events, and its signing secret. */
export interface WebhooksApi {
  getWebhook(spaceId: string, options?: CallOptions): Promise<WebhookSettings>;
  /**
   * Creates the space's webhook (POST; the answer carries the secret) or, when it exists, updates
   * its `url` / `isActive` (PUT; no secret). `isActive` left out keeps the current value.
   */
  setWebhook(spaceId: string, settings: { url: string; isActive?: boolean }, options?: CallOptions): Promise<SetWebhookResult>;
  deleteWebhook(spaceId: string, options?: CallOptions): Promise<void>;
  /** A new secret; the old one stops verifying at once on livedigital's side. */
  refreshWebhookSecret(spaceId: string, options?: CallOptions): Promise<WebhookWithSecret>;
}

const webhookPath = (spaceId: string) => `/v1/spaces/${checkId('spaceId', spaceId)}/webhook`;

function settingsOf(answer: unknown): WebhookSettings {
  const hook = answerObject(answer, 'the webhook');
  if (typeof hook.url !== 'string' || typeof hook.isActive !== 'boolean') {
    throw new LivedigitalApiError('upstream', 200, 'livedigital answered without the webhook url and isActive');
  }
  return { url: hook.url, isActive: hook.isActive };
}

function secretOf(answer: unknown): string {
  const secret = (answer as { secret?: unknown } | null)?.secret;
  if (typeof secret !== 'string' || secret === '') throw new LivedigitalApiError('upstream', 200, 'livedigital answered without the webhook secret');
  return secret;
}

export function webhooksApi(call: ApiCall): WebhooksApi {
  const get = async (spaceId: string, signal?: AbortSignal) => settingsOf(await call({ method: 'GET', path: webhookPath(spaceId), signal }));
  return {
    getWebhook: (spaceId, options) => get(spaceId, options?.signal),

    async setWebhook(spaceId, settings, options) {
      const path = webhookPath(spaceId);
      const input = objectOf('webhook settings', settings);
      const body: Body = {};
      httpUrl(body, input, 'url', { required: true });
      flag(body, input, 'isActive');
      const signal = options?.signal;
      const current = await get(spaceId, signal).catch((error: unknown) => {
        if (error instanceof LivedigitalApiError && error.code === 'not-found') return null;
        throw error;
      });
      if (current) {
        const update = { url: body.url, isActive: body.isActive ?? current.isActive };
        return { ...settingsOf(await call({ method: 'PUT', path, body: update, signal })), created: false };
      }
      // The guide's create takes only `url`; a webhook asked to start inactive is switched off after.
      const answer = await call({ method: 'POST', path, body: { url: body.url }, signal, idempotent: false });
      const created: SetWebhookResult = { ...settingsOf(answer), secret: secretOf(answer), created: true };
      if (body.isActive === false && created.isActive) {
        Object.assign(created, settingsOf(await call({ method: 'PUT', path, body: { url: body.url, isActive: false }, signal })));
      }
      return created;
    },

    async deleteWebhook(spaceId, options) {
      await call({ method: 'DELETE', path: webhookPath(spaceId), signal: options?.signal, expect: 'none' });
    },

    async refreshWebhookSecret(spaceId, options) {
      const answer = await call({ method: 'PUT', path: `${webhookPath(spaceId)}/refresh-secret`, signal: options?.signal });
      return { ...settingsOf(answer), secret: secretOf(answer) };
    },
  };
}
