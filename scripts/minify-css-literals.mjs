// A Vite plugin for the script-tag build: minifies the CSS inside Lit `css` template literals of
// our `*.styles.ts` files with lightningcss (the minifier Vite itself uses for CSS files).
// JavaScript minifiers leave template literal text alone, so without this the bundle would carry
// the style sheets with all their indentation and comments.
import { transform } from 'lightningcss';

const CSS_LITERAL = /\bcss`([^`]*)`/g;

/** Minifies one style sheet's text; literals with interpolations or escapes are left as they are. */
export function minifyCssText(text) {
  if (text.includes('${') || text.includes('\\')) return text;
  const { code } = transform({ filename: 'literal.css', code: Buffer.from(text), minify: true });
  return code.toString();
}

export function minifyCssLiterals() {
  return {
    name: 'llm-stream-chat:minify-css-literals',
    transform(code, id) {
      if (!/\.styles\.ts$/.test(id)) return null;
      const out = code.replace(CSS_LITERAL, (_, text) => `css\`${minifyCssText(text)}\``);
      return out === code ? null : { code: out, map: null };
    },
  };
}
