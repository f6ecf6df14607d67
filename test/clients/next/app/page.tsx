// A server component: rendered on the server, where the room's settings come from the environment.
import { Lesson } from './lesson';

export const dynamic = 'force-dynamic';

export default function Page() {
  return <Lesson baseUrl={process.env.ROOM_BASE_URL ?? ''} alias={process.env.ROOM_ALIAS ?? ''} />;
}
