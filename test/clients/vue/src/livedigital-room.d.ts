// The README's Vue typing recipe, copied as written; vue-tsc checks the app against it.
import type { DefineComponent } from 'vue';
import type { LdAccessEvent, LdErrorEvent, LdFinishEvent, LdLoadEvent, LivedigitalRoomProperties } from 'livedigital-room';
type RoomProps = Partial<LivedigitalRoomProperties> & {
  onLdAccess?: (event: LdAccessEvent) => void; onLdLoad?: (event: LdLoadEvent) => void;
  onLdError?: (event: LdErrorEvent) => void; onLdFinish?: (event: LdFinishEvent) => void;
};
declare module 'vue' { interface GlobalComponents { 'livedigital-room': DefineComponent<RoomProps> } }
