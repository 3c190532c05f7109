// Renderer entry: global styles (uPlot's, then ours), then the Svelte app.
import 'uplot/dist/uPlot.min.css';
import './app.css';
import { mount } from 'svelte';
import App from './App.svelte';

const target = document.getElementById('app');
if (target === null) throw new Error('index.html has no #app element.');
mount(App, { target });
