/** The default data directory, matching Electron's userData location per platform. */
import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_DIR_NAME = 'nq-hybrid-workstation';

export function defaultDataDir(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  if (env.NQH_DATA_DIR) return env.NQH_DATA_DIR;
  if (platform === 'win32')
    return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_DIR_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_DIR_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_DIR_NAME);
}
