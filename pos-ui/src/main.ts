import { mount } from 'svelte';
import App from './app.svelte';
// Chinese on machines without a CJK font; only the subsets a page shows are fetched.
import '@fontsource-variable/noto-sans-sc';
import './app.css';

mount(App, { target: document.getElementById('app')! });
