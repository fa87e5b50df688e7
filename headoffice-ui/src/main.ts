import { mount } from 'svelte';
import App from './app.svelte';
import '../../pos-ui/src/app.css';
import '../../backoffice-ui/src/backoffice.css';

mount(App, { target: document.getElementById('app')! });
