// The answer the servers of real-backends.mjs give (no imports: the browser tests load it too).

/**
 * It names the turn, quotes the last user text and counts the earlier answers, with quotes,
 * newlines, a backslash and non-ASCII text that a decoder could get wrong: a test that asserts it
 * exactly also proves that every turn's history reached the server as that library reads it.
 */
export function answerFor(userTexts, assistantCount) {
  const turn = userTexts.length;
  return (
    `# Turn ${turn}\n\nYou said: "${userTexts[turn - 1]}", after ${assistantCount} answer${assistantCount === 1 ? '' : 's'}.\n\n` +
    '- café ☕\n- line\\break `code`\n'
  );
}
