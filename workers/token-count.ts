/**
 * Token counts with a model's own tokenizer, in that model's worker. Only the tokenizer files are read (never the
 * weights), once per worker; a model whose files have no tokenizer.json (web-llm, replay) cannot count this way.
 */
import { ModelNotFoundError } from '../extension/protocol/errors.ts';
import type { CatalogueEntry } from '../models/catalogue.ts';
import { resolveModel } from '../models/registry.ts';
import { TextTokenizer } from './engines/tokenizer.ts';
import { readModelJson } from './model-files.ts';

export interface TokenCountDeps {
  resolve: (id: string) => Promise<CatalogueEntry | undefined>;
  read: (entry: CatalogueEntry, path: string) => Promise<Record<string, unknown>>;
}

const defaults = (): TokenCountDeps => ({
  resolve: (id) => resolveModel(id),
  read: (entry, path) => readModelJson(entry, path, self.location.origin),
});

export class TokenCounter {
  private readonly tokenizers = new Map<string, Promise<TextTokenizer>>();

  constructor(private readonly deps: TokenCountDeps = defaults()) {}

  private tokenizer(model: string): Promise<TextTokenizer> {
    let loading = this.tokenizers.get(model);
    if (!loading) {
      loading = (async () => {
        const entry = await this.deps.resolve(model);
        if (!entry) throw new ModelNotFoundError(`no model "${model}" in the catalogue`, { model });
        if (!entry.files.some((f) => f.path === 'tokenizer.json')) {
          throw new ModelNotFoundError(`"${entry.name}" has no tokenizer.json to count tokens with`, { model });
        }
        const [tokenizerJson, tokenizerConfig] = await Promise.all([
          this.deps.read(entry, 'tokenizer.json'),
          this.deps.read(entry, 'tokenizer_config.json').catch(() => ({})),
        ]);
        return new TextTokenizer({ tokenizerJson, tokenizerConfig });
      })();
      this.tokenizers.set(model, loading);
      loading.catch(() => this.tokenizers.delete(model));
    }
    return loading;
  }

  /** The tokenizer a loaded engine already built for `model`: counting then reads no file at all. */
  remember(model: string, tokenizer: TextTokenizer): void {
    this.tokenizers.set(model, Promise.resolve(tokenizer));
  }

  /** Tokens of `text` as the model reads it inside a prompt (no BOS/EOS added). */
  async count(model: string, text: string): Promise<{ model: string; tokens: number }> {
    const tokenizer = await this.tokenizer(model);
    return { model, tokens: text ? tokenizer.encode(text, false).length : 0 };
  }
}
