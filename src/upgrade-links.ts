import { roomFromLink } from './core/link-upgrade.js';
import { roomOrigin } from './core/room-link.js';

/** Site-wide defaults for every room made from a link; the names are the element's properties. */
export interface UpgradeLinksOptions {
  /** The room site whose links become rooms; default `https://edu.livedigital.space`. */
  baseUrl?: string | null;
  /** Used for bare room links, so each person gets a personal one-time link. */
  accessEndpoint?: string | null;
  redirectUrl?: string | null;
  lang?: string | null;
  height?: string | number | null;
  loading?: string | null;
  clickToJoin?: boolean;
  /** Where links are looked for and watched; default the whole document. */
  root?: Node & ParentNode;
}

/**
 * Turns every link to a room or event on the configured room site into a `<livedigital-room>` in
 * its place — links already on the page and links added later (AJAX sections, SPA routes) — each
 * link once. The link's text becomes the room's label and the Join button's text. Links inside an
 * editor (`contenteditable`) are left alone, so an editor on the page never saves a room tag in
 * place of what the teacher wrote. Throws `invalid-base-url` for a bad `baseUrl`.
 * Returns a function that stops watching for new links.
 */
export function upgradeLinks(options: UpgradeLinksOptions = {}): () => void {
  const origin = roomOrigin(options.baseUrl);
  const { accessEndpoint, redirectUrl, lang, height, loading, clickToJoin } = options;
  const seen = new WeakSet<Node>();

  const scan = (node: Node) => {
    // A link cannot hold another link: the node is one, or may contain some.
    const links = (node as Element).matches?.('a') ? [node as HTMLAnchorElement] : (node as ParentNode).querySelectorAll?.('a') ?? [];
    for (const link of links) {
      const room = !seen.has(link) && !link.isContentEditable && roomFromLink(link.href, origin);
      seen.add(link);
      if (!room) continue;
      const label = link.textContent!.trim();
      const el = document.createElement('livedigital-room');
      const inputs: Record<string, unknown> = {
        redirectUrl, lang, height, loading, clickToJoin, ...room,
        // A bare room link asks the site's backend; a link made for someone is used as it is.
        accessEndpoint: 'alias' in room && accessEndpoint,
        baseUrl: origin,
        label,
      };
      for (const name in inputs) {
        const value = inputs[name];
        if (value) el.setAttribute(name.replace(/[A-Z]/g, '-$&').toLowerCase(), value === true ? '' : (value as string));
      }
      if (label) el.append(Object.assign(document.createElement('span'), { slot: 'join-label', textContent: label }));
      link.replaceWith(el);
    }
  };

  const root = options.root ?? document;
  const observer = new MutationObserver((records) => records.forEach((record) => record.addedNodes.forEach(scan)));
  observer.observe(root, { childList: true, subtree: true });
  scan(root);
  return () => observer.disconnect();
}
