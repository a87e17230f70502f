import { startEarlyRequests } from '@/app/boot-prefetch';
import './index.css';

// The entry is small on purpose: the first screen's requests start now, while the app (preloaded
// by the page, see vite.config.ts) is still arriving.
startEarlyRequests(window.location);
void import('@/app/start');
