import { render } from 'preact';
import '@/components/theme.css';
import '@/components/components.css';
import './sidepanel.css';
import { SidePanel } from './side-panel';
import { start } from './state';

void start();
render(<SidePanel />, document.getElementById('app')!);
