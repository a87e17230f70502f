// `npm start`: builds the web app when it is missing or out of date, then runs the gateway
// (with the embedded demo platform unless PLUS_API_URL is set).
import { spawn } from 'node:child_process';
import { buildSpaIfStale } from './spa-build.mjs';

buildSpaIfStale();

const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
