import { useState } from 'preact/hooks';
import type { PanelIntent } from '../../protocol/schemas.ts';
import { Tabs } from '../../ui/Tabs.tsx';
import { useLiveQueryState } from '../../ui/useLiveQuery.ts';
import { WriteView } from './WriteView.tsx';
import { LibraryView } from './LibraryView.tsx';
import { RateView } from './RateView.tsx';
import { useOpenPair } from './rate-draft.ts';
import { ResultsView } from './ResultsView.tsx';
import { allStories } from './library.ts';

const VIEWS = [
  { id: 'story-write', label: 'Write' }, { id: 'story-library', label: 'Library' },
  { id: 'story-rate', label: 'Rate' }, { id: 'story-results', label: 'Results' },
];

/**
 * The Story tab: Write · Library · Rate · Results. Every view stays mounted, so a running story or an open pair survives
 * a switch; the open pair is also a draft (rate-draft.ts), so it survives the popup closing.
 */
export function StoryPanel({ intent }: { intent?: PanelIntent | null }) {
  const [view, setView] = useState('story-write');
  const { value: stories, error: storiesError } = useLiveQueryState(() => allStories(), []);
  const [pair, setPair] = useOpenPair();
  return (
    <Tabs label="Story views" tabs={VIEWS} selected={view} onSelect={setView}>
      <WriteView intent={intent ?? null} hidden={view !== 'story-write'} />
      <LibraryView hidden={view !== 'story-library'} stories={stories} storiesError={storiesError} openPairIds={pair && !pair.revealed ? pair.ids : []} />
      <RateView hidden={view !== 'story-rate'} stories={stories} pair={pair} setPair={setPair} />
      <ResultsView hidden={view !== 'story-results'} />
    </Tabs>
  );
}
