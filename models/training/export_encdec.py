#!/usr/bin/python3
"""Step 3b of `npm run train:encdec`: exports the trained student to ONNX in the optimum layout OrtSeq2SeqEngine loads,
with its configs and tokenizer, and writes the torch reference for the parity checks.

    /usr/bin/python3 models/training/export_encdec.py [--data .cache/encdec]
        [--out models/bundled/tinystories-encdec] [--fixture test/fixtures/encdec-student]

Files (torch.onnx.export, opset 17, do_constant_folding=False so the tied embedding is stored once per file):
  encoder_model.onnx            input_ids, attention_mask → last_hidden_state
  decoder_model.onnx            input_ids, encoder_attention_mask, encoder_hidden_states
                                → logits, present.N.decoder.{key,value}, present.N.encoder.{key,value}
  decoder_with_past_model.onnx  input_ids, encoder_attention_mask, past_key_values.N.{decoder,encoder}.{key,value}
                                → logits, present.N.decoder.{key,value}
plus config.json (BART-style names), generation_config.json, and the teacher's tokenizer.json/tokenizer_config.json.
<fixture>/reference.json: for each prompt of <data>/prompts.json (ids from @huggingface/tokenizers), 32 greedy tokens by
a torch full recompute per step (no KV cache, no EOS stop) and the full logits of the first 4 steps of two prompts.
"""
import argparse
import json
import os
import shutil
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import encdec_model as M  # noqa: E402

NEW_TOKENS = 32
LOGIT_STEPS = 4
OPSET = 17


class Encoder(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, attention_mask):
        return self.model.encode(input_ids, attention_mask)


class FirstDecoder(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, encoder_attention_mask, encoder_hidden_states):
        cross = self.model.cross_kv(encoder_hidden_states)
        empty = encoder_hidden_states[:, None, :0, :M.HEAD_DIM].expand(-1, M.HEADS, -1, -1)
        logits, present = self.model.decode(input_ids, encoder_attention_mask, cross, [(empty, empty)] * M.DEC_LAYERS)
        outs = [logits]
        for (k, v), (ck, cv) in zip(present, cross):
            outs += [k, v, ck, cv]
        return tuple(outs)


class PastDecoder(torch.nn.Module):
    def __init__(self, model):
        super().__init__()
        self.model = model

    def forward(self, input_ids, encoder_attention_mask, *past):
        selfs = [(past[4 * i], past[4 * i + 1]) for i in range(M.DEC_LAYERS)]
        cross = [(past[4 * i + 2], past[4 * i + 3]) for i in range(M.DEC_LAYERS)]
        logits, present = self.model.decode(input_ids, encoder_attention_mask, cross, selfs)
        outs = [logits]
        for k, v in present:
            outs += [k, v]
        return tuple(outs)


def kv_names(prefix, kinds):
    return [f'{prefix}.{i}.{kind}.{kv}' for i in range(M.DEC_LAYERS) for kind in kinds for kv in ('key', 'value')]


def export(model, out):
    os.makedirs(out, exist_ok=True)
    ids = torch.tensor([[1, 80, 147, 201, 282, 215]])
    mask = torch.ones_like(ids)
    enc = model.encode(ids, mask)
    common = dict(opset_version=OPSET, do_constant_folding=False)
    torch.onnx.export(Encoder(model), (ids, mask), os.path.join(out, 'encoder_model.onnx'),
                      input_names=['input_ids', 'attention_mask'], output_names=['last_hidden_state'],
                      dynamic_axes={'input_ids': {0: 'batch', 1: 'encoder_sequence_length'},
                                    'attention_mask': {0: 'batch', 1: 'encoder_sequence_length'},
                                    'last_hidden_state': {0: 'batch', 1: 'encoder_sequence_length'}}, **common)

    dec_ids = torch.tensor([[M.DECODER_START]])
    first_out = ['logits'] + [n for i in range(M.DEC_LAYERS) for n in (
        f'present.{i}.decoder.key', f'present.{i}.decoder.value', f'present.{i}.encoder.key', f'present.{i}.encoder.value')]
    kv_axes = lambda name, length: {name: {0: 'batch', 2: length}}
    axes = {'input_ids': {0: 'batch', 1: 'decoder_sequence_length'},
            'encoder_attention_mask': {0: 'batch', 1: 'encoder_sequence_length'},
            'encoder_hidden_states': {0: 'batch', 1: 'encoder_sequence_length'},
            'logits': {0: 'batch', 1: 'decoder_sequence_length'}}
    for n in first_out[1:]:
        axes.update(kv_axes(n, 'encoder_sequence_length' if '.encoder.' in n else 'decoder_sequence_length'))
    torch.onnx.export(FirstDecoder(model), (dec_ids, mask, enc), os.path.join(out, 'decoder_model.onnx'),
                      input_names=['input_ids', 'encoder_attention_mask', 'encoder_hidden_states'],
                      output_names=first_out, dynamic_axes=axes, **common)

    outs = FirstDecoder(model)(dec_ids, mask, enc)
    past = list(outs[1:])
    past_in = [n.replace('present', 'past_key_values') for n in first_out[1:]]
    past_out = ['logits'] + [n for i in range(M.DEC_LAYERS) for n in (f'present.{i}.decoder.key', f'present.{i}.decoder.value')]
    axes = {'input_ids': {0: 'batch', 1: 'decoder_sequence_length'},
            'encoder_attention_mask': {0: 'batch', 1: 'encoder_sequence_length'},
            'logits': {0: 'batch', 1: 'decoder_sequence_length'}}
    for n in past_in:
        axes.update(kv_axes(n, 'encoder_sequence_length' if '.encoder.' in n else 'past_decoder_sequence_length'))
    for n in past_out[1:]:
        axes.update(kv_axes(n, 'past_decoder_sequence_length + 1'))
    torch.onnx.export(PastDecoder(model), (torch.tensor([[5]]), mask, *past),
                      os.path.join(out, 'decoder_with_past_model.onnx'),
                      input_names=['input_ids', 'encoder_attention_mask'] + past_in, output_names=past_out,
                      dynamic_axes=axes, **common)


def write_configs(out, teacher):
    config = {
        'architectures': ['PocketEncDecForConditionalGeneration'],
        'model_type': 'pocket-encdec',
        'is_encoder_decoder': True,
        'vocab_size': M.VOCAB, 'd_model': M.D_MODEL,
        'encoder_layers': M.ENC_LAYERS, 'decoder_layers': M.DEC_LAYERS,
        'encoder_attention_heads': M.HEADS, 'decoder_attention_heads': M.HEADS,
        'encoder_ffn_dim': M.FFN, 'decoder_ffn_dim': M.FFN,
        'max_position_embeddings': M.MAX_POSITIONS,
        'position_embedding': 'sinusoidal (no table; max_position_embeddings is the window the engine uses)',
        'normalization': 'pre-LayerNorm', 'activation_function': 'gelu',
        'tie_word_embeddings': True, 'scale_embedding': M.SCALE_EMBEDDING,
        'bos_token_id': M.BOS, 'pad_token_id': M.PAD, 'eos_token_id': M.EOS, 'decoder_start_token_id': M.DECODER_START,
    }
    generation = {'bos_token_id': M.BOS, 'pad_token_id': M.PAD, 'eos_token_id': M.EOS,
                  'decoder_start_token_id': M.DECODER_START}
    for name, data in (('config.json', config), ('generation_config.json', generation)):
        with open(os.path.join(out, name), 'w') as f:
            json.dump(data, f, indent=2)
            f.write('\n')
    for name in ('tokenizer.json', 'tokenizer_config.json'):
        shutil.copyfile(os.path.join(teacher, 'original', name), os.path.join(out, name))
    shutil.copyfile(os.path.join(teacher, 'LICENSE-Apache-2.0.txt'), os.path.join(out, 'LICENSE-Apache-2.0.txt'))


def reference(model, prompts, fixture):
    cases = []
    for n, p in enumerate(prompts):
        tokens, steps = M.greedy(model, p['input_ids'], NEW_TOKENS)
        margins = []
        for row in steps:
            top = torch.topk(row, 2).values
            margins.append(float(top[0] - top[1]))
        case = {'text': p['text'], 'input_ids': p['input_ids'], 'generated_ids': tokens, 'min_margin': min(margins)}
        if n < 2:
            case['step_logits'] = [[round(float(x), 6) for x in row] for row in steps[:LOGIT_STEPS]]
        cases.append(case)
    os.makedirs(fixture, exist_ok=True)
    data = {
        'about': 'torch reference of the student (models/training/encdec_model.py, weights as exported): greedy ids by a '
                 'full decoder recompute per step (no KV cache), no EOS stop; step_logits: the full logits of the first '
                 f'{LOGIT_STEPS} greedy steps (decoder inputs: start token, then the greedy ids).',
        'new_tokens': NEW_TOKENS, 'decoder_start_token_id': M.DECODER_START, 'eos_token_id': M.EOS,
        'torch': torch.__version__, 'cases': cases,
    }
    with open(os.path.join(fixture, 'reference.json'), 'w') as f:
        json.dump(data, f)
        f.write('\n')
    return cases


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--data', default='.cache/encdec')
    ap.add_argument('--out', default='models/bundled/tinystories-encdec')
    ap.add_argument('--fixture', default='test/fixtures/encdec-student')
    ap.add_argument('--teacher', default='../shared/models/TinyStories-656K')
    args = ap.parse_args()
    torch.set_num_threads(2)
    weights = os.path.join(args.data, 'student.pt')
    if not os.path.exists(weights):
        raise SystemExit(f'export_encdec: {weights} is missing: run train_encdec.py first')
    arch_path = os.path.join(args.data, 'arch.json')
    if os.path.exists(arch_path):  # written by train_encdec.py; runs before it had the option used 2+2 layers, unscaled
        with open(arch_path) as f:
            arch = json.load(f)
        M.configure(enc_layers=arch['enc_layers'], dec_layers=arch['dec_layers'], scale_embedding=arch['scale_embedding'])
    model = M.EncDec()
    model.load_state_dict(torch.load(weights))
    model.eval()
    with open(os.path.join(args.data, 'prompts.json')) as f:
        prompts = json.load(f)['prompts']
    with torch.no_grad():
        export(model, args.out)
        write_configs(args.out, args.teacher)
        cases = reference(model, prompts, args.fixture)
    for c in cases:
        print(c['text'], '→', c['generated_ids'], f"(min margin {c['min_margin']:.4f})")


if __name__ == '__main__':
    main()
