// Type-checked only (`tsc` in the clients suite), never run: what the package's types promise.
import type { LdFinishEvent } from 'livedigital-room';
import { LivedigitalRoomView, type LivedigitalRoomElement, type LivedigitalRoomViewProps } from 'livedigital-room/react';

export function RawTag() {
  // React 19 JSX knows the tag once livedigital-room/react is imported.
  return <livedigital-room alias="EGBYWoMZJe" base-url="https://edu.livedigital.space" onld-finish={(event) => event.redirectUrl} />;
}

export function Wrapper(props: LivedigitalRoomViewProps) {
  return <LivedigitalRoomView {...props} onLdFinish={(event: LdFinishEvent) => event.preventDefault()} />;
}

export function typedDom(): Array<string | null> {
  const seen: Array<string | null> = [];
  const element: LivedigitalRoomElement | null = document.querySelector('livedigital-room');
  element?.addEventListener('ld-error', (event) => {
    seen.push(event.code);
  });
  // The events bubble and are composed: any element up the tree hears them, typed.
  document.body.addEventListener('ld-finish', (event) => {
    seen.push(event.redirectUrl);
  });
  return seen;
}

// @ts-expect-error an unknown prop is an error, so the checks above are not vacuous
export const wrong = <LivedigitalRoomView aliass="x" />;
