import { render } from 'preact';
import '@/components/theme.css';
import '@/components/components.css';
import './popup.css';
import { Popup } from './popup';

render(<Popup />, document.getElementById('app')!);
