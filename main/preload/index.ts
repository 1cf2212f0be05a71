// The preload: exposes window.faxdesk, built from the contract, and nothing else (bundled as one CommonJS file so it
// runs in a sandboxed renderer).
import { contextBridge, ipcRenderer } from 'electron';
import { createFaxdeskApi } from '../../shared/api';
import { createIpcRendererTransport } from './transport';

contextBridge.exposeInMainWorld('faxdesk', createFaxdeskApi(createIpcRendererTransport(ipcRenderer)));
