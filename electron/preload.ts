// The sandboxed preload, bundled into one CommonJS file: it exposes exactly the contract's API
// as `window.tidecast` and nothing else (no ipcRenderer, no Node).
import { contextBridge, ipcRenderer } from 'electron';
import { createApi } from './api';

contextBridge.exposeInMainWorld('tidecast', createApi(ipcRenderer));
