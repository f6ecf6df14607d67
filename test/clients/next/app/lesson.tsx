'use client';
// The README's React snippet with access-endpoint, as a client component of the App Router.
import { LivedigitalRoomView } from 'livedigital-room/react';
import { useState } from 'react';

declare global {
  interface Window {
    __events?: Array<{ type: string; url: string | null; code: string | null }>;
  }
}

function record(type: string, url: string | null = null, code: string | null = null) {
  (window.__events ??= []).push({ type, url, code });
}

export function Lesson({ baseUrl, alias }: { baseUrl: string; alias: string }) {
  const [finished, setFinished] = useState(0);
  return (
    <main>
      <h1>Lesson</h1>
      <LivedigitalRoomView
        baseUrl={baseUrl}
        alias={alias}
        participantName="Ann"
        accessEndpoint="/api/room-access"
        height={480}
        onLdAccess={(event) => record('ld-access', event.url)}
        onLdLoad={(event) => record('ld-load', event.url)}
        onLdError={(event) => record('ld-error', null, event.code)}
        onLdFinish={(event) => {
          record('ld-finish', event.redirectUrl);
          setFinished((n) => n + 1);
        }}
      />
      <p>
        Finished: <output id="finished">{finished}</output>
      </p>
    </main>
  );
}
