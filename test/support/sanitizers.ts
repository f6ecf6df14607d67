/**
 * What an LMS or CMS does to the HTML a teacher or author writes, reproduced with the real
 * libraries. DOMPurify runs where it runs in an app — in the browser (the suite calls it in
 * Chromium); the rest run sanitize-html in Node.
 *
 * - DOMPurify 3 and sanitize-html 2: their defaults, untouched.
 * - Moodle: HTMLPurifier as Moodle's `purify_html()` configures it for a teacher without
 *   "trusted content": the XHTML 1.0 Transitional element set plus Moodle's additions (nolink, tex,
 *   algebra, lang, video, audio, source, track, ruby), HTMLPurifier's attribute set (no `data-*`,
 *   no `id` by default, `target` only `_blank`, which gets `rel="noreferrer noopener"`), Moodle's
 *   URI schemes. HTMLPurifier's CSS and nesting repairs are not reproduced.
 * - WordPress author or contributor (no `unfiltered_html`): kses with `$allowedposttags` —
 *   WordPress's post tags, its global attributes (`class`, `id`, `style`, `title`, `role`, `dir`,
 *   `lang`, `aria-*`, `data-*`), `wp_allowed_protocols()`. No `<script>`, no unknown tags.
 */
import sanitizeHtml from 'sanitize-html';

export type SanitizerName = 'DOMPurify 3' | 'sanitize-html 2' | 'Moodle (HTMLPurifier)' | 'WordPress author (kses)' | 'raw HTML';

const HTMLPURIFIER_COMMON = ['class', 'title', 'style', 'dir', 'lang', 'xml:lang'];

const moodle: sanitizeHtml.IOptions = {
  allowedTags: [
    // XHTML 1.0 Transitional as HTMLPurifier defines it
    'a', 'abbr', 'acronym', 'address', 'b', 'bdo', 'big', 'blockquote', 'br', 'caption', 'center', 'cite',
    'code', 'col', 'colgroup', 'dd', 'del', 'dfn', 'dir', 'div', 'dl', 'dt', 'em', 'font', 'h1', 'h2',
    'h3', 'h4', 'h5', 'h6', 'hr', 'i', 'img', 'ins', 'kbd', 'li', 'menu', 'ol', 'p', 'pre', 'q', 's',
    'samp', 'small', 'span', 'strike', 'strong', 'sub', 'sup', 'table', 'tbody', 'td', 'tfoot', 'th',
    'thead', 'tr', 'tt', 'u', 'ul', 'var',
    // added by Moodle
    'nolink', 'tex', 'algebra', 'lang', 'video', 'audio', 'source', 'track', 'ruby', 'rb', 'rp', 'rt', 'rtc',
  ],
  allowedAttributes: {
    '*': HTMLPURIFIER_COMMON,
    a: [...HTMLPURIFIER_COMMON, 'href', 'name', 'rel', 'rev', 'target', 'charset', 'hreflang', 'type', 'tabindex', 'accesskey'],
    img: [...HTMLPURIFIER_COMMON, 'src', 'alt', 'width', 'height', 'longdesc', 'border', 'hspace', 'vspace', 'align'],
    video: [...HTMLPURIFIER_COMMON, 'src', 'poster', 'preload', 'controls', 'width', 'height', 'muted', 'loop'],
    audio: [...HTMLPURIFIER_COMMON, 'src', 'preload', 'controls', 'muted', 'loop'],
    source: ['src', 'type'],
  },
  allowedSchemes: ['http', 'https', 'ftp', 'irc', 'nntp', 'news', 'rtsp', 'rtmp', 'teamspeak', 'gopher', 'mms', 'mailto'],
  transformTags: {
    // Attr.AllowedFrameTargets = ['_blank'], and HTML.TargetNoreferrer / TargetNoopener (on by default).
    a: (tagName, attribs) => {
      const { target, ...rest } = attribs;
      return { tagName, attribs: target === '_blank' ? { ...rest, target, rel: 'noreferrer noopener' } : rest };
    },
  },
};

const KSES_GLOBAL = ['aria-*', 'class', 'data-*', 'dir', 'hidden', 'id', 'lang', 'style', 'title', 'role', 'xml:lang'];

const wordpressAuthor: sanitizeHtml.IOptions = {
  allowedTags: [
    'address', 'a', 'abbr', 'acronym', 'area', 'article', 'aside', 'audio', 'b', 'bdo', 'big', 'blockquote',
    'br', 'button', 'caption', 'cite', 'code', 'col', 'colgroup', 'del', 'dd', 'dfn', 'details', 'div', 'dl',
    'dt', 'em', 'fieldset', 'figure', 'figcaption', 'font', 'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6',
    'header', 'hgroup', 'hr', 'i', 'img', 'ins', 'kbd', 'label', 'legend', 'li', 'main', 'map', 'mark',
    'menu', 'nav', 'object', 'p', 'pre', 'q', 'rb', 'rp', 'rt', 'rtc', 'ruby', 's', 'samp', 'span',
    'section', 'small', 'strike', 'strong', 'sub', 'summary', 'sup', 'table', 'tbody', 'td', 'textarea',
    'tfoot', 'th', 'thead', 'title', 'tr', 'track', 'tt', 'u', 'ul', 'ol', 'var', 'video',
  ],
  allowedAttributes: {
    '*': KSES_GLOBAL,
    a: [...KSES_GLOBAL, 'href', 'rel', 'rev', 'name', 'target', 'download', 'referrerpolicy'],
    img: [...KSES_GLOBAL, 'alt', 'align', 'border', 'height', 'hspace', 'loading', 'longdesc', 'vspace', 'src', 'usemap', 'width'],
  },
  allowedSchemes: [
    'http', 'https', 'ftp', 'ftps', 'mailto', 'news', 'irc', 'irc6', 'ircs', 'gopher', 'nntp', 'feed',
    'telnet', 'mms', 'rtsp', 'sms', 'svn', 'tel', 'fax', 'xmpp', 'webcal', 'urn',
  ],
};

/** The sanitizers that run in Node; `DOMPurify 3` runs in the page, `raw HTML` is the control. */
export const NODE_SANITIZERS: Partial<Record<SanitizerName, (html: string) => string>> = {
  'sanitize-html 2': (html) => sanitizeHtml(html),
  'Moodle (HTMLPurifier)': (html) => sanitizeHtml(html, moodle),
  'WordPress author (kses)': (html) => sanitizeHtml(html, wordpressAuthor),
  'raw HTML': (html) => html,
};

export const SANITIZERS: SanitizerName[] = ['DOMPurify 3', 'sanitize-html 2', 'Moodle (HTMLPurifier)', 'WordPress author (kses)', 'raw HTML'];
