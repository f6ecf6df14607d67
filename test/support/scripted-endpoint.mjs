/**
 * An access endpoint whose answers each test scripts: PUT a JSON list of answers to
 * `/test-scripted/<id>`, point `access-endpoint` at `/test-scripted/<id>` (POST), read how often
 * it was asked with GET `/test-scripted/<id>/calls`. An answer is `{ status, headers }` or
 * `{ link: true }` (a room link on the second origin); the last one repeats.
 */
export function scriptedEndpointMiddleware() {
  const scripts = new Map();
  return async (ctx, next) => {
    const match = /^\/test-scripted\/([\w-]+)(\/calls)?$/.exec(ctx.path);
    if (!match) return next();
    const [, id, calls] = match;
    const chunks = [];
    for await (const chunk of ctx.req) chunks.push(chunk);
    const text = Buffer.concat(chunks).toString('utf8');
    ctx.set('cache-control', 'no-store');
    if (ctx.method === 'PUT') {
      scripts.set(id, { answers: JSON.parse(text), calls: 0 });
      ctx.status = 204;
      return;
    }
    const script = scripts.get(id) ?? { answers: [{ status: 404 }], calls: 0 };
    if (calls) {
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(script.calls);
      return;
    }
    const answer = script.answers[Math.min(script.calls, script.answers.length - 1)];
    script.calls++;
    for (const [name, value] of Object.entries(answer.headers ?? {})) ctx.set(name, value);
    ctx.type = 'application/json';
    if (answer.link) {
      const { alias = 'none' } = JSON.parse(text || '{}');
      ctx.body = JSON.stringify({ url: `http://127.0.0.1:${ctx.request.host.split(':')[1]}/room/${encodeURIComponent(alias)}?accessToken=one-time` });
    } else {
      ctx.status = answer.status;
      ctx.body = JSON.stringify({ error: `scripted ${answer.status}` });
    }
  };
}
