import '../../shared/zod-without-eval.ts';
import { mount } from 'svelte';
import App from './app.svelte';
import '../../pos-ui/src/app.css';
import './backoffice.css';

mount(App, { target: document.getElementById('app')! });
