import { mount } from 'svelte';
import 'llm-stream-chat/define'; // registers <llm-stream-chat>
import App from './App.svelte';

mount(App, { target: document.getElementById('app')! });
