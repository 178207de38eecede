// Minimal in-place update of a subtree to match a freshly sanitized fragment. Keeping nodes that
// did not change keeps the user's selection and halves layout work compared with replacing them.

/** Makes `target`'s children equal to `source`'s, moving nodes out of `source` where needed. */
export function morphChildren(target: Node, source: Node): void {
  let current = target.firstChild;
  let next = source.firstChild;
  while (next) {
    const following: ChildNode | null = next.nextSibling;
    if (current && current.nodeType === next.nodeType && current.nodeName === next.nodeName) {
      if (current.nodeType === Node.ELEMENT_NODE) {
        if (!sameAttributes(current as Element, next as Element)) {
          // Replaced rather than patched, so attribute order (and serialization) stays exact.
          target.replaceChild(next, current);
          current = next.nextSibling;
          next = following;
          continue;
        }
        morphChildren(current, next);
      } else if (current.nodeValue !== next.nodeValue) {
        updateText(current as CharacterData, next.nodeValue ?? '');
      }
      current = current.nextSibling;
    } else {
      target.insertBefore(next, current);
    }
    next = following;
  }
  while (current) {
    const after: ChildNode | null = current.nextSibling;
    target.removeChild(current);
    current = after;
  }
}

/** Appends when the text only grew, so a selection inside the node survives. */
export function updateText(node: CharacterData, value: string): void {
  const old = node.data;
  if (value.length > old.length && value.startsWith(old)) node.appendData(value.slice(old.length));
  else node.data = value;
}

function sameAttributes(a: Element, b: Element): boolean {
  const x = a.attributes;
  const y = b.attributes;
  if (x.length !== y.length) return false;
  for (let i = 0; i < x.length; i++) {
    if (x[i]!.name !== y[i]!.name || x[i]!.value !== y[i]!.value) return false;
  }
  return true;
}
