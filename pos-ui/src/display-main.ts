import { mount } from 'svelte';
import Display from './screens/display/customer-display.svelte';
// Chinese on machines without a CJK font; only the subsets a page shows are fetched.
import '@fontsource-variable/noto-sans-sc';
import './app.css';

mount(Display, { target: document.getElementById('app')! });
