import { unsafeCSS } from '@lit/reactive-element';

// Lit's own `css` tag checks its holes and carries the messages for that; these styles have none.
const css = (text: TemplateStringsArray) => unsafeCSS(text[0]);

export const styles = css`
  :host {
    display: block;
    position: relative;
    height: var(--livedigital-room-height, 600px);
    min-height: 240px;
    box-sizing: border-box;
  }
  :host([hidden]),
  .status[hidden] {
    display: none;
  }
  :host([height]) {
    height: auto;
    min-height: 0;
  }
  .container {
    position: relative;
    height: 100%;
    overflow: hidden;
    border-radius: var(--livedigital-room-radius, 8px);
    background: var(--livedigital-room-background, #14171c);
  }
  iframe {
    display: block;
    width: 100%;
    height: 100%;
    border: 0;
  }
  .status {
    position: absolute;
    inset: 0;
    display: grid;
    place-content: center;
    justify-items: center;
    gap: 1em;
    padding: 1.5em;
    text-align: center;
    font: var(--livedigital-room-font, 500 1rem/1.4 system-ui, sans-serif);
    color: var(--livedigital-room-color, #f4f6fa);
    background: var(--livedigital-room-overlay, rgb(20 23 28 / .92));
  }
  .status p {
    margin: 0;
    max-width: 32em;
  }
  .title {
    font-size: 1.25em;
    font-weight: 600;
  }
  .note {
    font-size: .875em;
    opacity: .85;
  }
  button {
    font: inherit;
    padding: .6em 1.4em;
    border: 0;
    border-radius: 999px;
    color: var(--livedigital-room-accent-text, #fff);
    background: var(--livedigital-room-accent, #2f5fe8);
    cursor: pointer;
  }
  button:focus-visible {
    outline: 2px solid var(--livedigital-room-accent, #2f5fe8);
    outline-offset: 3px;
  }
  .spinner {
    width: 2em;
    height: 2em;
    border: 3px solid;
    border-right-color: transparent;
    border-radius: 50%;
    animation: spin .9s linear infinite;
  }
  @keyframes spin {
    to {
      transform: rotate(1turn);
    }
  }
  @media (prefers-reduced-motion: reduce) {
    .spinner {
      animation: none;
    }
  }
`;
