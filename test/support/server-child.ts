// The test outlet server in a process of its own (see server-process.ts): its memory can be
// measured apart from the test's, and if it runs out of it, the test sees it fall.
import path from 'node:path';
import { startTestServer } from './server.ts';

const server = await startTestServer();
process.send!({ url: server.url, databaseFile: path.join(server.dir, 'outlet.db') });
process.on('message', (message) => {
  if (message === 'stop') void server.close().then(() => process.exit(0));
});
