// The README's Next.js route, as written.
export const runtime = 'nodejs';
export { accessLink as POST } from '@/server/livedigital';
