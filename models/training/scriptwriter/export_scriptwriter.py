#!/usr/bin/python3
"""Step 4 of the script-writer pipeline: ONNX export in the optimum split layout OrtSeq2SeqEngine loads, configs,
the tokenizer, and a torch reference for the parity tests.

    /usr/bin/python3 models/training/scriptwriter/export_scriptwriter.py [--data .cache/scriptwriter]
        [--out models/bundled/scriptwriter-encdec] [--fixture test/fixtures/scriptwriter]

Same graphs as the story student (export_encdec.py, opset 17), sized from <data>/sw-summary.json, the two decoders
merged into decoder_model_merged.onnx (merge_decoders.py): encoder_model.onnx + decoder_model_merged.onnx. <fixture>/reference.json: for the first
test-split inputs, greedy ids by torch with the self-attention cache, stopping at EOS.
"""
import argparse
import json
import os
import shutil
import sys

import torch

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(here, '..'))
import encdec_model as M  # noqa: E402
import export_encdec as E  # noqa: E402
import merge_decoders  # noqa: E402
import deconly_model as D  # noqa: E402
from train_scriptwriter import greedy  # noqa: E402

CASES = 6


def test_rows(data):
    """The first test-split rows (token ids) and their input texts by id."""
    with open(os.path.join(data, 'test.ids.jsonl')) as f:
        rows = [json.loads(line) for line in f if line.strip()][:CASES]
    wanted = {r['id'] for r in rows}
    texts = {}
    with open(os.path.join(data, 'test.jsonl')) as f:
        for line in f:
            row = json.loads(line)
            if row['id'] in wanted:
                texts[row['id']] = row['input']
    return rows, texts


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default='.cache/scriptwriter')
    ap.add_argument('--out', default='models/bundled/scriptwriter-encdec')
    ap.add_argument('--fixture', default='test/fixtures/scriptwriter')
    ap.add_argument('--from-checkpoint', action='store_true', help='export the latest training checkpoint (a dry run)')
    ap.add_argument('--arch', choices=['encdec', 'deconly'], default='encdec')
    args = ap.parse_args()
    if args.arch == 'deconly':
        return export_deconly(args)
    torch.set_num_threads(2)
    with open(os.path.join(args.data, 'tokenizer', 'tokenizer.json')) as f:
        vocab = len(json.load(f)['model']['vocab'])
    if args.from_checkpoint:
        ckpt = torch.load(os.path.join(args.data, 'sw-ckpt.pt'))
        a, weights = ckpt['args'], ckpt['model']
        dims = dict(d_model=a['d_model'], heads=a['heads'], ffn=a['ffn'], enc_layers=a['enc_layers'], dec_layers=a['dec_layers'],
                    scale_embedding=a.get('scale_embedding', False))
    else:
        with open(os.path.join(args.data, 'sw-summary.json')) as f:
            s = json.load(f)
        weights = torch.load(os.path.join(args.data, 'scriptwriter.pt'))
        dims = dict(d_model=s['d_model'], heads=s['heads'], ffn=s['ffn'], enc_layers=s['encoder_layers'], dec_layers=s['decoder_layers'],
                    scale_embedding=s.get('scale_embedding', False))
    M.configure(vocab=vocab, **dims)
    model = M.EncDec()
    model.load_state_dict(weights)
    model.eval()
    os.makedirs(args.out, exist_ok=True)
    for stale in ('decoder_model.onnx', 'decoder_with_past_model.onnx', 'decoder_model_merged.onnx'):
        if os.path.exists(os.path.join(args.out, stale)):
            os.remove(os.path.join(args.out, stale))
    with torch.no_grad():
        E.export(model, args.out)
    # One merged decoder (an If on use_cache_branch) instead of the pair: the weights stored once.
    first, past = (os.path.join(args.out, n) for n in ('decoder_model.onnx', 'decoder_with_past_model.onnx'))
    merge_decoders.onnx.save(merge_decoders.merge(merge_decoders.onnx.load(first), merge_decoders.onnx.load(past)),
                             os.path.join(args.out, 'decoder_model_merged.onnx'))
    os.remove(first)
    os.remove(past)
    config = {
        'architectures': ['PocketEncDecForConditionalGeneration'], 'model_type': 'pocket-encdec', 'is_encoder_decoder': True,
        'vocab_size': M.VOCAB, 'd_model': M.D_MODEL, 'encoder_layers': M.ENC_LAYERS, 'decoder_layers': M.DEC_LAYERS,
        'encoder_attention_heads': M.HEADS, 'decoder_attention_heads': M.HEADS, 'encoder_ffn_dim': M.FFN, 'decoder_ffn_dim': M.FFN,
        'max_position_embeddings': 1024,
        'position_embedding': 'sinusoidal (no table; max_position_embeddings is the window the engine uses)',
        'normalization': 'pre-LayerNorm', 'activation_function': 'gelu', 'tie_word_embeddings': True, 'scale_embedding': False,
        'bos_token_id': 1, 'pad_token_id': M.PAD, 'eos_token_id': M.EOS, 'decoder_start_token_id': M.DECODER_START,
    }
    generation = {'bos_token_id': 1, 'pad_token_id': M.PAD, 'eos_token_id': M.EOS, 'decoder_start_token_id': M.DECODER_START}
    for name, data in (('config.json', config), ('generation_config.json', generation)):
        with open(os.path.join(args.out, name), 'w') as f:
            json.dump(data, f, indent=2)
            f.write('\n')
    for name in ('tokenizer.json', 'tokenizer_config.json'):
        shutil.copyfile(os.path.join(args.data, 'tokenizer', name), os.path.join(args.out, name))

    rows, texts = test_rows(args.data)
    cases = [{'id': r['id'], 'text': texts[r['id']], 'input_ids': r['src'], 'generated_ids': greedy(model, r['src'], 160),
              'gold_ids': r['tgt']} for r in rows]
    os.makedirs(args.fixture, exist_ok=True)
    with open(os.path.join(args.fixture, 'reference.json'), 'w') as f:
        json.dump({'about': 'torch greedy ids of the exported script writer (self-attention cache, stops at EOS) on the first '
                            'test-split inputs; gold_ids are the corpus scripts', 'eos_token_id': M.EOS, 'torch': torch.__version__,
                   'cases': cases}, f)
        f.write('\n')
    exact = sum(c['generated_ids'] == c['gold_ids'] for c in cases)
    print(f'exported to {args.out}; reference: {exact}/{len(cases)} test inputs give the gold script')


def export_deconly(args):
    """The decoder-only comparison model: model.onnx (OrtDecoderEngine's layout), a llama-style config.json."""
    torch.set_num_threads(2)
    with open(os.path.join(args.data, 'tokenizer', 'tokenizer.json')) as f:
        vocab = len(json.load(f)['model']['vocab'])
    if args.from_checkpoint:
        ckpt = torch.load(os.path.join(args.data, 'do-ckpt.pt'))
        a, weights = ckpt['args'], ckpt['model']
        layers, dims = a['layers'], dict(d_model=a['d_model'], heads=a['heads'], ffn=a['ffn'], scale_embedding=a.get('scale_embedding', False))
    else:
        with open(os.path.join(args.data, 'do-summary.json')) as f:
            s = json.load(f)
        weights = torch.load(os.path.join(args.data, 'deconly.pt'))
        layers, dims = s['layers'], dict(d_model=s['d_model'], heads=s['heads'], ffn=s['ffn'], scale_embedding=s.get('scale_embedding', False))
    M.configure(vocab=vocab, **dims)
    model = D.DecOnly(layers)
    model.load_state_dict(weights)
    model.eval()
    os.makedirs(args.out, exist_ok=True)
    with torch.no_grad():
        D.export(model, os.path.join(args.out, 'model.onnx'))
    config = {
        'architectures': ['PocketDecoderOnly'], 'model_type': 'pocket-deconly', 'vocab_size': M.VOCAB,
        'hidden_size': M.D_MODEL, 'num_hidden_layers': layers, 'num_attention_heads': M.HEADS,
        'num_key_value_heads': M.HEADS, 'intermediate_size': M.FFN, 'max_position_embeddings': 1024,
        'position_embedding': 'sinusoidal (no table)', 'tie_word_embeddings': True,
        'pad_token_id': M.PAD, 'eos_token_id': M.EOS,
    }
    for name, data in (('config.json', config), ('generation_config.json', {'pad_token_id': M.PAD, 'eos_token_id': M.EOS})):
        with open(os.path.join(args.out, name), 'w') as f:
            json.dump(data, f, indent=2)
            f.write('\n')
    for name in ('tokenizer.json', 'tokenizer_config.json'):
        shutil.copyfile(os.path.join(args.data, 'tokenizer', name), os.path.join(args.out, name))
    rows, texts = test_rows(args.data)
    cases = [{'id': r['id'], 'text': texts[r['id']], 'input_ids': r['src'], 'generated_ids': D.greedy(model, r['src'], 160),
              'gold_ids': r['tgt']} for r in rows]
    os.makedirs(args.fixture, exist_ok=True)
    with open(os.path.join(args.fixture, 'reference-deconly.json'), 'w') as f:
        json.dump({'about': 'torch greedy ids of the exported decoder-only comparison model (KV cache, stops at EOS) on the '
                            'first test-split inputs', 'eos_token_id': M.EOS, 'torch': torch.__version__, 'cases': cases}, f)
        f.write('\n')
    exact = sum(c['generated_ids'] == c['gold_ids'] for c in cases)
    print(f'exported to {args.out}; reference: {exact}/{len(cases)} test inputs give the gold script')


if __name__ == '__main__':
    main()
