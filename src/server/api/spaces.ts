import type { ApiCall, CallOptions } from '../transport.js';
import { checkId } from '../validate.js';
import { answeredId, answerItems, flag, httpUrl, objectOf, optionalBoolean, optionalString, text, withExtra } from './fields.js';
import type { Body, ExtraFields } from './fields.js';

/** What `POST /v1/spaces` and `PUT /v1/spaces/{spaceId}` take. */
export interface SpaceSettings {
  name: string;
  /** false: only the creator and moderators see the space's rooms. */
  isPublic?: boolean;
  description?: string;
  /** An image URL. */
  logo?: string;
  extra?: ExtraFields;
}

export interface LivedigitalSpace {
  id: string;
  name: string;
  isPublic?: boolean;
  description?: string;
  logo?: string;
}

/** Spaces: the folders every room lives in. */
export interface SpacesApi {
  createSpace(settings: SpaceSettings, options?: CallOptions): Promise<{ id: string }>;
  /** The guide requires `name` and `isPublic` on every update. */
  updateSpace(spaceId: string, settings: SpaceSettings & { isPublic: boolean }, options?: CallOptions): Promise<void>;
  /** Some tokens get 403 here (the vendor's FAQ); rooms can still be reached by alias. */
  listSpaces(options?: CallOptions): Promise<LivedigitalSpace[]>;
}

const SPACE_FIELDS = ['name', 'isPublic', 'description', 'logo'] as const;

function spaceBody(settings: unknown, update: boolean): Body {
  const input = objectOf('space settings', settings);
  const body: Body = {};
  text(body, input, 'name', { required: true });
  flag(body, input, 'isPublic', { required: update });
  text(body, input, 'description', { max: 2000 });
  httpUrl(body, input, 'logo');
  return withExtra(body, input.extra, SPACE_FIELDS);
}

export function spacesApi(call: ApiCall): SpacesApi {
  return {
    async createSpace(settings, options) {
      const body = spaceBody(settings, false);
      const answer = await call({ method: 'POST', path: '/v1/spaces', body, signal: options?.signal, idempotent: false });
      return { id: answeredId((answer as { id?: unknown } | null)?.id, 'space id') };
    },

    async updateSpace(spaceId, settings, options) {
      const path = `/v1/spaces/${checkId('spaceId', spaceId)}`;
      const body = spaceBody(settings, true);
      await call({ method: 'PUT', path, body, signal: options?.signal, expect: 'none' });
    },

    async listSpaces(options) {
      const answer = await call({ method: 'GET', path: '/v1/spaces', signal: options?.signal });
      return answerItems(answer, 'spaces').flatMap((item) => {
        if (typeof item.id !== 'string') return [];
        const space: LivedigitalSpace = { id: item.id, name: optionalString(item.name) ?? '' };
        const isPublic = optionalBoolean(item.isPublic);
        if (isPublic !== undefined) space.isPublic = isPublic;
        const description = optionalString(item.description);
        if (description !== undefined) space.description = description;
        const logo = optionalString(item.logo);
        if (logo !== undefined) space.logo = logo;
        return [space];
      });
    },
  };
}
