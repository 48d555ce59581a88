import { useEffect, useState } from 'preact/hooks';
import type { Feature, PanelIntent } from '../protocol/schemas.ts';
import { readSetting, writeSetting } from '../storage/settings.ts';
import { MathPanel } from '../features/math/MathPanel.tsx';
import { ModelsPanel } from '../features/models/ModelsPanel.tsx';
import { AutomatePanel } from '../features/automate/AutomatePanel.tsx';
import { PagePanel } from '../features/automate/PagePanel.tsx';
import { ProbesPanel } from '../features/probes/ProbesPanel.tsx';
import { StoryPanel } from '../features/story/StoryPanel.tsx';
import { FeaturePlaceholder } from './FeaturePlaceholder.tsx';
import { PageBinding } from './PageBinding.tsx';
import { SystemPanel } from './SystemPanel.tsx';
import { Tabs, type TabSpec } from './Tabs.tsx';

type TabId = Feature | 'models' | 'system' | 'page';
const POPUP_TABS: TabSpec[] = [
  { id: 'models', label: 'Models' }, { id: 'math', label: 'Math' }, { id: 'story', label: 'Story' },
  { id: 'probes', label: 'Probes' }, { id: 'system', label: 'System' },
];
const PANEL_TABS: TabSpec[] = [{ id: 'automate', label: 'Automate' }, { id: 'page', label: 'Page' }, ...POPUP_TABS];

export interface AppProps {
  surface: 'popup' | 'sidepanel';
  tabId?: number | undefined;
  intent?: PanelIntent | null;
}

/** The same components render in the popup and the side panel; the side panel adds the page it is bound to. */
export function App({ surface, tabId, intent }: AppProps) {
  const tabs = surface === 'popup' ? POPUP_TABS : PANEL_TABS;
  const settingKey = `${surface}.lastTab`;
  const [selected, setSelected] = useState<TabId | undefined>(intent ? intent.feature : undefined);

  useEffect(() => {
    if (selected !== undefined) return;
    void readSetting<TabId>(settingKey, tabs[0]!.id as TabId).then((id) =>
      setSelected(tabs.some((tab) => tab.id === id) ? id : (tabs[0]!.id as TabId)));
  }, []);

  const select = (id: string) => {
    setSelected(id as TabId);
    void writeSetting(settingKey, id);
  };

  return (
    <main class={`app ${surface}`}>
      <header>
        <h1>Pocket SLM</h1>
        {surface === 'sidepanel' && <PageBinding tabId={tabId} pageScheme={intent?.pageScheme} />}
      </header>
      {selected && (
        <Tabs label="Pocket SLM sections" tabs={tabs} selected={selected} onSelect={select}>
          {selected === 'system' ? <SystemPanel />
            : selected === 'story' ? <StoryPanel intent={intent ?? null} />
            : selected === 'math' ? <MathPanel intent={intent ?? null} />
            : selected === 'models' ? <ModelsPanel />
            : selected === 'page' ? <PagePanel tabId={tabId} />
            : selected === 'automate' ? <AutomatePanel tabId={tabId} />
            : selected === 'probes' ? <ProbesPanel />
            : <FeaturePlaceholder feature={selected} intent={intent ?? null} />}
        </Tabs>
      )}
    </main>
  );
}
