// The README's server module, trimmed to the access link. `next build` evaluates it without any
// LIVEDIGITAL_* variable set: that must not throw.
import { createAccessLinkHandler, createLivedigitalClient } from 'livedigital-room/server';

const client = createLivedigitalClient({ token: process.env.LIVEDIGITAL_TOKEN!, apiUrl: process.env.LIVEDIGITAL_API_URL });

export const accessLink = createAccessLinkHandler({
  client,
  async authorize(_request, body) {
    // Here a real app reads its own session; the test lets everyone in under the name they send.
    if (!body.alias) return null;
    return { alias: body.alias, username: body.participantName ?? 'Guest', role: 'user' };
  },
  onError: (error) => console.error('livedigital access', error),
});
