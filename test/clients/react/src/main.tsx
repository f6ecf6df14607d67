import { StrictMode, useEffect, useRef, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { LivedigitalRoomView, type LivedigitalRoomElement } from 'livedigital-room/react';

declare global {
  interface Window {
    __fetches: number;
    __effectRuns: number;
    __events: Array<{ type: string; url: string | null; code: string | null }>;
    __unmounted: LivedigitalRoomElement | null;
  }
}

const params = new URLSearchParams(location.search);
const base = params.get('base') ?? '';
const alias = params.get('alias') ?? '';
window.__fetches = 0;
window.__effectRuns = 0;
window.__events = [];
window.__unmounted = null;

function App() {
  const [mount, setMount] = useState(1);
  const [shown, setShown] = useState(true);
  const [links, setLinks] = useState<string[]>([]);
  const [finished, setFinished] = useState(0);
  const room = useRef<LivedigitalRoomElement>(null);
  // Runs twice on mount in StrictMode's development build: the tests read it to know they really
  // ran under StrictMode's double mounting.
  useEffect(() => {
    window.__effectRuns++;
  }, []);
  const record = (type: string, url: string | null = null, code: string | null = null) => window.__events.push({ type, url, code });
  return (
    <main>
      <h1>Lesson</h1>
      <button id="remount" type="button" onClick={() => setMount((n) => n + 1)}>Remount</button>
      <button
        id="unmount"
        type="button"
        onClick={() => {
          window.__unmounted = room.current;
          setShown(false);
        }}
      >
        Unmount
      </button>
      {shown && (
        <LivedigitalRoomView
          key={mount}
          ref={room}
          baseUrl={base}
          alias={alias}
          participantName="Ann"
          height={480}
          // Inline on purpose: a new function every render must not mean a new room link.
          fetcher={async ({ alias, participantName, signal }) => {
            window.__fetches++;
            const response = await fetch('/api/access', {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ alias, participantName }),
              signal,
            });
            return response.json();
          }}
          onLdAccess={(event) => {
            record('ld-access', event.url);
            setLinks((list) => [...list, event.url]); // re-renders with a new fetcher function
          }}
          onLdLoad={(event) => record('ld-load', event.url)}
          onLdError={(event) => record('ld-error', null, event.code)}
          onLdFinish={(event) => {
            record('ld-finish', event.redirectUrl);
            setFinished((n) => n + 1);
          }}
        >
          <span slot="join-label">Join the lesson</span>
        </LivedigitalRoomView>
      )}
      <p>
        Links: <output id="links">{links.length}</output>, finished: <output id="finished">{finished}</output>
      </p>
    </main>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
