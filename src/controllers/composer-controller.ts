import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { AutosizeController } from './autosize-controller.js';

export interface ComposerOptions {
  /** The text area, once rendered. */
  input: () => HTMLTextAreaElement | null | undefined;
  /** Whether an answer is streaming: then the button stops it and Enter waits. */
  streaming: () => boolean;
  /** Sends the draft; returns whether it was taken (a refused or cancelled send keeps the draft). */
  submit: (text: string) => boolean;
  /** Stops the streaming answer. */
  stop: () => void;
}

/**
 * The composer's state and keyboard: the draft, Enter to send (never while an IME composition
 * is open), Shift+Enter for a newline, Esc to stop, one button that sends or stops, and focus
 * kept in the text area. The draft is only cleared once a send was taken, so a failed or
 * cancelled send never loses the user's text. Also grows the text area (see AutosizeController).
 */
export class ComposerController implements ReactiveController {
  /** What the user has typed but not sent. */
  draft = '';
  private composing = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ComposerOptions,
  ) {
    host.addController(this);
    new AutosizeController(host, { textarea: options.input });
  }

  hostDisconnected(): void {
    this.composing = false; // a composition cannot outlive its text area
  }

  /** Whether the draft is blank (the send button is then `aria-disabled`). */
  get blank(): boolean {
    return this.draft.trim() === '';
  }

  focus(options?: FocusOptions): void {
    this.options.input()?.focus(options);
  }

  /** Sends the draft if there is one and nothing streams; clears it once the send is taken. */
  submitDraft(): void {
    const text = this.draft;
    if (text.trim() === '' || this.options.streaming()) return;
    if (this.options.submit(text)) this.setDraft('');
  }

  readonly onSubmit = (event: SubmitEvent): void => {
    event.preventDefault();
    if (this.options.streaming()) this.options.stop();
    else this.submitDraft();
    this.focus();
  };

  readonly onKeyDown = (event: KeyboardEvent): void => {
    if (event.key === 'Escape' && this.options.streaming()) {
      event.preventDefault();
      this.options.stop();
      return;
    }
    if (event.key !== 'Enter' || event.shiftKey || event.target !== this.options.input()) return;
    // The Enter that confirms an IME composition must never send (keyCode 229: Safari's late keydown).
    if (event.isComposing || event.keyCode === 229 || this.composing) return;
    event.preventDefault(); // while streaming too: Enter neither stops nor adds a line
    this.submitDraft();
  };

  readonly onInput = (event: Event): void => {
    this.setDraft((event.target as HTMLTextAreaElement).value);
  };

  readonly onComposition = (event: CompositionEvent): void => {
    this.composing = event.type === 'compositionstart';
  };

  private setDraft(draft: string): void {
    if (draft === this.draft) return;
    this.draft = draft;
    this.host.requestUpdate();
  }
}
