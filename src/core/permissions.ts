/**
 * The permission list the vendor documents for the room iframe. `screen-wake-lock` is listed in
 * the prose of the docs but missing from their snippet; the room asks for it, so it is on.
 */
export const DEFAULT_ALLOW: readonly string[] =
  'camera microphone fullscreen accelerometer autoplay clipboard-write encrypted-media gyroscope picture-in-picture display-capture screen-wake-lock'.split(' ');

const FEATURE = /^[a-z][a-z0-9-]*$/;

/** One directive of an `allow` string: `camera`, `camera 'none'`, `camera 'self' https://x`. */
function parseDirectives(value: string): Map<string, string> {
  const directives = new Map<string, string>();
  for (const part of value.split(';')) {
    const [feature = '', ...allowlist] = part.trim().split(/\s+/);
    const name = feature.toLowerCase();
    if (!FEATURE.test(name)) continue;
    directives.set(name, allowlist.join(' '));
  }
  return directives;
}

/**
 * The iframe's `allow` value: `allow` (if given) replaces the default list, and every feature named
 * in the space-separated `deny` is emitted as `<feature> 'none'` — removed from the grant, and
 * explicitly refused so a permissive parent policy cannot hand it down either.
 */
export function buildAllow(allow?: string | null, deny?: string | null): string {
  const directives =
    allow == null || allow.trim() === ''
      ? new Map(DEFAULT_ALLOW.map((feature) => [feature, '']))
      : parseDirectives(allow);
  for (const feature of (deny ?? '').split(/[\s;,]+/)) {
    const name = feature.toLowerCase();
    if (FEATURE.test(name)) directives.set(name, "'none'");
  }
  return [...directives].map(([name, list]) => (list ? `${name} ${list}` : name)).join('; ');
}

/**
 * Whether an `allow` value grants `feature`: listed, and not refused with `'none'`. The element's
 * legacy `allowfullscreen` / `allowusermedia` attributes follow it, so a feature refused in `allow`
 * does not come back through them in a browser that reads those attributes instead.
 */
export function grants(allow: string, feature: string): boolean {
  const allowlist = parseDirectives(allow).get(feature);
  return allowlist !== undefined && !allowlist.includes("'none'");
}

/** Whether an `allow` value lets the room ask for the camera or the microphone. */
export const grantsMedia = (allow: string): boolean => grants(allow, 'camera') || grants(allow, 'microphone');

/** The part of the page's own permissions policy the check needs (Chromium's `document.featurePolicy`). */
export interface PagePolicy {
  features(): string[];
  allowedFeatures(): string[];
}

/**
 * Features the room iframe is granted that the host page itself was not given by the frame around
 * it — an LMS page inside an LTI or SCORM iframe without `allow`, say. A frame can only pass on
 * what it has, so the room will not get them either. Features the browser does not know are left
 * out; without a policy to read (browsers other than Chromium) the answer is empty.
 */
export function featuresThePageLacks(allow: string, policy: PagePolicy | null | undefined): string[] {
  if (!policy) return [];
  const known = new Set(policy.features());
  const allowed = new Set(policy.allowedFeatures());
  return [...parseDirectives(allow)]
    .filter(([feature, allowlist]) => !allowlist.includes("'none'") && known.has(feature) && !allowed.has(feature))
    .map(([feature]) => feature);
}
