// Fills the theme samples with a short conversation and wires the main chat's "New conversation".
await customElements.whenDefined('llm-stream-chat');

const sample = [
  { id: 's1', role: 'user', content: 'How do I keep a chat scrolled to the newest message?', status: 'complete' },
  {
    id: 's2',
    role: 'assistant',
    content:
      'Follow the bottom **while the reader is there**, and stop as soon as they scroll up:\n\n' +
      '1. pin while at the bottom,\n2. unpin on any scroll up,\n3. offer a *Jump to latest* button.\n\n' +
      '```js\nlog.scrollTop = log.scrollHeight;\n```',
    status: 'complete',
  },
];

for (const chat of document.querySelectorAll('llm-stream-chat.light, llm-stream-chat.dark, llm-stream-chat.grape')) {
  chat.messages = sample;
}

const rtl = document.querySelector('llm-stream-chat.rtl');
rtl.strings = {
  logLabel: 'المحادثة',
  emptyState: 'أرسل رسالة لبدء المحادثة.',
  userLabel: 'أنت',
  assistantLabel: 'المساعد',
  inputLabel: 'الرسالة',
  placeholder: 'اكتب رسالة',
  send: 'إرسال',
  stop: 'إيقاف',
  thinking: 'يفكّر…',
  stopped: 'تم الإيقاف.',
  interrupted: 'انقطع الاتصال قبل اكتمال الإجابة.',
  errorFallback: 'حدث خطأ ما.',
  retry: 'إعادة المحاولة',
  regenerate: 'إعادة التوليد',
  copy: 'نسخ',
  copied: 'تم النسخ',
  copyFailed: 'تعذّر نسخ الرسالة.',
  jumpToLatest: 'الانتقال إلى الأحدث',
  newContent: 'محتوى جديد',
  answerComplete: 'اكتملت الإجابة.',
  answerStopped: 'توقفت الإجابة.',
  answerInterrupted: 'انقطعت الإجابة.',
};
rtl.messages = [
  { id: 'r1', role: 'user', content: 'ما هي أحداث الخادم المرسلة؟', status: 'complete' },
  {
    id: 'r2',
    role: 'assistant',
    content:
      'هي طريقة يرسل بها **الخادم** نصًا إلى المتصفح أثناء إنتاجه:\n\n' +
      '- يرسل العميل المحادثة بطلب `POST`.\n- يجيب الخادم بـ `text/event-stream`.',
    status: 'complete',
  },
];

const main = document.getElementById('main-chat');
document.getElementById('clear').addEventListener('click', () => {
  main.clear();
  main.focus();
});

// The plugin switches: the element loads a plugin from beside its script the first time it is
// listed, and renders every message again with the new list.
const switches = [...document.querySelectorAll('input[name="plugin"]')];
for (const box of switches) {
  box.addEventListener('change', () => {
    main.setAttribute('plugins', switches.filter((b) => b.checked).map((b) => b.value).join(' '));
  });
}
