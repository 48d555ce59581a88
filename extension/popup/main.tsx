import { render } from 'preact';
import { App } from '../ui/App.tsx';

render(<App surface="popup" />, document.getElementById('root')!);
