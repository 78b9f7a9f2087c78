/** Renderer entry: choose the transport, mount the app. */
import { createRoot } from 'react-dom/client';
import { App } from './app';
import { createApi } from './ipc/api';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('#root missing from index.html');
createRoot(root).render(<App api={createApi()} />);
