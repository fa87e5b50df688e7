import { mount } from 'svelte';
import Display from './screens/display/customer-display.svelte';
import './app.css';

mount(Display, { target: document.getElementById('app')! });
