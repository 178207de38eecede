import type { ChatErrorReason } from './core/errors.js';

/**
 * Every piece of text the element shows or announces. Set `strings` on the element to replace
 * any of them (for example with a translation); keys left out keep the English defaults below.
 * `{status}` in an error string is replaced by the HTTP status.
 */
export interface LlmChatStrings {
  /** Accessible name of the conversation log. */
  logLabel: string;
  /** Shown in an empty conversation when nothing is slotted into `empty`. */
  emptyState: string;
  /** Accessible name of a message the user wrote. */
  userLabel: string;
  /** Accessible name of a message the model wrote. */
  assistantLabel: string;
  /** Accessible name of the text area. */
  inputLabel: string;
  /** Placeholder of the text area. */
  placeholder: string;
  /** The send button. */
  send: string;
  /** The stop button shown while an answer streams. */
  stop: string;
  /** Accessible name of the typing indicator shown before the first token. */
  thinking: string;
  /** Notice under an answer the user stopped. */
  stopped: string;
  /** Notice under an answer whose connection dropped. */
  interrupted: string;
  /** Notice while a dropped stream is being resumed. */
  reconnecting: string;
  /** Notice under an answer the model cut off at its length limit. */
  truncated: string;
  /** Shown for a failed answer when the failure has no text of its own. */
  errorFallback: string;
  /** Button that asks again for a failed or interrupted answer. */
  retry: string;
  /** Button that asks again for the last answer. */
  regenerate: string;
  /** Button that copies a message. */
  copy: string;
  /** The copy button's text, and the announcement, once a message is copied. */
  copied: string;
  /** Announced when copying failed. */
  copyFailed: string;
  /** Accessible name of the group of buttons above a table. */
  tableTools: string;
  /** Button that copies a table as Markdown. */
  copyTableMarkdown: string;
  /** Button that copies a table as CSV. */
  copyTableCsv: string;
  /** Button that downloads a table as a CSV file. */
  downloadTableCsv: string;
  /** Accessible name of a diagram (the diagrams plugin). */
  diagram: string;
  /** Accessible name of a code block's copy button (its visible text is `copy`, then `copied`). */
  copyCode: string;
  /** The action on an image placeholder, after its alt text; `{host}` is filled in. */
  loadImage: string;
  /** Shown on an image placeholder when the image has no alt text. */
  image: string;
  /** Notice under a part of an answer shown as plain text because it could not be formatted. */
  unrenderedBlock: string;
  /** Button that scrolls back to the newest content and follows it again. */
  jumpToLatest: string;
  /** Accessible text of the dot on the jump button when content arrived below the view. */
  newContent: string;
  /** Announced (politely) when an answer finishes. */
  answerComplete: string;
  /** Announced when an answer is stopped. */
  answerStopped: string;
  /** Announced when an answer is interrupted. */
  answerInterrupted: string;
  /** The thumbs-up button under an answer (`feedback` attribute). */
  feedbackUp: string;
  /** The thumbs-down button under an answer. */
  feedbackDown: string;
  /** Label of the optional comment box shown after a rating (`feedback-comment` attribute). */
  feedbackCommentLabel: string;
  /** The button that sends the comment. */
  feedbackSubmit: string;
  /** Announced once a rating or a comment is given. */
  feedbackThanks: string;
  /** Title of the launcher's panel. */
  launcherTitle: string;
  /** The launcher button while the panel is closed. */
  openChat: string;
  /** The launcher button and the panel's close button while it is open. */
  closeChat: string;
  /** Announced, and the launcher button's extra text, when an answer finished while the panel was closed. */
  unreadAnswer: string;
  /** The reasoning disclosure's summary while the model reasons. */
  reasoningStreaming: string;
  /** The reasoning disclosure's summary once it is done; `{seconds}` is how long it took. */
  reasoningDone: string;
  /** The reasoning disclosure's summary when its duration is unknown (a restored answer). */
  reasoningLabel: string;
  /** The reasoning disclosure's summary when the provider sent it encrypted (redacted). */
  reasoningRedacted: string;
  /** Accessible name of a tool call's card; `{name}` is the tool's name. */
  toolLabel: string;
  /** A tool call's state while its input streams or the tool runs. */
  toolRunning: string;
  /** A tool call's state once its output arrived. */
  toolDone: string;
  /** A tool call's state when the tool failed. */
  toolFailed: string;
  /** A tool call's state when the answer ended with the call made and no output (the page runs it). */
  toolCalled: string;
  /** The disclosure holding a tool's output. */
  toolOutput: string;
  /** Accessible name of the list of sources under an answer. */
  sourcesLabel: string;
  /** A link to a file the model sent; `{name}` is its file name or type. */
  fileDownload: string;
  /** Alternative text of an image the model sent, when it has no file name. */
  fileImage: string;
  /**
   * Error text by failure reason (`http`, `network`, `content-type`, `provider`, `malformed`,
   * `incomplete`, `empty`, `configuration`, `render`). A reason left out shows the text the stream reported.
   */
  errors: Partial<Record<ChatErrorReason, string>>;
}

/** The English defaults. */
export const defaultStrings: Readonly<LlmChatStrings> = Object.freeze({
  logLabel: 'Conversation',
  emptyState: 'Send a message to start the conversation.',
  userLabel: 'You',
  assistantLabel: 'Assistant',
  inputLabel: 'Message',
  placeholder: 'Send a message',
  send: 'Send',
  stop: 'Stop',
  thinking: 'Thinking…',
  stopped: 'Stopped.',
  interrupted: 'The connection was lost before the answer finished.',
  reconnecting: 'Reconnecting…',
  truncated: "The answer was cut off: it reached the model's length limit.",
  errorFallback: 'Something went wrong.',
  retry: 'Retry',
  regenerate: 'Regenerate',
  copy: 'Copy',
  copied: 'Copied',
  copyFailed: 'Could not copy the message.',
  tableTools: 'Table',
  copyTableMarkdown: 'Copy Markdown',
  copyTableCsv: 'Copy CSV',
  downloadTableCsv: 'Download CSV',
  diagram: 'Diagram',
  copyCode: 'Copy code',
  loadImage: 'Load image from {host}',
  image: 'Image',
  unrenderedBlock: 'This part of the answer could not be formatted; it is shown as plain text.',
  jumpToLatest: 'Jump to latest',
  newContent: 'new content',
  answerComplete: 'Answer complete.',
  answerStopped: 'Answer stopped.',
  answerInterrupted: 'The answer was interrupted.',
  feedbackUp: 'Good answer',
  feedbackDown: 'Bad answer',
  feedbackCommentLabel: 'Tell us more (optional)',
  feedbackSubmit: 'Send feedback',
  feedbackThanks: 'Thanks for your feedback.',
  launcherTitle: 'Chat',
  openChat: 'Open chat',
  closeChat: 'Close chat',
  unreadAnswer: 'New answer in the chat.',
  reasoningStreaming: 'Thinking…',
  reasoningDone: 'Thought for {seconds} s',
  reasoningLabel: 'Reasoning',
  reasoningRedacted: 'Reasoning (redacted by the provider)',
  toolLabel: 'Tool: {name}',
  toolRunning: 'Running',
  toolDone: 'Done',
  toolFailed: 'Failed',
  toolCalled: 'Called',
  toolOutput: 'Output',
  sourcesLabel: 'Sources',
  fileDownload: 'Download {name}',
  fileImage: 'Image from the model',
  errors: Object.freeze({}),
});

/** Overrides as the `strings` property accepts them: any subset of the keys. */
export type LlmChatStringOverrides = Partial<Omit<LlmChatStrings, 'errors'>> & {
  errors?: Partial<Record<ChatErrorReason, string>>;
};

/** The defaults with `overrides` applied; `errors` is merged key by key. */
export function resolveStrings(overrides: LlmChatStringOverrides | null | undefined): LlmChatStrings {
  if (!overrides) return defaultStrings;
  const resolved: LlmChatStrings = { ...defaultStrings, errors: { ...defaultStrings.errors, ...overrides.errors } };
  for (const key of Object.keys(overrides) as (keyof LlmChatStringOverrides)[]) {
    const value = overrides[key];
    if (key !== 'errors' && typeof value === 'string') resolved[key] = value;
  }
  return resolved;
}

/**
 * The text to show for a failure: the override for its reason when there is one (with
 * `{status}` filled in), else the stream's own message.
 */
export function errorText(
  strings: LlmChatStrings,
  error: { reason: ChatErrorReason; message: string; status?: number },
): string {
  const template = strings.errors[error.reason];
  if (template === undefined) return error.message || strings.errorFallback;
  return template.replace(/\{status\}/g, error.status === undefined ? '' : String(error.status));
}
