// The README's Vue typing recipe, copied as written; vue-tsc checks the app against it.
import type { DefineComponent } from 'vue';
import type { LdAccessEvent, LdErrorEvent, LdFinishEvent, LdLoadEvent, LivedigitalRoom } from 'livedigital-room';
type RoomProps = Partial<Pick<LivedigitalRoom, 'alias' | 'participantName' | 'accessToken' | 'refreshToken' | 'src' | 'eventId' |
  'baseUrl' | 'accessEndpoint' | 'accessTimeout' | 'redirectUrl' | 'allow' | 'deny' | 'disableSupport' | 'clickToJoin' | 'label' | 'width' | 'height' | 'fetcher'>> & {
  onLdAccess?: (event: LdAccessEvent) => void; onLdLoad?: (event: LdLoadEvent) => void;
  onLdError?: (event: LdErrorEvent) => void; onLdFinish?: (event: LdFinishEvent) => void;
};
declare module 'vue' { interface GlobalComponents { 'livedigital-room': DefineComponent<RoomProps> } }
