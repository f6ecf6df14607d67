// The baseline: what a developer would write by hand to put a livedigital room on a page — an
// iframe with the documented permissions, no checks, no fetcher, no texts, no events.
customElements.define(
  'hand-written-room',
  class extends HTMLElement {
    connectedCallback() {
      const frame = document.createElement('iframe');
      frame.allow = 'camera; microphone; fullscreen; autoplay; display-capture';
      frame.style.cssText = 'width:100%;height:100%;border:0';
      frame.title = 'livedigital room';
      frame.src = this.getAttribute('src');
      (this.shadowRoot ?? this.attachShadow({ mode: 'open' })).replaceChildren(frame);
    }
    disconnectedCallback() {
      this.shadowRoot.replaceChildren();
    }
  },
);
