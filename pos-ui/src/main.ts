import { mount } from 'svelte';
import App from './app.svelte';
import { i18n } from './i18n/i18n.svelte.ts';
import './app.css';

// The first screen shows in the user's language, not English for a moment.
await i18n.ready;
mount(App, { target: document.getElementById('app')! });
