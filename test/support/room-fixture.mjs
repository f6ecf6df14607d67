/**
 * A minimal stand-in of the room site, served by the test server under /room/<alias> and
 * /event/<id>. Loaded as http://127.0.0.1:<port> it is a real second origin for the host page at
 * http://localhost:<port>. Tests ask it (by postMessage) to end the call, as the real room does.
 */
const page = `<!doctype html><html lang="en"><meta charset="utf-8"><title>stand-in room</title>
<body><p id="where"></p><script>
document.getElementById('where').textContent = location.href;
const ack = () => window.parent.postMessage('test:ack', '*');
if (location.hash === '#finish-on-load') { window.parent.postMessage('ld_finish_call', '*'); ack(); }
addEventListener('message', (event) => {
  const command = event.data;
  if (command === 'test:finish') { window.parent.postMessage('ld_finish_call', '*'); ack(); }
  if (command === 'test:finish-object') { window.parent.postMessage({ type: 'ld_finish_call' }, '*'); ack(); }
  if (command === 'test:finish-to-top') { window.top.postMessage('ld_finish_call', '*'); window.top.postMessage('test:ack', '*'); }
  if (command && typeof command.navigate === 'string') location.href = command.navigate;
});
</script></body></html>`;

export function roomFixturePlugin() {
  return {
    name: 'room-fixture',
    serve(context) {
      if (/^\/(room|event)\/[^/]+$/.test(context.path)) return { body: page, type: 'html' };
      return undefined;
    },
  };
}

/** A host backend for `access-endpoint` tests: echoes the request into a link on the second origin. */
export function accessEndpointMiddleware() {
  return async (ctx, next) => {
    if (!ctx.path.startsWith('/test-api/')) return next();
    const chunks = [];
    for await (const chunk of ctx.req) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    const roomOrigin = `http://127.0.0.1:${ctx.request.host.split(':')[1]}`;
    const answer = (status, type, body) => {
      ctx.status = status;
      ctx.type = type;
      ctx.body = body;
    };
    let body = {};
    try {
      body = JSON.parse(text || '{}');
    } catch {
      return answer(400, 'application/json', JSON.stringify({ error: 'bad-json' }));
    }
    const link = new URL(`/room/${encodeURIComponent(body.alias ?? 'none')}`, roomOrigin);
    if (body.participantName) link.searchParams.set('participantName', body.participantName);
    link.searchParams.set('accessToken', `one-time-${Date.now()}-${Math.random().toString(36).slice(2)}`);
    const meta = JSON.stringify({ method: ctx.method, type: ctx.get('content-type'), cookie: ctx.get('cookie') });
    ctx.set('x-test-request', meta);
    switch (ctx.path) {
      case '/test-api/access-link':
        return answer(200, 'application/json', JSON.stringify({ url: link.href }));
      case '/test-api/access-link-text':
        return answer(200, 'text/plain', link.href);
      case '/test-api/forbidden':
        return answer(403, 'application/json', JSON.stringify({ error: 'forbidden', message: 'not enrolled in this course' }));
      case '/test-api/missing':
        return answer(404, 'application/json', JSON.stringify({ code: 'room-not-found', message: 'no such lesson' }));
      case '/test-api/broken':
        return answer(500, 'application/json', JSON.stringify({ error: 'internal' }));
      case '/test-api/html':
        return answer(200, 'text/html', '<!doctype html><title>Sign in</title><p>Please sign in</p>');
      case '/test-api/empty':
        return answer(200, 'text/plain', '');
      case '/test-api/foreign':
        return answer(200, 'application/json', JSON.stringify({ url: 'https://evil.example/room/x' }));
      case '/test-api/not-a-link':
        return answer(200, 'application/json', JSON.stringify({ nope: true }));
      default:
        return next();
    }
  };
}
