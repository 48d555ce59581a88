import type { Feature, PanelIntent } from '../protocol/schemas.ts';

const plans: Record<Exclude<Feature, 'story'>, { title: string; issue: number; what: string }> = {
  automate: { title: 'Automate', issue: 6, what: 'Describe a task; a local model writes one script against this page\'s API document and runs it step by step.' },
  math: { title: 'Math', issue: 7, what: 'Chain-of-thought, program-of-thought, self-consistency and a verifier, with the answer and its work.' },
  probes: { title: 'Probes', issue: 9, what: 'Reasoning benchmarks (GSM8K, ARC, BBH…) run in the browser with three repeats, mean ± std and charts.' },
};

/** An honest "not built yet" panel: says what will be here and where it is tracked; shows any text handed over. */
export function FeaturePlaceholder({ feature, intent }: { feature: Exclude<Feature, 'story'>; intent?: PanelIntent | null }) {
  const plan = plans[feature];
  return (
    <section aria-labelledby={`${feature}-heading`}>
      <h2 id={`${feature}-heading`}>{plan.title}</h2>
      <p>{plan.what}</p>
      <p class="muted">Not built yet (issue #{plan.issue}). Nothing on this tab runs a model today.</p>
      {intent && intent.feature === feature && intent.text && (
        <figure data-testid="intent-text">
          <figcaption>Text received from the page:</figcaption>
          <blockquote>{intent.text}</blockquote>
        </figure>
      )}
    </section>
  );
}
