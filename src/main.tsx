import { startEarlyRequests } from '@/app/boot-prefetch';
import './index.css';

// The entry is small on purpose: the first screen's requests start now, while the app (preloaded
// by the page, see vite.config.ts) is still arriving. A server-rendered page (gateway ssr/) came
// with its data: nothing to request.
if (!document.getElementById('lockboard-ssr')) startEarlyRequests(window.location);
void import('@/app/start');
