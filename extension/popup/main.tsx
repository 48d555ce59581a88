import { render } from 'preact';
import { draftStore } from '../platform/index.ts';
import { App } from '../ui/App.tsx';
import { persistDrafts } from '../ui/draft.ts';
import { OpenSidePanel } from './OpenSidePanel.tsx';

// The drafts first: a reopened popup shows what the user left in its forms.
void persistDrafts(draftStore).catch(() => undefined).then(() => render(<><OpenSidePanel /><App surface="popup" /></>, document.getElementById('root')!));
