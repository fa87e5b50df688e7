import '../../shared/zod-without-eval.ts';
import { mount } from 'svelte';
import App from './app.svelte';
import { i18n } from './i18n.ts';
import '../../pos-ui/src/app.css';
import '../../backoffice-ui/src/backoffice.css';

// The first screen shows in the user's language, not English for a moment.
await i18n.ready;
mount(App, { target: document.getElementById('app')! });
