import { createApp } from 'vue';
import 'llm-stream-chat/define'; // registers <llm-stream-chat>
import App from './App.vue';

createApp(App).mount('#app');
