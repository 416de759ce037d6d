import '@fontsource-variable/inter';
import './styles/theme.css';
import { mount } from 'svelte';
import App from './App.svelte';
import { createHost } from './host/index.js';
import { studioContext } from './state/context.js';
import { Studio } from './state/studio.svelte.js';

const target = document.getElementById('app');
if (!target) throw new Error('index.html has no #app element');
mount(App, { target, context: studioContext(new Studio(createHost())) });
