// Pressing controls the way a user does: a real pointer click (through the browser's input
// pipeline, via CDP) at the control's on-screen centre, and real key presses. Unlike
// `el.click()`, a real click goes to whatever is drawn on top at that point: a control covered by
// content cannot be pressed, and a test that uses this helper sees it.
import { resetMouse, sendKeys, sendMouse } from '@web/test-runner-commands';

/** An element with a shadow root whose controls are found by `part`, such as `<llm-stream-chat>`. */
type Host = Element & { readonly shadowRoot: ShadowRoot | null };

/**
 * The control: `target` itself, or the first element of `target`'s shadow root whose `part`
 * list has `part`.
 */
export function controlOf(target: Element, part?: string): HTMLElement {
  if (part === undefined) return target as HTMLElement;
  const control = (target as Host).shadowRoot?.querySelector<HTMLElement>(`[part~="${part}"]`);
  if (!control) throw new Error(`no [part~="${part}"] in the shadow root of <${target.localName}>`);
  return control;
}

/**
 * The centre of `element`, rounded to whole CSS pixels, in the coordinates of the top-level page's
 * viewport (which is what pointer input uses): offsets of enclosing iframes are added.
 */
export function centreOf(element: Element): [number, number] {
  const rect = element.getBoundingClientRect();
  let x = rect.left + rect.width / 2;
  let y = rect.top + rect.height / 2;
  for (let view: Window | null = element.ownerDocument.defaultView; view?.frameElement; view = view.parent) {
    const frame = view.frameElement.getBoundingClientRect();
    x += frame.left + view.frameElement.clientLeft;
    y += frame.top + view.frameElement.clientTop;
  }
  return [Math.round(x), Math.round(y)];
}

/** The innermost element drawn on top at `element`'s own centre, through open shadow roots. */
export function topmostAtCentreOf(element: Element): Element | null {
  const rect = element.getBoundingClientRect();
  const x = Math.round(rect.left + rect.width / 2);
  const y = Math.round(rect.top + rect.height / 2);
  let hit = element.ownerDocument.elementFromPoint(x, y);
  while (hit?.shadowRoot) {
    const inner = hit.shadowRoot.elementFromPoint(x, y);
    if (!inner || inner === hit) break;
    hit = inner;
  }
  return hit;
}

/** A short description of an element for error messages: `<td>` in `.md-chunk`, say. */
function describe(element: Element | null): string {
  if (!element) return 'nothing';
  const part = element.getAttribute('part');
  const cls =
    typeof element.className === 'string' && element.className ? `.${element.className.split(/\s+/).join('.')}` : '';
  const owner = element.closest('.md-chunk, .md-block, .content');
  return `<${element.localName}${cls}${part ? ` part="${part}"` : ''}>${owner && owner !== element ? ` inside .${owner.className.split(/\s+/)[0]}` : ''}`;
}

/** Whether the centre of `element` is inside its own window's viewport and the top page's. */
function inViewport(element: Element): boolean {
  const rect = element.getBoundingClientRect();
  const view = element.ownerDocument.defaultView!;
  const [x, y] = centreOf(element);
  const top = window.top ?? window;
  const centreX = rect.left + rect.width / 2;
  const centreY = rect.top + rect.height / 2;
  return (
    centreX >= 0 &&
    centreY >= 0 &&
    centreX < view.innerWidth &&
    centreY < view.innerHeight &&
    x >= 0 &&
    y >= 0 &&
    x < top.innerWidth &&
    y < top.innerHeight
  );
}

/** Whether `hit` is `control` or inside it (through shadow roots, for slotted or nested parts). */
function isWithin(hit: Element | null, control: Element): boolean {
  for (let node: Node | null = hit; node; node = node.parentNode ?? (node as ShadowRoot).host ?? null) {
    if (node === control) return true;
  }
  return false;
}

/**
 * Clicks a control as a user does: moves the real pointer to its on-screen centre and presses
 * and releases the primary button there. `clickControl(chat, 'jump-button')` finds the control by
 * its part in `chat`'s shadow root; `clickControl(button)` clicks that element.
 *
 * The click goes wherever the browser sends it. Before it, the helper checks what is drawn on top
 * at that point: when it is not the control (content painted over it, or the control is off
 * screen or hidden), it still clicks, so the page sees what a user's click would do, and then
 * throws an error that names what was hit. Resolves once the click's events have been handled.
 */
export async function clickControl(target: Element, part?: string): Promise<void> {
  const control = controlOf(target, part);
  const name = part ?? describe(control);
  if (!control.checkVisibility()) throw new Error(`${name} is not shown: a user cannot press it`);
  // Off screen, a user scrolls the page to the control first (a control clipped by the log's own
  // scrolling is not brought into view: that is left to the check of what is on top below).
  if (!inViewport(control)) {
    control.scrollIntoView({ block: 'nearest', inline: 'nearest' });
    await new Promise((resolve) => requestAnimationFrame(resolve));
    if (!inViewport(control)) throw new Error(`${name} cannot be scrolled into the viewport: a user cannot press it`);
  }
  const [x, y] = centreOf(control);
  const hit = topmostAtCentreOf(control);
  try {
    await sendMouse({ type: 'click', position: [x, y] });
  } finally {
    // Release the pointer away from the page's content, so no hover state leaks into the next test.
    await resetMouse();
  }
  if (!isWithin(hit, control)) {
    throw new Error(`a click at the centre of ${name} (${x}, ${y}) lands on ${describe(hit)}, drawn over it`);
  }
}

/**
 * Presses a key where the focus is, as a real key press: `Enter`, `Escape`, `PageUp`, `Tab`, or
 * with modifiers held, `Shift+Enter`, `Control+a`.
 */
export async function press(keys: string): Promise<void> {
  const modifiers = keys.length > 1 ? keys.split(/\+(?!$)/) : [keys];
  const key = modifiers.pop()!;
  for (const modifier of modifiers) await sendKeys({ down: modifier });
  try {
    await sendKeys({ press: key });
  } finally {
    for (const modifier of modifiers.reverse()) await sendKeys({ up: modifier });
  }
}

/** Types `text` where the focus is, one key at a time. */
export async function typeText(text: string): Promise<void> {
  await sendKeys({ type: text });
}
