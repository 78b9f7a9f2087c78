// Run by `npm install` (prepare): fetches Electron's binary where the network allows, so a
// normal machine is ready for `npm start`. Where the download fails (as on machines without
// access to Electron's release host) it only warns: headless mode needs no Electron.
import { electronBinary } from './electron-binary.mjs';

if (process.env.NQH_SKIP_ELECTRON_DOWNLOAD === '1') process.exit(0);
const { path, why } = electronBinary();
if (path) console.log(`electron binary: ${path}`);
else console.warn(`warning: ${why}; \`npm start\` will use headless mode`);
